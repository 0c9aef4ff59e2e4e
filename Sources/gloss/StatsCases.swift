import Foundation
import GlossAnalysis
import GlossCore

/// What `gloss stats` starts from: the project's cases (with the coder's entered values when a coder is known),
/// the cases `--where` leaves, and, when a `code:` condition or axis needs it, the coder's code presence per chat.
///
/// A coder is read only when one is needed (a `code:` axis or condition) or given (`--coder`), as
/// `report --variable` does; a coder who is read also contributes the values entered in the workbench
/// (`CoderEnteredValues`).
struct StatsCases {
    let table: CaseTable
    let codes: ChatCodes?
    let filter: CaseFilter
    /// The cases `--where` leaves, in case order (every case without `--where`).
    let cases: [String]

    init(project: ProjectArgument, coder: CoderOption, conditions: [String], axes: [String]) throws {
        filter = try CaseFilter(parsing: conditions)
        let loaded = try Project.load(project.url)
        let needsCodes = filter.needsCodes || axes.contains(where: StatsAxis.isCode)
        let coderName: String? = (needsCodes || coder.coder != nil) ? try coder.resolved() : nil
        let entered = try coderName.map { try CoderEnteredValues.values(project: loaded, coder: $0) } ?? [:]
        table = try loaded.caseTable(coderEntered: entered)
        for problem in table.problems { printWarning(problem.description) }
        if needsCodes, let coderName {
            let digest = try loaded.readDigest(coderName, warn: printWarning)
            codes = ChatCodes(hierarchy: CodeHierarchy(codebook: loaded.codebook, proposed: digest.proposedCodes), digest: digest)
        } else {
            codes = nil
        }
        cases = try filter.cases(in: table, codes: codes)
    }

    /// A variable or `code:PATH` as an axis of a table, or a clear error naming it.
    func axis(_ name: String) throws -> StatsAxis {
        if StatsAxis.isCode(name) {
            let path = name.dropFirst(5).trimmingCharacters(in: .whitespaces)
            guard let codes else { throw GlossError("\(GlossError.quoted(name)): a code needs a coder's session (--coder NAME)") }
            guard !path.isEmpty, let code = codes.hierarchy.resolve(path) else {
                throw GlossError("no code \(GlossError.quoted(path)) in the codebook (\(GlossError.quoted(name)))")
            }
            return StatsAxis(name: "code:" + (codes.hierarchy.path(of: code) ?? path), labels: StatsAxis.codeLabels, variable: nil) { id in
                codes.presence(code, in: id).map { $0 ? "1" : "0" }
            }
        }
        guard let variable = table.variable(name) else {
            let known = table.variables.map { GlossError.quoted($0.name, limit: 40) }.prefix(30).joined(separator: ", ")
            throw GlossError("no variable \(GlossError.quoted(name)); the variables are \(known.isEmpty ? "none (gloss variables lists them)" : known)")
        }
        let table = self.table
        return StatsAxis(name: name, labels: variable.labels, variable: variable) { id in
            table.value(of: name, in: id).map(CaseTable.label(of:))
        }
    }

    /// `Cases where …: N.` — said above a table made from a subset, nil without `--where`.
    var subsetLine: String? {
        filter.isEmpty ? nil : "Cases where \(filter): \(cases.count)."
    }
}

/// One side of a table: a variable (its labels in the variable's order: declared for an ordinal, a binned
/// variable or a category with declared values; alphabetical for other categories; ascending for a number) or
/// `code:PATH` (labels `1`, then `0`). `label(case)` is nil where the value is unknown.
struct StatsAxis {
    /// The labels of a code axis: carries the code (1), coded without it (0).
    static let codeLabels = ["1", "0"]

    let name: String
    let labels: [String]
    /// The variable, nil for a code axis.
    let variable: CaseVariable?
    let label: (String) -> String?

    static func isCode(_ name: String) -> Bool { name.lowercased().hasPrefix("code:") }
}
