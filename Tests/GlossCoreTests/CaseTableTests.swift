import Foundation
import Testing
@testable import GlossCore

/// The merged case table: sources and their precedence, types declared and inferred, bins, values that do not
/// fit. Every expected value is read off the small inputs by hand (stated next to each check).
@Suite("Cases: the merged case table")
struct CaseTableTests {
    static let ageGroups = VariableDeclaration(name: "leeftijdsgroep", from: "leeftijd", bins: [
        VariableBin(label: "12 jaar of jonger", upTo: 12), VariableBin(label: "13 tot 15", upTo: 15),
        VariableBin(label: "16 tot 17", upTo: 17), VariableBin(label: "18 jaar of ouder", upTo: nil),
    ])

    static func chats(_ pairs: [(String, [(String, String)])]) -> [(id: String, attributes: [(key: String, value: String)])] {
        pairs.map { (id: $0.0, attributes: $0.1.map { (key: $0.0, value: $0.1) }) }
    }

    @Test("coder-entered beats imported beats header; an empty imported cell never hides the header; nil clears")
    func precedence() {
        let chats = Self.chats([("c1", [("leeftijd", "14"), ("geslacht", "meisje")]), ("c2", [("leeftijd", "15")]), ("c3", [("leeftijd", "16")])])
        let imported = ImportedCases(columns: ["leeftijd"], values: ["c1": ["leeftijd": "13"], "c2": [:]])
        let entered: [String: [String: String?]] = ["c1": ["leeftijd": "12"], "c3": ["leeftijd": nil]]
        let table = CaseTable.merge(chats: chats, imported: imported, coderEntered: entered, declarations: [])
        // c1: header 14, imported 13, coder 12 → 12 (coder).
        #expect(table.value(of: "leeftijd", in: "c1") == CaseValue(text: "12", source: .coder, number: 12))
        // c2: header 15, imported row without the value → 15 (header).
        #expect(table.value(of: "leeftijd", in: "c2")?.source == .header)
        // c3: header 16, the coder cleared it → unknown.
        #expect(table.value(of: "leeftijd", in: "c3") == nil)
        #expect(table.value(of: "geslacht", in: "c1") == CaseValue(text: "meisje", source: .header))
        #expect(table.knownCount("leeftijd") == 2)
    }

    @Test("types are inferred where none is declared; transcript fields are not variables")
    func inference() {
        let chats = Self.chats([("c1", [("title", "Eerste"), ("date", "2020-01-01"), ("speakers", "A, B"), ("n", "3"), ("mix", "4")]),
                                ("c2", [("n", "-2.5"), ("mix", "vier")])])
        let table = CaseTable.merge(chats: chats, imported: ImportedCases(), declarations: [])
        #expect(table.variables.map(\.name) == ["mix", "n"])
        #expect(table.variable("n")?.type == .number)
        #expect(table.variable("n")?.declared == false)
        #expect(table.variable("mix")?.type == .category)
        // Numbers ascending (-2.5 < 3); categories alphabetically ("4" < "vier").
        #expect(table.variable("n")?.labels == ["-2.5", "3"])
        #expect(table.variable("mix")?.labels == ["4", "vier"])
    }

    @Test("bins are inclusive upper bounds; the last bin without up_to takes the rest")
    func bins() {
        let ages = ["a": "12", "b": "12.5", "c": "15", "d": "16", "e": "17", "f": "18", "g": "99", "h": "-1"]
        let chats = Self.chats(ages.map { ($0.key, [("leeftijd", $0.value)]) })
        let table = CaseTable.merge(chats: chats, imported: ImportedCases(),
                                    declarations: [VariableDeclaration(name: "leeftijd", type: .number), Self.ageGroups])
        let expected = ["a": "12 jaar of jonger", "b": "13 tot 15", "c": "13 tot 15", "d": "16 tot 17", "e": "16 tot 17",
                        "f": "18 jaar of ouder", "g": "18 jaar of ouder", "h": "12 jaar of jonger"]
        for (id, label) in expected { #expect(table.value(of: "leeftijdsgroep", in: id)?.text == label, "\(id)") }
        #expect(table.variable("leeftijdsgroep")?.labels == ["12 jaar of jonger", "13 tot 15", "16 tot 17", "18 jaar of ouder"])
        #expect(table.problems.isEmpty)
    }

    @Test("a value that does not fit its declared type is unknown and listed as a problem naming case and source")
    func misfits() {
        let chats = Self.chats([("c1", [("leeftijd", "veertien"), ("duur", "lang")]), ("c2", [("leeftijd", "14"), ("duur", "kort")])])
        let table = CaseTable.merge(chats: chats, imported: ImportedCases(columns: ["leeftijdsgroep"], values: ["c2": ["leeftijdsgroep": "13 tot 15"]]),
                                    declarations: [VariableDeclaration(name: "leeftijd", type: .number),
                                                   VariableDeclaration(name: "duur", type: .ordinal, values: ["kort", "middel"]), Self.ageGroups])
        #expect(table.value(of: "leeftijd", in: "c1") == nil)
        #expect(table.value(of: "duur", in: "c1") == nil)
        #expect(table.value(of: "duur", in: "c2")?.text == "kort")
        // c2's imported group is ignored (derived from leeftijd): 14 → "13 tot 15" from the header's number.
        #expect(table.value(of: "leeftijdsgroep", in: "c2") == CaseValue(text: "13 tot 15", source: .header))
        #expect(table.problems.map { "\($0.caseID) \($0.variable) \($0.source)" } == ["c1 duur header", "c1 leeftijd header", "c2 leeftijdsgroep imported"])
        #expect(table.problems[1].description.hasPrefix("chats/c1.txt: header \"leeftijd\": \"veertien\" is not a number"))
    }

    @Test("a header value with control characters or a key that cannot name a variable is left out and listed")
    func hostileHeaders() {
        let long = String(repeating: "x", count: 201)
        let chats = Self.chats([("c1", [("geslacht", "a\u{1B}]0;t\u{7}"), ("code:x", "1"), ("lang", long), ("ok", "ja")])])
        let table = CaseTable.merge(chats: chats, imported: ImportedCases(), declarations: [])
        #expect(table.variables.map(\.name) == ["ok"])
        #expect(table.problems.map(\.variable) == ["code:x", "geslacht", "lang"])
        #expect(table.problems.allSatisfy { !$0.description.contains("\u{1B}") })
    }

    @Test("an attribute-only case of the imported file is a case but not a chat")
    func attributeOnly() {
        let table = CaseTable.merge(chats: Self.chats([("c1", [])]), imported: ImportedCases(columns: ["g"], values: ["x1": ["g": "a"], "x2": [:]]),
                                    declarations: [])
        #expect(table.caseIDs == ["c1", "x1", "x2"])
        #expect(table.chatIDs == ["c1"])
        #expect(!table.isChat("x1"))
    }

    @Test("number parsing is strict: no exponent, inf, nan, hex or decimal comma")
    func numbers() {
        #expect(CaseNumber.parse("14") == 14)
        #expect(CaseNumber.parse("-3.5") == -3.5)
        #expect(CaseNumber.parse("+2") == 2)
        for text in ["1e3", "inf", "nan", "0x10", "14,5", "", "-", ".5", "5.", "1 000", "١٤"] { #expect(CaseNumber.parse(text) == nil, "\(text)") }
        #expect(CaseNumber.format(14) == "14")
        #expect(CaseNumber.format(2.5) == "2.5")
    }
}

@Suite("Cases: project.json variables and figures")
struct ProjectVariablesConfigTests {
    func config(_ extra: String, figures: String = "[]") throws -> ProjectConfig {
        try ProjectConfig.read(Data(#"{"schema": 1, "name": "p", "figures": \#(figures)\#(extra)}"#.utf8), file: "project.json")
    }

    @Test("variables and a figure on a variable are read; a project without them keeps its bytes")
    func reads() throws {
        let c = try config(#", "variables": [{"name": "leeftijd", "type": "number"}, {"name": "groep", "from": "leeftijd", "bins": [{"label": "jong", "up_to": 12}, {"label": "oud"}]}]"#,
                           figures: #"[{"number": 4, "title": "D", "category": "Dwang"}, {"number": 1, "title": "Leeftijd", "variable": "groep"}]"#)
        #expect(c.variables.count == 2)
        #expect(c.variables[1].isDerived && c.variables[1].type == .ordinal)
        #expect(c.figures == [FigureDefinition(number: 4, title: "D", category: "Dwang")])
        #expect(c.variableFigures == [VariableFigureDefinition(number: 1, title: "Leeftijd", variable: "groep")])
        // Written back: figures in number order, one array; read again: the same config.
        let written = try JSONFormat.encode(c)
        #expect(try ProjectConfig.read(written, file: "p") == c)
        // An old project (no variables) is written as it always was: no "variables" key.
        let old = ProjectConfig(name: "p", figures: [FigureDefinition(number: 4, title: "D", category: "Dwang")])
        #expect(!String(decoding: try JSONFormat.encode(old), as: UTF8.self).contains("variables"))
    }

    @Test("bad declarations name variables[i]", arguments: [
        (#"[{"name": "d", "type": "ordinal"}]"#, "variables[0]", "lists its \"values\""),
        (#"[{"name": "g", "from": "x", "bins": [{"label": "a"}]}]"#, "variables[0]", "must be a variable declared with \"type\": \"number\""),
        (#"[{"name": "n", "type": "number"}, {"name": "g", "from": "n", "bins": [{"label": "a", "up_to": 5}, {"label": "b", "up_to": 5}]}]"#, "variables[1]", "greater than the bin before"),
        (#"[{"name": "n", "type": "number"}, {"name": "g", "from": "n", "bins": [{"label": "a"}, {"label": "b", "up_to": 5}]}]"#, "variables[1]", "only the last bin"),
        (#"[{"name": "n", "type": "number"}, {"name": "n", "type": "category"}]"#, "variables[1]", "names must differ"),
        (#"[{"name": "a=b", "type": "number"}]"#, "variables[0]", "may not contain '='"),
        (#"[{"name": "x\u001b]0;t\u0007", "type": "number"}]"#, "variables[0]", "control characters"),
        (#"[{"name": "c", "type": "category", "values": ["a", "a"]}]"#, "variables[0]", "listed twice"),
    ])
    func badDeclarations(json: String, place: String, message: String) throws {
        let error = try #require(throws: GlossError.self) { try config(#", "variables": \#(json)"#) }
        #expect(error.place == place)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("a figure naming both a category and a variable is refused, naming it")
    func bothKinds() throws {
        let error = try #require(throws: GlossError.self) {
            try config("", figures: #"[{"number": 1, "title": "x", "category": "A"}, {"number": 2, "title": "y", "category": "A", "variable": "v"}]"#)
        }
        #expect(error.place?.contains("figures[1]") == true, "\(error)")
        let duplicate = try #require(throws: GlossError.self) {
            try config("", figures: #"[{"number": 1, "title": "x", "category": "A"}, {"number": 1, "title": "y", "variable": "v"}]"#)
        }
        #expect(duplicate.place == "figures[1].number")
    }
}
