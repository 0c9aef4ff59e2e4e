import Testing
import GlossCore
import GlossAnalysis

/// Double coding: one quote with two codes counts for both; co-occurrence counts chats (with roll-up) and
/// quotes (codes themselves).
@Suite("Double coding and co-occurrence")
struct DoubleCodingTests {
    /// - chat-01: q1 [Bedreiging, Fysiek geweld] (one quote, two bars); q5 [Financieel]
    /// - chat-02: q2 [Met geweld], q3 [Fysiek geweld] (two quotes)
    /// - chat-03: q4 [Met geweld, Fysiek geweld] (one quote; Met geweld is below Bedreiging)
    /// - chat-04: q6 [Fysiek geweld]
    static func session() -> Session {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.bedreiging, Book.fysiek], relation: "bedreiging met geweld"))
        session.add(quote("q5", chat: 1, message: 3, [Book.financieel]))
        session.add(quote("q2", chat: 2, message: 1, [Book.bedreigingGeweld]))
        session.add(quote("q3", chat: 2, message: 2, [Book.fysiek]))
        session.add(quote("q4", chat: 3, message: 2, [Book.bedreigingGeweld, Book.fysiek]))
        session.add(quote("q6", chat: 4, message: 2, [Book.fysiek]))
        for chat in 1...4 { session.mark(chat, .done) }
        return session
    }

    /// Test 9, the figure side: one quote with two codes of different bars counts for both.
    @Test func oneQuoteTwoBars() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.bedreiging, Book.fysiek]))
        session.mark(1, .done)
        let analysis = try Analysis(session)
        let figure = analysis.figure(Book.dwang)
        // n = 1 (chat-01); Bedreiging 1 and Fysiek geweld 1 → 100 % each, 200 % in total.
        #expect(figure.n == 1)
        #expect(figure.bar(Book.bedreiging)?.chats == 1)
        #expect(figure.bar(Book.fysiek)?.chats == 1)
        #expect(approx(figure.bar(Book.bedreiging)?.percent, 100))
        #expect(approx(figure.bar(Book.fysiek)?.percent, 100))
        // One quote, but Dwangmiddelen gets two rolled-up applications (one per code on the quote).
        #expect(analysis.index.quotesWithCode[Book.bedreiging] == 1)
        #expect(analysis.index.quotesWithCode[Book.fysiek] == 1)
        #expect(analysis.index.rolled["chat-01"]?[Book.dwang] == 2)
    }

    @Test func figureOfTheFixture() throws {
        let figure = try Analysis(Self.session()).figure(Book.dwang)
        // n = chat-01, 02, 03, 04 = 4.
        // Fysiek geweld: 01 (q1), 02 (q3), 03 (q4), 04 (q6) = 4 → 100 %.
        // Bedreiging: 01 (q1), 02 (q2 Met geweld), 03 (q4 Met geweld) = 3 → 75 %.
        #expect(figure.n == 4)
        #expect(figure.barCodes == [Book.fysiek, Book.bedreiging, Book.chantage, Book.isolatie])
        #expect(figure.bars.map(\.chats) == [4, 3, 0, 0])
        #expect(approx(figure.bars[0].percent, 100))
        #expect(approx(figure.bars[1].percent, 75))
    }

    /// Test 9, co-occurrence.
    @Test func coOccurrenceChatsWithRollUpQuotesWithTheCodesThemselves() throws {
        let analysis = try Analysis(Self.session())
        func co(_ a: CodeID, _ b: CodeID) -> Together {
            Together(CodeStatistics.coOccurrence(a, b, session: Self.session(), index: analysis.index))
        }
        // Bedreiging × Fysiek geweld.
        // Chats carrying both (roll-up): chat-01 (q1), chat-02 (q2 below Bedreiging + q3), chat-03 (q4) = 3;
        // chat-04 has only Fysiek geweld.
        // Quotes carrying both codes themselves: q1 only = 1 (q4 carries Met geweld, not Bedreiging).
        #expect(co(Book.bedreiging, Book.fysiek) == Together(chats: 3, quotes: 1))
        // Symmetric.
        #expect(co(Book.fysiek, Book.bedreiging) == Together(chats: 3, quotes: 1))
        // Met geweld × Fysiek geweld: chats 02, 03 = 2; quotes q4 = 1.
        #expect(co(Book.bedreigingGeweld, Book.fysiek) == Together(chats: 2, quotes: 1))
        // Dwangmiddelen × Motieven: only chat-01 carries both (q1, q5) = 1 chat; no quote carries the two
        // category codes themselves = 0 quotes.
        #expect(co(Book.dwang, Book.motief) == Together(chats: 1, quotes: 0))
        // Met geweld × Financieel: never together = 0, 0.
        #expect(co(Book.bedreigingGeweld, Book.financieel) == Together(chats: 0, quotes: 0))
        // A code with itself: its chats (Fysiek: 01, 02, 03, 04 = 4) and its quotes (q1, q3, q4, q6 = 4).
        #expect(co(Book.fysiek, Book.fysiek) == Together(chats: 4, quotes: 4))
    }

    /// Removing one code of a double-coded quote keeps the other.
    @Test func recodingADoubleCodedQuote() throws {
        let hierarchy = try Book.hierarchy()
        var session = Self.session()
        var index = FrequencyIndex(hierarchy: hierarchy, session: session)
        let before = try #require(session.codings[CodingID("q1")])
        var after = before
        after.codes = [Book.fysiek]
        let change = SessionChange.coding(id: before.id, before: before, after: after)
        session.apply(change)
        index.apply(change)
        #expect(index == FrequencyIndex(hierarchy: hierarchy, session: session))
        // Bedreiging now: chat-02, chat-03 = 2 chats; chat-01 no longer carries it.
        #expect(index.chats(with: Book.bedreiging) == 2)
        #expect(!index.chat("chat-01", carries: Book.bedreiging))
        // Co-occurrence Bedreiging × Fysiek: chats 02, 03 = 2; quotes 0.
        #expect(Together(CodeStatistics.coOccurrence(Book.bedreiging, Book.fysiek, session: session, index: index))
            == Together(chats: 2, quotes: 0))
    }
}
