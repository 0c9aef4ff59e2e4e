import ArgumentParser
import Foundation
import GlossAnalysis
import GlossApp
import GlossCore
import GlossTerminal

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report a figure (chats per sub-code of a category) or the chat × code matrix.",
        discussion: """
        The unit is the chat: a chat counts once per code, and counts for a bar when it carries the sub-code \
        or any code below it. n = chats with any code in the category; share = 100 × n / chats coded; \
        percent = 100 × chats / n. Without --figure or --category, every figure of project.json is reported. \
        --variable NAME reports how the cases spread over a variable's values instead (n = cases where it is \
        known, missing beside it). --where VAR=VALUE or code:PATH=1|0 (repeatable, all must hold) limits every \
        report and the matrix to those cases. Definitions: docs/analysis.md.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, md, svg }

    @OptionGroup var project: ProjectArgument
    @OptionGroup var coder: CoderOption

    @Option(help: "A figure number from project.json.")
    var figure: Int?

    @Option(help: "Any category (a code path or id), reported ad hoc.")
    var category: String?

    @Option(help: "A case variable: the cases per value (in declared order), n = cases where it is known.")
    var variable: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Only cases where VAR=VALUE (a bin label for a binned variable), or code:PATH=1 / code:PATH=0 (the coder's chats with / coded without the code). Repeatable: all must hold.", valueName: "condition"))
    var conditions: [String] = []

    @Option(help: "text, json, csv, md or svg (pictures: see --output).")
    var format: Format = .text

    @Flag(help: "Leave out bars with no chats.")
    var hideEmpty = false

    @Flag(help: "Write the chat × code 0/1 matrix as CSV instead.")
    var matrix = false

    @Flag(help: "With --matrix: a column for every code, not only codes without sub-codes (and \"PATH (itself)\" for a category coded directly).")
    var allLevels = false

    @Option(help: "Width of the text bars (default: $COLUMNS or 80).")
    var width: Int?

    @OptionGroup var rawCSV: RawCSVFlag

    @OptionGroup var document: ReportDocumentOptions

    func run() throws {
        try reportingErrors {
            try document.check(svg: format == .svg, matrix: matrix, variable: variable != nil)
            let filter = try CaseFilter(parsing: conditions)
            if let variable {
                guard figure == nil, category == nil, !matrix else { throw GlossError("--variable reports a variable; leave out --figure, --category and --matrix") }
                try reportVariable(variable, filter: filter)
                return
            }
            let context = try CoderCounts(project, coder)
            let (loaded, coderName, hierarchy) = (context.project, context.coder, context.hierarchy)
            // --where: the cases that meet it; figures and the matrix count only those chats.
            var cases: [String]? = nil
            var table: CaseTable? = nil
            var digest = context.digest
            if !filter.isEmpty || (!loaded.config.variableFigures.isEmpty && category == nil && !matrix) {
                table = try loaded.caseTable(coderEntered: try enteredValues(loaded))
                for problem in table!.problems { printWarning(problem.description) }
            }
            if !filter.isEmpty, let table {
                let chosen = try filter.cases(in: table, codes: filter.needsCodes ? ChatCodes(hierarchy: hierarchy, digest: context.digest) : nil)
                cases = chosen
                digest = digest.restricted(to: Set(chosen))
            }
            let totalChats = cases.map { $0.filter(loaded.chatIDs.contains).count } ?? loaded.chatCount
            let index = FrequencyIndex(hierarchy: hierarchy, digest: digest)
            for (code, quotes) in index.unknownCodes.sorted(by: { $0.key < $1.key }) {
                printError("warning: \(quotes) quote(s) carry code \(code), which is not in the codebook; they are not counted")
            }
            // A consensus whose review meeting has items left says so wherever its figures go.
            let provisional = try ProvisionalNote.sentence(coderName, in: loaded)
            if matrix {
                if let provisional { printWarning(provisional) }
                let table = CodeStatistics.matrix(hierarchy: hierarchy, index: index, allLevels: allLevels)
                if let note = MatrixWriter.note(table, hierarchy: hierarchy) { printError(note) }
                Output.table(MatrixWriter.csv(table, hierarchy: hierarchy, cells: rawCSV.cells))
                return
            }
            guard figure == nil || category == nil else { throw GlossError("give --figure or --category, not both") }
            var figures: [ReportedFigure] = []
            if let category {
                guard let id = hierarchy.resolve(category) else { throw GlossError("no code \(GlossError.quoted(category)) in the codebook") }
                figures = [.code(Figure(number: nil, title: hierarchy.code(id)!.name, category: id, hierarchy: hierarchy, index: index,
                                        totalChats: totalChats, hideEmpty: hideEmpty))]
            } else {
                let definitions = loaded.config.figures.filter { figure == nil || $0.number == figure }
                let variableDefinitions = loaded.config.variableFigures.filter { figure == nil || $0.number == figure }
                if let figure, definitions.isEmpty && variableDefinitions.isEmpty {
                    let numbers = (loaded.config.figures.map(\.number) + loaded.config.variableFigures.map(\.number)).sorted()
                    throw GlossError(file: loaded.configURL.path, "has no figure \(figure); it defines \(numbers.map(String.init).joined(separator: ", "))")
                }
                if loaded.config.figureNumbers.isEmpty {
                    printError("project.json has no figures; add one with: gloss figure add \(project.directory) --number N --title TEXT --category CODE (or report one now with --category CODE)")
                }
                for result in Figure.figures(for: definitions, groups: loaded.config.groups, hierarchy: hierarchy, index: index, totalChats: totalChats, hideEmpty: hideEmpty) {
                    switch result {
                    case .success(let figure): figures.append(.code(figure))
                    case .failure(var error): error.file = loaded.configURL.path; throw error
                    }
                }
                if !variableDefinitions.isEmpty, let table {
                    for result in VariableFigure.figures(for: variableDefinitions, table: table, cases: cases) {
                        switch result {
                        case .success(let figure): figures.append(.variable(figure))
                        case .failure(var error): error.file = loaded.configURL.path; throw error
                        }
                    }
                }
                figures.sort { ($0.number ?? 0) < ($1.number ?? 0) }
            }
            // Pictures and documents (ReportDocument.swift): --format svg, --html, --md.
            if document.wantsDocument {
                return try ReportDocument.writeDocuments(ReportDocumentContext(project: loaded, coder: coderName, figures: figures,
                    status: index.statusCounts(totalChats: totalChats), chatsCoded: index.chatsCoded, totalChats: totalChats, filter: filter,
                    provisional: provisional), options: document)
            }
            if let provisional {
                switch format {
                case .text: Output.text("PROVISIONAL: \(provisional).\n")
                case .csv: Output.table("# PROVISIONAL: \(provisional).\n")
                case .md: Output.text("> **Provisional:** \(Markdown.inline(provisional)).\n")
                case .json, .svg: printWarning("\(provisional)")
                }
            }
            if format == .svg { return try ReportDocument.writeSVG(figures, options: document) }
            let columns = width ?? Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
            let writer = FigureWriter(coder: coderName, hierarchy: hierarchy, width: max(40, columns), cells: rawCSV.cells)
            let distributions = DistributionWriter(width: max(40, columns), cells: rawCSV.cells, filter: filter)
            // Which cases --where left, said once above the figures (a `#` comment line in CSV, as the captions).
            let subset = "Cases where \(filter): \(cases?.count ?? 0) (\(totalChats) chat(s))."
            if !filter.isEmpty {
                switch format {
                case .text: Output.text(subset)
                case .csv: Output.table("# " + subset.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") + "\n")
                case .md: Output.text("_\(Markdown.cell(subset))_\n")
                case .json, .svg: break
                }
            }
            switch format {
            case .text:
                Output.text(figures.map { $0.map(writer.text, distributions.text) }.joined(separator: "\n\n"))
            case .json:
                let values = figures.map { $0.map(writer.jsonValue, distributions.jsonValue) as any Encodable }
                Output.json(figures.count == 1 ? try JSONFormat.encode(AnyEncodable(values[0])) : try JSONFormat.encode(values.map(AnyEncodable.init)))
            case .csv: Output.table(figures.map { $0.map(writer.csv, distributions.csv) }.joined(separator: "\n"))
            case .md: Output.text(figures.map { $0.map(writer.markdown, distributions.markdown) }.joined(separator: "\n"), terminator: "")
            case .svg: break
            }
        }
    }

    /// The case attribute values the coder named with `--coder` entered in the workbench (none without the
    /// option: a report by `$USER` does not silently take one coder's reading of the chats).
    private func enteredValues(_ loaded: Project) throws -> [String: [String: String?]] {
        guard let name = coder.coder else { return [:] }
        return try CoderEnteredValues.values(project: loaded, coder: name)
    }

    /// `--variable NAME`: the distribution of one variable over the cases `--where` leaves (all without it).
    /// A coder's session is read only for a `code:` condition.
    private func reportVariable(_ name: String, filter: CaseFilter) throws {
        let loaded = try Project.load(project.url)
        let table = try loaded.caseTable(coderEntered: try enteredValues(loaded))
        for problem in table.problems { printWarning(problem.description) }
        var codes: ChatCodes? = nil
        if filter.needsCodes {
            let coderName = try coder.resolved()
            let digest = try loaded.readDigest(coderName, warn: printWarning)
            codes = ChatCodes(hierarchy: CodeHierarchy(codebook: loaded.codebook, proposed: digest.proposedCodes), digest: digest)
        }
        let cases = try filter.cases(in: table, codes: codes)
        guard let variable = table.variable(name) else {
            let known = table.variables.map { GlossError.quoted($0.name, limit: 40) }.prefix(30).joined(separator: ", ")
            throw GlossError("no variable \(GlossError.quoted(name)); the variables are \(known.isEmpty ? "none (gloss variables lists them)" : known)")
        }
        let distribution = VariableDistribution(variable, table: table, cases: filter.isEmpty ? nil : cases)
        let columns = width ?? Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
        let writer = DistributionWriter(width: max(40, columns), cells: rawCSV.cells, filter: filter)
        let shown = VariableFigure(number: 0, title: name, distribution: distribution)
        switch format {
        case .text: Output.text(writer.text(shown))
        case .json: Output.json(try JSONFormat.encode(DistributionWriter.JSONDistribution(distribution)))
        case .csv: Output.table(writer.csv(shown))
        case .md: Output.text(writer.markdown(shown), terminator: "")
        case .svg: try ReportDocument.writeSVG([.variable(shown)], options: document)
        }
    }
}

/// A figure of the report: on a code category or on a variable.
enum ReportedFigure {
    case code(Figure)
    case variable(VariableFigure)

    var number: Int? {
        switch self {
        case .code(let figure): figure.number
        case .variable(let figure): figure.number
        }
    }

    func map<T>(_ code: (Figure) throws -> T, _ variable: (VariableFigure) throws -> T) rethrows -> T {
        switch self {
        case .code(let figure): try code(figure)
        case .variable(let figure): try variable(figure)
        }
    }
}

/// Any encodable value, so figures of both kinds go into one JSON array.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}

/// Writes figures in the report's formats.
struct FigureWriter {
    let coder: String
    let hierarchy: CodeHierarchy
    let width: Int
    var cells: SpreadsheetSafe.Cells = .spreadsheetSafe

    func statusLine(_ figure: Figure) -> String {
        "Unit: chat. Coder \(coder): \(figure.status.done) done, \(figure.status.inProgress) in progress, \(figure.status.notStarted) not started. A chat can count in several bars."
    }

    func text(_ figure: Figure) -> String {
        let chart = FigureChart.chart(figure, hierarchy: hierarchy, useColor: false)
        var buffer = ScreenBuffer(width: width, height: chart.height(width: width))
        buffer.render(chart, in: buffer.area)
        return buffer.text + "\n" + statusLine(figure)
    }

    struct JSONFigure: Encodable {
        struct Bar: Encodable { var code: String; var label: String; var chats: Int; var percent: Double? }
        struct Unknown: Encodable { var code: String; var quotes: Int }
        var figure: Int?
        var title: String
        var category: String
        var unit = "chat"
        var coder: String
        var n: Int
        var chatsCoded: Int
        var share: Double?
        var status: StatusCounts
        var bars: [Bar]
        var unknownCodes: [Unknown]

        enum CodingKeys: String, CodingKey {
            case figure, title, category, unit, coder, n, share, status, bars
            case chatsCoded = "chats_coded"
            case unknownCodes = "unknown_codes"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(figure, forKey: .figure)  // null for --category
            try c.encode(title, forKey: .title)
            try c.encode(category, forKey: .category)
            try c.encode(unit, forKey: .unit)
            try c.encode(coder, forKey: .coder)
            try c.encode(n, forKey: .n)
            try c.encode(chatsCoded, forKey: .chatsCoded)
            try c.encode(share, forKey: .share)
            try c.encode(status, forKey: .status)
            try c.encode(bars, forKey: .bars)
            try c.encode(unknownCodes, forKey: .unknownCodes)
        }
    }

    func jsonValue(_ figure: Figure) -> JSONFigure {
        JSONFigure(figure: figure.number, title: figure.title, category: figure.categoryPath, coder: coder, n: figure.n,
                   chatsCoded: figure.chatsCoded, share: figure.share, status: figure.status,
                   bars: figure.bars.map { .init(code: $0.path, label: $0.label, chats: $0.chats, percent: $0.percent) },
                   unknownCodes: figure.unknownCodes.sorted { $0.key < $1.key }.map { .init(code: $0.key.rawValue, quotes: $0.value) })
    }

    func json(_ figures: [Figure], single: Bool) throws -> Data {
        single ? try JSONFormat.encode(jsonValue(figures[0])) : try JSONFormat.encode(figures.map(jsonValue))
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.2f", value)
    }

    func caption(_ figure: Figure) -> String {
        let name = figure.number.map { "Figuur \($0). \(figure.title)" } ?? figure.title
        let share = figure.share.map { " (\(Self.number($0)) % of \(figure.chatsCoded) chats coded)" } ?? " (no chats coded)"
        return "\(name): n = \(figure.n) chats\(share); category \(figure.categoryPath); coder \(coder)"
    }

    /// The caption is a `#` comment line above the table (a line break in a title becomes a space, so no
    /// title can start a row of its own); cells are spreadsheet-safe unless `cells` is `.raw`.
    func csv(_ figure: Figure) -> String {
        // The caption is one quoted, spreadsheet-safe cell after "#": a title or group name with commas and "="
        // must not become cells of their own that a spreadsheet reads as formulas.
        let comment = caption(figure).replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        let safe = SpreadsheetSafe.escaped(comment)
        var out = "# \"\(safe.replacingOccurrences(of: "\"", with: "\"\""))\"\n" + CSV.line(["code", "label", "chats", "percent"], cells: cells)
        for bar in figure.bars { out += CSV.line([bar.path, bar.label, String(bar.chats), Self.number(bar.percent)], cells: cells) }
        return out
    }

    func markdown(_ figure: Figure) -> String {
        // Titles, codes and group names are untrusted: no raw HTML, no link.
        let cell = Markdown.inline
        var out = "**\(cell(caption(figure)))**\n\n| code | chats | % of n |\n|---|---:|---:|\n"
        for bar in figure.bars { out += "| \(cell(bar.label)) | \(bar.chats) | \(Self.number(bar.percent)) |\n" }
        out += "\n\(statusLine(figure)) Percentages are of n, so they may add up to more than 100 %.\n"
        return out
    }
}

/// The chat × code matrix as CSV: `chat,<code path>,…` and one 0/1 row per chat coded.
enum MatrixWriter {
    /// A column's header: the code's path, and " (itself)" for a category's column of direct codings.
    static func column(_ matrix: CodeStatistics.Matrix, _ column: Int, hierarchy: CodeHierarchy) -> String {
        let path = hierarchy.path(of: matrix.codes[column]) ?? matrix.codes[column].rawValue
        return matrix.isItself(column) ? path + " (itself)" : path
    }

    /// Every column's header, each distinct: a code whose own name ends in " (itself)" could otherwise share a
    /// header with a category's column of direct codings, and a reader keyed by header would merge the two.
    /// A header used twice gets the code's id after it (" [id code-…]") on each of its columns.
    static func headers(_ matrix: CodeStatistics.Matrix, hierarchy: CodeHierarchy) -> [String] {
        let plain = matrix.codes.indices.map { column(matrix, $0, hierarchy: hierarchy) }
        var uses: [String: Int] = [:]
        for header in plain { uses[header, default: 0] += 1 }
        return plain.enumerated().map { column, header in
            uses[header]! > 1 ? header + " [id \(matrix.codes[column].rawValue)]" : header
        }
    }

    /// Said on standard error (the CSV stays plain for SPSS and R): which columns hold direct codings of a category.
    static func note(_ matrix: CodeStatistics.Matrix, hierarchy: CodeHierarchy) -> String? {
        let names = matrix.codes.indices.filter(matrix.isItself).map { column(matrix, $0, hierarchy: hierarchy) }
        guard !names.isEmpty else { return nil }
        return "note: columns are codes without sub-codes (with roll-up); \(names.count) categor\(names.count == 1 ? "y is" : "ies are") also coded directly, "
            + "each with a column of its own: " + names.map { GlossError.quoted($0) }.joined(separator: ", ") + " (use --all-levels for a column per code)"
    }

    static func csv(_ matrix: CodeStatistics.Matrix, hierarchy: CodeHierarchy, cells: SpreadsheetSafe.Cells = .spreadsheetSafe) -> String {
        // Only the header and the chat cells need CSV quoting; the 0/1 cells are written as bytes into one
        // buffer sized up front (10,000 rows × 120 cells would otherwise be 1.2 million small strings).
        let header = CSV.line(["chat"] + headers(matrix, hierarchy: hierarchy), cells: cells)
        let chatCells = matrix.chats.map { CSV.line([$0], cells: cells).utf8.dropLast() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(header.utf8.count + chatCells.reduce(0) { $0 + $1.count } + matrix.chats.count * (2 * matrix.codes.count + 1))
        bytes.append(contentsOf: header.utf8)
        for (row, chat) in chatCells.enumerated() {
            bytes.append(contentsOf: chat)
            for cell in matrix.row(row) {
                bytes.append(UInt8(ascii: ","))
                bytes.append(cell ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Writes variable distributions (`--variable`, figures on a variable) in the report's formats: n and missing in
/// every caption, cells spreadsheet-safe in CSV, Markdown escaped, controls escaped by `Output`.
struct DistributionWriter {
    let width: Int
    var cells: SpreadsheetSafe.Cells = .spreadsheetSafe
    var filter = CaseFilter()

    var note: String {
        "Unit: case. n = cases whose value is known; missing = cases where it is unknown. Each case counts in one bar."
            + (filter.isEmpty ? "" : " Cases where \(filter).")
    }

    func text(_ figure: VariableFigure) -> String {
        let chart = VariableFigureChart.chart(figure)
        var buffer = ScreenBuffer(width: width, height: chart.height(width: width))
        buffer.render(chart, in: buffer.area)
        return buffer.text + "\n" + note
    }

    /// `--variable --format json`: exactly `{variable, n, missing, bars: [{label, cases, percent}]}`, percent of n
    /// (0–100) at full double precision, null when n = 0.
    struct JSONDistribution: Encodable {
        struct Bar: Encodable {
            var label: String
            var cases: Int
            var percent: Double?
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(label, forKey: .label)
                try c.encode(cases, forKey: .cases)
                try c.encode(percent, forKey: .percent)
            }
            enum CodingKeys: String, CodingKey { case label, cases, percent }
        }
        var variable: String
        var n: Int
        var missing: Int
        var bars: [Bar]
        init(_ distribution: VariableDistribution) {
            variable = distribution.variable
            n = distribution.n
            missing = distribution.missing
            bars = distribution.bars.map { Bar(label: $0.label, cases: $0.cases, percent: $0.percent) }
        }
    }

    /// A figure on a variable in the report's JSON array: `{figure, title, variable, n, missing, bars}`.
    struct JSONVariableFigure: Encodable {
        var figure: Int
        var title: String
        var variable: String
        var n: Int
        var missing: Int
        var bars: [JSONDistribution.Bar]
    }

    func jsonValue(_ figure: VariableFigure) -> JSONVariableFigure {
        let d = JSONDistribution(figure.distribution)
        return JSONVariableFigure(figure: figure.number, title: figure.title, variable: d.variable, n: d.n, missing: d.missing, bars: d.bars)
    }

    func caption(_ figure: VariableFigure) -> String {
        let name = figure.number > 0 ? "Figuur \(figure.number). \(figure.title)" : figure.title
        let d = figure.distribution
        return "\(name): n = \(d.n) cases, \(d.missing) missing; variable \(d.variable) (\(d.type.rawValue))" + (filter.isEmpty ? "" : "; cases where \(filter)")
    }

    func csv(_ figure: VariableFigure) -> String {
        let comment = caption(figure).replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        var out = "# \(comment)\n" + CSV.line(["label", "cases", "percent"], cells: cells)
        for bar in figure.distribution.bars { out += CSV.line([bar.label, String(bar.cases), FigureWriter.number(bar.percent)], cells: cells) }
        return out
    }

    func markdown(_ figure: VariableFigure) -> String {
        let cell = Markdown.cell
        var out = "**\(cell(caption(figure)))**\n\n| value | cases | % of n |\n|---|---:|---:|\n"
        for bar in figure.distribution.bars { out += "| \(cell(bar.label)) | \(bar.cases) | \(FigureWriter.number(bar.percent)) |\n" }
        out += "\n\(cell(note))\n"
        return out
    }
}
