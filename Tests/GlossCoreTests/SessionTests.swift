import Foundation
import Testing
@testable import GlossCore

@Suite("Session and SessionChange")
struct SessionTests {
    private let a = Sample.coding("a", span: Sample.span(2, 0, 2, 3), codes: [Sample.dwang], text: "Hoi")
    private let b = Sample.coding("b", span: Sample.span(1, 0, 1, 3), codes: [Sample.motief], text: "Hoi")

    @Test func applyKeepsTheChatIndex() {
        var session = Session(coder: "anna")
        session.apply([Sample.add(a), Sample.add(b)])
        #expect(session.codings(in: "chat-01").map(\.id.rawValue) == ["b", "a"])   // text order
        #expect(session.chatsWithCodings == ["chat-01"])
        #expect(session.coding(in: "chat-01", span: a.span)?.id == a.id)
        // Moving a coding to another chat updates the index.
        var moved = a
        moved.chat = "chat-02"
        session.apply(.coding(id: a.id, before: a, after: moved))
        #expect(session.codings(in: "chat-01").map(\.id.rawValue) == ["b"])
        #expect(session.codings(in: "chat-02").map(\.id.rawValue) == ["a"])
        #expect(session.coding(in: "chat-01", span: a.span) == nil)
        // Removing.
        session.apply(.coding(id: b.id, before: b, after: nil))
        #expect(session.chatsWithCodings == ["chat-02"])
        #expect(session.codingCount == 1)
    }

    @Test func doneWithNoCodesIsNotNotStarted() {
        var session = Session(coder: "anna")
        #expect(session.status(of: "chat-01") == .notStarted)
        session.apply(.status(chat: "chat-01", before: .notStarted, after: .done))
        #expect(session.status(of: "chat-01") == .done)
        #expect(session.codings(in: "chat-01").isEmpty)
        #expect(session.chatStatuses == ["chat-01": .done])
        session.apply(.status(chat: "chat-01", before: .done, after: .notStarted))
        #expect(session.chatStatuses.isEmpty)
        #expect(ChatStatus.notStarted.label == "not started")
    }

    @Test func acceptsChecksTheBeforeState() {
        var session = Session(coder: "anna")
        #expect(session.accepts(Sample.add(a)))
        session.apply(Sample.add(a))
        #expect(!session.accepts(Sample.add(a)))
        #expect(session.accepts(.coding(id: a.id, before: a, after: nil)))
        #expect(!session.accepts(.coding(id: a.id, before: b, after: nil)))
        #expect(session.accepts(.status(chat: "x", before: .notStarted, after: .done)))
        #expect(!session.accepts(.status(chat: "x", before: .inProgress, after: .done)))
        let code = Code(id: CodeID("p"), name: "P")
        #expect(session.accepts(.proposal(id: code.id, before: nil, after: code)))
        #expect(!session.accepts(.proposal(id: code.id, before: code, after: nil)))
    }

    @Test func inverseUndoes() {
        let changes: [SessionChange] = [Sample.add(a), .status(chat: "chat-01", before: .notStarted, after: .inProgress),
                                        .proposal(id: CodeID("p"), before: nil, after: Code(id: CodeID("p"), name: "P"))]
        var session = Session(coder: "anna")
        let empty = session
        session.apply(changes)
        #expect(session != empty)
        session.apply(changes.reversed().map(\.inverse))
        #expect(session == empty)
        #expect(changes.map(\.inverse.inverse) == changes)
    }

    @Test func changesRoundTripThroughJSON() throws {
        let changes: [SessionChange] = [
            Sample.add(a), .coding(id: a.id, before: a, after: b), .coding(id: b.id, before: b, after: nil),
            .status(chat: "chat-01", before: .inProgress, after: .done),
            .proposal(id: CodeID("p"), before: nil, after: Code(id: CodeID("p"), name: "P", parent: Sample.dwang, rules: ["r"])),
        ]
        let data = try JSONFormat.encodeLine(changes)
        #expect(!data.contains(0x0A))   // one line, for the journal
        #expect(try JSONFormat.decode([SessionChange].self, from: data, file: "j") == changes)
    }

    @Test func unknownChangeKindIsRefused() throws {
        let error = try #require(throws: GlossError.self) {
            try JSONFormat.decode([SessionChange].self, from: bytes(#"[{"kind": "rename", "id": "x"}]"#), file: "j")
        }
        #expect(error.place == "[0].kind")
        #expect(error.message.contains("rename"))
    }

    @Test func namesOfCodersAndChats() {
        #expect(Names.isValidCoder("anna"))
        #expect(Names.isValidCoder("coder-2_b.x"))
        for bad in ["", ".anna", "a/b", "a b", "é", String(repeating: "a", count: 65)] {
            #expect(!Names.isValidCoder(bad), "\(bad)")
        }
        #expect(Names.isValidChatID("chat-01 (kopie)"))
        for bad in ["", ".x", "a/b", "a\\b", "a,b", "a\"b", "a\tb"] {
            #expect(!Names.isValidChatID(bad), "\(bad)")
        }
    }
}
