import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

/// `gloss stats`: the study's tables 1–2 (a crosstab with a test per cell) and its t-test, over the project's
/// cases. Definitions, and how the tables are built from the cases: docs/analysis.md.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Compare groups of cases: a crosstab with chi-square and per-cell tests, or a t-test.",
        subcommands: [StatsCrosstab.self, StatsTTest.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, md }
}

/// `gloss stats crosstab DIR ROW --by COL`.
struct StatsCrosstab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosstab",
        abstract: "Cross two variables (or code:PATH): column percentages, chi-square, a star per cell.",
        discussion: """
        ROW and COL are variables (rows and columns in the variable's order: declared for an ordinal, a binned or \
        a declared category variable, alphabetical for another category, ascending for a number) or code:PATH \
        (1 = the coder's chat carries the code or one below it, 0 = the chat is coded without it, unknown = not \
        started or no transcript; 1 first). n = cases where both are known; missing = cases (after --where) where \
        either is unknown. JSON keeps full precision; text and md print the study's table. docs/analysis.md.
        """
    )

    @OptionGroup var project: ProjectArgument

    @Argument(help: ArgumentHelp("The row variable, or code:PATH.", valueName: "row"))
    var row: String

    @Option(name: .customLong("by"), help: ArgumentHelp("The column variable (the groups compared), or code:PATH.", valueName: "column"))
    var column: String

    @OptionGroup var coder: CoderOption

    @Option(name: .customLong("where"), help: ArgumentHelp("Only cases where VAR=VALUE, or code:PATH=1|0. Repeatable: all must hold.", valueName: "condition"))
    var conditions: [String] = []

    @Option(help: "text, json, csv or md.")
    var format: StatsCommand.Format = .text

    func run() throws {
        try reportingErrors {
            let input = try StatsCases(project: project, coder: coder, conditions: conditions, axes: [row, column])
            let rows = try input.axis(row), columns = try input.axis(column)
            var rowLabels = rows.labels, columnLabels = columns.labels
            var rowIndex = Dictionary(rowLabels.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            var columnIndex = Dictionary(columnLabels.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            var counts = Array(repeating: Array(repeating: 0, count: columnLabels.count), count: rowLabels.count)
            var missing = 0
            for id in input.cases {
                guard let r = rows.label(id), let c = columns.label(id) else { missing += 1; continue }
                // Every known value is one of its variable's labels; a label that is not (never expected) gets a
                // row or column of its own at the end rather than being dropped.
                if rowIndex[r] == nil {
                    rowIndex[r] = rowLabels.count
                    rowLabels.append(r)
                    counts.append(Array(repeating: 0, count: columnLabels.count))
                }
                if columnIndex[c] == nil {
                    columnIndex[c] = columnLabels.count
                    columnLabels.append(c)
                    for i in counts.indices { counts[i].append(0) }
                }
                counts[rowIndex[r]!][columnIndex[c]!] += 1
            }
            let result: CrosstabResult
            do {
                result = try Crosstab.compute(counts: counts, rowLabels: rowLabels, columnLabels: columnLabels, missing: missing)
            } catch let error as StatisticsError {
                throw error.glossError
            }
            switch format {
            case .json: Output.json(try JSONFormat.encode(result))
            case .text: Output.text((input.subsetLine.map { $0 + "\n" } ?? "") + StatisticsText.crosstab(result, format: .text, rowVariable: rows.name, columnVariable: columns.name), terminator: "")
            case .md: Output.text((input.subsetLine.map { "_\(Markdown.cell($0))_\n\n" } ?? "") + StatisticsText.crosstab(result, format: .markdown, rowVariable: rows.name, columnVariable: columns.name), terminator: "")
            case .csv: Output.table((input.subsetLine.map(Self.csvComment) ?? "") + StatisticsText.crosstab(result, format: .csv))
            }
        }
    }

    /// A `#` comment line above a CSV table, on one line whatever the text holds.
    static func csvComment(_ text: String) -> String {
        "# " + text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") + "\n"
    }
}

/// `gloss stats ttest DIR VAR --by GROUP [--groups A B]`.
struct StatsTTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttest",
        abstract: "Compare the means of a number variable between two groups (Student and Welch t-tests).",
        discussion: """
        VAR is a number variable. GROUP is a variable or code:PATH with exactly two values among the cases \
        (after --where), or --groups A B picks two (t = A minus B; otherwise the groups are in GROUP's order). \
        missing = cases where GROUP is unknown, or in one of the two groups with VAR unknown. Each group needs \
        at least two known values. docs/analysis.md.
        """
    )

    @OptionGroup var project: ProjectArgument

    @Argument(help: ArgumentHelp("The number variable whose means are compared.", valueName: "variable"))
    var variable: String

    @Option(name: .customLong("by"), help: ArgumentHelp("The variable (or code:PATH) that makes the two groups.", valueName: "group"))
    var group: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("The two values of GROUP to compare, first minus second.", valueName: "A B"))
    var groups: [String] = []

    @OptionGroup var coder: CoderOption

    @Option(name: .customLong("where"), help: ArgumentHelp("Only cases where VAR=VALUE, or code:PATH=1|0. Repeatable: all must hold.", valueName: "condition"))
    var conditions: [String] = []

    @Option(help: "text, json, csv or md.")
    var format: StatsCommand.Format = .text

    func run() throws {
        try reportingErrors {
            guard groups.isEmpty || groups.count == 2 else {
                throw GlossError("--groups takes two values of \(GlossError.quoted(group)), the first and the second group; \(groups.count) given")
            }
            if groups.count == 2, groups[0] == groups[1] {
                throw GlossError("--groups names \(GlossError.quoted(groups[0])) twice; give two different values of \(GlossError.quoted(group))")
            }
            let input = try StatsCases(project: project, coder: coder, conditions: conditions, axes: [variable, group])
            let measured = try input.axis(variable)
            guard let declared = measured.variable, declared.type == .number, declared.from == nil else {
                let kind = measured.variable.map { $0.from != nil ? "a binned (ordinal) variable" : $0.type == .ordinal ? "an ordinal variable" : "a \($0.type.rawValue) variable" } ?? "a code (1 or 0 per chat)"
                throw GlossError("\(GlossError.quoted(variable)) is \(kind); a t-test compares the means of a number variable")
            }
            let grouping = try input.axis(group)
            let values = grouping.labels.map { GlossError.quoted($0, limit: 40) }.prefix(30).joined(separator: ", ")
            let picked: [String]
            if groups.isEmpty {
                let present = Set(input.cases.compactMap(grouping.label))
                picked = grouping.labels.filter(present.contains) + present.subtracting(grouping.labels).sorted()
                guard picked.count == 2 else {
                    let found = picked.map { GlossError.quoted($0, limit: 40) }.prefix(30).joined(separator: ", ")
                    throw GlossError("\(GlossError.quoted(grouping.name)) has \(picked.count) value(s) among the cases (\(found.isEmpty ? "none known" : found)); "
                                     + "a t-test compares two groups: pick two with --groups A B")
                }
            } else {
                for value in groups where !grouping.labels.contains(value) {
                    throw GlossError("--groups: \(GlossError.quoted(value)) is not a value of \(GlossError.quoted(grouping.name)); its values are \(values.isEmpty ? "none" : values)")
                }
                picked = groups
            }
            var samples: [[Double]] = [[], []]
            var missing = 0
            for id in input.cases {
                guard let label = grouping.label(id) else { missing += 1; continue }
                guard let k = picked.firstIndex(of: label) else { continue }  // another group: not compared
                guard let number = input.table.value(of: variable, in: id)?.number else { missing += 1; continue }
                samples[k].append(number)
            }
            let result: TTestResult
            do {
                result = try TTest.compute(first: samples[0], second: samples[1], labels: (picked[0], picked[1]), missing: missing)
            } catch let error as StatisticsError {
                throw error.glossError
            }
            let title = "\(variable) by \(grouping.name)"
            switch format {
            case .json: Output.json(try JSONFormat.encode(result))
            case .text: Output.text((input.subsetLine.map { $0 + "\n" } ?? "") + StatisticsText.ttest(result, format: .text, variable: title), terminator: "")
            case .md: Output.text((input.subsetLine.map { "_\(Markdown.cell($0))_\n\n" } ?? "") + StatisticsText.ttest(result, format: .markdown, variable: title), terminator: "")
            case .csv: Output.table((input.subsetLine.map(StatsCrosstab.csvComment) ?? "") + StatisticsText.ttest(result, format: .csv))
            }
        }
    }
}
