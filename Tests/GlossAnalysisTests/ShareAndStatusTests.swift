import Testing
import GlossCore
import GlossAnalysis

/// share = 100 × n / chats coded, where chats coded = done + in progress; status counts over all chats.
@Suite("Share and status counts")
struct ShareAndStatusTests {
    /// Nine project chats:
    ///
    /// | chat    | status      | codes                  |
    /// |---------|-------------|------------------------|
    /// | chat-01 | done        | Fysiek geweld          |
    /// | chat-02 | done        | Bedreiging             |
    /// | chat-03 | done        | Financieel             |
    /// | chat-04 | done        | Wraak                  |
    /// | chat-05 | in progress | Chantage               |
    /// | chat-06 | in progress | Financieel             |
    /// | chat-07 | done        | — (done with no codes) |
    /// | chat-08 | not started | —                      |
    /// | chat-09 | not started | —                      |
    static func session() -> Session {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.fysiek]))
        session.add(quote("q2", chat: 2, message: 2, [Book.bedreiging]))
        session.add(quote("q3", chat: 3, message: 2, [Book.financieel]))
        session.add(quote("q4", chat: 4, message: 2, [Book.wraak]))
        session.add(quote("q5", chat: 5, message: 2, [Book.chantage]))
        session.add(quote("q6", chat: 6, message: 2, [Book.financieel]))
        for chat in [1, 2, 3, 4, 7] { session.mark(chat, .done) }
        for chat in [5, 6] { session.mark(chat, .inProgress) }
        // chat-08 is set to in progress and back to not started: it must not count.
        session.mark(8, .inProgress)
        session.mark(8, .notStarted)
        return session
    }

    /// Test 7.
    @Test func shareUsesChatsCodedAsDenominator() throws {
        let analysis = try Analysis(Self.session())
        let figure = analysis.figure(Book.dwang, totalChats: 9)
        // n (Dwangmiddelen) = chat-01, chat-02, chat-05 = 3.
        #expect(figure.n == 3)
        // Chats coded = done (01, 02, 03, 04, 07 = 5) + in progress (05, 06 = 2) = 7; chat-07 counts though it
        // has no codes, chat-08/09 do not.
        #expect(figure.chatsCoded == 7)
        #expect(analysis.index.chatsCoded == 7)
        // share = 100 × 3 / 7 = 42.857142857… % (not 100 × 3 / 9 = 33.3 over all chats, nor 100 × 3 / 6 over
        // chats with codes).
        #expect(approx(figure.share, 300.0 / 7.0))
        // Status counts: done 5, in progress 2, not started 9 − 5 − 2 = 2.
        #expect(Status(figure.status) == Status(done: 5, inProgress: 2, notStarted: 2))
        // Bars: Fysiek 1, Bedreiging 1, Chantage 1 → 100 × 1 / 3 = 33.33 % each; Isolatie 0.
        #expect(approx(figure.bar(Book.fysiek)?.percent, 100.0 / 3.0))
        #expect(figure.bar(Book.isolatie)?.chats == 0)

        let motieven = analysis.figure(Book.motief, totalChats: 9)
        // n (Motieven) = chat-03, chat-04, chat-06 = 3; share = 300 / 7 too; Financieel 2 (03, 06) = 66.67 %,
        // Wraak 1 (04) = 33.33 %.
        #expect(motieven.n == 3)
        #expect(approx(motieven.share, 300.0 / 7.0))
        #expect(motieven.bar(Book.financieel)?.chats == 2)
        #expect(approx(motieven.bar(Book.financieel)?.percent, 200.0 / 3.0))
        #expect(approx(motieven.bar(Book.wraak)?.percent, 100.0 / 3.0))
    }

    /// The index keeps only chats that are not "not started".
    @Test func statusesAreTheSessionsStartedChats() throws {
        let index = try Analysis(Self.session()).index
        #expect(index.statuses == [
            "chat-01": .done, "chat-02": .done, "chat-03": .done, "chat-04": .done, "chat-07": .done,
            "chat-05": .inProgress, "chat-06": .inProgress,
        ])
        // done 5 and in progress 2 over 9 chats: 2 not started; over 20 chats: 13 not started.
        #expect(Status(index.statusCounts(totalChats: 9)) == Status(done: 5, inProgress: 2, notStarted: 2))
        #expect(Status(index.statusCounts(totalChats: 20)) == Status(done: 5, inProgress: 2, notStarted: 13))
        // A session naming more chats than the project has never gives a negative count: 4 − 7 → 0.
        #expect(index.statusCounts(totalChats: 4).notStarted == 0)
    }

    /// Status changes move the denominator, in the incremental index too.
    @Test func statusChangesMoveTheDenominator() throws {
        let hierarchy = try Book.hierarchy()
        var session = Self.session()
        var index = FrequencyIndex(hierarchy: hierarchy, session: session)
        // chat-07 done → not started: chats coded 7 → 6; share = 100 × 3 / 6 = 50 %.
        let change = SessionChange.status(chat: "chat-07", before: .done, after: .notStarted)
        session.apply(change)
        index.apply(change)
        #expect(index == FrequencyIndex(hierarchy: hierarchy, session: session))
        let figure = Figure(number: nil, title: "t", category: Book.dwang, hierarchy: hierarchy, index: index, totalChats: 9)
        #expect(figure.chatsCoded == 6)
        #expect(approx(figure.share, 50))
        // done 4, in progress 2, not started 9 − 4 − 2 = 3.
        #expect(Status(figure.status) == Status(done: 4, inProgress: 2, notStarted: 3))
        // chat-05 in progress → done: chats coded stays 6, done 5, in progress 1.
        let done = SessionChange.status(chat: "chat-05", before: .inProgress, after: .done)
        session.apply(done)
        index.apply(done)
        #expect(Status(index.statusCounts(totalChats: 9)) == Status(done: 5, inProgress: 1, notStarted: 3))
        #expect(index.chatsCoded == 6)
    }
}
