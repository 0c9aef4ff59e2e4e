import ArgumentParser
import Foundation
import GlossCore

struct CodingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codings",
        abstract: "Import or export a coder's codings as CSV.",
        subcommands: [CodingsImport.self, CodingsExport.self]
    )
}

struct CodingsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a codings CSV into a coder's session.",
        discussion: """
        Columns: chat,from_message,from_offset,to_message,to_offset,code,memo,relation,text (memo, relation \
        and text optional; text, the quote's text as export writes it, is ignored). The whole file is checked first; one bad row and nothing is imported. A coder who \
        already has a session needs --replace (the CSV becomes the session) or --merge (codings not yet \
        present are added).
        """
    )

    @OptionGroup var project: ProjectArgument
    @OptionGroup var coder: CoderOption

    @Argument(help: "The CSV file.")
    var file: String

    @Flag(help: "Make the CSV the whole session.")
    var replace = false

    @Flag(help: "Add the CSV's codings to the existing session.")
    var merge = false

    @Flag(name: .customLong("raw-csv"), help: "Read cells exactly as they are: a leading ' before =, +, -, @ is kept (for a CSV exported with --raw-csv).")
    var rawCSV = false

    func run() throws {
        try reportingErrors {
            guard !(replace && merge) else { throw GlossError("give --replace or --merge, not both") }
            let coderName = try coder.resolved()
            let loaded = try Project.load(project.url)
            let csvURL = URL(fileURLWithPath: file)
            let snapshotPath = SessionStore.urls(projectRoot: loaded.root, coder: coderName).snapshot.path
            let exists = FileManager.default.fileExists(atPath: snapshotPath)
            // The coder's own proposed codes (exported by id) resolve too. (Read without the lock: a refused file
            // leaves every project file as it was.)
            let proposed = exists ? (try loaded.readSession(coderName, warn: printWarning)).proposedCodes : [:]
            var contents = try CodingsCSV.read(file: csvURL, chats: loaded.summariesByID, codebook: loaded.codebook,
                                               coder: coderName, proposed: proposed, cells: rawCSV ? .raw : .spreadsheetSafe,
                                               quoteTexts: loaded.quoteTexts)
            if exists && !replace && !merge {
                throw GlossError(file: snapshotPath,
                                 "coder \(coderName) already has a session; use --replace to make the CSV the session or --merge to add to it")
            }
            let quotes = contents.codings.count
            let rows = contents.codings.reduce(0) { $0 + $1.codes.count }
            let (doneChats, duplicateRows) = (contents.doneChats.count, contents.duplicateRows)
            let store = try SessionStore(projectRoot: loaded.root, coder: coderName, codebookRevision: loaded.codebook.revision)
            let label = "import \(csvURL.lastPathComponent)\(replace ? " (replace)" : merge ? " (merge)" : "")"
            // An import that fits the undo window is one journalled action (one undo step); a larger one starts a
            // new history with the new snapshot (see SessionStore.startNewHistory and docs/formats.md).
            if CodingsCSV.estimatedJournalBytes(contents, replacing: replace ? store.session : nil) <= SessionStore.undoWindow.bytes {
                try store.perform(CodingsCSV.changes(toImport: contents, into: store.session, replace: replace), label: label)
            } else {
                var result = store.session
                if replace {
                    // What replacing leaves: the proposed codes, then the CSV (the same as removing every coding and
                    // status first, without building that list).
                    result = Session(coder: coderName, codebookRevision: store.session.codebookRevision)
                    for code in store.session.proposedCodes.values { result.apply(.proposal(id: code.id, before: nil, after: code)) }
                }
                CodingsCSV.apply(contents, to: &result, replace: false, recording: false)
                contents.codings = []  // the session holds them now: their memory is the write's
                try store.startNewHistory(with: result)
            }
            try store.close()
            for note in store.notes { printWarning(note) }
            if duplicateRows > 0 {
                printWarning("\(csvURL.path): merged \(duplicateRows) row(s) that repeat an earlier row exactly (same chat, span, code, memo and relation)")
            }
            Output.text("Imported \(rows) coding rows (\(quotes) quotes) in \(doneChats) chats for \(coderName); the session now has \(store.session.codingCount) quotes.")
            // The process ends here: the system takes the session's memory back at once, whereas releasing
            // 200,000 codings one by one cost a few percent of the import. (The store is closed: nothing is lost.)
            _ = Unmanaged.passRetained(store)
        }
    }
}

struct CodingsExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a coder's codings as CSV (to standard output unless --output).",
        discussion: "The CSV holds spans, codes (as paths), memos, relations, quote texts (ignored on import) and done chats; not in-progress status or times."
    )

    @OptionGroup var project: ProjectArgument
    @OptionGroup var coder: CoderOption

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var rawCSV: RawCSVFlag

    @Flag(name: .customLong("no-text"), help: "Leave out the text column (the quoted words of the transcript): spans, codes, memos and relations only.")
    var noText = false

    func run() throws {
        try reportingErrors {
            let coderName = try coder.resolved()
            let loaded = try Project.load(project.url)
            let session = try loaded.readSession(coderName, warn: printWarning)
            let csv = CodingsCSV.write(session, codebook: loaded.codebook, chats: loaded.summariesByID, cells: rawCSV.cells, withText: !noText)
            if let output {
                try SecureFiles.writeAtomically(Data(csv.utf8), to: URL(fileURLWithPath: output))
            } else {
                Output.table(csv)
            }
        }
    }
}
