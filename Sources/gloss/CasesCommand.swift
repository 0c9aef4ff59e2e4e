import ArgumentParser
import Foundation
import GlossCore

struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Import or export case attributes (variables) as CSV.",
        subcommands: [CasesImport.self, CasesExport.self]
    )
}

struct CasesImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import case attributes from a CSV: first column chat, one column per variable.",
        discussion: """
        An empty cell is unknown. The whole file is checked first (one bad row and nothing is written). A row \
        whose chat is not in the project is refused, unless --add-cases, which adds it as an attribute-only case \
        (a comparison group without transcript). By default the file is merged into the imported values: its \
        cells replace those cases' values for its columns (an empty cell clears one); --replace makes the file \
        the imported values. Imported values win over transcript headers (docs/analysis.md).
        """
    )

    @OptionGroup var project: ProjectArgument

    @Argument(help: "The CSV file.")
    var file: String

    @Flag(name: .customLong("add-cases"), help: "Add rows whose chat is not in the project as attribute-only cases.")
    var addCases = false

    @Flag(help: "Make the file the whole set of imported values (instead of merging it in).")
    var replace = false

    @Flag(name: .customLong("raw-csv"), help: "Read cells exactly as they are: a leading ' before =, +, -, @ is kept.")
    var rawCSV = false

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            let url = URL(fileURLWithPath: file)
            let contents = try CasesCSV.read(file: url, cells: rawCSV ? .raw : .spreadsheetSafe)
            func checked() throws -> ImportedCases {
                let imported = try ImportedCases.read(projectRoot: loaded.root)
                let known = loaded.knownCaseIDs(imported)  // an attribute-only case already imported needs no --add-cases
                try CasesCSV.check(contents, file: url.path, knownCases: known, declarations: loaded.config.variables, addCases: addCases)
                return imported
            }
            // Checked first without the lock (a refused file leaves the project exactly as it was), then again
            // under `cases.lock`, so two imports at once never lose one's values.
            _ = try checked()
            let lock = try FileLock(loaded.root.appendingPathComponent("cases.lock"), purpose: "The cases file")
            defer { lock.release() }
            var imported = try checked()
            let derived = Set(loaded.config.variables.filter(\.isDerived).map(\.name))
            let changes = imported.take(contents, replace: replace, derived: derived, chats: Set(loaded.chatIDs))
            try imported.write(projectRoot: loaded.root)
            let skipped = contents.columns.filter(derived.contains)
            if !skipped.isEmpty {
                Output.text("Derived column(s) checked, not stored (their values come from their number): \(skipped.joined(separator: ", ")).")
            }
            Output.text("Imported \(contents.rows.count) row(s) \(replace ? "(replace)" : "(merge)"): \(changes.total) value(s) changed "
                        + "(\(changes.added) added, \(changes.changed) replaced, \(changes.cleared) cleared); \(changes.casesAdded) attribute-only case(s) added.")
        }
    }
}

struct CasesExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every case with every variable as CSV (to standard output unless --output).",
        discussion: "One row per case (chats and attribute-only cases), the merged values (headers, imported, entered). It imports back unchanged."
    )

    @OptionGroup var project: ProjectArgument

    @Option(help: "Include the values this coder entered in the workbench.")
    var coder: String?

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var rawCSV: RawCSVFlag

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            let entered = try coder.map { try CoderEnteredValues.values(project: loaded, coder: $0) } ?? [:]
            let table = try loaded.caseTable(coderEntered: entered)
            for problem in table.problems { printWarning(problem.description) }
            let csv = CasesCSV.export(table, cells: rawCSV.cells)
            if let output {
                try SecureFiles.writeAtomically(Data(csv.utf8), to: URL(fileURLWithPath: output))
            } else {
                Output.table(csv)
            }
        }
    }
}

/// The values a coder entered in the workbench, per case (`nil` = marked unknown), for `CaseTable.merge`: read
/// from the coder's session digest, which carries them (as every counting command reads a session).
enum CoderEnteredValues {
    static func values(project: Project, coder: String) throws -> [String: [String: String?]] {
        guard Names.isValidCoder(coder) else {
            throw GlossError("\(GlossError.quoted(coder)) is not a valid coder name: use letters, digits, '-', '_' or '.'")
        }
        guard project.coders.contains(coder) else {
            throw GlossError(file: project.sessionsURL.path, "no session for coder \(GlossError.quoted(coder)); the coders are \(project.coders.joined(separator: ", "))")
        }
        // From the digest (fresh in `cache/`, or made by a full read with its warnings), not the whole session.
        return try project.readDigest(coder, warn: printWarning).attributes
    }
}
