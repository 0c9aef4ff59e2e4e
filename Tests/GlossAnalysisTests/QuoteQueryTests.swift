import Testing
import GlossCore
import GlossAnalysis

/// The quotes of a code: with roll-up the sub-codes' quotes too; in chat order, then text order.
@Suite("Quote query")
struct QuoteQueryTests {
    /// Coding ids are chosen so that id order (q1 < q2 < …) is NOT the expected order.
    /// - chat-02: q1 message 1 [Bedreiging]
    /// - chat-01: q2 message 2 [Met geweld]
    /// - chat-01: q3 message 1, whole message [Fysiek geweld]
    /// - chat-01: q4 message 1, offsets 0..<5 [Bedreiging]
    /// - chat-01: q5 message 3 [Bedreiging, Financieel]
    /// - chat-03: q0 message 2 [Met openbaarmaking]
    static func session() -> Session {
        var session = Session.anna()
        session.add(quote("q1", chat: 2, message: 1, [Book.bedreiging]))
        session.add(quote("q2", chat: 1, message: 2, [Book.bedreigingGeweld]))
        session.add(quote("q3", chat: 1, message: 1, [Book.fysiek]))
        session.add(quote("q4", chat: 1, message: 1, from: 0, to: 5, [Book.bedreiging]))
        session.add(quote("q5", chat: 1, message: 3, [Book.bedreiging, Book.financieel]))
        session.add(quote("q0", chat: 3, message: 2, [Book.bedreigingOpenbaar]))
        return session
    }

    private func ids(_ codings: [Coding]) -> [String] { codings.map(\.id.rawValue) }

    /// Test 11.
    @Test func rollUpIncludesSubCodeQuotesInChatThenTextOrder() throws {
        let hierarchy = try Book.hierarchy()
        let quotes = QuoteQuery.quotes(of: Book.bedreiging, in: Self.session(), hierarchy: hierarchy)
        // Bedreiging's subtree = Bedreiging, Met geweld, Met openbaarmaking.
        // chat-01: q4 (msg 1), q2 (msg 2, Met geweld), q5 (msg 3); chat-02: q1; chat-03: q0 (Met openbaarmaking).
        #expect(ids(quotes) == ["q4", "q2", "q5", "q1", "q0"])
        // The quote text is the chat's text: q4 is "Hoi, " (offsets 0..<5 of message 1).
        #expect(quotes.first?.text == "Hoi, ")
    }

    @Test func withoutRollUpOnlyTheCodesOwnQuotes() throws {
        let hierarchy = try Book.hierarchy()
        let quotes = QuoteQuery.quotes(of: Book.bedreiging, in: Self.session(), hierarchy: hierarchy, rollUp: false)
        // Bedreiging itself: chat-01 q4, q5; chat-02 q1.
        #expect(ids(quotes) == ["q4", "q5", "q1"])
    }

    @Test func categoryRollUp() throws {
        let hierarchy = try Book.hierarchy()
        let session = Self.session()
        // Dwangmiddelen with roll-up: every quote with a Dwangmiddelen code. In chat-01, message 1 has q4
        // (0..<5) before q3 (0..<whole message): same start, q4 ends first.
        #expect(ids(QuoteQuery.quotes(of: Book.dwang, in: session, hierarchy: hierarchy))
            == ["q4", "q3", "q2", "q5", "q1", "q0"])
        // Nobody coded Dwangmiddelen itself.
        #expect(QuoteQuery.quotes(of: Book.dwang, in: session, hierarchy: hierarchy, rollUp: false).isEmpty)
        // A double-coded quote is found through either code, once.
        #expect(ids(QuoteQuery.quotes(of: Book.motief, in: session, hierarchy: hierarchy)) == ["q5"])
        // A leaf: roll-up changes nothing.
        #expect(ids(QuoteQuery.quotes(of: Book.bedreigingGeweld, in: session, hierarchy: hierarchy)) == ["q2"])
        #expect(QuoteQuery.quotes(of: Book.isolatie, in: session, hierarchy: hierarchy).isEmpty)
    }

    /// Proposed sub-codes are part of the subtree.
    @Test func rollUpIncludesProposedSubCodes() throws {
        let proposed = Code(id: CodeID("p-dreigen-kinderen"), name: "Dreigen met kinderen", parent: Book.bedreiging)
        var session = Self.session()
        session.propose(proposed)
        session.add(quote("q9", chat: 1, message: 2, from: 0, to: 3, [proposed.id]))
        let hierarchy = try Book.hierarchy(proposed: session.proposedCodes)
        // q9 (chat-01 msg 2, 0..<3) sorts before q2 (chat-01 msg 2, 0..<whole).
        #expect(ids(QuoteQuery.quotes(of: Book.bedreiging, in: session, hierarchy: hierarchy))
            == ["q4", "q9", "q2", "q5", "q1", "q0"])
    }
}
