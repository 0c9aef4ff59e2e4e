import Testing
import GlossCore
import GlossAnalysis

/// A chat can count in several bars; it counts once in n, so the bars may add up to more than 100 %.
@Suite("A chat in several bars")
struct MultipleBarsTests {
    /// Test 3.
    /// - chat-01: a quote with Bedreiging, another quote with Fysiek geweld (two bars)
    /// - chat-02: Fysiek geweld
    /// - chat-03: Chantage
    @Test func chatWithCodesInTwoBarsCountsInBothAndOnceInN() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 1, [Book.bedreiging]))
        session.add(quote("q2", chat: 1, message: 2, [Book.fysiek]))
        session.add(quote("q3", chat: 2, message: 2, [Book.fysiek]))
        session.add(quote("q4", chat: 3, message: 2, [Book.chantage]))
        for chat in 1...3 { session.mark(chat, .done) }
        let figure = try Analysis(session).figure(Book.dwang)

        // n = chats with any Dwangmiddelen code = chat-01, chat-02, chat-03 = 3 (chat-01 once, not twice).
        #expect(figure.n == 3)
        // Fysiek geweld: chat-01, chat-02 = 2 → 100 × 2 / 3 = 66.666… %.
        #expect(figure.bar(Book.fysiek)?.chats == 2)
        #expect(approx(figure.bar(Book.fysiek)?.percent, 200.0 / 3.0))
        // Bedreiging: chat-01 = 1 → 33.333… %.
        #expect(figure.bar(Book.bedreiging)?.chats == 1)
        #expect(approx(figure.bar(Book.bedreiging)?.percent, 100.0 / 3.0))
        // Chantage: chat-03 = 1 → 33.333… %.
        #expect(figure.bar(Book.chantage)?.chats == 1)
        #expect(approx(figure.bar(Book.chantage)?.percent, 100.0 / 3.0))
        // Isolatie: 0 → 0 %.
        #expect(figure.bar(Book.isolatie)?.chats == 0)
        #expect(approx(figure.bar(Book.isolatie)?.percent, 0))

        // Bars add up to 2 + 1 + 1 + 0 = 4 chats > n = 3 …
        #expect(figure.bars.map(\.chats).reduce(0, +) == 4)
        // … and 66.67 + 33.33 + 33.33 + 0 = 133.33 % > 100 %.
        let total = figure.bars.compactMap(\.percent).reduce(0, +)
        #expect(approx(total, 400.0 / 3.0))
        #expect(total > 100)
    }

    /// A chat in every bar of a category still counts once in n: four bars of 100 %.
    @Test func chatInEveryBar() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 5, message: 1, [Book.bedreigingOpenbaar]))
        session.add(quote("q2", chat: 5, message: 2, [Book.fysiek, Book.chantage]))
        session.add(quote("q3", chat: 5, message: 3, [Book.isolatie]))
        session.mark(5, .inProgress)
        let figure = try Analysis(session).figure(Book.dwang)
        // n = 1 (chat-05); every bar 1 chat = 100 %; sum 400 %.
        #expect(figure.n == 1)
        #expect(figure.bars.map(\.chats) == [1, 1, 1, 1])
        #expect(figure.bars.allSatisfy { approx($0.percent, 100) })
        #expect(approx(figure.bars.compactMap(\.percent).reduce(0, +), 400))
    }
}
