import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// Mutated session files (from the demo's `sessions/*.json`) through both readers: the fast reader
/// (`SessionFile.decode`, what every command uses) and `JSONDecoder` alone. They must agree: the same
/// session, or both a `GlossError` naming the file. The fast reader decides nothing about validity.
@Suite(.timeLimit(.minutes(2))) struct SessionFuzzTests {
    @Test func mutatedSessionsDecodeTheSameOnBothPathsOrFailWithAGlossError() throws {
        let mutator = try Mutator(format: .json, seeds: Self.seeds())
        let file = "/fuzz/sessions/fuzz.json"
        FuzzRunner.run("SessionFuzzTests", settings: .fromEnvironment(defaultCases: 300), mutator: mutator) { mutant in
            let data = mutant.data
            let fast = Result { try SessionFile.decode(data, file: file, fast: true) }
            let slow = Result { try SessionFile.decode(data, file: file, fast: false) }
            var problems: [FuzzProblem] = []
            // The error a command shows is the fast path's (it falls back to JSONDecoder itself).
            if case .failure(let error) = fast { problems += ParserFuzz.problems(in: error, file: file) }
            switch (fast, slow) {
            case (.success(let a), .success(let b)):
                if a != b || a.journalID != b.journalID || a.journalSeq != b.journalSeq {
                    problems.append(FuzzProblem("the fast reader and JSONDecoder read different sessions"))
                }
            case (.success, .failure(let error)):
                problems.append(FuzzProblem("the fast reader accepts what JSONDecoder refuses (\(String(describing: error).prefix(200)))"))
            case (.failure(let error), .success):
                problems.append(FuzzProblem("JSONDecoder accepts what SessionFile.decode refuses (\(String(describing: error).prefix(200)))"))
            case (.failure, .failure):
                break
            }
            if !problems.isEmpty { return .failed(problems) }
            if case .success(let session) = fast {
                _ = try? SessionFile.encode(session)
                return .accepted
            }
            if case .failure(let error) = fast { return .refused("\(error)") }
            return .refused("")
        }
    }

    /// The two demo sessions, plus small sessions cut from them (their first three codings, with the
    /// proposed codes and chat statuses), so most cases are quick.
    static func seeds() throws -> [(name: String, bytes: [UInt8])] {
        try ParserFuzz.samples("Samples/demo/sessions", ext: "json").flatMap { url -> [(name: String, bytes: [UInt8])] in
            let data = try Data(contentsOf: url)
            let full = try SessionFile.decode(data, file: url.path)
            var small = Session(coder: full.coder, codebookRevision: full.codebookRevision)
            small.journalID = "fuzz-journal"
            small.journalSeq = 7
            for coding in full.orderedCodings.prefix(3) { small.apply(.coding(id: coding.id, before: nil, after: coding)) }
            for (chat, status) in full.chatStatuses.sorted(by: { $0.key < $1.key }).prefix(3) {
                small.apply(.status(chat: chat, before: .notStarted, after: status))
            }
            for code in full.proposedCodes.values.sorted(by: { $0.id < $1.id }) { small.apply(.proposal(id: code.id, before: nil, after: code)) }
            let smallData = [UInt8](try SessionFile.encode(small))
            return [(url.lastPathComponent, [UInt8](data)), (url.lastPathComponent + " (3 codings)", smallData),
                    (url.lastPathComponent + " (3 codings) again", smallData)]
        }
    }
}

/// What the session fuzzer found: files the fast reader read differently from `JSONDecoder`, so the same
/// file meant one thing to Gloss and another to any other JSON tool (or to Gloss's own fallback).
@Suite struct FastSessionReaderAgreementTests {
    static func session(codingMembers: String) -> Data {
        Data("""
        {"schema": 1, "coder": "ann", "codings": [{"id": "c1", "chat": "chat-01", "from": {"message": 1, "offset": 0},
         "to": {"message": 1, "offset": 3}, "codes": ["k1"], \(codingMembers) "coder": "ann",
         "created": "2024-05-01T12:00:00Z"}]}
        """.utf8)
    }

    @Test func aNumberWithALeadingZeroIsRefusedAsJSONDecoderRefusesIt() throws {
        let data = Data(#"{"schema": 01, "coder": "ann"}"#.utf8)
        #expect(try FastSessionReader.read(data) == nil)
        #expect(throws: GlossError.self) { try SessionFile.decode(data, file: "s.json") }
    }

    @Test func aKeyGivenTwiceReadsAsJSONDecoderReadsIt() throws {
        let data = Self.session(codingMembers: #""text": "first", "text": "second","#)
        #expect(try FastSessionReader.read(data) == nil)
        let fast = try SessionFile.decode(data, file: "s.json", fast: true)
        let slow = try SessionFile.decode(data, file: "s.json", fast: false)
        #expect(fast == slow)
    }

    @Test func aListGivenTwiceIsNotJoined() throws {
        let data = Data(#"{"schema": 1, "coder": "ann", "chats": {"chat-01": "done"}, "chats": {"chat-02": "done"}}"#.utf8)
        #expect(try FastSessionReader.read(data) == nil)
        #expect(try SessionFile.decode(data, file: "s.json", fast: true) == SessionFile.decode(data, file: "s.json", fast: false))
    }

    @Test func aChatGivenTwiceReadsAsJSONDecoderReadsIt() throws {
        let data = Data(#"{"schema": 1, "coder": "ann", "chats": {"chat-01": "done", "chat-01": "in_progress"}}"#.utf8)
        #expect(try FastSessionReader.read(data) == nil)
        #expect(try SessionFile.decode(data, file: "s.json", fast: true) == SessionFile.decode(data, file: "s.json", fast: false))
    }

    @Test func theDemoSessionsStillTakeTheFastPath() throws {
        for url in ParserFuzz.samples("Samples/demo/sessions", ext: "json") {
            #expect(try FastSessionReader.read(try Data(contentsOf: url)) != nil, "\(url.lastPathComponent)")
        }
    }
}
