import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// A session read from its image keeps the codings in the image's bytes and decodes a chat when asked; the chats
/// it changes are held as values. Whatever is done to it, it must read, write and compare exactly as the same
/// session held wholly in memory (the JSON path), and an image that could make two codings share an id, or
/// that says something its codings do not, is never used.
@Suite("Session per chat: an image-backed session behaves as one in memory")
struct SessionPerChatTests {
    /// The session as the workbench gets it from a fresh image: nothing decoded yet.
    private func viaImage(_ session: Session) throws -> Session {
        let data = try #require(SessionImage.encode(session, key: SessionImageTests.key))
        return try #require(SessionImage.decode(data)).session
    }

    private func asFile(_ session: Session) throws -> Session {
        try SessionFile.decode(try SessionFile.encode(session), file: "test")
    }

    /// A change a coder could make to `session`, computed against it (as `update` computes its changes).
    private func randomChange(_ session: Session, _ random: inout SplitMix64, step: Int) -> SessionChange {
        let existing = session.orderedCodings
        let codes = [Sample.dwang, Sample.bedreiging, Sample.fysiek, CodeID("new-code-\(step % 4)")]
        switch random.int(0..<7) {
        case 0, 1:
            let from = TextPosition(message: random.int(1..<20), offset: random.int(0..<50))
            let coding = Coding(id: CodingID("new-\(step)"), chat: String(format: "chat-%03d", random.int(0..<45)),
                                span: Span(from: from, to: TextPosition(message: from.message, offset: from.offset + 5)),
                                codes: [codes[random.int(0..<codes.count)]], relation: random.int(0..<3) == 0 ? "nieuw verband" : nil,
                                text: "tekst \(step)", coder: session.coder, created: Date(timeIntervalSince1970: 1_800_000_000 + Double(step)))
            return Sample.add(coding)
        case 2 where !existing.isEmpty:
            let old = existing[random.int(0..<existing.count)]
            return .coding(id: old.id, before: old, after: nil)
        case 3 where !existing.isEmpty:
            let old = existing[random.int(0..<existing.count)]
            var new = old
            new.codes = Array(Set(old.codes + [codes[random.int(0..<codes.count)]])).sorted()
            new.relation = random.int(0..<2) == 0 ? nil : "verband \(step % 2)"
            new.memo = "memo \(step)"
            new.modified = old.created.addingTimeInterval(60)
            return .coding(id: old.id, before: old, after: new)
        case 5:
            let chat = String(format: "chat-%03d", random.int(0..<45))
            let variable = ["leeftijd", "duur"][random.int(0..<2)]
            let after: String?? = [nil, .some(nil), .some("waarde \(step)")][random.int(0..<3)]
            return .attribute(chat: chat, variable: variable, before: session.attribute(variable, in: chat), after: after)
        case 4:
            let chat = String(format: "chat-%03d", random.int(0..<45))
            return .status(chat: chat, before: session.status(of: chat), after: [.done, .inProgress, .notStarted][random.int(0..<3)])
        default:
            let id = CodeID("proposal-\(step)")
            return .proposal(id: id, before: nil, after: Code(id: id, name: "Voorstel \(step)", parent: nil))
        }
    }

    private func expectSameReading(_ lazy: Session, _ memory: Session, ids: [CodingID], _ note: String) {
        #expect(lazy.orderedCodings == memory.orderedCodings, "\(note): codings")
        #expect(lazy.codingCount == memory.codingCount, "\(note): count")
        #expect(lazy.chatsWithCodings == memory.chatsWithCodings, "\(note): chats")
        #expect(lazy.relations == memory.relations, "\(note): relations")
        #expect(lazy.chatStatuses == memory.chatStatuses, "\(note): statuses")
        #expect(lazy.attributes == memory.attributes, "\(note): attributes")
        #expect(lazy.codings == memory.codings, "\(note): by id")
        for id in ids { #expect(lazy.coding(id) == memory.coding(id), "\(note): coding \(id)") }
        for chat in memory.chatsWithCodings {
            #expect(lazy.codings(in: chat) == memory.codings(in: chat), "\(note): chat \(chat)")
            #expect(lazy.codingCount(in: chat) == memory.codings(in: chat).count, "\(note): count in \(chat)")
        }
    }

    @Test("random edits over an image read, write and re-image exactly as the same edits in memory")
    func editsOverAnImageEqualEditsInMemory() throws {
        for seed in UInt64(1)...12 {
            // As the snapshot holds it (whole seconds), parsed from JSON: every chat held in memory.
            var memory = try asFile(SessionImageTests.randomSession(seed: seed, codings: 150))
            var lazy = try viaImage(memory)
            let startIDs = memory.orderedCodings.map(\.id)
            expectSameReading(lazy, memory, ids: startIDs, "seed \(seed) before")
            var random = SplitMix64(seed: seed &* 7919)
            var ids = startIDs
            for step in 0..<60 {
                let change = randomChange(memory, &random, step: step)
                #expect(lazy.accepts(change), "seed \(seed) step \(step): the image-backed session refused \(change)")
                memory.apply(change)
                lazy.apply(change)
                if case .coding(let id, _, _) = change { ids.append(id) }
                // A change computed against the old state no longer fits either.
                if case .coding(let id, let before?, let after) = change, before != after {
                    #expect(!lazy.accepts(.coding(id: id, before: before, after: nil)), "seed \(seed) step \(step): stale change accepted")
                }
            }
            expectSameReading(lazy, memory, ids: ids, "seed \(seed) after")
            #expect(lazy == memory)
            // The file written from chats held and chats left in the image is the file written from memory.
            #expect(try SessionFile.encode(lazy) == SessionFile.encode(memory), "seed \(seed): session file differs")
            #expect(SessionDigest(lazy) == SessionDigest(memory), "seed \(seed): digest differs")
            // An image of the mixed session (unchanged chats copied as bytes) reads back as the same session, and
            // again after more edits on top of it.
            var again = try viaImage(lazy)
            expectSameReading(again, memory, ids: ids, "seed \(seed) re-imaged")
            for step in 60..<80 {
                let change = randomChange(memory, &random, step: step)
                #expect(again.accepts(change))
                memory.apply(change)
                again.apply(change)
                if case .coding(let id, _, _) = change { ids.append(id) }
            }
            expectSameReading(try viaImage(again), memory, ids: ids, "seed \(seed) re-imaged twice")
        }
    }

    @Test("entered case attributes survive the session file (both readers), the image and the journal's change records")
    func enteredAttributesRoundTrip() throws {
        var session = Session(coder: "anna")
        session.apply(.attribute(chat: "chat-01", variable: "leeftijd", before: nil, after: .some("14")))
        session.apply(.attribute(chat: "chat-01", variable: "duur", before: nil, after: .some(nil)))
        session.apply(.attribute(chat: "chat-02", variable: "leeftijd", before: nil, after: .some("ë \"15\"")))
        let data = try SessionFile.encode(session)
        #expect(String(decoding: data, as: UTF8.self).contains("\"duur\" : null"))
        for fast in [true, false] {
            let read = try SessionFile.decode(data, file: "s", fast: fast)
            #expect(read.attributes == session.attributes, "fast reader: \(fast)")
            #expect(read.attribute("duur", in: "chat-01") == .some(nil))
            #expect(read.attribute("duur", in: "chat-02") == nil)
        }
        #expect(try viaImage(session).attributes == session.attributes)
        // The digest carries them too (what compare and --coder read), through its file.
        let digest = SessionDigest(session)
        #expect(digest.attributes == session.attributes)
        #expect(SessionDigestFile.decode(SessionDigestFile.encode(digest, key: SessionDigestTests.key))?.digest.attributes == session.attributes)
        // A change record keeps "no value", "marked unknown" and a value apart.
        for change in [SessionChange.attribute(chat: "c", variable: "v", before: nil, after: .some(nil)),
                       .attribute(chat: "c", variable: "v", before: .some(nil), after: .some("x")),
                       .attribute(chat: "c", variable: "v", before: .some("x"), after: nil)] {
            let decoded = try JSONDecoder().decode(SessionChange.self, from: JSONEncoder().encode(change))
            #expect(decoded == change)
            #expect(change.inverse.inverse == change)
        }
        // Undoing the entry takes it away again.
        var undone = session
        undone.apply(SessionChange.attribute(chat: "chat-01", variable: "leeftijd", before: nil, after: .some("14")).inverse)
        #expect(undone.attribute("leeftijd", in: "chat-01") == nil)
    }

    @Test("a session file with an entered value the cases CSV would refuse is an error naming the place")
    func badEnteredValuesAreRefused() throws {
        for bad in ["\"chat-01\" : { \"leeftijd\" : \"a\\u0007b\" }", "\"../x\" : { \"leeftijd\" : \"1\" }",
                    "\"chat-01\" : { \"a=b\" : \"1\" }", "\"chat-01\" : { \"leeftijd\" : \"\" }"] {
            let json = "{ \"attributes\" : { \(bad) }, \"coder\" : \"anna\", \"schema\" : 1 }"
            #expect(throws: GlossError.self, "\(bad)") { try SessionFile.decode(Data(json.utf8), file: "s.json") }
        }
    }

    @Test("a new coding whose id an unchanged chat of the image holds is refused, as in memory")
    func anIDTakenInAnotherChatIsSeen() throws {
        let memory = try asFile(SessionImageTests.randomSession(seed: 5, codings: 40))
        let lazy = try viaImage(memory)
        let taken = try #require(memory.orderedCodings.last)
        var elsewhere = taken
        elsewhere.chat = "chat-elsewhere"
        #expect(!lazy.accepts(Sample.add(elsewhere)))
        #expect(lazy.coding(taken.id) == taken)
        #expect(lazy.coding(CodingID("no-such-id")) == nil)
    }

    // MARK: Crafted images

    /// `data` with `from` replaced by `to` (same length) at every place, and the body's CRC made anew: what
    /// somebody who writes the cache by hand could make.
    private func patched(_ data: Data, _ from: String, _ to: String, occurrence: Int? = nil) -> Data {
        var bytes = [UInt8](data)
        let needle = Array(from.utf8), replacement = Array(to.utf8)
        var found = 0
        var i = 0
        while i + needle.count <= bytes.count {
            if Array(bytes[i..<(i + needle.count)]) == needle {
                if occurrence == nil || occurrence == found { bytes.replaceSubrange(i..<(i + needle.count), with: replacement) }
                found += 1
                i += needle.count
            } else {
                i += 1
            }
        }
        let crc = bytes[SessionImage.headerSize...].withUnsafeBytes { CRC32.checksum($0) }
        withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange(20..<24, with: $0) }
        return Data(bytes)
    }

    private func session(_ codings: [(id: String, chat: String, relation: String?)]) -> Session {
        var session = Session(coder: "anna")
        for (number, entry) in codings.enumerated() {
            session.apply(Sample.add(Coding(id: CodingID(entry.id), chat: entry.chat,
                                            span: Span(from: TextPosition(message: number + 1, offset: 0), to: TextPosition(message: number + 1, offset: 3)),
                                            codes: [Sample.dwang], relation: entry.relation, text: "abc", coder: "anna",
                                            created: Date(timeIntervalSince1970: 1_700_000_000))))
        }
        return session
    }

    @Test("an image whose codings share an id, in one chat or two, is not used")
    func duplicateIDsAreRefused() throws {
        for (first, second) in [("chat-1", "chat-2"), ("chat-1", "chat-1")] {
            let data = try #require(SessionImage.encode(session([("id-aaa", first, nil), ("id-bbb", second, nil)]), key: SessionImageTests.key))
            #expect(SessionImage.decode(data) != nil, "the unpatched image reads")
            // Only the id in the block changes (the index keeps the hash of id-bbb): the CRC is right again.
            let twice = patched(data, "id-bbb", "id-aaa")
            #expect(SessionImage.decode(twice) == nil, "\(first)/\(second): an id used twice was accepted")
        }
    }

    @Test("an image whose relation table does not match its codings is not used")
    func aWrongRelationTableIsRefused() throws {
        let data = try #require(SessionImage.encode(session([("id-aaa", "chat-1", "verband"), ("id-bbb", "chat-2", "verband")]), key: SessionImageTests.key))
        #expect(try #require(SessionImage.decode(data)).session.relations == ["verband"])
        // The first "verband" is the table's (it comes before the blocks).
        #expect(SessionImage.decode(patched(data, "verband", "verbanX", occurrence: 0)) == nil)
        #expect(SessionImage.decode(patched(data, "verband", "verbanX", occurrence: 1)) == nil)
    }

    @Test("an image with a time no session file can hold (a crafted cache) is not used, so nothing traps when it is written")
    func outOfRangeTimesAreRefused() throws {
        var session = Session(coder: "anna")
        // 2^62 s written as a 10-byte zigzag varint; replaced below by Int64.max, the same length.
        let far = Date(timeIntervalSince1970: Double(Int64(1) << 62))
        session.apply(Sample.add(Coding(id: CodingID("id-1"), chat: "chat-1", span: Span(from: TextPosition(message: 1, offset: 0), to: TextPosition(message: 1, offset: 3)),
                                        codes: [Sample.dwang], text: "abc", coder: "anna", created: far, modified: far)))
        var bytes = [UInt8](try #require(SessionImage.encode(session, key: SessionImageTests.key)))
        let old: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]
        let new: [UInt8] = [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        let at = try #require((SessionImage.headerSize...(bytes.count - old.count)).first { Array(bytes[$0..<($0 + old.count)]) == old })
        bytes.replaceSubrange(at..<(at + old.count), with: new)
        let crc = bytes[SessionImage.headerSize...].withUnsafeBytes { CRC32.checksum($0) }
        withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange(20..<24, with: $0) }
        #expect(SessionImage.decode(Data(bytes)) == nil)
        // The unpatched 2^62 is out of range too: no session file could say it.
        #expect(SessionImage.decode(try #require(SessionImage.encode(session, key: SessionImageTests.key))) == nil)
    }

    @Test("an image whose chats are out of order is not used")
    func chatsOutOfOrderAreRefused() throws {
        let data = try #require(SessionImage.encode(session([("id-aaa", "chat-1", nil), ("id-bbb", "chat-2", nil)]), key: SessionImageTests.key))
        #expect(SessionImage.decode(patched(data, "chat-1", "chat-3", occurrence: 0)) == nil)
    }
}
