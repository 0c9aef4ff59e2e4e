import Foundation
import Testing
@testable import GlossCore

/// Issue 14: blind coding leaked in three keys (mark done, `:compare bram`, undo the done, recode). The session
/// now records when the coder saw another coder's codings of a chat (`SeenMark`), in every form a session takes
/// (file, fast reader, image, journal), and `u` cannot erase it.
@Suite("Seen marks in the session")
struct SeenMarkTests {
    static let mark = SeenMark(time: Date(timeIntervalSince1970: 1_764_000_000), fingerprint: 0xCAFE_F00D)

    static func sample() -> Session {
        var session = Session(coder: "anna")
        session.apply(.status(chat: "chat-01", before: .notStarted, after: .done))
        session.apply(.seen(chat: "chat-01", coder: "bram", before: nil, after: mark))
        return session
    }

    @Test func theFileKeepsTheMarkThroughBothReaders() throws {
        let session = Self.sample()
        let data = try SessionFile.encode(session)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"seen\" : {\n    \"chat-01\" : {\n      \"bram\" : {\n        \"fingerprint\" : 3405705229,\n        \"time\" : \"2025-11-24T16:00:00Z\""), "\(text)")
        #expect(data == (try SessionFile.encodeWithJSONEncoder(session)))
        #expect(try SessionFile.decode(data, file: "s.json").seen == session.seen)
        let fast = try #require(try FastSessionReader.read(data), "the fast reader gave up on the seen marks")
        #expect(fast.seen == ["chat-01": ["bram": Self.mark]])
    }

    /// A hand-edited or hostile file: a bad coder name or chat id in `seen` is refused with the place.
    @Test func aBadNameInSeenIsRefused() throws {
        let good = String(decoding: try SessionFile.encode(Self.sample()), as: UTF8.self)
        for (bad, place) in [("\"bram\" : {", "\"b\\u001b[2Jram\" : {"), ("\"chat-01\" : {\n      \"bram", "\"../x\" : {\n      \"bram")] {
            let text = good.replacingOccurrences(of: bad, with: place)
            #expect(text != good)
            #expect(throws: GlossError.self) { try SessionFile.decode(Data(text.utf8), file: "s.json") }
        }
    }

    @Test func theImageKeepsTheMark() throws {
        let session = Self.sample()
        let key = SessionImage.Key(snapshot: FileKey(device: 1, inode: 2, size: 3, modifiedNanoseconds: 4, changedNanoseconds: 5),
                                   written: 6_000_000_000, snapshotCRC: 0xDEAD_BEEF)
        let image = try #require(SessionImage.encode(session, key: key))
        let read = try #require(SessionImage.decode(image))
        #expect(read.session.seen == session.seen)
        #expect(read.session == session)
    }

    @Test func theDigestFileKeepsTheMark() throws {
        let digest = SessionDigest(Self.sample())
        #expect(digest.seen == ["chat-01": ["bram": Self.mark]])
        let key = SessionDigestKey(snapshot: FileKey(device: 1, inode: 2, size: 3, modifiedNanoseconds: 4, changedNanoseconds: 5),
                                   journal: nil, journalID: "j", journalSeq: 0)
        let read = try #require(SessionDigestFile.decode(SessionDigestFile.encode(digest, key: key)))
        #expect(read.digest == digest)
        #expect(read.digest.seen == digest.seen)
    }

    /// A mark is journalled as a record undo passes over: `u` takes back the coder's last action, not the mark,
    /// and the mark survives a reopen (replay) and a checkpoint.
    @Test func undoPassesOverTheMarkAndItSurvivesReopening() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-seen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SecureFiles.makeDirectory(root)
        try SecureFiles.makeDirectory(root.appendingPathComponent("sessions"))
        let store = try SessionStore(projectRoot: root, coder: "anna", codebookRevision: 1)
        try store.perform([.status(chat: "chat-01", before: .notStarted, after: .done)], label: "mark done")
        try store.mark([.seen(chat: "chat-01", coder: "bram", before: nil, after: Self.mark)], label: "saw bram's codings of chat-01")
        try store.undo()  // the done, not the mark
        #expect(store.session.status(of: "chat-01") == .notStarted)
        #expect(store.session.seen["chat-01"]?["bram"] == Self.mark)
        #expect(try store.undo() == nil, "the mark is no action to undo")
        #expect(store.session.seen["chat-01"]?["bram"] == Self.mark)
        try store.redo()
        #expect(store.session.status(of: "chat-01") == .done)
        try store.close()
        let again = try SessionStore.read(projectRoot: root, coder: "anna")
        #expect(again.seen["chat-01"]?["bram"] == Self.mark)
    }

    @Test func theFingerprintChangesWithTheCodings() {
        let span = Span(from: TextPosition(message: 2, offset: 0), to: TextPosition(message: 2, offset: 10))
        let one = Coding(id: CodingID("1"), chat: "chat-01", span: span, codes: [CodeID("x")], text: "t", coder: "anna", created: Date())
        var two = one
        two.codes = [CodeID("x"), CodeID("y")]
        let mark = SeenMark(time: Date(), fingerprint: SeenMark.fingerprint(of: [one]))
        #expect(!mark.recoded([one]))
        #expect(mark.recoded([two]))
        #expect(mark.recoded([]))
    }
}
