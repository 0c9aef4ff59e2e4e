import Foundation
import Testing
import GlossCore
import GlossAnalysis

/// `--where` and distributions over a small table worked out by hand:
///
/// | case | chat? | leeftijd | groep (from leeftijd) | duur (ordinal kort < middel < lang) | geslacht |
/// |---|---|---|---|---|---|
/// | chat-01 | yes | 14 | 13 tot 15 | lang | meisje |
/// | chat-02 | yes | 16 | 16 tot 17 | kort | jongen |
/// | chat-03 | yes | —  | —         | lang | meisje |
/// | chat-04 | yes | 11 | 12 jaar of jonger | — | — |
/// | x-1     | no  | 15 | 13 tot 15 | kort | meisje |
///
/// Coder anna: chat-01 done with `Bedreiging > Met geweld`; chat-02 done with `Motieven > Wraak`; chat-03 in
/// progress, no codes; chat-04 not started.
@Suite("Cases: --where and distributions")
struct CaseFilterTests {
    static let declarations = [
        VariableDeclaration(name: "leeftijd", type: .number),
        VariableDeclaration(name: "groep", from: "leeftijd", bins: [VariableBin(label: "12 jaar of jonger", upTo: 12),
                                                                 VariableBin(label: "13 tot 15", upTo: 15), VariableBin(label: "16 tot 17", upTo: 17),
                                                                 VariableBin(label: "18 jaar of ouder", upTo: nil)]),
        VariableDeclaration(name: "duur", type: .ordinal, values: ["kort", "middel", "lang"]),
    ]

    static func table() -> CaseTable {
        let chats: [(id: String, attributes: [(key: String, value: String)])] = [
            (id: "chat-01", attributes: [(key: "leeftijd", value: "14"), (key: "duur", value: "lang"), (key: "geslacht", value: "meisje")]),
            (id: "chat-02", attributes: [(key: "leeftijd", value: "16"), (key: "duur", value: "kort"), (key: "geslacht", value: "jongen")]),
            (id: "chat-03", attributes: [(key: "duur", value: "lang"), (key: "geslacht", value: "meisje")]),
            (id: "chat-04", attributes: [(key: "leeftijd", value: "11")]),
        ]
        let imported = ImportedCases(columns: ["leeftijd", "duur", "geslacht"], values: ["x-1": ["leeftijd": "15", "duur": "kort", "geslacht": "meisje"]])
        return CaseTable.merge(chats: chats, imported: imported, declarations: declarations)
    }

    static func codes() throws -> ChatCodes {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, [Book.bedreigingGeweld]))
        session.add(quote("q2", chat: 2, [Book.wraak]))
        session.mark(1, .done)
        session.mark(2, .done)
        session.mark(3, .inProgress)
        let hierarchy = try Book.hierarchy()
        return ChatCodes(hierarchy: hierarchy, digest: SessionDigest(session))
    }

    func cases(_ arguments: [String]) throws -> [String] {
        try CaseFilter(parsing: arguments).cases(in: Self.table(), codes: try Self.codes())
    }

    @Test("variable conditions: a category, a bin label, a number compared as a number, AND")
    func variables() throws {
        #expect(try cases([]) == ["chat-01", "chat-02", "chat-03", "chat-04", "x-1"])
        #expect(try cases(["geslacht=meisje"]) == ["chat-01", "chat-03", "x-1"])
        #expect(try cases(["groep=13 tot 15"]) == ["chat-01", "x-1"])
        #expect(try cases(["leeftijd=14.0"]) == ["chat-01"])
        #expect(try cases(["geslacht=meisje", "duur=lang"]) == ["chat-01", "chat-03"])
        #expect(try cases([" geslacht = meisje ", "groep=13 tot 15", "duur=kort"]) == ["x-1"])
    }

    @Test("code conditions: 1 carries the code or one below it, 0 coded without it, not started and attribute-only neither")
    func codes() throws {
        #expect(try cases(["code:Dwangmiddelen=1"]) == ["chat-01"])          // roll-up from Met geweld
        #expect(try cases(["code:Dwangmiddelen > Bedreiging=1"]) == ["chat-01"])
        #expect(try cases(["code:Dwangmiddelen=0"]) == ["chat-02", "chat-03"])  // chat-03 in progress, no codes
        #expect(try cases(["code:Motieven > Wraak=1", "geslacht=jongen"]) == ["chat-02"])
    }

    @Test("errors name the unknown variable, value or code, and a code condition without a session")
    func errors() throws {
        func message(_ arguments: [String], codes: Bool = true) -> String {
            do {
                _ = try CaseFilter(parsing: arguments).cases(in: Self.table(), codes: codes ? try Self.codes() : nil)
                return ""
            } catch { return "\(error)" }
        }
        #expect(message(["lengte=3"]).contains("no variable \"lengte\""))
        #expect(message(["duur=eeuwig"]).contains("\"eeuwig\" is not a value of \"duur\"; its values are \"kort\", \"middel\", \"lang\""))
        #expect(message(["groep=13-15"]).contains("is not a value of \"groep\""))
        #expect(message(["leeftijd=veertien"]).contains("is a number variable"))
        #expect(message(["code:Nergens=1"]).contains("no code \"Nergens\""))
        #expect(message(["code:Dwangmiddelen=ja"]).contains("code:PATH=1"))
        #expect(message(["geslacht"]).contains("VARIABLE=VALUE"))
        #expect(message(["code:Dwangmiddelen=1"], codes: false).contains("needs a coder's session"))
    }

    @Test("distributions: declared order kept whatever the counts, n = known, missing beside it, percent of n")
    func distributions() throws {
        let table = Self.table()
        // groep over all 5 cases: 12-: chat-04; 13–15: chat-01, x-1; 16–17: chat-02; 18+: none; chat-03 missing.
        let groep = VariableDistribution(table.variable("groep")!, table: table)
        #expect(groep.n == 4 && groep.missing == 1)
        #expect(groep.bars.map(\.label) == ["12 jaar of jonger", "13 tot 15", "16 tot 17", "18 jaar of ouder"])
        #expect(groep.bars.map(\.cases) == [1, 2, 1, 0])
        #expect(groep.bars.map(\.percent) == [25, 50, 25, 0])
        // duur: kort (chat-02, x-1) = 2, middel 0, lang (chat-01, chat-03) = 2; never re-sorted by count.
        let duur = VariableDistribution(table.variable("duur")!, table: table)
        #expect(duur.bars.map(\.label) == ["kort", "middel", "lang"])
        #expect(duur.bars.map(\.cases) == [2, 0, 2])
        // geslacht (undeclared category) alphabetically: jongen 1, meisje 3; chat-04 missing. 1/4 and 3/4 of n.
        let geslacht = VariableDistribution(table.variable("geslacht")!, table: table)
        #expect(geslacht.bars.map(\.label) == ["jongen", "meisje"])
        #expect(geslacht.bars.map(\.percent) == [25, 75])
        // A subset: the chats where groep is known and geslacht = meisje → chat-01 only: 13–15 100 %.
        let subset = try CaseFilter(parsing: ["geslacht=meisje"]).cases(in: table, codes: nil)
        let sub = VariableDistribution(table.variable("groep")!, table: table, cases: subset)
        #expect(sub.n == 2 && sub.missing == 1)  // chat-01, x-1 known; chat-03 missing
        // Full precision: one case of three is 33.333…%.
        let thirds = VariableDistribution(table.variable("duur")!, table: table, cases: ["chat-01", "chat-02", "chat-03"])
        #expect(thirds.bars[0].percent == 100.0 / 3.0)
        // n = 0: percents undefined, never NaN.
        let none = VariableDistribution(table.variable("duur")!, table: table, cases: ["chat-04"])
        #expect(none.n == 0 && none.missing == 1 && none.bars.allSatisfy { $0.percent == nil })
    }

    @Test("figures on a variable: in number order; an unknown variable is an error naming the figure")
    func variableFigures() {
        let results = VariableFigure.figures(for: [VariableFigureDefinition(number: 2, title: "Duur", variable: "duur"),
                                                   VariableFigureDefinition(number: 1, title: "Leeftijd", variable: "groep"),
                                                   VariableFigureDefinition(number: 3, title: "X", variable: "nergens")], table: Self.table())
        #expect(results.count == 3)
        if case .success(let first) = results[0] { #expect(first.number == 1 && first.distribution.n == 4) } else { Issue.record("figure 1") }
        if case .failure(let error) = results[2] { #expect(error.place == "figure 3") } else { Issue.record("figure 3 should fail") }
    }

    @Test("a digest restricted to some chats counts like a session that only has those chats")
    func restrictedDigest() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, [Book.bedreigingGeweld]))
        session.add(quote("q2", chat: 2, [Book.fysiek]))
        session.add(quote("q3", chat: 3, [Book.fysiek, Book.wraak]))
        for chat in 1...3 { session.mark(chat, .done) }
        var only = Session.anna()
        only.add(quote("q2", chat: 2, [Book.fysiek]))
        only.add(quote("q3", chat: 3, [Book.fysiek, Book.wraak]))
        only.mark(2, .done)
        only.mark(3, .done)
        let hierarchy = try Book.hierarchy()
        let restricted = FrequencyIndex(hierarchy: hierarchy, digest: SessionDigest(session).restricted(to: ["chat-02", "chat-03"]))
        #expect(restricted == FrequencyIndex(hierarchy: hierarchy, session: only))
        // By hand: Dwangmiddelen n = 2 (chat-02, chat-03), Fysiek geweld 2, Bedreiging 0.
        #expect(restricted.chats(with: Book.dwang) == 2 && restricted.chats(with: Book.fysiek) == 2 && restricted.chats(with: Book.bedreiging) == 0)
    }
}
