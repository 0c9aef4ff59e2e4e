import Foundation
import Testing

/// Issue 14: a consensus whose review meeting still has items undecided looked final ("consensus 11 done",
/// figures without a word). `status`, `report` (text, CSV, Markdown, JSON, HTML, Markdown document) and `compare`
/// now say it is provisional. The meeting here is started and nothing decided: the consensus session is anouk's
/// codings (imported), the decision log only its start record, so all 18 items of the demo's agenda (counted on
/// the review screen, `ReviewPairDriverTests`/golden `review-pair-confirm`) are left.
@Suite("Provisional consensus in status, report and compare")
struct ProvisionalConsensusCLITests {
    static let sentence = "consensus is provisional: 18 of 18 review items (anouk × bram) undecided"

    static func startedMeeting(_ folder: TemporaryFolder) throws -> URL {
        let project = try makeDemoCopy(in: folder)
        let export = try gloss("codings", "export", project.path, "--coder", "anouk")
        try #require(export.status == 0, "\(export)")
        let csv = try folder.write("anouk.csv", export.stdout)
        let imported = try gloss("codings", "import", project.path, "--coder", "consensus", csv.path)
        try #require(imported.status == 0, "\(imported)")
        let reviews = project.appendingPathComponent("reviews")
        try FileManager.default.createDirectory(at: reviews, withIntermediateDirectories: true)
        // An older log's plain JSON line (docs/formats.md): the start of a meeting of anouk and bram into consensus.
        let start = #"{"kind":"start","time":"2026-12-01T10:00:00Z","coders":["anouk","bram"],"into":"consensus","present":["Anouk"]}"#
        try Data((start + "\n").utf8).write(to: reviews.appendingPathComponent("2026-12-01-anouk-bram.jsonl"))
        return project
    }

    @Test func aConsensusWithItemsLeftIsProvisionalEverywhereItsFiguresGo() throws {
        try withTemporaryFolder { folder in
            let project = try Self.startedMeeting(folder)

            let status = try gloss("status", project.path)
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout.contains("Note: \(Self.sentence); its figures hold only what the review has settled so far."), "\(status.stdout)")
            #expect(!status.stdout.contains("anouk is provisional"))

            let text = try gloss("report", project.path, "--coder", "consensus")
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.hasPrefix("PROVISIONAL: \(Self.sentence)"), "\(text.stdout)")
            let csv = try gloss("report", project.path, "--coder", "consensus", "--format", "csv")
            #expect(csv.stdout.hasPrefix("# PROVISIONAL: \(Self.sentence)"), "\(csv.stdout)")
            let md = try gloss("report", project.path, "--coder", "consensus", "--format", "md")
            #expect(md.stdout.hasPrefix("> **Provisional:** \(Self.sentence)"), "\(md.stdout)")
            let json = try gloss("report", project.path, "--coder", "consensus", "--format", "json")
            #expect(json.status == 0)
            #expect(json.stderr.contains(Self.sentence), "\(json.stderr)")
            #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "the JSON stays JSON")

            let html = folder.url.appendingPathComponent("report.html"), mdDocument = folder.url.appendingPathComponent("report.md")
            let documents = try gloss("report", project.path, "--coder", "consensus", "--html", html.path, "--md", mdDocument.path)
            #expect(documents.status == 0, "\(documents)")
            #expect(try read(html).contains("PROVISIONAL: \(Self.sentence)"))
            #expect(try read(mdDocument).contains("PROVISIONAL: \(Self.sentence)"))

            let compare = try gloss("compare", project.path, "--coders", "consensus", "bram")
            #expect(compare.status == 0, "\(compare)")
            #expect(compare.stdout.hasPrefix("PROVISIONAL: \(Self.sentence)"), "\(compare.stdout)")

            // A coder's own session is never provisional.
            let anouk = try gloss("report", project.path, "--coder", "anouk")
            #expect(!anouk.stdout.contains("PROVISIONAL") && !anouk.stderr.contains("provisional"), "\(anouk)")
        }
    }

    /// The demo's 18 agenda items of anouk × bram, in the review screen's order (`Review.Item.key`, read off the
    /// review screen's agenda once). Item 1 is the pair on chat-01: A's Schuldgevoel aangepraat (2bb072e2…), B's
    /// Emotioneel geweld (3e5ecffc…).
    static let agenda = [
        "different|2bb072e2-e9da-4d0a-962f-f2ba61335cb4|3e5ecffc-f1cc-4710-a9cf-d3058a2694d6|chat-01",
        "chat-01|a870de25-edf0-4438-82bf-8f06715b67b1",
        "chat-02|c139d05c-e04e-4894-be24-ec6b4fcfa024",
        "different|19a4ee3c-6d56-4709-b27a-0d05d491b707|a68e0785-bce4-40e2-8ace-8122156e72f4|chat-02",
        "chat-03|c167661a-4c3d-4265-8fbd-15db1a9453d8",
        "chat-04|4f320575-fb70-401f-aade-69c3c1fb5527",
        "different|81121abe-aae1-44f9-9dc1-6e32e6d1b920|2df5df95-c0bb-4320-b4b1-031c8ccd93df|chat-04",
        "chat-04|4f805533-3fe5-4b82-83a5-39879f6e5f70",
        "chat-05|c803b27d-b6ea-43b5-b2f5-37825f338066",
        "different|a94fc95a-d8a4-4e78-b669-6ca3964422c6|868e1dc8-b648-448a-801c-818d9c59072b|chat-06",
        "different|58a269b0-d88d-4cb6-a1ee-c4a95c37fe3f|dc60b9a5-ce5f-4ee9-ac13-3b240e6149c1|chat-06",
        "chat-07|2496f78f-e737-405d-bcbe-67cb37e4c189",
        "chat-08|f20e5cbf-0bf4-4245-ae92-2394b3165750",
        "chat-09|0e85dab4-8330-4fe6-8885-bcfe7d465c0c",
        "different|a870de25-edf0-4438-82bf-8f06715b67b1|ed4e11e9-e10a-4711-8a42-edd9d3ea1a8a|chat-09",
        "chat-10|e6766e0d-9934-43fd-bb3c-9384dc1086de",
        "chat-12|4b89f5cb-a86d-47fc-853e-8a8a33fc2dac",
        "chat-12|e4d4649f-2f97-4769-8ae6-5f7beb4a781b",
    ]

    /// Reviewer's finding: the decision log keeps each item's key with the code ids of the time of the decision,
    /// while the sessions follow later codebook merges; the agenda derived again from them named the merge target,
    /// so a finished meeting turned provisional ("1 of 18 review items … undecided") after Schuldgevoel
    /// aangepraat was merged into Gezagsverhouding, and `sessions combine` refused its consensus.
    @Test func aMergeAfterAFinishedMeetingLeavesItFinished() throws {
        try withTemporaryFolder { folder in
            let project = try Self.startedMeeting(folder)
            // Every item decided (A's version: the consensus is anouk's codings), as plain JSON lines after the start.
            let log = project.appendingPathComponent("reviews/2026-12-01-anouk-bram.jsonl")
            let decisions = Self.agenda.map { #"{"kind":"decision","time":"2026-12-01T10:05:00Z","item":"\#($0)","decision":"a"}"# + "\n" }.joined()
            let handle = try FileHandle(forWritingTo: log)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(decisions.utf8))
            try handle.close()

            let before = try gloss("status", project.path)
            #expect(before.status == 0, "\(before)")
            #expect(!before.stdout.contains("provisional"), "every item is decided: \(before.stdout)")

            let merge = try gloss("codebook", "merge", project.path, "Dwangmiddel > Schuldgevoel aangepraat", "--into", "Dwangmiddel > Gezagsverhouding",
                                  "--reason", "x")
            try #require(merge.status == 0, "\(merge)")

            let after = try gloss("status", project.path)
            #expect(after.status == 0, "\(after)")
            #expect(!after.stdout.contains("provisional"), "the merge decides nothing again: \(after.stdout)")
            let report = try gloss("report", project.path, "--coder", "consensus")
            #expect(!report.stdout.contains("PROVISIONAL"), "\(report.stdout.prefix(300))")

            // The finished consensus settles the 11 chats both coders finished; the 12th is anouk's.
            let combine = try gloss("sessions", "combine", project.path, "--coders", "anouk", "bram", "--into", "team")
            #expect(combine.status == 0, "\(combine)")
            #expect(combine.stdout.contains("Combined 12 chat(s) into team (anouk 1, consensus 11)"), "\(combine.stdout)")
        }
    }
}
