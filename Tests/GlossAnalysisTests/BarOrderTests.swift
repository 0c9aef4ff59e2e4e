import Testing
import GlossCore
import GlossAnalysis

/// Bars are ordered by chats (descending), ties in codebook order; empty bars are shown unless `hideEmpty`.
@Suite("Bar order and hideEmpty")
struct BarOrderTests {
    /// Test 8.
    /// - Fysiek geweld (codebook position 4): chat-01, chat-02 = 2 chats
    /// - Chantage (position 5): chat-03, chat-04 = 2 chats
    /// - Bedreiging (position 1): chat-05 = 1 chat
    /// - Isolatie (position 6): none = 0 chats
    ///
    /// The tie Fysiek geweld / Chantage is broken by codebook order (4 < 5), which differs from name order
    /// ("Chantage" < "Fysiek geweld") and id order ("code-chantage" < "code-fysiek"). Chantage's chats are
    /// added first so insertion order would also give the wrong answer.
    static func session() -> Session {
        var session = Session.anna()
        session.add(quote("q1", chat: 3, message: 2, [Book.chantage]))
        session.add(quote("q2", chat: 4, message: 2, [Book.chantage]))
        session.add(quote("q3", chat: 1, message: 2, [Book.fysiek]))
        session.add(quote("q4", chat: 2, message: 2, [Book.fysiek]))
        session.add(quote("q5", chat: 5, message: 2, [Book.bedreigingGeweld]))
        for chat in 1...5 { session.mark(chat, .done) }
        return session
    }

    @Test func barsByChatsThenCodebookOrder() throws {
        let figure = try Analysis(Self.session()).figure(Book.dwang)
        // n = chat-01 … chat-05 = 5.
        #expect(figure.n == 5)
        #expect(figure.barCodes == [Book.fysiek, Book.chantage, Book.bedreiging, Book.isolatie])
        #expect(figure.bars.map(\.chats) == [2, 2, 1, 0])
        // Percents: 100 × 2 / 5 = 40, 40, 100 × 1 / 5 = 20, 0.
        #expect(approx(figure.bars[0].percent, 40))
        #expect(approx(figure.bars[1].percent, 40))
        #expect(approx(figure.bars[2].percent, 20))
        #expect(approx(figure.bars[3].percent, 0))
    }

    @Test func hideEmptyDropsZeroBarsOnly() throws {
        let figure = try Analysis(Self.session()).figure(Book.dwang, hideEmpty: true)
        // Isolatie (0 chats) is gone; the rest keep their order and numbers; n unchanged = 5.
        #expect(figure.barCodes == [Book.fysiek, Book.chantage, Book.bedreiging])
        #expect(figure.bars.map(\.chats) == [2, 2, 1])
        #expect(figure.n == 5)
    }

    /// All bars tied (all 0): pure codebook order, every bar shown.
    @Test func allZeroBarsInCodebookOrder() throws {
        var session = Session.anna()
        session.mark(1, .done)
        let figure = try Analysis(session).figure(Book.dwang)
        #expect(figure.barCodes == [Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie])
    }

    /// A three-way tie at 1 chat in reverse codebook order of adding: still codebook order.
    @Test func threeWayTie() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.isolatie]))
        session.add(quote("q2", chat: 2, message: 2, [Book.chantage]))
        session.add(quote("q3", chat: 3, message: 2, [Book.bedreigingOpenbaar]))
        for chat in 1...3 { session.mark(chat, .done) }
        let figure = try Analysis(session).figure(Book.dwang)
        // Bedreiging (1), Chantage (5), Isolatie (6) with 1 chat each, then Fysiek geweld with 0.
        #expect(figure.barCodes == [Book.bedreiging, Book.chantage, Book.isolatie, Book.fysiek])
        #expect(figure.bars.map(\.chats) == [1, 1, 1, 0])
    }

    /// Figure definitions resolve by path; an unknown category is an error, not a crash.
    @Test func figureDefinitionsResolve() throws {
        let analysis = try Analysis(Self.session())
        let results = Figure.figures(
            for: [FigureDefinition(number: 4, title: "Dwangmiddelen", category: "Dwangmiddelen"),
                  FigureDefinition(number: 5, title: "Weg", category: "Bestaat niet")],
            hierarchy: analysis.hierarchy, index: analysis.index, totalChats: 9, hideEmpty: true)
        #expect(results.count == 2)
        let first = try results[0].get()
        #expect(first.number == 4)
        #expect(first.category == Book.dwang)
        #expect(first.barCodes == [Book.fysiek, Book.chantage, Book.bedreiging])
        if case .success = results[1] { Issue.record("an unknown category must be a failure") }
    }
}
