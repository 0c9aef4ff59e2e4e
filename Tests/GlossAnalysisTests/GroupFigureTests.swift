import Testing
import GlossCore
import GlossAnalysis

/// Code groups as figures and as joined bars, bar order and zeros. Every number is worked out by hand from the
/// session below (tree and codebook order in `AnalysisFixtures.swift`).
///
/// ```
/// chat-01  Bedreiging > Met geweld, Fysiek geweld
/// chat-02  Fysiek geweld
/// chat-03  Bedreiging > Met geweld
/// chat-04  Chantage
/// chat-05  Motieven > Financieel
/// chat-06  Motieven > Wraak, Bedreiging > Met openbaarmaking
/// chat-07  in progress, no codes
/// ```
/// Chats coded (done or in progress): 7.
@Suite("Code groups, joined bars, bar order and zeros")
struct GroupFigureTests {
    static func analysis() throws -> Analysis {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.bedreigingGeweld, Book.fysiek]))
        session.add(quote("q2", chat: 2, message: 2, [Book.fysiek]))
        session.add(quote("q3", chat: 3, message: 2, [Book.bedreigingGeweld]))
        session.add(quote("q4", chat: 4, message: 2, [Book.chantage]))
        session.add(quote("q5", chat: 5, message: 2, [Book.financieel]))
        session.add(quote("q6", chat: 6, message: 2, [Book.wraak]))
        session.add(quote("q7", chat: 6, message: 3, [Book.bedreigingOpenbaar]))
        for chat in 1...6 { session.mark(chat, .done) }
        session.mark(7, .inProgress)
        return try Analysis(session)
    }

    /// "(dreigen met) fysiek geweld": a grandchild and a child of Dwangmiddelen, from two branches.
    static let geweld = CodeGroup(name: "Geweld", codes: [Book.bedreigingGeweld, Book.fysiek])

    @Test("the picture's note says what n is for each kind: category, category with a joined group, group")
    func notesSayWhatNIs() throws {
        let a = try Self.analysis()
        let plain = ChartFigure(Figure(number: 4, title: "D", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 9))
        let joined = ChartFigure(Figure(number: 4, title: "D", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 9,
                                        shape: Figure.Shape(joins: [Self.geweld])))
        let group = ChartFigure(Figure(number: 8, title: "Geweld", group: Self.geweld, hierarchy: a.hierarchy, index: a.index, totalChats: 9))
        #expect(plain.note.hasPrefix("Unit: chat. n = chats with any code in the category; "))
        #expect(joined.note.hasPrefix("Unit: chat. n = chats with any code in the category or in a joined group; "))
        #expect(group.note.hasPrefix("Unit: chat. n = chats with any member of the group; "))
    }

    @Test("chats with any of a set: each chat once, with roll-up")
    func chatsWithAny() throws {
        let a = try Self.analysis()
        // Bedreiging (rolled: 01, 03, 06) or Wraak (06): 01, 03, 06 = 3, chat-06 once.
        #expect(a.index.chats(withAny: [Book.bedreiging, Book.wraak]) == 3)
        // Met geweld (01, 03) or Fysiek geweld (01, 02): 01, 02, 03 = 3.
        #expect(a.index.chats(withAny: Self.geweld.codes) == 3)
        #expect(a.index.chats(withAny: []) == 0)
        #expect(a.index.chats(withAny: [Book.isolatie]) == 0)
    }

    @Test("a group figure: the members are the bars, n = chats with any member")
    func groupFigure() throws {
        let a = try Self.analysis()
        let figure = Figure(number: 8, title: "Geweld", group: Self.geweld, hierarchy: a.hierarchy, index: a.index, totalChats: 9)
        // Met geweld: 01, 03 = 2; Fysiek geweld: 01, 02 = 2; tie broken by codebook order (2 before 4).
        #expect(figure.barCodes == [Book.bedreigingGeweld, Book.fysiek])
        #expect(figure.bars.map(\.chats) == [2, 2])
        // n = 01, 02, 03 = 3; percent = 100 × 2 / 3; share = 100 × 3 / 7.
        #expect(figure.n == 3 && figure.group == "Geweld" && figure.categoryPath == "Geweld")
        #expect(approx(figure.bars[0].percent, 200.0 / 3))
        #expect(approx(figure.share, 300.0 / 7))
    }

    @Test("a joined bar: the group is one bar in the category figure, in place of its members among the bars")
    func joinedBar() throws {
        let a = try Self.analysis()
        let figure = Figure(number: 4, title: "Dwangmiddelen", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 9,
                            shape: Figure.Shape(joins: [Self.geweld]))
        // Bars: Bedreiging 01, 03, 06 = 3 (rank 1); Geweld 01, 02, 03 = 3 (rank 2, its first member);
        // Chantage 04 = 1; Isolatie 0. Fysiek geweld is in the joined bar, not a bar of its own.
        #expect(figure.bars.map(\.label) == ["Bedreiging", "Geweld", "Chantage", "Isolatie"])
        #expect(figure.bars.map(\.chats) == [3, 3, 1, 0])
        #expect(figure.bars[1].group == "Geweld" && figure.bars[1].members == Self.geweld.codes)
        // n = chats with a code in Dwangmiddelen or in the group: 01, 02, 03, 04, 06 = 5; Geweld = 100 × 3 / 5 = 60 %.
        #expect(figure.n == 5)
        #expect(approx(figure.bars[1].percent, 60))
    }

    @Test("the worked example of analysis.md: the joined bar counts a chat with both members once")
    func workedExample() throws {
        // c1 Met geweld (as "Dreigen met fysiek geweld kind"), c2 Fysiek geweld, c3 both, c4 Isolatie (as "Emotioneel geweld").
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.bedreigingGeweld]))
        session.add(quote("q2", chat: 2, message: 2, [Book.fysiek]))
        session.add(quote("q3", chat: 3, message: 2, [Book.bedreigingGeweld]))
        session.add(quote("q4", chat: 3, message: 3, [Book.fysiek]))
        session.add(quote("q5", chat: 4, message: 2, [Book.isolatie]))
        for chat in 1...4 { session.mark(chat, .done) }
        let a = try Analysis(session)
        let figure = Figure(number: 4, title: "D", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 4,
                            shape: .init(joins: [Self.geweld]))
        // Joined bar c1, c2, c3 = 3; Bedreiging c1, c3 = 2; Isolatie 1; Chantage 0; n = 4; 75 %.
        #expect(figure.bars.map(\.label) == ["Geweld", "Bedreiging", "Isolatie", "Chantage"])
        #expect(figure.bars.map(\.chats) == [3, 2, 1, 0])
        #expect(figure.n == 4 && approx(figure.bars[0].percent, 75))
    }

    @Test("Table 3 as groups: a category's codes regrouped into joined bars")
    func tableThree() throws {
        let a = try Self.analysis()
        let psychisch = CodeGroup(name: "Psychisch", codes: [Book.bedreiging, Book.chantage])
        let fysiek = CodeGroup(name: "Fysiek", codes: [Book.fysiek, Book.isolatie])
        let figure = Figure(number: 3, title: "Impact", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 9,
                            shape: Figure.Shape(order: .codebook, joins: [psychisch, fysiek]))
        // Psychisch: Bedreiging (01, 03, 06) or Chantage (04) = 4; Fysiek: Fysiek geweld (01, 02) or Isolatie = 2.
        // Codebook order: Psychisch's first member is at 1, Fysiek's at 4.
        #expect(figure.bars.map(\.label) == ["Psychisch", "Fysiek"])
        #expect(figure.bars.map(\.chats) == [4, 2])
        #expect(figure.n == 5)
        // Declared: Fysiek geweld first, so the Fysiek bar leads.
        let declared = Figure(number: 3, title: "Impact", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 9,
                              shape: Figure.Shape(order: .declared, declared: [Book.fysiek], joins: [psychisch, fysiek]))
        #expect(declared.bars.map(\.label) == ["Fysiek", "Psychisch"])
    }

    @Test("bar order: count (ties by codebook), codebook, declared (the rest after, in codebook order)")
    func order() throws {
        let a = try Self.analysis()
        func bars(_ shape: Figure.Shape) -> [CodeID] {
            Figure(number: 4, title: "D", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 9, shape: shape).barCodes
        }
        // Counts: Bedreiging 3, Fysiek geweld 2, Chantage 1, Isolatie 0.
        #expect(bars(.init()) == [Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie])
        #expect(bars(.init(order: .codebook)) == [Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie])
        // Declared: the listed codes first, in their order; the others after, in codebook order.
        #expect(bars(.init(order: .declared, declared: [Book.isolatie, Book.chantage])) == [Book.isolatie, Book.chantage, Book.bedreiging, Book.fysiek])
    }

    @Test("codebook order is not count order")
    func codebookOrder() throws {
        var session = Session.anna()
        // Isolatie in three chats, Bedreiging in one: by count Isolatie leads; by codebook Bedreiging does.
        for chat in 1...3 { session.add(quote("i\(chat)", chat: chat, message: 2, [Book.isolatie])) }
        session.add(quote("b", chat: 4, message: 2, [Book.bedreigingOpenbaar]))
        for chat in 1...4 { session.mark(chat, .done) }
        let a = try Analysis(session)
        let count = a.figure(Book.dwang)
        let codebook = Figure(number: 4, title: "D", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 9,
                              shape: .init(order: .codebook))
        #expect(count.barCodes == [Book.isolatie, Book.bedreiging, Book.fysiek, Book.chantage])
        #expect(codebook.barCodes == [Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie])
    }

    @Test("zeros: shown, hidden, or folded into one line")
    func zeros() throws {
        let a = try Self.analysis()
        func figure(_ zeros: FigureZeros) -> Figure {
            Figure(number: 5, title: "M", category: Book.motief, hierarchy: a.hierarchy, index: a.index, totalChats: 9, shape: .init(zeros: zeros))
        }
        let d = Figure(number: 4, title: "D", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 9, shape: .init(zeros: .fold))
        // Isolatie has no chats: folded.
        #expect(d.barCodes == [Book.bedreiging, Book.fysiek, Book.chantage])
        #expect(d.folded.map(\.code) == [Book.isolatie] && d.foldedLine == "1 code without chats")
        let hidden = Figure(number: 4, title: "D", category: Book.dwang, hierarchy: a.hierarchy, index: a.index, totalChats: 9, shape: .init(zeros: .hide))
        #expect(hidden.barCodes == [Book.bedreiging, Book.fysiek, Book.chantage] && hidden.folded.isEmpty && hidden.foldedLine == nil)
        #expect(figure(.show).foldedLine == nil && figure(.show).bars.count == 2)
    }

    @Test("figure definitions resolve groups and joins; a missing group or member is an error, not a crash")
    func definitions() throws {
        let a = try Self.analysis()
        let definitions = [
            FigureDefinition(number: 4, title: "D", subject: .code(Book.dwang), joins: ["Geweld"]),
            FigureDefinition(number: 8, title: "G", subject: .group("Geweld"), order: .declared),
            FigureDefinition(number: 9, title: "X", subject: .group("Nergens")),
            FigureDefinition(number: 10, title: "Y", subject: .code(CodeID("weg"))),
        ]
        let gone = CodeGroup(name: "Geweld", codes: [Book.fysiek, CodeID("weg")])
        let results = Figure.figures(for: definitions, groups: [Self.geweld], hierarchy: a.hierarchy, index: a.index, totalChats: 9)
        #expect(try results[0].get().bars.map(\.label) == ["Bedreiging", "Geweld", "Chantage", "Isolatie"])
        // A group figure in declared order keeps the group's own order (Fysiek geweld was not listed first).
        #expect(try results[1].get().barCodes == [Book.bedreigingGeweld, Book.fysiek])
        #expect(throws: GlossError.self) { try results[2].get() }
        #expect(throws: GlossError.self) { try results[3].get() }
        let broken = Figure.figures(for: [definitions[0]], groups: [gone], hierarchy: a.hierarchy, index: a.index, totalChats: 9)
        #expect(throws: GlossError.self) { try broken[0].get() }
    }
}
