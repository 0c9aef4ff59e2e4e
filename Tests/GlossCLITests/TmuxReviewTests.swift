import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `gloss review` driven in tmux on a copy of the demo project (A = anouk, B = bram): a short
/// meeting (two decisions, one undo, quit), a resumed one, then the consensus, the summary, the
/// decision log and the coders' own sessions checked through the CLI and on disk. tmux is required.
///
/// The demo's agenda starts in chat-01 with the "different" pair on message 9 (anouk: Schuldgevoel
/// aangepraat, bram: Emotioneel geweld; one item) and Gevaar vrezen (only anouk, message 13).
@Suite("Review meeting in tmux", .serialized)
struct TmuxReviewTests {
    static let emotioneel = "Dwangmiddel > Emotioneel geweld"
    static let schuldgevoel = "Dwangmiddel > Schuldgevoel aangepraat"
    static let gevaar = "Belemmeringen om hulp te vragen > Geheim > Gevaar vrezen"

    /// `gloss review PROJECT --coders anouk bram --present "Anouk, Bram"; echo <marker>$?; exec /bin/sh`.
    static func reviewScript(_ project: URL, marker: String) -> String {
        "\(shellQuoted(GlossBinary.url.path)) review \(shellQuoted(project.path)) --coders anouk bram --present \(shellQuoted("Anouk, Bram")); echo \(marker)$?; exec /bin/sh"
    }

    /// The rows of a `codings export` for chat-01 and `code`, cut after the code column
    /// ("chat-01,9,0,9,88,Dwangmiddel > Emotioneel geweld").
    static func spanRows(_ export: String, chat: String = "chat-01", code: String) -> [String] {
        export.split(separator: "\n").map(String.init).compactMap { line in
            let fields = line.split(separator: ",", maxSplits: 6, omittingEmptySubsequences: false)
            guard fields.count >= 6, fields[0] == chat, fields[5] == code else { return nil }
            return fields[0..<6].joined(separator: ",")
        }
    }

    static func logLines(_ project: URL) throws -> (name: String, records: [[String: Any]]) {
        let folder = project.appendingPathComponent("reviews")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("-anouk-bram.jsonl") }
        try #require(names.count == 1, "expected one decision log in reviews/, found \(names)")
        let text = try read(folder.appendingPathComponent(names[0]))
        // Each line is `<crc32> <seq> <json>` (docs/formats.md, append-only logs); the JSON is the record.
        let all = try text.split(separator: "\n").map { line in
            let json = try #require(line.firstIndex(of: "{").map { line[$0...] }, "no JSON on the line: \(line)")
            #expect(line.first != "{", "a record without a checksum: \(line)")
            return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
        // The agreements are copied once, right after the start; the other records are the meeting's.
        #expect(all.filter { $0["kind"] as? String == "seeded" }.count == 1)
        return (names[0], all.filter { $0["kind"] as? String != "seeded" })
    }

    @Test("decide two items, undo one, quit; resume; consensus, summary, log and the coders' sessions")
    func shortMeetingAndResume() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let anoukBefore = try Data(contentsOf: sessionFile(project, "anouk"))
            let bramBefore = try Data(contentsOf: sessionFile(project, "bram"))

            let pane = try TmuxPane(width: 110, height: 32, script: Self.reviewScript(project, marker: "EXIT1="))
            defer { pane.kill() }

            // First sitting.
            try pane.waitFor("Review anouk (A) × bram (B)", timeout: 10)
            let opening = try pane.waitFor(regex: "0 decided, [0-9]+ left of [0-9]+")
            #expect(opening.contains("Present: Anouk, Bram"), "\(opening)")
            #expect(opening.contains("Item 1/"), "\(opening)")
            #expect(opening.contains("A: Schuldgevoel aangepraat · B: Emotioneel geweld"), "\(opening)")
            try pane.send("2")
            try pane.waitFor(regex: "· 1 decided, ")
            try pane.waitFor("Item 2/", "Gevaar vrezen")
            try pane.waitFor("keep both · + Emotioneel geweld on 1 quote · + Schuldgevoel aangepraat on 1 quote")
            try pane.send("2")
            try pane.waitFor(regex: "· 2 decided, ")
            try pane.send("u")
            try pane.waitFor("undid the decision on chat-01")
            let undone = try pane.waitFor(regex: "· 1 decided, ")
            #expect(undone.contains("Item 2/"), "undo should go back to the item undone:\n\(undone)")
            try pane.send("q")
            #expect(try pane.waitForExit(marker: "EXIT1=") == 0)
            let after = try pane.capture()
            #expect(after.contains("Review: 1 decided,"), "\(after)")

            // Second sitting: the same command resumes.
            try pane.respawn(script: Self.reviewScript(project, marker: "EXIT2="))
            let resumed = try pane.waitFor("resumed: 1 decided", timeout: 10)
            #expect(resumed.contains("Item 2/"), "resuming should open on the first undecided item:\n\(resumed)")
            #expect(matches(resumed, "· 1 decided, "), "\(resumed)")
            try pane.send("q")
            #expect(try pane.waitForExit(marker: "EXIT2=") == 0)

            // The consensus reflects the pair's decision (both): B's span for Emotioneel geweld, A's for
            // Schuldgevoel aangepraat, and no Gevaar vrezen in chat-01 (undone).
            let consensus = try gloss("codings", "export", project.path, "--coder", "consensus")
            #expect(consensus.status == 0, "\(consensus)")
            let bram = try gloss("codings", "export", project.path, "--coder", "bram")
            let anouk = try gloss("codings", "export", project.path, "--coder", "anouk")
            let bramEmotioneel = Self.spanRows(bram.stdout, code: Self.emotioneel)
            let anoukSchuld = Self.spanRows(anouk.stdout, code: Self.schuldgevoel)
            #expect(!bramEmotioneel.isEmpty && !anoukSchuld.isEmpty)
            #expect(Self.spanRows(anouk.stdout, code: Self.emotioneel).isEmpty, "the demo changed: anouk has Emotioneel geweld in chat-01")
            #expect(Self.spanRows(consensus.stdout, code: Self.emotioneel) == bramEmotioneel, "\(consensus.stdout)")
            #expect(Self.spanRows(consensus.stdout, code: Self.schuldgevoel) == anoukSchuld, "\(consensus.stdout)")
            #expect(Self.spanRows(consensus.stdout, code: Self.gevaar).isEmpty, "\(consensus.stdout)")
            #expect(!Self.spanRows(anouk.stdout, code: Self.gevaar).isEmpty)

            // The summary: one decided item, the pair, kept both.
            let summary = try gloss("review", project.path, "--coders", "anouk", "bram", "--summary")
            #expect(summary.status == 0, "\(summary)")
            #expect(summary.stdout.contains("Review of anouk (A) and bram (B) into consensus"), "\(summary)")
            #expect(summary.stdout.contains("Present: Anouk, Bram"), "\(summary)")
            #expect(summary.stdout.contains("Different codes (same parent): 1 pair settled"), "\(summary)")
            #expect(summary.stdout.contains("Decisions: keep both 1"), "\(summary)")
            let decidedSection = try #require(summary.stdout.components(separatedBy: "\nDecided items\n").last)
            let items = decidedSection.split(separator: "\n").map(String.init)
            #expect(items.count == 1, "\(summary.stdout)")
            #expect(items.contains { $0.hasPrefix("chat-01  different  \(Self.schuldgevoel)  → keep both (\(Self.emotioneel))") }, "\(items)")
            #expect(!summary.stdout.contains("Gevaar vrezen"), "\(summary.stdout)")

            // The decision log: start, two decisions, one undo (resuming adds no start).
            let (name, records) = try Self.logLines(project)
            #expect(matches(name, "^[0-9]{4}-[0-9]{2}-[0-9]{2}-anouk-bram\\.jsonl$"), "\(name)")
            #expect(records.map { $0["kind"] as? String } == ["start", "decision", "decision", "undo"], "\(records)")
            #expect(records[0]["present"] as? [String] == ["Anouk", "Bram"])
            #expect(records[0]["coders"] as? [String] == ["anouk", "bram"])
            #expect(records[0]["into"] as? String == "consensus")
            #expect(records[1...2].map { $0["decision"] as? String } == ["both", "both"])
            #expect(records[1...2].allSatisfy { $0["present"] as? [String] == ["Anouk", "Bram"] })
            #expect(records[1...2].map { $0["code"] as? String } == [Self.schuldgevoel, Self.gevaar])
            #expect(records[1]["other_code"] as? String == Self.emotioneel)
            #expect(records[3]["item"] as? String == records[2]["item"] as? String)
            #expect(records[3]["item"] as? String != nil)

            // A's and B's sessions: byte for byte as before; never opened for writing.
            #expect(try Data(contentsOf: sessionFile(project, "anouk")) == anoukBefore)
            #expect(try Data(contentsOf: sessionFile(project, "bram")) == bramBefore)
            for file in [sessionFile(project, "anouk", "journal"), sessionFile(project, "bram", "journal")] {
                #expect(!exists(file), "\(file.lastPathComponent) was created")
            }
            // The whole project still validates with the consensus in it.
            let validate = try gloss("validate", project.path)
            #expect(validate.status == 0, "\(validate)")
        }
    }
}
