import Foundation
import Testing
@testable import GlossCore

/// The cases CSV: shape, hostile input, checks against the project, and what a re-import changes.
@Suite("Cases: the cases CSV")
struct CasesCSVTests {
    func parse(_ text: String) throws -> CasesCSV.Contents { try CasesCSV.parse(Data(text.utf8), file: "cases.csv") }

    func errors(_ text: String) -> [GlossError] {
        do { _ = try parse(text); return [] } catch let e as GlossErrors { return e.errors } catch let e as GlossError { return [e] } catch { return [] }
    }

    @Test("a BOM, CRLF, quoted cells, spaces and a short row are read")
    func shape() throws {
        let contents = try parse("\u{FEFF}chat, leeftijd ,geslacht\r\nc1, 14 ,\"meisje\"\r\nc2\r\n")
        #expect(contents.columns == ["leeftijd", "geslacht"])
        #expect(contents.rows == [CasesCSV.Row(id: "c1", line: 2, cells: ["14", "meisje"]), CasesCSV.Row(id: "c2", line: 3, cells: ["", ""])])
    }

    @Test("hostile and malformed files are refused with line and column")
    func hostile() throws {
        #expect(errors("leeftijd,chat\nc1,3\n").first?.message.contains("first column must be \"chat\"") == true)
        #expect(errors("chat,a,a\n").first?.place == "line 1, column 3")
        #expect(errors("chat,code:x\n").first?.message.contains("code:") == true)
        #expect(errors("chat,x\u{1B}]0;t\u{7}\n").first?.message.contains("control characters") == true)
        #expect(errors("").first?.message.contains("empty") == true)
        let duplicate = errors("chat,a\nc1,1\nc2,2\nc1,3\n")
        #expect(duplicate.map(\.place) == ["line 4"])
        #expect(duplicate.first?.message.contains("also on line 2") == true)
        #expect(errors("chat,a\n../x,1\n").first?.message.contains("start with a dot") == true)
        #expect(errors("chat,a\nsub/../../x,1\n").first?.message.contains("may not contain '/'") == true)
        #expect(errors("chat,a\n.hidden,1\n").first?.message.contains("start with a dot") == true)
        #expect(errors("chat,a\nc1,\"x\u{1B}[2J\"\n").first?.place == "line 2, column 2 (a)")
        #expect(errors("chat,a\nc1,\"twee\nregels\"\n").first?.message.contains("control characters") == true)
        #expect(errors("chat,a\nc1,1,2\n").first?.message.contains("has 3 fields") == true)
        // Every bad row at once.
        #expect(errors("chat,a\n../x,1\nc1,1,2\n").count == 2)
    }

    @Test("a 10 MB cell is refused quickly, its message bounded")
    func hugeCell() throws {
        let line = "c1," + String(repeating: "x", count: 10 << 20) + "\n"
        let found = errors("chat,a\n" + line)
        #expect(found.count == 1)
        #expect(found[0].message.contains("at most 200 characters"))
        #expect(found[0].description.utf8.count < 300)
    }

    @Test("check: unknown chats, values that do not fit, derived columns agreeing with their number")
    func check() throws {
        let declarations = [VariableDeclaration(name: "leeftijd", type: .number), CaseTableTests.ageGroups,
                            VariableDeclaration(name: "duur", type: .ordinal, values: ["kort", "lang"])]
        let good = try parse("chat,leeftijd,leeftijdsgroep,duur\nc1,14,13 tot 15,kort\nc2,,,\n")
        try CasesCSV.check(good, file: "f", knownCases: ["c1", "c2"], declarations: declarations, addCases: false)
        let bad = try parse("chat,leeftijd,leeftijdsgroep,duur\nc1,veertien,,kort\nc2,14,16 tot 17,middel\nx9,1,,\n")
        let thrown = try #require(throws: GlossErrors.self) {
            try CasesCSV.check(bad, file: "f", knownCases: ["c1", "c2"], declarations: declarations, addCases: false)
        }
        #expect(thrown.errors.map(\.place) == ["line 2, column 2 (leeftijd)", "line 3, column 3 (leeftijdsgroep)", "line 3, column 4 (duur)", "line 4"])
        #expect(thrown.errors[3].message.contains("no chat \"x9\""))
        // With --add-cases the unknown row is allowed (the other errors stay).
        let added = try #require(throws: GlossErrors.self) {
            try CasesCSV.check(bad, file: "f", knownCases: ["c1", "c2"], declarations: declarations, addCases: true)
        }
        #expect(added.errors.count == 3)
    }

    @Test("a re-import merges cell by cell and counts what changed; --replace makes the file the values")
    func reimport() throws {
        var cases = ImportedCases()
        let first = try parse("chat,a,b\nc1,1,x\nc2,2,\nz1,,y\n")
        let changes = cases.take(first, replace: false, derived: [], chats: ["c1", "c2"])
        // Added: c1.a, c1.b, c2.a, z1.b = 4; one attribute-only case (z1).
        #expect(changes == ImportedCases.Changes(added: 4, changed: 0, cleared: 0, casesAdded: 1))
        let second = try parse("chat,a\nc1,1\nc2,3\n")
        // c1.a unchanged, c2.a 2 → 3 (changed); c1.b and z1 untouched (column or row not in the file).
        #expect(cases.take(second, replace: false, derived: [], chats: ["c1", "c2"]) == ImportedCases.Changes(added: 0, changed: 1, cleared: 0, casesAdded: 0))
        let third = try parse("chat,a\nc1,\n")
        // c1.a cleared.
        #expect(cases.take(third, replace: false, derived: [], chats: ["c1", "c2"]) == ImportedCases.Changes(added: 0, changed: 0, cleared: 1, casesAdded: 0))
        #expect(cases.values == ["c1": ["b": "x"], "c2": ["a": "3"], "z1": ["b": "y"]])
        // Replace: everything but the file's values goes (c1.b, c2.a, z1.b cleared; c1.a added).
        #expect(cases.take(third.with("c1", "a", "5"), replace: true, derived: [], chats: ["c1", "c2"])
                == ImportedCases.Changes(added: 1, changed: 0, cleared: 3, casesAdded: 0))
        #expect(cases.values == ["c1": ["a": "5"]])
    }

    @Test("the stored file round-trips, formulas and all")
    func storedRoundTrip() throws {
        let cases = ImportedCases(columns: ["a", "b"], values: ["c1": ["a": "=cmd|' /C calc'!A0", "b": "'@x"], "z": [:], "c2": ["b": "-3"]])
        let text = cases.csv()
        #expect(text == "chat,a,b\nc1,'=cmd|' /C calc'!A0,''@x\nc2,,-3\nz,,\n")
        let read = try CasesCSV.parse(Data(text.utf8), file: "cases.csv")
        var back = ImportedCases()
        back.take(read, replace: true, derived: [], chats: ["c1", "c2"])
        #expect(back.values == cases.values)
    }
}

extension CasesCSV.Contents {
    func with(_ id: String, _ column: String, _ value: String) -> CasesCSV.Contents {
        var copy = self
        let index = copy.columns.firstIndex(of: column)!
        let row = copy.rows.firstIndex { $0.id == id }!
        copy.rows[row].cells[index] = value
        return copy
    }
}
