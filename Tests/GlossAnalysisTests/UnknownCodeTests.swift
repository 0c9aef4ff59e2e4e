import Testing
import GlossCore
import GlossAnalysis

/// Codes in the session that are in neither the codebook nor the proposals are reported with their number
/// of quotes and never counted.
@Suite("Codes not in the codebook")
struct UnknownCodeTests {
    static let removed = CodeID("code-geschrapt")   // e.g. deleted from the shared codebook
    static let old = CodeID("code-oud")

    /// Test 6.
    /// - chat-01: q1 [geschrapt]; q2 [geschrapt, Fysiek geweld]
    /// - chat-02: q3 [geschrapt]
    /// - chat-03: q4 [oud]
    @Test func unknownCodesAreReportedWithQuoteCountsAndNotCounted() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 1, [Self.removed]))
        session.add(quote("q2", chat: 1, message: 2, [Self.removed, Book.fysiek]))
        session.add(quote("q3", chat: 2, message: 1, [Self.removed]))
        session.add(quote("q4", chat: 3, message: 3, [Self.old]))
        for chat in 1...3 { session.mark(chat, .done) }
        let analysis = try Analysis(session)
        let index = analysis.index

        // geschrapt: q1, q2, q3 = 3 quotes; oud: q4 = 1 quote.
        #expect(index.unknownCodes == [Self.removed: 3, Self.old: 1])
        // Not counted anywhere else.
        #expect(index.chats(with: Self.removed) == 0)
        #expect(index.quotesWithCode[Self.removed] == nil)
        #expect(index.chatsWithCodeDirectly[Self.removed] == nil)
        #expect(!index.chat("chat-02", carries: Self.removed))
        // chat-02 and chat-03 carry only unknown codes: no counts at all.
        #expect(index.rolled["chat-02"] == nil)
        #expect(index.rolled["chat-03"] == nil)
        #expect(index.direct["chat-03"] == nil)

        let figure = analysis.figure(Book.dwang)
        #expect(figure.unknownCodes == [Self.removed: 3, Self.old: 1])
        // n = chat-01 only (through Fysiek geweld on q2) = 1; chat-02 and chat-03 are not in n.
        #expect(figure.n == 1)
        #expect(figure.bar(Book.fysiek)?.chats == 1)
        #expect(approx(figure.bar(Book.fysiek)?.percent, 100))
        // No bar for an unknown code.
        #expect(figure.bars.count == 4)
        #expect(figure.bar(Self.removed) == nil)
        // Chats coded = 3 (all done, unknown codes or not); share = 100 × 1 / 3 = 33.333… %.
        #expect(figure.chatsCoded == 3)
        #expect(approx(figure.share, 100.0 / 3.0))
    }

    /// Removing the unknown quotes one by one brings the report down to zero and drops the entry.
    @Test func unknownCountFollowsIncrementalChanges() throws {
        let hierarchy = try Book.hierarchy()
        var index = FrequencyIndex(hierarchy: hierarchy)
        let a = quote("q1", chat: 1, message: 1, [Self.removed])
        let b = quote("q2", chat: 2, message: 1, [Self.removed, Book.wraak])
        index.add(a)
        index.add(b)
        #expect(index.unknownCodes == [Self.removed: 2])     // q1, q2
        index.remove(a)
        #expect(index.unknownCodes == [Self.removed: 1])     // q2
        // Re-code q2 without the unknown code: nothing unknown left.
        let recoded = quote("q2", chat: 2, message: 1, [Book.wraak])
        index.apply(.coding(id: b.id, before: b, after: recoded))
        #expect(index.unknownCodes.isEmpty)
        #expect(index.chats(with: Book.wraak) == 1)          // chat-02
    }

    /// A session code that is a proposal is not unknown; the same session read without its proposals is.
    @Test func proposedCodesAreNotUnknown() throws {
        let proposed = Code(id: CodeID("p-stalking"), name: "Stalking", parent: Book.dwang)
        var session = Session.anna()
        session.propose(proposed)
        session.add(quote("q1", chat: 1, message: 2, [proposed.id]))
        session.mark(1, .done)
        // With the session's proposals: known, counted (n = 1), not reported.
        let withProposals = try Analysis(session)
        #expect(withProposals.index.unknownCodes.isEmpty)
        #expect(withProposals.figure(Book.dwang).n == 1)
        // Without: 1 unknown quote, n = 0.
        let without = Analysis(session, hierarchy: try Book.hierarchy())
        #expect(without.index.unknownCodes == [proposed.id: 1])
        #expect(without.figure(Book.dwang).n == 0)
    }
}
