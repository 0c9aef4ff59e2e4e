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
}
