import Foundation
import Testing
@testable import GlossCore

/// The fast session reader must read every well-formed session exactly as JSONDecoder does, and hand
/// everything else to JSONDecoder (so errors keep their line, column and JSON path).
@Suite struct FastSessionReaderTests {
    static var demoSessions: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples/demo/sessions")
    }

    @Test(arguments: ["anouk", "bram"])
    func demoSessionsReadTheSameBothWays(coder: String) throws {
        let data = try Data(contentsOf: Self.demoSessions.appendingPathComponent("\(coder).json"))
        #expect(try FastSessionReader.read(data) != nil, "the fast reader gave up on a well-formed demo session")
        let fast = try SessionFile.decode(data, file: "x", fast: true)
        let slow = try SessionFile.decode(data, file: "x", fast: false)
        #expect(fast == slow)
        #expect(fast.codingCount > 50)
    }

    @Test func escapesEmojiNullsAndProposalsReadTheSameBothWays() throws {
        var session = Session(coder: "ann", codebookRevision: 3)
        let code = Code(id: CodeID("p1"), name: "Nieuw \"voorstel\"", parent: CodeID("root"), operationalisation: "tab\there", rules: ["a", "b/c"])
        session.apply(.proposal(id: code.id, before: nil, after: code))
        let text = "ë e\u{0308} 😔 \\ \"quoted\"\nline\u{0001}"
        let coding = Coding(id: CodingID("c1"), chat: "chat-01", span: Span(from: TextPosition(message: 1, offset: 2), to: TextPosition(message: 2, offset: 5)),
                            codes: [CodeID("x"), CodeID("p1")], relation: "relevant verband", memo: "memo, with \"quotes\"\nand a line",
                            text: text, coder: "ann", created: Date(timeIntervalSince1970: 1_700_000_000))
        session.apply(.coding(id: coding.id, before: nil, after: coding))
        session.apply(.status(chat: "chat-01", before: .notStarted, after: .inProgress))
        session.journalID = "j"
        session.journalSeq = 7
        let data = try SessionFile.encode(session)
        #expect(try FastSessionReader.read(data) != nil)
        let fast = try SessionFile.decode(data, file: "x", fast: true)
        #expect(fast == session)
        #expect(ScalarText.identical(fast.codings[CodingID("c1")]!.text, text))
        #expect(fast.journalSeq == 7 && fast.journalID == "j")
        // \u escapes (as another tool may write them), including a surrogate pair, read the same as JSONDecoder.
        let escaped = Data(#"{"schema": 1, "coder": "ann", "codings": [{"id": "c", "chat": "k", "from": {"message": 1, "offset": 0}, "to": {"message": 1, "offset": 1}, "codes": ["x"], "text": "\u00eb\ud83d\ude14", "coder": "ann", "created": "2024-05-01T12:00:00Z", "relation": null}]}"#.utf8)
        #expect(try FastSessionReader.read(escaped) != nil)
        #expect(try SessionFile.decode(escaped, file: "x", fast: true) == SessionFile.decode(escaped, file: "x", fast: false))
        #expect(try SessionFile.decode(escaped, file: "x").codings[CodingID("c")]?.text == "ë😔")
    }

    @Test func anythingUnexpectedFallsBackToTheDecoderAndItsErrors() throws {
        // A fraction, a syntax error, bad UTF-8: the fast reader gives up.
        let unknownKey = Data(#"{"schema": 1, "coder": "ann", "codings": [], "extra": true}"#.utf8)
        // An unknown key is refused, not dropped (StrictFileTests has both readers at every level).
        #expect(throws: FastSessionReader.UnknownKey.self) { try FastSessionReader.read(unknownKey) }
        #expect(throws: GlossError.self) { try SessionFile.decode(unknownKey, file: "x") }
        let fraction = Data(#"{"schema": 1.5, "coder": "ann"}"#.utf8)
        #expect(try FastSessionReader.read(fraction) == nil)
        let broken = Data("{\n \"schema\": 1,\n \"coder\": \"ann\"\n \"codings\": []\n}\n".utf8)
        #expect(try FastSessionReader.read(broken) == nil)
        do {
            _ = try SessionFile.decode(broken, file: "s.json")
            Issue.record("a malformed session was accepted")
        } catch let error as GlossError {
            #expect(error.file == "s.json")
            #expect(error.place?.hasPrefix("line 4") == true, "\(error)")
        }
        var invalid = Data(#"{"schema": 1, "coder": "ann", "codings": []}"#.utf8)
        invalid[25] = 0xE9
        #expect(try FastSessionReader.read(invalid) == nil)
    }
}
