import Foundation
import Testing
@testable import GlossCore

@Suite("CodebookFile (codebook.json)")
struct CodebookFileTests {
    @Test func encodeDecodeRoundTrip() throws {
        let book = try Sample.codebook()
        let data = try CodebookFile.encode(book)
        let back = try CodebookFile.decode(data, file: "codebook.json")
        #expect(back == book)
        #expect(back.codes.map { book.path(of: $0.id) } == book.codes.map { back.path(of: $0.id) })
        #expect(back[Sample.financieel]?.rules == ["alleen bij schulden"])
        #expect(back[Sample.bedreiging]?.operationalisation == "De pleger bedreigt.")
        #expect(back.name == "Test" && back.source == "unit tests" && back.revision == 3)
        // Deterministic: the same codebook gives the same bytes, ending in a newline.
        #expect(try CodebookFile.encode(back) == data)
        #expect(data.last == 0x0A)
    }

    @Test func fileIsAFlatListInTreeOrderWithParentIDs() throws {
        let data = try CodebookFile.encode(try Sample.codebook())
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["schema"] as? Int == 1)
        let codes = try #require(json["codes"] as? [[String: Any]])
        #expect(codes.map { $0["id"] as? String } == ["code-dwang", "code-bedreiging", "code-fysiek", "code-motief", "code-financieel", "code-risico", "code-armoede"])
        #expect(codes[0]["parent"] == nil)
        #expect(codes[1]["parent"] as? String == "code-dwang")
    }

    @Test func missingOptionalFieldsGetDefaults() throws {
        let json = #"{"schema": 1, "codes": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "parent": "a"}]}"#
        let book = try CodebookFile.decode(bytes(json), file: "cb.json")
        #expect(book.count == 2)
        #expect(book.name == "" && book.source == "" && book.revision == 1)
        #expect(book[CodeID("b")]?.color == Code.defaultColor)
        #expect(book[CodeID("b")]?.rules == [])
        #expect(book.path(of: CodeID("b")) == "A > B")
    }

    @Test func newerSchemaIsRefused() throws {
        let json = #"{"schema": 2, "codes": []}"#
        let error = try #require(throws: GlossError.self) { try CodebookFile.decode(bytes(json), file: "cb.json") }
        #expect(error.place == "schema")
        #expect(error.message.contains("newer"))
    }

    @Test func invalidCodebookIsAGlossErrorAtCodes() throws {
        let json = #"{"schema": 1, "codes": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "parent": "zz"}]}"#
        let error = try #require(throws: GlossError.self) { try CodebookFile.decode(bytes(json), file: "cb.json") }
        #expect(error.file == "cb.json")
        #expect(error.place == "codes")
        #expect(error.message.contains("zz"))
    }

    @Test func wrongTypeNamesThePath() throws {
        let json = #"{"schema": 1, "codes": [{"id": "a", "name": "A"}, {"id": "b", "name": 5}]}"#
        let error = try #require(throws: GlossError.self) { try CodebookFile.decode(bytes(json), file: "cb.json") }
        #expect(error.place == "codes[1].name")
        #expect(error.message.contains("string"))
    }
}
