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
        """
    )

    @OptionGroup var project: ProjectArgument

    @Argument(help: "Transcript files.")
    var files: [String]

    @Option(help: "The files' encoding: utf-8 or latin-1.")
    var encoding: String = "utf-8"

    func run() throws {
        try reportingErrors {
            guard let encoding = TextDecoding.Encoding(rawValue: encoding.lowercased()) else {
                throw GlossError("unknown encoding \"\(self.encoding)\"; use utf-8 or latin-1")
            }
            var loaded = try Project.load(project.url)
            let report = try loaded.importTranscripts(files.map { URL(fileURLWithPath: $0) }, encoding: encoding)
            for item in report {
                let speakers = item.speakers.map { "\($0.name) (\($0.messages))" }.joined(separator: ", ")
                let state = item.skipped ? "already present, unchanged" : "imported"
                print("\(item.chat): \(state), \(item.messages) messages; speakers: \(speakers)\(item.declaredSpeakers ? "" : " [no '# speakers:' header: check this list]")")
            }
            print("\(report.filter { !$0.skipped }.count) chat(s) added; the project has \(loaded.chats.count).")
        }
    }
}
