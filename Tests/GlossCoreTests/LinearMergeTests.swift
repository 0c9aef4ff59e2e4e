import Foundation
import Testing
@testable import GlossCore

/// `gloss codings import --merge` looks each imported quote up by span: 8,000 quotes in one chat once took
/// 10.9 s and 100,000 did not finish in ten minutes (each row scanned the chat's quotes).
@Suite("Codings import merge is linear")
struct LinearMergeTests {
    static let messages = 1_000
    static let quotesPerMessage = 100

    /// One chat of 1,000 messages of 120 letters: room for 100,000 distinct one-letter quotes.
    static func bigChat() throws -> Chat {
        let line = String(repeating: "x", count: 120)
        let text = (1...messages).map { "\($0 % 2 == 0 ? "A" : "B"): \(line)" }.joined(separator: "\n") + "\n"
        return try TranscriptParser().parse(Data(text.utf8), id: "big", file: "big.txt")
    }

    /// CSV rows for quotes `k` in `range`: quote k is letter k % 100 of message k / 100 + 1.
    static func csv(_ range: Range<Int>, code: String) -> String {
        var out = CodingsCSV.columns.joined(separator: ",") + "\n"
        for k in range {
            let message = k / quotesPerMessage + 1, offset = k % quotesPerMessage
            out += "big,\(message),\(offset),\(message),\(offset + 1),\(code),,\n"
        }
        return out
    }

    @Test func aHundredThousandQuotesInOneChatMergeInLinearTime() throws {
        let chat = try Self.bigChat()
        let codebook = try Sample.codebook()
        let total = Self.messages * Self.quotesPerMessage
        // The session already holds half the quotes with one code; the CSV has all of them with another.
        let first = try CodingsCSV.read(Self.csv(0..<total / 2, code: "Dwangmiddel > Bedreiging"), file: "a.csv",
                                        chats: ["big": chat], codebook: codebook, coder: "anna", now: fixedDate)
        var session = Session(coder: "anna")
        session.apply(CodingsCSV.changes(toImport: first, into: session, replace: false))
        #expect(session.codingCount == total / 2)

        let contents = try CodingsCSV.read(Self.csv(0..<total, code: "Risicofactoren > Armoede"), file: "b.csv",
                                           chats: ["big": chat], codebook: codebook, coder: "anna", now: fixedDate)
        // A bound for "does not hang" only (a debug build on a busy machine); the quadratic merge took hours.
        // gloss-bench (`import`) prints the real figure.
        let start = Date()
        let changes = CodingsCSV.changes(toImport: contents, into: session, replace: false)
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 60, "merging \(total) quotes of one chat took \(seconds) s")
        #expect(session.accepts(changes[0]))
        session.apply(changes)

        #expect(contents.codings.count == total)
        #expect(session.codingCount == total, "a quote with an existing span is merged, not added twice")
        let byCodes = Dictionary(grouping: session.codings(in: "big"), by: { $0.codes })
        #expect(byCodes[[Sample.bedreiging, Sample.armoede]]?.count == total / 2)
        #expect(byCodes[[Sample.armoede]]?.count == total / 2)
        #expect(session.status(of: "big") == .done)
    }

    @Test func mergingTwiceChangesNothingAndReplaceStartsOver() throws {
        let chat = try Self.bigChat()
        let codebook = try Sample.codebook()
        let contents = try CodingsCSV.read(Self.csv(0..<300, code: "Dwangmiddel"), file: "a.csv",
                                           chats: ["big": chat], codebook: codebook, coder: "anna", now: fixedDate)
        var session = Session(coder: "anna")
        session.apply(CodingsCSV.changes(toImport: contents, into: session, replace: false))
        #expect(CodingsCSV.changes(toImport: contents, into: session, replace: false).isEmpty)
        let replaced = CodingsCSV.changes(toImport: contents, into: session, replace: true)
        var again = session
        again.apply(replaced)
        #expect(again.codingCount == 300)
        #expect(Set(again.orderedCodings.map(\.span)) == Set(session.orderedCodings.map(\.span)))
    }
}
