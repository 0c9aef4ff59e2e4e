import ArgumentParser
import Foundation
import GlossCore

struct VariablesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variables",
        abstract: "List the case variables: type (declared or inferred), values, and how many cases know them.",
        discussion: """
        Variables come from project.json (declared), transcript headers ('# leeftijd: 14') and the imported cases \
        file. An undeclared variable is a number when every known value is a number, otherwise a category. \
        Values that do not fit their variable are listed as warnings and count as unknown.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, md }

    @OptionGroup var project: ProjectArgument

    @Option(help: "text, json or md.")
    var format: Format = .text

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            let table = try loaded.caseTable()
            for problem in table.problems { printWarning(problem.description) }
            let rows = table.variables.map { VariableRow($0, table: table) }
            switch format {
            case .json: Output.json(try JSONFormat.encode(VariableList(cases: table.caseIDs.count, chats: table.chatIDs.count, variables: rows)))
            case .text:
                var lines = ["\(table.caseIDs.count) case(s): \(table.chatIDs.count) chat(s), \(table.caseIDs.count - table.chatIDs.count) attribute-only"]
                let width = min(40, rows.map { $0.name.count }.max() ?? 0)
                for row in rows {
                    let name = row.name.padding(toLength: max(width, row.name.count), withPad: " ", startingAt: 0)
                    let type = "\(row.type) (\(row.declared ? "declared" : "inferred"))".padding(toLength: 21, withPad: " ", startingAt: 0)
                    lines.append("\(name)  \(type)  \(row.known) of \(row.cases) known  \(row.valuesText)")
                }
                Output.text(lines.joined(separator: "\n"))
            case .md:
                var out = "| variable | type | known | values |\n|---|---|---:|---|\n"
                for row in rows {
                    out += "| \(Markdown.cell(row.name)) | \(row.type) (\(row.declared ? "declared" : "inferred")) | \(row.known) of \(row.cases) | \(Markdown.cell(row.valuesText)) |\n"
                }
                Output.text(out, terminator: "")
            }
        }
    }
}

/// `gloss variables --format json`: the cases, and per variable what `VariableRow` holds.
private struct VariableList: Encodable {
    var cases: Int
    var chats: Int
    var variables: [VariableRow]
}

/// One variable as listed: `values` in their order (declared for ordinal, derived and declared categories).
private struct VariableRow: Encodable {
    struct Bin: Encodable {
        var label: String
        var upTo: Double?
        enum CodingKeys: String, CodingKey { case label, upTo = "up_to" }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label)
            try c.encode(upTo, forKey: .upTo)  // null: no upper bound
        }
    }
    var name: String
    var type: String
    var declared: Bool
    var from: String?
    var bins: [Bin]?
    var values: [String]
    var known: Int
    var cases: Int

    init(_ variable: CaseVariable, table: CaseTable) {
        name = variable.name
        type = variable.type.rawValue
        declared = variable.declared
        from = variable.from
        bins = variable.bins?.map { Bin(label: $0.label, upTo: $0.upTo) }
        values = variable.labels
        known = table.knownCount(variable.name)
        cases = table.caseIDs.count
    }

    /// For people: bins as `label (≤ 12)`, values joined with ` | ` (a value may hold a comma), at most 30 shown.
    var valuesText: String {
        if let from, let bins {
            return "bins of \(from): " + bins.map { bin in "\(bin.label) (\(bin.upTo.map { "≤ \(CaseNumber.format($0))" } ?? "above"))" }.joined(separator: " | ")
        }
        let shown = values.prefix(30).joined(separator: " | ")
        return values.count > 30 ? shown + " | … (\(values.count - 30) more)" : shown
    }
}
