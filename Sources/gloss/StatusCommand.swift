import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each coder's chats done, in progress and not started."
    )

    @OptionGroup var project: ProjectArgument

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            Output.text(try StatusPrinter.text(loaded), terminator: "")
        }
    }
}

enum StatusPrinter {
    static func text(_ project: Project) throws -> String {
        var out = "\(project.config.name): \(project.chatCount) chats, codebook of \(project.codebook.count) codes\n"
        let coders = project.coders
        if coders.isEmpty { return out + "No sessions yet.\n" }
        let width = max(5, coders.map(\.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        out += pad("coder", width) + "  " + lpad("done", 5) + "  " + lpad("in progress", 11) + "  " + lpad("not started", 11) + "  " + lpad("quotes", 7) + "\n"
        for coder in coders {
            let session = try project.readDigest(coder, warn: printWarning)
            var counts: [ChatStatus: Int] = [:]
            for chat in project.chatIDs { counts[session.status(of: chat), default: 0] += 1 }
            out += pad(coder, width) + "  " + lpad("\(counts[.done] ?? 0)", 5) + "  " + lpad("\(counts[.inProgress] ?? 0)", 11)
                + "  " + lpad("\(counts[.notStarted] ?? 0)", 11) + "  " + lpad("\(session.codingCount)", 7) + "\n"
        }
        // A consensus whose review meeting has items left is not final, whatever its chats' statuses say.
        for coder in coders {
            if let note = try ProvisionalNote.sentence(coder, in: project) { out += "Note: \(note).\n" }
        }
        return out
    }
}
