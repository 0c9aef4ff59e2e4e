import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Issue 14, the three-key leak: anouk marks a chat done, `:compare bram` shows bram's codings, she undoes the
/// done and recodes. The comparison now writes a seen mark into her session (which `u` cannot erase), and the
/// next comparison flags the chat as recoded after seeing, rather than hiding it.
@Suite("Seen marks: written by :compare, flagged in the comparison")
struct SeenInCompareTests {
    @Test func recodingAfterSeeingIsFlagged() throws {
        let demo = try DemoCopy()
        let driver = try AppDriver(projectRoot: demo.root, coder: "anouk", width: 120, height: 30, theme: .monochrome)
        BlindSettingTests.go(driver, to: "chat-03")
        BlindSettingTests.compare(driver, with: "bram")
        #expect(driver.comparison?.chatID == "chat-03")
        let mark = try #require(driver.store.session.seen["chat-03"]?["bram"], "the comparison wrote no seen mark")
        #expect(mark.fingerprint == SeenMark.fingerprint(of: driver.store.session.codings(in: "chat-03")))
        driver.send(.char("q"))   // close the comparison
        #expect(driver.comparison == nil)
        // Undo cannot erase the mark: it takes back nothing (the demo session has no action of this sitting).
        driver.send(.char("u"))
        #expect(driver.store.session.seen["chat-03"]?["bram"] == mark)
        // Recode chat-03: remove one of her quotes there (as `x` would), through the store.
        let quote = try #require(driver.store.session.codings(in: "chat-03").first)
        try driver.store.perform([.coding(id: quote.id, before: quote, after: nil)], label: "remove a quote")
        try driver.close()

        // The next comparison (standalone, as `gloss compare --tui`) flags it.
        let compare = try CompareDriver(projectRoot: demo.root, coders: ["anouk", "bram"], width: 140, height: 30, theme: .monochrome)
        for _ in 0..<40 where compare.state.chatID != "chat-03" { compare.send(.char("}")) }
        #expect(compare.state.chatID == "chat-03")
        let note = try #require(compare.state.seenNote("chat-03"))
        #expect(note.hasPrefix("seen: A saw B's codings ") && note.hasSuffix(" and RECODED after"), "\(note)")
        #expect(compare.render().text.contains("seen: A saw B's codings"))
        #expect(compare.state.seenNote("chat-04") == nil)
    }
}

/// The digest (what `gloss compare` reads) carries the marks, and tells a recoded chat by its fingerprint.
@Suite("Seen marks in the digest")
struct SeenInDigestTests {
    @Test func theDigestCarriesTheMarkAndItsFingerprint() throws {
        let demo = try DemoCopy()
        let project = try Project.load(demo.root)
        var anouk = try project.readSession("anouk")
        let mark = SeenMark(time: Date(timeIntervalSince1970: 1_764_000_000), fingerprint: SeenMark.fingerprint(of: anouk.codings(in: "chat-03")))
        anouk.apply(.seen(chat: "chat-03", coder: "bram", before: nil, after: mark))
        var digest = SessionDigest(anouk)
        #expect(digest.seen == ["chat-03": ["bram": mark]])
        #expect(digest.fingerprint(ofChat: "chat-03") == mark.fingerprint)
        let quote = try #require(anouk.codings(in: "chat-03").first)
        anouk.apply(.coding(id: quote.id, before: quote, after: nil))
        digest = SessionDigest(anouk)
        #expect(digest.fingerprint(ofChat: "chat-03") != mark.fingerprint)
    }
}
