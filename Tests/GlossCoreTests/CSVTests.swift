import Testing
@testable import GlossCore

@Suite("CSV (RFC 4180)")
struct CSVTests {
    private func parse(_ text: String) throws -> [CSV.Record] { try CSV.parse(text, file: "in.csv") }
    private func fields(_ text: String) throws -> [[String]] { try parse(text).map(\.fields) }

    @Test func simpleRecords() throws {
        let records = try parse("a,b,c\n1,2,3\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test func finalLineWithoutNewlineIsARecord() throws {
        #expect(try fields("a,b\nc,d") == [["a", "b"], ["c", "d"]])
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        #expect(try fields("a,,b,\n,\n") == [["a", "", "b", ""], ["", ""]])
    }

    @Test func emptyTextHasNoRecords() throws {
        #expect(try parse("").isEmpty)
    }

    @Test func blankLineIsOneEmptyField() throws {
        let records = try parse("a\n\nb\n")
        #expect(records.map(\.fields) == [["a"], [""], ["b"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func quotedFieldsHoldCommasQuotesAndNewlines() throws {
        let records = try parse("\"a,b\",\"zei \"\"nee\"\"\",\"twee\nregels\"\nx,\"\",y\n")
        #expect(records.map(\.fields) == [["a,b", "zei \"nee\"", "twee\nregels"], ["x", "", "y"]])
    }

    @Test func recordLinesCountNewlinesInsideQuotes() throws {
        let records = try parse("h1,h2\n\"een\ntwee\ndrie\",x\nvolgende,y\n\"a\nb\",z")
        #expect(records.map(\.line) == [1, 2, 5, 6])
        #expect(records[2].fields == ["volgende", "y"])
        #expect(records[3].fields == ["a\nb", "z"])
    }

    @Test func quotedFieldAtTheEndWithoutNewline() throws {
        #expect(try fields("a,\"b\"") == [["a", "b"]])
        #expect(try fields("\"\"") == [[""]])
    }

    @Test func nonASCIIIsKeptByCodePoint() throws {
        let records = try parse("Zoe\u{308},\u{1F614},\"Zo\u{EB}, ja\"\n")
        #expect(records.count == 1)
        let f = records[0].fields
        #expect(ScalarText.identical(f[0], "Zoe\u{308}"))
        #expect(f[1] == "\u{1F614}")
        #expect(ScalarText.identical(f[2], "Zo\u{EB}, ja"))
    }

    @Test func unterminatedQuoteNamesTheLineWhereItBegan() throws {
        let error = try #require(throws: GlossError.self) { try parse("a,b\nc,\"open\nstill open\nand more\n") }
        #expect(error.file == "in.csv")
        #expect(error.place == "line 2")
        #expect(error.message.contains("never closed"))
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        let error = try #require(throws: GlossError.self) { try parse("x\n\"ab\"c,d\n") }
        #expect(error.place == "line 2")
        #expect(error.message.contains("after a closing quote"))
    }

    @Test func quoteInsideAnUnquotedFieldIsAnError() throws {
        let error = try #require(throws: GlossError.self) { try parse("ab\"c\n") }
        #expect(error.place == "line 1")
        #expect(error.message.contains("quote inside an unquoted field"))
    }

    @Test func escapeQuotesOnlyWhenNeeded() {
        #expect(CSV.escape("plain") == "plain")
        #expect(CSV.escape("") == "")
        #expect(CSV.escape("Zoe\u{308} \u{1F614}") == "Zoe\u{308} \u{1F614}")
        #expect(CSV.escape("a,b") == "\"a,b\"")
        #expect(CSV.escape("zei \"nee\"") == "\"zei \"\"nee\"\"\"")
        #expect(CSV.escape("twee\nregels") == "\"twee\nregels\"")
        #expect(CSV.escape("cr\rhier") == "\"cr\rhier\"")
        #expect(CSV.escape("crlf\r\nhier") == "\"crlf\r\nhier\"")
    }

    @Test func escapeSeesSeparatorsThatACombiningMarkAttachesTo() throws {
        // "," followed by U+0308 is one grapheme cluster in Swift, but two code points in the file: the
        // parser splits at the comma, so the field must be quoted. The same holds for a quote.
        let comma = "a,\u{308}b"
        let quote = "a\"\u{308}b"
        #expect(CSV.escape(comma) == "\"a,\u{308}b\"")
        #expect(CSV.escape(quote) == "\"a\"\"\u{308}b\"")
        for field in [comma, quote] {
            let parsed = try parse(CSV.line([field, "x"]))
            #expect(parsed.count == 1)
            #expect(parsed.first?.fields.count == 2)
            #expect(ScalarText.identical(parsed.first?.fields.first ?? "", field))
        }
    }

    @Test func lineRoundTrip() throws {
        let rows: [[String]] = [
            ["chat", "memo", "relation"],
            ["a,b", "zei \"nee\", toen\nweg", ""],
            ["", "\u{1F614} Zoe\u{308}", "\"\""],
            ["only"],
        ]
        let text = rows.map(CSV.line).joined()
        #expect(text.hasSuffix("\n"))
        let records = try parse(text)
        #expect(records.count == rows.count)
        for (record, row) in zip(records, rows) {
            #expect(record.fields.count == row.count)
            #expect(zip(record.fields, row).allSatisfy { ScalarText.identical($0, $1) })
        }
        // The second row's memo holds one newline, so the third record starts on line 4.
        #expect(records.map(\.line) == [1, 2, 4, 5])
    }
}
