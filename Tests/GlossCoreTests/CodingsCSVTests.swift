import Foundation
import Testing
@testable import GlossCore

/// The chats used here (offsets in code points, computed by hand; Python `len()` agrees):
/// - chat-01 = `Sample.chat()`: message 1 is 29 long ("praten?" starts at 22); message 2 is 29 long
///   ("Hoi " 0..<4, 😔 4..<5, " ik ben " 5..<13, "Zoe\u{308}" 13..<17); message 3 is 14 long.
/// - chat-02 = `Sample.plainChat()`: "een" (3), "twee drie" (9; "drie" is 5..<9).
/// - chat-03: "Jan: hallo" (5).
@Suite("CodingsCSV")
struct CodingsCSVTests {
    let codebook: Codebook
    let chats: [String: Chat]

    init() throws {
        codebook = try Sample.codebook()
        let third = try TranscriptParser().parse(bytes("Jan: hallo\n"), id: "chat-03", file: "chat-03.txt")
        chats = Dictionary(uniqueKeysWithValues: [try Sample.chat(), try Sample.plainChat(), third].map { ($0.id, $0) })
    }

    static let header = "chat,from_message,from_offset,to_message,to_offset,code,memo,relation\n"

    /// Whole messages with a memo that needs quoting, a partial span across messages, a double-coded
    /// quote with a relation over the emoji and the decomposed "ë", a code given by id, a chat done with no codes.
    static let fixture = header + """
        chat-01,1,,2,,Dwangmiddel > Bedreiging,"zei ""nee"", toen
        weg",
        chat-01,1,22,2,5,Dwangmiddel,,
        chat-01,2,4,2,17,Motieven ouder > Financieel,,relevant verband
        chat-01,2,4,2,17,Risicofactoren>Armoede,,relevant verband
        chat-02,2,5,2,9,code-fysiek,,
        chat-03

        """

    /// What export writes first: the import columns and the quote text.
    static let exportHeader = "chat,from_message,from_offset,to_message,to_offset,code,memo,relation,text\n"

    /// What `write` gives for the fixture: paths for codes, chats and quotes in order, empty offsets for whole
    /// messages, and each quote's text (cut by hand from the transcripts above; messages joined by one line feed).
    static let written = exportHeader + """
        chat-01,1,,2,,Dwangmiddel > Bedreiging,"zei ""nee"", toen
        weg",,"Hoi, waar wil je over praten?
        Hoi \u{1F614} ik ben Zoe\u{308}
        Ik zei: nee"
        chat-01,1,22,2,5,Dwangmiddel,,,"praten?
        Hoi \u{1F614}"
        chat-01,2,4,2,17,Motieven ouder > Financieel,,relevant verband,\u{1F614} ik ben Zoe\u{308}
        chat-01,2,4,2,17,Risicofactoren > Armoede,,relevant verband,\u{1F614} ik ben Zoe\u{308}
        chat-02,2,5,2,9,Dwangmiddel > Fysiek geweld,,,drie
        chat-03,,,,,,,,

        """

    private func read(_ text: String, coder: String = "anna") throws -> CodingsCSV.Contents {
        try CodingsCSV.read(text, file: "in.csv", chats: chats, codebook: codebook, coder: coder, now: fixedDate)
    }

    private func errors(_ text: String) throws -> [GlossError] {
        try #require(throws: GlossErrors.self) { try read(text) }.errors
    }

    private func makeSession(from contents: CodingsCSV.Contents, coder: String = "anna") -> Session {
        var session = Session(coder: coder)
        session.apply(CodingsCSV.changes(toImport: contents, into: session, replace: false))
        return session
    }

    /// What a CSV can hold of a coding, for comparing codings whose ids and times differ.
    private struct Quote: Equatable {
        var chat: String, span: Span, codes: [CodeID], memo: String?, relation: String?, text: [Unicode.Scalar]
        init(_ c: Coding) {
            chat = c.chat; span = c.span; codes = c.codes; memo = c.memo; relation = c.relation; text = Array(c.text.unicodeScalars)
        }
    }

    private func quotes(_ codings: [Coding]) -> [Quote] {
        codings.sorted(by: Coding.fileOrder).map(Quote.init)
    }

    // MARK: Reading

    @Test func readsQuotesWithTheirCodes() throws {
        let contents = try read(Self.fixture)
        #expect(contents.codings.count == 4)
        let c = contents.codings
        // Rows with the same span are one quote, codes in row order.
        #expect(c.map(\.chat) == ["chat-01", "chat-01", "chat-01", "chat-02"])
        #expect(c.map(\.span) == [Sample.span(1, 0, 2, 29), Sample.span(1, 22, 2, 5), Sample.span(2, 4, 2, 17), Sample.span(2, 5, 2, 9)])
        #expect(c.map(\.codes) == [[Sample.bedreiging], [Sample.dwang], [Sample.financieel, Sample.armoede], [Sample.fysiek]])
        #expect(c[0].memo == "zei \"nee\", toen\nweg")
        #expect(c[0].relation == nil)
        #expect(c[2].relation == "relevant verband")
        #expect(c[2].memo == nil)
        #expect(c.allSatisfy { $0.coder == "anna" && $0.created == fixedDate && $0.modified == fixedDate })
        #expect(Set(c.map(\.id)).count == 4)
    }

    @Test func quotedTextIsCopiedByCodePoint() throws {
        let c = try read(Self.fixture).codings
        #expect(ScalarText.identical(c[0].text, "Hoi, waar wil je over praten?\nHoi \u{1F614} ik ben Zoe\u{308}\nIk zei: nee"))
        #expect(ScalarText.identical(c[1].text, "praten?\nHoi \u{1F614}"))
        #expect(ScalarText.identical(c[2].text, "\u{1F614} ik ben Zoe\u{308}"))
        #expect(!ScalarText.identical(c[2].text, "\u{1F614} ik ben Zo\u{EB}"))
        #expect(c[3].text == "drie")
    }

    @Test func everyNamedChatIsDone() throws {
        #expect(try read(Self.fixture).doneChats == ["chat-01", "chat-02", "chat-03"])
    }

    @Test func chatOnlyRowMarksDoneWithoutCodes() throws {
        let contents = try read(Self.header + "chat-03,,,,,,,\nchat-02\n")
        #expect(contents.codings.isEmpty)
        #expect(contents.doneChats == ["chat-02", "chat-03"])
    }

    @Test func emptyOffsetsMeanWholeMessages() throws {
        let contents = try read(Self.header + "chat-01,2,,3,,Dwangmiddel,,\nchat-01,1,,1,3,Dwangmiddel,,\nchat-01,3,4,3,,Dwangmiddel,,\n")
        #expect(contents.codings.map(\.span) == [Sample.span(2, 0, 3, 14), Sample.span(1, 0, 1, 3), Sample.span(3, 4, 3, 14)])
        #expect(contents.codings[1].text == "Hoi")
        #expect(contents.codings[2].text == "is moedig.")
    }

    @Test func emptyAndExplicitWholeOffsetsAreTheSameQuote() throws {
        let contents = try read(Self.header + "chat-02,2,,2,,Dwangmiddel,,\nchat-02,2,0,2,9,Motieven ouder,,\n")
        #expect(contents.codings.count == 1)
        #expect(contents.codings[0].codes == [Sample.dwang, Sample.motief])
    }

    @Test func headerMayOmitMemoAndRelationAndBeInAnyOrderAndCase() throws {
        let text = "Code, Chat ,to_offset,to_message,from_offset,from_message\nDwangmiddel,chat-02,9,2,5,2\n"
        let contents = try read(text)
        #expect(contents.codings.map(\.span) == [Sample.span(2, 5, 2, 9)])
        #expect(contents.codings[0].memo == nil && contents.codings[0].relation == nil)
    }

    @Test func blankLinesAreSkipped() throws {
        let contents = try read(Self.header + "\nchat-02,1,,1,,Dwangmiddel,,\n\n")
        #expect(contents.codings.count == 1)
    }

    @Test func codesResolveByIDAndLoosePath() throws {
        let text = Self.header + "chat-02,1,,1,,  code-armoede ,,\nchat-02,2,,2,,Motieven ouder>  Financieel,,\n"
        #expect(try read(text).codings.map(\.codes) == [[Sample.armoede], [Sample.financieel]])
    }

    // MARK: Errors

    @Test func unknownCodeNamesTheRowAndTheCode() throws {
        let errors = try errors(Self.header + "chat-02,1,,1,,Dwangmiddel,,\nchat-02,2,,2,,Dwangmiddel > Chantage,,\n")
        #expect(errors.count == 1)
        #expect(errors[0].file == "in.csv")
        #expect(errors[0].place == "row 2 (line 3)")
        #expect(errors[0].message.contains("unknown code \"Dwangmiddel > Chantage\""))
    }

    @Test func unknownChat() throws {
        let errors = try errors(Self.header + "chat-99,1,,1,,Dwangmiddel,,\n")
        #expect(errors.map(\.place) == ["row 1 (line 2)"])
        #expect(errors[0].message.contains("no chat \"chat-99\""))
    }

    @Test func messageOutOfRange() throws {
        let errors = try errors(Self.header + "chat-02,1,,3,,Dwangmiddel,,\n")
        #expect(errors[0].message.contains("messages 1–2"))
        #expect(errors[0].message.contains("1–3"))
    }

    @Test func offsetPastTheEnd() throws {
        // Message 3 of chat-01 is 14 code points long.
        let errors = try errors(Self.header + "chat-01,3,0,3,15,Dwangmiddel,,\n")
        #expect(errors[0].message.contains("offset 15 is past the end of message 3 (14 characters)"))
    }

    @Test func offsetsCountCodePointsNotGraphemes() throws {
        // Message 2 of chat-01 is 29 code points but 28 graphemes ("e\u{308}" is one grapheme): 29 is
        // the end, 30 is past it.
        #expect(chats["chat-01"]!.messages[1].text.count == 28)
        #expect(try read(Self.header + "chat-01,2,28,2,29,Dwangmiddel,,\n").codings[0].text == "e")
        let errors = try errors(Self.header + "chat-01,2,28,2,30,Dwangmiddel,,\n")
        #expect(errors[0].message.contains("past the end"))
    }

    @Test func disagreeingMemoNamesBothRows() throws {
        let errors = try errors(Self.header + "chat-02,1,,1,,Dwangmiddel,eerste,\nchat-02,1,,1,,Motieven ouder,tweede,\n")
        #expect(errors.count == 1)
        #expect(errors[0].place == "row 2 (line 3)")
        #expect(errors[0].message.contains("memo"))
        #expect(errors[0].message.contains("row 1"))
    }

    @Test func disagreeingRelationNamesBothRows() throws {
        let text = Self.header + "chat-02,1,,1,,Dwangmiddel,,verband\nchat-02,2,,2,,Dwangmiddel,,\nchat-02,1,,1,,Motieven ouder,,ander verband\n"
        let errors = try errors(text)
        #expect(errors.count == 1)
        #expect(errors[0].place == "row 3 (line 4)")
        #expect(errors[0].message.contains("relation"))
        #expect(errors[0].message.contains("row 1"))
    }

    /// An exact duplicate row (the same span, code, memo and relation, however the span and code are written)
    /// is merged into the first and counted, as ATLAS.ti and MAXQDA do on import; it used to refuse the whole file.
    @Test func exactDuplicateRowsAreMergedAndCounted() throws {
        let contents = try read(Self.header + "chat-02,1,,1,,Dwangmiddel,m,r\nchat-02,1,0,1,3,code-dwang,m,r\nchat-02,1,,1,,Dwangmiddel,m,r\n")
        #expect(contents.duplicateRows == 2)
        #expect(contents.codings.count == 1)
        #expect(contents.codings.first?.codes == [CodeID("code-dwang")])
        #expect(try read(Self.header + "chat-02,1,,1,,Dwangmiddel,m,r\n").duplicateRows == 0)
    }

    /// A repeated code whose memo or relation differs is no duplicate: it still names both rows.
    @Test func aRepeatedCodeWithAnotherMemoIsStillAnError() throws {
        let errors = try errors(Self.header + "chat-02,1,,1,,Dwangmiddel,m,\nchat-02,1,0,1,3,code-dwang,n,\n")
        #expect(errors.map(\.place) == ["row 2 (line 3)"])
        #expect(errors[0].message.contains("memo"))
    }

    @Test func everyBadRowIsReportedAndNothingIsReturned() throws {
        let text = Self.header + """
            chat-01,1,,1,,Onbekend,,
            chat-99,1,,1,,Dwangmiddel,,
            chat-01,4,,4,,Dwangmiddel,,
            chat-02,1,,1,,Dwangmiddel,,
            chat-01,3,0,3,15,Dwangmiddel,,
            chat-01,1,5,1,5,Dwangmiddel,,
            chat-01,x,,1,,Dwangmiddel,,
            chat-01,1,a,1,,Dwangmiddel,,
            chat-01,1,,1,,,,
            ,1,,1,,Dwangmiddel,,
            chat-01,1,,1,,Dwangmiddel,,,extra
            "chat-01
            ",1,,1,,Dwangmiddel,,

            """
        let errors = try errors(text)
        // Every row but the fourth (a good one) is wrong; the last record spans lines 13 and 14.
        #expect(errors.map(\.place) == [
            "row 1 (line 2)", "row 2 (line 3)", "row 3 (line 4)", "row 5 (line 6)", "row 6 (line 7)", "row 7 (line 8)",
            "row 8 (line 9)", "row 9 (line 10)", "row 10 (line 11)", "row 11 (line 12)", "row 12 (line 13)",
        ])
        #expect(errors[0].message.contains("unknown code \"Onbekend\""))
        #expect(errors[1].message.contains("no chat \"chat-99\""))
        #expect(errors[2].message.contains("messages 1–3"))
        #expect(errors[3].message.contains("past the end"))
        #expect(errors[4].message.contains("empty or runs backwards"))
        #expect(errors[5].message.contains("whole numbers"))
        #expect(errors[6].message.contains("offsets must be whole numbers"))
        #expect(errors[7].message.contains("the code is empty"))
        #expect(errors[8].message.contains("the chat is empty"))
        #expect(errors[9].message.contains("9 fields"))
        #expect(errors[10].message.contains("no chat"))
        #expect(errors.allSatisfy { $0.file == "in.csv" })
    }

    @Test func headerErrors() throws {
        let unknown = try #require(throws: GlossError.self) { try read("chat,from_message,from_offset,to_message,to_offset,code,notes\n") }
        #expect(unknown.place == "line 1")
        #expect(unknown.message.contains("unknown column \"notes\""))
        let missing = try #require(throws: GlossError.self) { try read("chat,from_message,to_message,code\n") }
        #expect(missing.message.contains("from_offset"))
        #expect(missing.message.contains("to_offset"))
        let twice = try #require(throws: GlossError.self) { try read("chat,chat,from_message,from_offset,to_message,to_offset,code\n") }
        #expect(twice.message.contains("twice"))
        let empty = try #require(throws: GlossError.self) { try read("") }
        #expect(empty.message.contains("empty"))
    }

    @Test func csvSyntaxErrorIsThrownAsIs() throws {
        let error = try #require(throws: GlossError.self) { try read(Self.header + "chat-02,1,,1,,Dwangmiddel,\"open\n") }
        #expect(error.place == "line 2")
        #expect(error.message.contains("never closed"))
    }

    // MARK: Writing

    @Test func writeFixture() throws {
        let session = makeSession(from: try read(Self.fixture))
        #expect(CodingsCSV.write(session, codebook: codebook, chats: chats) == Self.written)
    }

    @Test func writeOneRowPerCodeAndQuotesTheMemo() throws {
        var session = Session(coder: "anna")
        let coding = Sample.coding("c1", chat: "chat-02", span: Sample.span(2, 0, 2, 4), codes: [Sample.armoede, Sample.fysiek, Sample.dwang],
                                   text: "twee", relation: "verband, sterk", memo: "a \"b\"\nc")
        session.apply(Sample.add(coding))
        session.apply(.status(chat: "chat-02", before: .notStarted, after: .inProgress))
        let expected = Self.exportHeader
            + "chat-02,2,0,2,4,Risicofactoren > Armoede,\"a \"\"b\"\"\nc\",\"verband, sterk\",twee\n"
            + "chat-02,2,0,2,4,Dwangmiddel > Fysiek geweld,\"a \"\"b\"\"\nc\",\"verband, sterk\",twee\n"
            + "chat-02,2,0,2,4,Dwangmiddel,\"a \"\"b\"\"\nc\",\"verband, sterk\",twee\n"
        #expect(CodingsCSV.write(session, codebook: codebook, chats: chats) == expected)
    }

    @Test func writeWholeMessagesWithEmptyOffsets() throws {
        var session = Session(coder: "anna")
        session.apply(Sample.add(Sample.coding("c1", chat: "chat-02", span: Sample.span(1, 0, 2, 9), codes: [Sample.dwang])))
        session.apply(Sample.add(Sample.coding("c2", chat: "chat-02", span: Sample.span(1, 0, 2, 8), codes: [Sample.dwang])))
        session.apply(Sample.add(Sample.coding("c3", chat: "chat-02", span: Sample.span(1, 1, 2, 9), codes: [Sample.dwang])))
        // Quotes in text order: (1,0)-(2,8) comes before (1,0)-(2,9).
        #expect(CodingsCSV.write(session, codebook: codebook, chats: chats) == Self.exportHeader
            + "chat-02,1,0,2,8,Dwangmiddel,,,\n"
            + "chat-02,1,,2,,Dwangmiddel,,,\n"
            + "chat-02,1,1,2,9,Dwangmiddel,,,\n")
    }

    @Test func writeChatRowsOnlyForDoneChatsWithoutCodes() throws {
        var session = Session(coder: "anna")
        session.apply(.status(chat: "chat-03", before: .notStarted, after: .done))
        session.apply(.status(chat: "chat-01", before: .notStarted, after: .inProgress))
        #expect(CodingsCSV.write(session, codebook: codebook, chats: chats) == Self.exportHeader + "chat-03,,,,,,,,\n")
    }

    @Test func writeGivesAnUnknownCodeByID() throws {
        var session = Session(coder: "anna")
        session.apply(Sample.add(Sample.coding("c1", chat: "chat-02", span: Sample.span(1, 0, 1, 3), codes: [CodeID("proposed-1")])))
        #expect(CodingsCSV.write(session, codebook: codebook, chats: chats) == Self.exportHeader + "chat-02,1,,1,,proposed-1,,,\n")
    }

    // MARK: The quote text column

    @Test func exportWritesTheStoredTextSpreadsheetSafe() throws {
        // The text as stored in the coding (here not the transcript's, to show it is the stored one), with the
        // spreadsheet escape on a formula-like text and a terminal control kept as data.
        var session = Session(coder: "anna")
        session.apply(Sample.add(Sample.coding("c1", chat: "chat-02", span: Sample.span(1, 0, 1, 3), codes: [Sample.dwang], text: "=1+2")))
        session.apply(Sample.add(Sample.coding("c2", chat: "chat-02", span: Sample.span(2, 0, 2, 4), codes: [Sample.dwang], text: "[tekst]\u{1B}[2J, \"x\"")))
        #expect(CodingsCSV.write(session, codebook: codebook, chats: chats) == Self.exportHeader
            + "chat-02,1,,1,,Dwangmiddel,,,'=1+2\n"
            + "chat-02,2,0,2,4,Dwangmiddel,,,\"[tekst]\u{1B}[2J, \"\"x\"\"\"\n")
        #expect(CodingsCSV.write(session, codebook: codebook, chats: chats, cells: .raw).contains("Dwangmiddel,,,=1+2\n"))
    }

    @Test func importIgnoresAnEditedTextColumn() throws {
        // Every quote's text edited (and one cell a formula) in an exported file: the codings keep the
        // transcript's text, and the quotes are those of the unedited file.
        let edited = Self.exportHeader + """
            chat-01,1,,2,,Dwangmiddel > Bedreiging,"zei ""nee"", toen
            weg",,[anders]
            chat-01,1,22,2,5,Dwangmiddel,,,'=HYPERLINK(1)
            chat-01,2,4,2,17,Motieven ouder > Financieel,,relevant verband,[anders]
            chat-01,2,4,2,17,Risicofactoren > Armoede,,relevant verband,
            chat-02,2,5,2,9,Dwangmiddel > Fysiek geweld,,,[anders]
            chat-03,,,,,,,,[alleen tekst]

            """
        let contents = try read(edited)
        #expect(quotes(contents.codings) == quotes(try read(Self.fixture).codings))
        let texts = contents.codings.sorted(by: Coding.fileOrder).map { Array($0.text.unicodeScalars) }
        #expect(texts == ["Hoi, waar wil je over praten?\nHoi \u{1F614} ik ben Zoe\u{308}\nIk zei: nee", "praten?\nHoi \u{1F614}",
                          "\u{1F614} ik ben Zoe\u{308}", "drie"].map { Array($0.unicodeScalars) })
        #expect(contents.doneChats == ["chat-01", "chat-02", "chat-03"])
    }

    @Test func exportImportExportWithTheTextColumnIsUnchanged() throws {
        let once = CodingsCSV.write(makeSession(from: try read(Self.fixture)), codebook: codebook, chats: chats)
        #expect(once.hasPrefix(Self.exportHeader))
        let back = try read(once)
        #expect(quotes(back.codings) == quotes(try read(Self.fixture).codings))
        #expect(CodingsCSV.write(makeSession(from: back), codebook: codebook, chats: chats) == once)
    }

    // MARK: Round trip

    @Test func roundTripKeepsEverythingTheCSVHolds() throws {
        let first = try read(Self.fixture)
        let session = makeSession(from: first)
        #expect(session.codingCount == 4)
        #expect(session.chatStatuses == ["chat-01": .done, "chat-02": .done, "chat-03": .done])
        let written = CodingsCSV.write(session, codebook: codebook, chats: chats)
        let second = try read(written, coder: "bert")
        #expect(quotes(second.codings) == quotes(first.codings))
        #expect(second.doneChats == first.doneChats)
    }

    @Test func writeReadWriteIsByteIdentical() throws {
        let once = CodingsCSV.write(makeSession(from: try read(Self.fixture)), codebook: codebook, chats: chats)
        let twice = CodingsCSV.write(makeSession(from: try read(once)), codebook: codebook, chats: chats)
        #expect(Array(twice.utf8) == Array(once.utf8))
    }

    @Test func roundTripOfASessionMadeInTheApp() throws {
        // A session with whole and partial spans, a precomposed and a decomposed ë, made without the CSV.
        let chat = chats["chat-01"]!
        var session = Session(coder: "anna")
        let spans = [Sample.span(2, 13, 2, 17), Sample.span(2, 16, 3, 3), Sample.span(1, 0, 3, 14), Sample.span(2, 4, 2, 5)]
        for (i, span) in spans.enumerated() {
            session.apply(Sample.add(Sample.coding("c\(i)", span: span, codes: i == 0 ? [Sample.motief, Sample.bedreiging] : [Sample.armoede],
                                                   text: chat.text(of: span), relation: i == 0 ? "verband" : nil, memo: i == 1 ? "Zo\u{EB}, \u{1F614}" : nil)))
        }
        session.apply(.status(chat: "chat-01", before: .notStarted, after: .done))
        let written = CodingsCSV.write(session, codebook: codebook, chats: chats)
        let back = try read(written)
        #expect(quotes(back.codings) == quotes(session.orderedCodings))
        #expect(back.codings.first { $0.span == spans[1] }.map { ScalarText.identical($0.memo ?? "", "Zo\u{EB}, \u{1F614}") } == true)
        #expect(CodingsCSV.write(makeSession(from: back), codebook: codebook, chats: chats) == written)
    }

    @Test func roundTripWithEveryCKMCode() throws {
        // Real code paths hold commas ("Drugs, alcohol, of medicijnen geven"), brackets and accents.
        let url = CodebookTSVTests.ckmURL
        let ckm = try CodebookTSV.read(try TextDecoding.string(Data(contentsOf: url), file: url.path), file: url.path)
        #expect(ckm.count == 149)
        var session = Session(coder: "anna")
        session.apply(Sample.add(Sample.coding("all", chat: "chat-02", span: Sample.span(1, 0, 2, 9), codes: ckm.codes.map(\.id), text: "")))
        session.apply(.status(chat: "chat-02", before: .notStarted, after: .done))
        let written = CodingsCSV.write(session, codebook: ckm, chats: chats)
        #expect(written.contains("\"Dwangmiddel > Drugs, alcohol, of medicijnen geven\""))
        let back = try CodingsCSV.read(written, file: "in.csv", chats: chats, codebook: ckm, coder: "anna", now: fixedDate)
        #expect(back.codings.count == 1)
        #expect(back.codings.first?.codes == ckm.codes.map(\.id))
    }

    // MARK: Merge and replace

    /// Made an hour before `fixedDate`, the time the CSV rows get.
    private func existingSession() -> Session {
        func older(_ coding: Coding) -> Coding {
            var coding = coding
            coding.created = fixedDate.addingTimeInterval(-3600)
            coding.modified = coding.created
            return coding
        }
        var session = Session(coder: "anna")
        session.apply(Sample.add(older(Sample.coding("old-1", span: Sample.span(2, 4, 2, 17), codes: [Sample.financieel], text: "x"))))
        session.apply(Sample.add(older(Sample.coding("old-2", chat: "chat-02", span: Sample.span(1, 0, 1, 3), codes: [Sample.dwang], text: "een", memo: "eigen memo"))))
        session.apply(.status(chat: "chat-01", before: .notStarted, after: .inProgress))
        session.apply(.status(chat: "chat-04", before: .notStarted, after: .inProgress))
        return session
    }

    @Test func mergeAddsNewQuotesAndMissingCodesAndKeepsTheRest() throws {
        let before = existingSession()
        let contents = try read(Self.fixture)
        let changes = CodingsCSV.changes(toImport: contents, into: before, replace: false)
        var after = before
        for change in changes {
            #expect(after.accepts(change))
            after.apply(change)
        }
        // The quote at (2,4)-(2,17) existed with Financieel; it keeps its id and gains Armoede and the relation.
        let merged = try #require(after.codings[CodingID("old-1")])
        #expect(merged.codes == [Sample.financieel, Sample.armoede])
        #expect(merged.relation == "relevant verband")
        #expect(merged.modified == fixedDate)
        #expect(merged.created == fixedDate.addingTimeInterval(-3600))
        #expect(merged.text == "x")
        // Untouched: the other coding and the in-progress chat the CSV does not name.
        #expect(after.codings[CodingID("old-2")] == before.codings[CodingID("old-2")])
        #expect(after.status(of: "chat-04") == .inProgress)
        // Added: the three other quotes; every named chat done.
        #expect(after.codingCount == 5)
        #expect(after.status(of: "chat-01") == .done && after.status(of: "chat-02") == .done && after.status(of: "chat-03") == .done)
    }

    @Test func mergeKeepsAnExistingMemo() throws {
        let before = existingSession()
        let contents = try read(Self.header + "chat-02,1,,1,,Motieven ouder,nieuw memo,\n")
        var after = before
        after.apply(CodingsCSV.changes(toImport: contents, into: before, replace: false))
        let coding = try #require(after.codings[CodingID("old-2")])
        #expect(coding.codes == [Sample.dwang, Sample.motief])
        #expect(coding.memo == "eigen memo")
    }

    @Test func mergingTheSameFileTwiceChangesNothing() throws {
        let contents = try read(Self.fixture)
        let session = makeSession(from: contents)
        #expect(CodingsCSV.changes(toImport: contents, into: session, replace: false).isEmpty)
        // Read again (new coding ids): still nothing, because quotes are matched by span.
        #expect(CodingsCSV.changes(toImport: try read(Self.fixture), into: session, replace: false).isEmpty)
    }

    @Test func replaceMakesTheCSVTheSession() throws {
        let before = existingSession()
        let contents = try read(Self.fixture)
        let changes = CodingsCSV.changes(toImport: contents, into: before, replace: true)
        var after = before
        for change in changes {
            #expect(after.accepts(change))
            after.apply(change)
        }
        #expect(after.codings[CodingID("old-1")] == nil)
        #expect(after.codings[CodingID("old-2")] == nil)
        #expect(Set(after.codings.keys) == Set(contents.codings.map(\.id)))
        #expect(after.chatStatuses == ["chat-01": .done, "chat-02": .done, "chat-03": .done])
        #expect(quotes(after.orderedCodings) == quotes(contents.codings))
    }

    @Test func changesAreUndoneByTheirInverses() throws {
        let before = existingSession()
        for replace in [false, true] {
            let changes = CodingsCSV.changes(toImport: try read(Self.fixture), into: before, replace: replace)
            var state = before
            state.apply(changes)
            #expect(state != before)
            state.apply(changes.reversed().map(\.inverse))
            #expect(state == before)
        }
    }
}

/// A CSV of nothing but line feeds once made the import reserve room for a quote per line feed before it read
/// a row: 150 MB of them asked for 38 GB and ended the process.
@Suite struct CodingsCSVReservationTests {
    @Test func theRoomReservedIsBoundedByTheBytesAndACap() {
        let header = Array("chat,from_message,from_offset,to_message,to_offset,code,memo,relation\n".utf8)
        #expect(CodingsCSV.reservation(header + Array(repeating: 0x0A, count: 1_200)) <= (header.count + 1_200) / 12)
        #expect(CodingsCSV.reservation(header + Array(repeating: 0x0A, count: 30_000_000)) == CodingsCSV.reservedQuotesAtMost)
        // A real file: one quote per row is still reserved.
        let rows = (1...500).map { "chat-01,\($0),,\($0),,Dwangmiddel,,\n" }.joined()
        #expect(CodingsCSV.reservation(header + Array(rows.utf8)) == 501)
    }
}
