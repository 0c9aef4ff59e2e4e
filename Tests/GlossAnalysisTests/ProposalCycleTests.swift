import Testing
import GlossCore
import GlossAnalysis

/// Proposed codes come from the session file, which nothing validates: a hand-edited file can give a proposal
/// cycle (A under B, B under A) or a proposal that is its own parent. Analysis must still terminate.
@Suite("Proposal cycles")
struct ProposalCycleTests {
    static let a = Code(id: CodeID("p-a"), name: "A", parent: CodeID("p-b"))
    static let b = Code(id: CodeID("p-b"), name: "B", parent: CodeID("p-a"))
    static let selfParent = Code(id: CodeID("p-self"), name: "Self", parent: CodeID("p-self"))

    static func session() -> Session {
        var session = Session.anna()
        session.propose(a)
        session.propose(b)
        session.propose(selfParent)
        session.add(quote("q1", chat: 1, message: 2, [a.id]))
        session.add(quote("q2", chat: 2, message: 2, [selfParent.id]))
        session.mark(1, .done)
        session.mark(2, .done)
        return session
    }

    @Test func ancestorsNeverContainTheCodeItself() throws {
        let hierarchy = try Book.hierarchy(proposed: Self.session().proposedCodes)
        // A's parent chain: B, then B's parent A is A itself → stop.
        #expect(hierarchy.ancestors(of: Self.a.id) == [Self.b.id])
        #expect(hierarchy.ancestors(of: Self.b.id) == [Self.a.id])
        #expect(hierarchy.ancestors(of: Self.selfParent.id) == [])
    }

    @Test func subtreeTerminates() throws {
        let hierarchy = try Book.hierarchy(proposed: Self.session().proposedCodes)
        // Each code once: A, then its child B (whose child A is already listed).
        #expect(hierarchy.subtree(of: Self.a.id) == [Self.a.id, Self.b.id])
        #expect(hierarchy.subtree(of: Self.selfParent.id) == [Self.selfParent.id])
    }

    @Test func quotesAndCountsTerminate() throws {
        let session = Self.session()
        let analysis = try Analysis(session)
        // q1 carries A (chat-01): quotes of B with roll-up = [q1] (A is below B); of A = [q1].
        #expect(QuoteQuery.quotes(of: Self.b.id, in: session, hierarchy: analysis.hierarchy).map(\.id.rawValue) == ["q1"])
        #expect(QuoteQuery.quotes(of: Self.a.id, in: session, hierarchy: analysis.hierarchy).map(\.id.rawValue) == ["q1"])
        #expect(QuoteQuery.quotes(of: Self.selfParent.id, in: session, hierarchy: analysis.hierarchy).map(\.id.rawValue) == ["q2"])
        // One quote of A in chat-01: 1 application on A and 1 on B (not 2 on A).
        #expect(analysis.index.rolled["chat-01"]?[Self.a.id] == 1)
        #expect(analysis.index.rolled["chat-01"]?[Self.b.id] == 1)
        #expect(analysis.index.rolled["chat-02"]?[Self.selfParent.id] == 1)
        #expect(analysis.index.chats(with: Self.b.id) == 1)
    }
}
