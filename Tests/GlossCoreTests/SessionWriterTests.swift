import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// `SessionWriter` must write exactly the bytes `JSONEncoder` wrote for a session (key order, escaping,
/// numbers, times, empty lists and objects), so files written before and after it diff as nothing changed.
@Suite struct SessionWriterTests {
    /// Characters that stress escaping and sorting: controls (every one below U+0020), quotes, backslash,
    /// slash, DEL, combining marks, bidi controls, line and paragraph separators, emoji with joiners and flags.
    static let alphabet: [String] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "'", ",", ">", "\u{7F}", "ë", "e\u{0308}", "ß", "ı", "İ", "ﬁ", "Å", "Å",
        "\u{200E}", "\u{200F}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{00A0}",
        "😔", "👩‍👩‍👧", "🇳🇱", "🏳️‍🌈", "中", "ع", "\u{10FFFF}", "\u{E000}",
    ] + (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }

    static func text(_ rng: inout SplitMix64, max: Int) -> String {
        (0..<rng.int(0..<(max + 1))).map { _ in alphabet[rng.int(0..<alphabet.count)] }.joined()
    }

    static func date(_ rng: inout SplitMix64) -> Date {
        Date(timeIntervalSince1970: Double(rng.int(-2_000_000_000..<4_000_000_000)))
    }

    /// A random session: any number of codings (memo and relation absent, empty or odd), statuses keyed by
    /// odd chat names, proposed codes with and without parents, with and without a journal mark.
    static func session(_ index: Int) -> Session {
        var rng = SplitMix64.forCase(index, seed: 0x5E55_1011)
        var session = Session(coder: ["a", "anna-b.c_d", "Z9"][rng.int(0..<3)], codebookRevision: rng.int(0..<100_000))
        let chats = (0..<rng.int(1..<6)).map { i in rng.int(0..<3) == 0 ? "chat-\(i)" : "c\(i)-" + text(&rng, max: 6) }
        let codes = (0..<rng.int(1..<8)).map { _ in rng.int(0..<2) == 0 ? CodeID.generate() : CodeID(text(&rng, max: 5)) }
        for _ in 0..<rng.int(0..<25) {
            let from = TextPosition(message: rng.int(1..<400), offset: rng.int(0..<2_000))
            let to = TextPosition(message: from.message + rng.int(0..<3), offset: rng.int(0..<100_000))
            let picked = (0..<rng.int(1..<(codes.count + 1))).map { _ in codes[rng.int(0..<codes.count)] }
            func optional() -> String? { [nil, "", text(&rng, max: 40)][rng.int(0..<3)] }
            let coding = Coding(chat: chats[rng.int(0..<chats.count)], span: Span(from: from, to: to), codes: picked,
                                relation: optional(), memo: optional(), text: text(&rng, max: 200), coder: session.coder,
                                created: date(&rng), modified: rng.int(0..<2) == 0 ? nil : date(&rng))
            session.apply(.coding(id: coding.id, before: nil, after: coding))
        }
        for chat in chats where rng.int(0..<3) > 0 {
            session.apply(.status(chat: chat, before: .notStarted, after: [.inProgress, .done][rng.int(0..<2)]))
        }
        // Entered case attributes: values (any text a value may hold) and ones marked unknown (null).
        for chat in chats where rng.int(0..<2) == 0 {
            for variable in ["leeftijd", "duur", "ë-" + text(&rng, max: 4)] where rng.int(0..<2) == 0 {
                let value: String? = rng.int(0..<3) == 0 ? nil : "v" + text(&rng, max: 12)
                if EnteredValue.problem(chat: chat, variable: variable, value: value) == nil {
                    session.apply(.attribute(chat: chat, variable: variable, before: session.attribute(variable, in: chat), after: .some(value)))
                }
            }
        }
        // Seen marks (issue 14): another coder's codings seen, with the fingerprint of the coder's own then.
        for chat in chats where rng.int(0..<3) == 0 {
            for other in ["bram", "x.y_z-9"] where rng.int(0..<2) == 0 {
                let mark = SeenMark(time: Date(timeIntervalSince1970: Double(rng.int(0..<4_000_000_000))), fingerprint: UInt32(rng.int(0..<Int(UInt32.max))))
                session.apply(.seen(chat: chat, coder: other, before: nil, after: mark))
            }
        }
        var proposals: [Code] = []
        for _ in 0..<rng.int(0..<4) {
            let code = Code(name: text(&rng, max: 10), parent: proposals.isEmpty || rng.int(0..<2) == 0 ? nil : proposals.last!.id,
                            operationalisation: text(&rng, max: 30), example: text(&rng, max: 10),
                            rules: (0..<rng.int(0..<3)).map { _ in text(&rng, max: 12) }, color: "#" + text(&rng, max: 6))
            proposals.append(code)
            session.apply(.proposal(id: code.id, before: nil, after: code))
        }
        if rng.int(0..<3) > 0 {
            session.journalID = UUID().uuidString.lowercased()
            session.journalSeq = rng.int(0..<1_000_000)
        }
        return session
    }

    @Test func writesTheBytesJSONEncoderWrote() throws {
        for index in 0..<400 {
            let session = Self.session(index)
            let expected = try SessionFile.encodeWithJSONEncoder(session)
            let written = try SessionFile.encode(session)
            if written != expected {
                let at = zip(written, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(written.count, expected.count)
                Issue.record("case \(index): the writer differs from JSONEncoder at byte \(at): \(String(decoding: written.dropFirst(max(0, at - 40)).prefix(80), as: UTF8.self)) vs \(String(decoding: expected.dropFirst(max(0, at - 40)).prefix(80), as: UTF8.self))")
                return
            }
        }
    }

    @Test func emptySessionAndTheDemoSessionsAreTheSameBytes() throws {
        #expect(try SessionFile.encode(Session(coder: "x")) == SessionFile.encodeWithJSONEncoder(Session(coder: "x")))
        for coder in ["anouk", "bram"] {
            let data = try Data(contentsOf: FastSessionReaderTests.demoSessions.appendingPathComponent("\(coder).json"))
            let session = try SessionFile.decode(data, file: coder)
            #expect(try SessionFile.encode(session) == SessionFile.encodeWithJSONEncoder(session))
        }
    }

    /// The streamed file (flushed in chunks to the atomic write) is the same as the bytes in memory, also when
    /// the session is larger than several chunks.
    @Test func streamedFileEqualsTheEncodedBytes() throws {
        var session = Session(coder: "big")
        var rng = SplitMix64(seed: 7)
        let code = CodeID.generate()
        while session.codingCount < 6_000 {
            let coding = Coding(chat: "chat-\(rng.int(0..<50))", span: Span(from: TextPosition(message: 1, offset: 0), to: TextPosition(message: 2, offset: 3)),
                                codes: [code], memo: Self.text(&rng, max: 20), text: Self.text(&rng, max: 400), coder: "big", created: Self.date(&rng))
            session.apply(.coding(id: coding.id, before: nil, after: coding))
        }
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("big.json")
            try SessionFile.write(session, to: url)
            let onDisk = try Data(contentsOf: url)
            #expect(onDisk.count > 3 * SessionWriter.flushSize)
            #expect(onDisk == (try SessionFile.encodeWithJSONEncoder(session)))
            #expect(try SessionFile.decode(onDisk, file: url.path) == session)
            #expect(try permissions(url) == 0o600)
        }
    }
}
