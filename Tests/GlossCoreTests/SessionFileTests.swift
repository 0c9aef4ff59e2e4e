import Foundation
import Testing
@testable import GlossCore

@Suite("SessionFile (sessions/<coder>.json)")
struct SessionFileTests {
    /// Codings on two chats, in an order that is not the file order.
    private func codings() -> [Coding] {
        [
            Sample.coding("c-3", chat: "chat-02", span: Sample.span(1, 0, 1, 3), codes: [Sample.dwang], text: "een"),
            Sample.coding("c-2", span: Sample.span(2, 4, 2, 17), codes: [Sample.financieel, Sample.armoede],
                          text: "\u{1F614} ik ben Zoe\u{308}", relation: "relevant verband", memo: "Zo\u{EB}, \"nee\"\nregel"),
            Sample.coding("c-9", span: Sample.span(1, 0, 1, 3), codes: [Sample.bedreiging], text: "Hoi"),
            Sample.coding("c-1", span: Sample.span(2, 4, 2, 17), codes: [Sample.fysiek], text: "\u{1F614} ik ben Zoe\u{308}"),
        ]
    }

    private func session(_ order: [Coding]) -> Session {
        var session = Session(coder: "anna", codebookRevision: 4)
        for coding in order { session.apply(Sample.add(coding)) }
        session.apply(.status(chat: "chat-02", before: .notStarted, after: .done))
        session.apply(.status(chat: "chat-01", before: .notStarted, after: .inProgress))
        session.apply(.proposal(id: CodeID("p-2"), before: nil, after: Code(id: CodeID("p-2"), name: "Nieuw twee")))
        session.apply(.proposal(id: CodeID("p-1"), before: nil, after: Code(id: CodeID("p-1"), name: "Nieuw een", parent: Sample.dwang)))
        session.journalID = "journal-x"
        session.journalSeq = 12
        return session
    }

    private func decode(_ json: String, file: String = "/p/sessions/anna.json") throws -> Session {
        try SessionFile.decode(bytes(json), file: file)
    }

    private func refusal(_ json: String, file: String = "/p/sessions/anna.json") throws -> GlossError {
        try #require(throws: GlossError.self) { try decode(json, file: file) }
    }

    // MARK: Encoding

    @Test func encodeIsDeterministic() throws {
        let a = try SessionFile.encode(session(codings()))
        let b = try SessionFile.encode(session(codings().reversed()))
        let c = try SessionFile.encode(session(codings()))
        #expect(a == b)
        #expect(a == c)
        #expect(a.last == 0x0A)
    }

    @Test func codingsAreOrderedByChatSpanThenID() throws {
        let data = try SessionFile.encode(session(codings().reversed()))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let ids = (json["codings"] as? [[String: Any]])?.map { $0["id"] as? String }
        // chat-01 (1,0)-(1,3): c-9; chat-01 (2,4)-(2,17): c-1 then c-2 (same span, by id); chat-02: c-3.
        #expect(ids == ["c-9", "c-1", "c-2", "c-3"])
        let proposed = (json["proposed_codes"] as? [[String: Any]])?.map { $0["id"] as? String }
        #expect(proposed == ["p-1", "p-2"])
    }

    @Test func keysAreSorted() throws {
        let text = String(decoding: try SessionFile.encode(session(codings())), as: UTF8.self)
        func position(_ key: String) throws -> String.Index { try #require(text.range(of: "\"\(key)\" :")?.lowerBound) }
        // Top level, in byte order of the key names.
        let top = ["chats", "codebook_revision", "coder", "codings", "journal", "proposed_codes", "schema"]
        let places = try top.map(position)
        #expect(places == places.sorted())
        // Chat statuses as an object with sorted keys.
        let chats = try #require(text.range(of: "\"chat-01\" : \"in_progress\""))
        let chats2 = try #require(text.range(of: "\"chat-02\" : \"done\""))
        #expect(chats.lowerBound < chats2.lowerBound)
    }

    @Test func keysInsideACodingAreSorted() throws {
        var session = Session(coder: "anna")
        session.apply(Sample.add(codings()[1]))   // c-2 has every optional field
        let text = String(decoding: try SessionFile.encode(session), as: UTF8.self)
        let codings = try #require(text.range(of: "\"codings\" :"))
        let end = try #require(text.range(of: "\"proposed_codes\" :"))
        let block = text[codings.upperBound..<end.lowerBound]
        let keys = block.matches(of: /"([a-z_]+)" :/).map { String($0.output.1) }
        #expect(keys == ["chat", "coder", "codes", "created", "from", "message", "offset", "id", "memo", "modified",
                         "relation", "text", "to", "message", "offset"])
    }

    @Test func timesAreWholeSecondsUTC() throws {
        let text = String(decoding: try SessionFile.encode(session(codings())), as: UTF8.self)
        // 1_700_000_000 seconds after 1970 is 2023-11-14 22:13:20 UTC.
        #expect(text.contains("\"created\" : \"2023-11-14T22:13:20Z\""))
    }

    @Test func decodeOfEncodeIsTheSameSession() throws {
        let original = session(codings())
        let back = try SessionFile.decode(try SessionFile.encode(original), file: "anna.json")
        #expect(back == original)
        #expect(back.journalID == "journal-x")
        #expect(back.journalSeq == 12)
        #expect(back.codebookRevision == 4)
        #expect(back.status(of: "chat-02") == .done)
        #expect(back.status(of: "chat-01") == .inProgress)
        #expect(back.status(of: "chat-03") == .notStarted)
        let coding = try #require(back.codings[CodingID("c-2")])
        #expect(ScalarText.identical(coding.text, "\u{1F614} ik ben Zoe\u{308}"))
        #expect(ScalarText.identical(coding.memo ?? "", "Zo\u{EB}, \"nee\"\nregel"))
        #expect(coding.created == fixedDate)
        #expect(back.proposedCodes[CodeID("p-1")]?.parent == Sample.dwang)
    }

    @Test func emptySessionRoundTrip() throws {
        let empty = Session(coder: "bert")
        let back = try SessionFile.decode(try SessionFile.encode(empty), file: "bert.json")
        #expect(back == empty)
        #expect(back.journalID == nil && back.journalSeq == 0)
    }

    @Test func minimalFileUsesDefaults() throws {
        let session = try decode(#"{"schema": 1, "coder": "anna"}"#)
        #expect(session.coder == "anna")
        #expect(session.codebookRevision == 1)
        #expect(session.codingCount == 0)
        #expect(session.journalID == nil)
    }

    // MARK: Errors

    @Test func malformedJSONNamesTheFileAndLine() throws {
        // The stray "x" is on line 3.
        let error = try refusal("{\n  \"schema\": 1,\n  x\"coder\": \"anna\"\n}\n")
        #expect(error.file == "/p/sessions/anna.json")
        #expect(error.description.contains("/p/sessions/anna.json"))
        // Line 3 is `  x"coder": "anna"`: the x is in column 3.
        #expect(error.place == "line 3, column 3")
        #expect(error.description.contains("line"))
        #expect(error.message.contains("not valid JSON"))
    }

    @Test func truncatedJSONIsReportedWithAPlace() throws {
        // Cut short after `  "coder": "an` (14 characters) on line 3: the place is the end of the file.
        let error = try refusal("{\n  \"schema\": 1,\n  \"coder\": \"an")
        #expect(error.description.contains("/p/sessions/anna.json"))
        #expect(error.place == "line 3, column 15")
        #expect(error.message.contains("not valid JSON"))
    }

    @Test func emptyFileIsNotValidJSON() throws {
        let error = try refusal("")
        #expect(error.message.contains("not valid JSON"))
        #expect(error.place == "line 1, column 1")
    }

    @Test func wrongTypeNamesThePath() throws {
        let json = """
            {"schema": 1, "coder": "anna", "codings": [
              {"id": "c1", "chat": "chat-01", "from": {"message": 1, "offset": "drie"}, "to": {"message": 1, "offset": 3},
               "codes": ["a"], "text": "Hoi", "coder": "anna", "created": "2023-11-14T22:13:20Z"}
            ]}
            """
        let error = try refusal(json)
        #expect(error.place == "codings[0].from.offset")
        #expect(error.message.contains("whole number"))
    }

    @Test func missingKeyNamesThePath() throws {
        let json = #"{"schema": 1, "coder": "anna", "codings": [{"id": "c1", "chat": "chat-01"}]}"#
        let error = try refusal(json)
        #expect(error.place == "codings[0]")
        #expect(error.message.contains("\"from\""))
    }

    @Test func badStatusNamesTheChat() throws {
        let error = try refusal(#"{"schema": 1, "coder": "anna", "chats": {"chat-01": "finished"}}"#)
        #expect(error.place == "chats.chat-01")
    }

    @Test func badStatusOfANumericChatIDNamesTheChatAsAKey() throws {
        // A chat named "12" (from 12.txt) is an object key, not a list index.
        let error = try refusal(#"{"schema": 1, "coder": "anna", "chats": {"12": "finished"}}"#)
        #expect(error.place == "chats.12")
    }

    @Test func badTimeNamesThePath() throws {
        let json = """
            {"schema": 1, "coder": "anna", "codings": [
              {"id": "c1", "chat": "chat-01", "from": {"message": 1, "offset": 0}, "to": {"message": 1, "offset": 3},
               "codes": ["a"], "text": "Hoi", "coder": "anna", "created": "gisteren"}
            ]}
            """
        let error = try refusal(json)
        #expect(error.place == "codings[0].created")
    }

    @Test func codingWithoutCodesIsRefused() throws {
        let json = """
            {"schema": 1, "coder": "anna", "codings": [
              {"id": "c1", "chat": "chat-01", "from": {"message": 1, "offset": 0}, "to": {"message": 1, "offset": 3},
               "codes": [], "text": "Hoi", "coder": "anna", "created": "2023-11-14T22:13:20Z"}
            ]}
            """
        let error = try refusal(json)
        #expect(error.place == "codings[0].codes")
        #expect(error.message.contains("at least one code"))
    }

    @Test func newerSchemaIsRefused() throws {
        let error = try refusal(#"{"schema": 2, "coder": "anna"}"#)
        #expect(error.place == "schema")
        #expect(error.message.contains("newer"))
    }

    @Test func invalidCoderNameIsRefused() throws {
        let error = try refusal(#"{"schema": 1, "coder": "../etc"}"#)
        #expect(error.place == "coder")
    }

    @Test func duplicateCodingIDIsRefused() throws {
        // Write a session, then append a copy of its second coding (c-1) to the list.
        let data = try SessionFile.encode(session(codings()))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var list = try #require(json["codings"] as? [[String: Any]])
        list.append(list[1])
        json["codings"] = list
        let doubled = try JSONSerialization.data(withJSONObject: json)
        let error = try #require(throws: GlossError.self) { try SessionFile.decode(doubled, file: "anna.json") }
        #expect(error.place == "codings[4].id")
        #expect(error.message.contains("used twice"))
    }
}
