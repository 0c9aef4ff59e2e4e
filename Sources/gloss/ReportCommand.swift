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
        Definitions: docs/analysis.md.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, md }

    @OptionGroup var project: ProjectArgument
    @OptionGroup var coder: CoderOption

    @Option(help: "A figure number from project.json.")
    var figure: Int?

    @Option(help: "Any category (a code path or id), reported ad hoc.")
    var category: String?

    @Option(help: "text, json, csv or md.")
    var format: Format = .text

    @Flag(help: "Leave out bars with no chats.")
    var hideEmpty = false

    @Flag(help: "Write the chat × code 0/1 matrix as CSV instead.")
    var matrix = false

    @Flag(help: "With --matrix: a column for every code, not only codes without sub-codes.")
    var allLevels = false

    @Option(help: "Width of the text bars (default: $COLUMNS or 80).")
    var width: Int?

    @OptionGroup var rawCSV: RawCSVFlag

    func run() throws {
        try reportingErrors {
            let context = try CoderCounts(project, coder)
            let (loaded, coderName, hierarchy) = (context.project, context.coder, context.hierarchy)
            let index = FrequencyIndex(hierarchy: hierarchy, digest: context.digest)
            for (code, quotes) in index.unknownCodes.sorted(by: { $0.key < $1.key }) {
                printError("warning: \(quotes) quote(s) carry code \(code), which is not in the codebook; they are not counted")
            }
            if matrix {
                Output.table(MatrixWriter.csv(CodeStatistics.matrix(hierarchy: hierarchy, index: index, allLevels: allLevels), hierarchy: hierarchy,
                                              cells: rawCSV.cells))
                return
            }
            guard figure == nil || category == nil else { throw GlossError("give --figure or --category, not both") }
            var figures: [Figure] = []
            if let category {
                guard let id = hierarchy.resolve(category) else { throw GlossError("no code \(GlossError.quoted(category)) in the codebook") }
                figures = [Figure(number: nil, title: hierarchy.code(id)!.name, category: id, hierarchy: hierarchy, index: index,
                                  totalChats: loaded.chatCount, hideEmpty: hideEmpty)]
            } else {
                let definitions = loaded.config.figures.filter { figure == nil || $0.number == figure }
                if let figure, definitions.isEmpty {
                    throw GlossError(file: loaded.configURL.path, "has no figure \(figure); it defines \(loaded.config.figures.map { String($0.number) }.joined(separator: ", "))")
                }
                for result in Figure.figures(for: definitions, hierarchy: hierarchy, index: index, totalChats: loaded.chatCount, hideEmpty: hideEmpty) {
                    switch result {
                    case .success(let figure): figures.append(figure)
                    case .failure(var error): error.file = loaded.configURL.path; throw error
                    }
                }
            }
            let columns = width ?? Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
            let writer = FigureWriter(coder: coderName, hierarchy: hierarchy, width: max(40, columns), cells: rawCSV.cells)
            switch format {
            case .text: Output.text(figures.map(writer.text).joined(separator: "\n\n"))
            case .json: Output.json(try writer.json(figures, single: figures.count == 1))
            case .csv: Output.table(figures.map(writer.csv).joined(separator: "\n"))
            case .md: Output.text(figures.map(writer.markdown).joined(separator: "\n"), terminator: "")
            }
        }
    }
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

    static func round2(_ value: Double?) -> Double? { value.map { ($0 * 100).rounded() / 100 } }

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
                   chatsCoded: figure.chatsCoded, share: Self.round2(figure.share), status: figure.status,
                   bars: figure.bars.map { .init(code: $0.path, label: $0.label, chats: $0.chats, percent: Self.round2($0.percent)) },
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
        let comment = caption(figure).replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        var out = "# \(comment)\n" + CSV.line(["code", "label", "chats", "percent"], cells: cells)
        for bar in figure.bars { out += CSV.line([bar.path, bar.label, String(bar.chats), Self.number(bar.percent)], cells: cells) }
        return out
    }

    func markdown(_ figure: Figure) -> String {
        let cell = Markdown.cell
        var out = "**\(cell(caption(figure)))**\n\n| code | chats | % of n |\n|---|---:|---:|\n"
        for bar in figure.bars { out += "| \(cell(bar.label)) | \(bar.chats) | \(Self.number(bar.percent)) |\n" }
        out += "\n\(statusLine(figure)) Percentages are of n, so they may add up to more than 100 %.\n"
        return out
    }
}

/// The chat × code matrix as CSV: `chat,<code path>,…` and one 0/1 row per chat coded.
enum MatrixWriter {
    static func csv(_ matrix: CodeStatistics.Matrix, hierarchy: CodeHierarchy, cells: SpreadsheetSafe.Cells = .spreadsheetSafe) -> String {
        // Only the header and the chat cells need CSV quoting; the 0/1 cells are written as bytes into one
        // buffer sized up front (10,000 rows × 120 cells would otherwise be 1.2 million small strings).
        let header = CSV.line(["chat"] + matrix.codes.map { hierarchy.path(of: $0) ?? $0.rawValue }, cells: cells)
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
