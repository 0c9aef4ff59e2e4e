import ArgumentParser
import Foundation
import GlossCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add chat transcripts (.txt) to a project.",
        discussion: """
        Each file becomes chats/<name>.txt, stored as UTF-8 with LF line ends. All files are checked \
        before any is written. The speakers found in each file are listed: without a '# speakers:' header, \
        a continuation line such as 'Ik zei: nee' can be taken for a message, and shows up there.

        Give files, folders (every *.txt directly in the folder, not in sub-folders) or a quoted pattern \
        such as 'export/*.txt', which Gloss expands itself: thousands of transcripts need no thousands of \
        arguments. Folders and patterns skip hidden files, come in name order and refuse symbolic links.

        A chat that is already in the project is skipped when its file is the same, updated when only its \
        header ('# key: value' lines, the case attributes) changed, and refused when its messages changed.
        """
    )

    @OptionGroup var project: ProjectArgument

    @Argument(help: "Transcript files, folders of *.txt files, or quoted patterns like 'export/*.txt'.")
    var files: [String]

    @Option(help: "The files' encoding: utf-8 or latin-1.")
    var encoding: String = "utf-8"

    func run() throws {
        try reportingErrors {
            guard let encoding = TextDecoding.Encoding(rawValue: encoding.lowercased()) else {
                throw GlossError("unknown encoding \(GlossError.quoted(self.encoding)); use utf-8 or latin-1")
            }
            var loaded = try Project.load(project.url)
            let report = try loaded.importTranscripts(try TranscriptSources.files(for: files), encoding: encoding)
            for item in report {
                let speakers = item.speakers.map { "\($0.name) (\($0.messages))" }.joined(separator: ", ")
                let state = item.skipped ? "already present, unchanged" : item.updated ? "updated (header changed, messages unchanged)" : "imported"
                Output.text("\(item.chat): \(state), \(item.messages) messages; speakers: \(speakers)\(item.declaredSpeakers ? "" : " [no '# speakers:' header: check this list]")")
                if let controls = item.controls { printError("warning: \(item.source): \(Self.controlWarning(controls))") }
            }
            let updated = report.filter(\.updated).count
            Output.text("\(report.filter { !$0.skipped && !$0.updated }.count) chat(s) added\(updated > 0 ? ", \(updated) updated (header only)" : ""); the project has \(loaded.chatCount).")
        }
    }

    /// Where a transcript holds control characters (terminal escapes, bidi overrides; see `TerminalText`): the
    /// first line and how many lines, never the text. The chat is imported all the same, since every output
    /// shows them escaped, but a transcript should not hold them and the coder should know where they are.
    static func controlWarning(_ controls: TextDecoding.ControlLines) -> String {
        let more = controls.lines > 1 ? " (and \(controls.lines - 1) more line(s))" : ""
        return "line \(controls.first)\(more): contains control characters (first: \(TerminalText.escaped(String(controls.control), layout: .singleLine))) "
            + "that a terminal could act on; Gloss shows them escaped, but check where this transcript came from"
    }
}
