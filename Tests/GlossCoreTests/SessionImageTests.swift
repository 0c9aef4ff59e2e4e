import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The session image (`cache/<coder>.session`): a binary copy of the decoded snapshot that the workbench opens
/// instead of parsing the JSON. It must say exactly what the JSON says, and be used only when it stands for the
/// snapshot on disk now; the journal is replayed on top of it exactly as on top of the JSON.
@Suite("Session image: format, freshness, damage, replay")
struct SessionImageTests {
    // MARK: Fixtures

    /// Random sessions with every field a coding has: relations, memos, codings of another coder, times with
    /// fractions of a second and modified times of their own, non-ASCII and control characters in the text,
    /// several codes per quote, statuses and proposals.
    static func randomSession(seed: UInt64, codings: Int = 200, coder: String = "anna") -> Session {
        var random = SplitMix64(seed: seed)
        var session = SessionDigestTests.randomSession(seed: seed, codings: 0, coder: coder)
        session.codebookRevision = random.int(1..<9)
        let codes = [Sample.dwang, Sample.bedreiging, Sample.fysiek, CodeID("unknown-code"), CodeID("proposed-1")]
        let texts = ["", "tekst", "ë 😀 \u{1F}\t\n\"\\", String(repeating: "lang ", count: 300), "e\u{301}"]
        for i in 0..<codings {
            var applied: [CodeID] = []
            for code in codes where random.int(0..<3) == 0 { applied.append(code) }
            if applied.isEmpty { applied = [codes[random.int(0..<codes.count)]] }
            if random.int(0..<4) == 0 { applied.reverse() }
            let created = Date(timeIntervalSince1970: 1_700_000_000 + Double(random.int(0..<100_000)) + (random.int(0..<2) == 0 ? 0.75 : 0))
            let modified = random.int(0..<2) == 0 ? created : created.addingTimeInterval(Double(random.int(1..<5000)) + 0.5)
            let from = TextPosition(message: random.int(1..<30), offset: random.int(0..<200))
            let coding = Coding(id: CodingID("id-\(seed)-\(i)-\(random.int(0..<1000))"), chat: String(format: "chat-%03d", random.int(0..<40)),
                                span: Span(from: from, to: TextPosition(message: from.message + random.int(0..<3), offset: random.int(0..<500))),
                                codes: applied, relation: random.int(0..<4) == 0 ? "verband \(i % 3)" : nil,
                                memo: random.int(0..<5) == 0 ? "memo ë \(i)" : nil, text: texts[random.int(0..<texts.count)] + "\(i)",
                                coder: random.int(0..<6) == 0 ? "bram" : coder, created: created, modified: modified)
            session.apply(Sample.add(coding))
        }
        for n in 0..<10 where random.int(0..<2) == 0 {
            let chat = String(format: "chat-%03d", n)
            session.apply(.attribute(chat: chat, variable: "leeftijd", before: nil, after: .some(random.int(0..<3) == 0 ? nil : "1\(n)")))
            if n % 3 == 0 { session.apply(.attribute(chat: chat, variable: "duur ë", before: nil, after: .some("Meerdere jaren"))) }
        }
        for n in 0..<10 where random.int(0..<3) == 0 {
            let mark = SeenMark(time: Date(timeIntervalSince1970: 1_700_000_000 + Double(random.int(0..<100_000))), fingerprint: UInt32(random.int(0..<1_000_000)))
            session.apply(.seen(chat: String(format: "chat-%03d", n), coder: "bram", before: nil, after: mark))
        }
        session.journalID = random.int(0..<3) == 0 ? nil : "journal-\(seed)"
        session.journalSeq = random.int(0..<500)
        return session
    }

    static let key = SessionImage.Key(snapshot: FileKey(device: 1, inode: 2, size: 3, modifiedNanoseconds: 4, changedNanoseconds: 5),
                                      written: 6_000_000_000, snapshotCRC: 0xDEAD_BEEF)

    private func urls(_ root: URL, _ coder: String = "anna") -> (snapshot: URL, journal: URL, image: URL) {
        let files = SessionStore.urls(projectRoot: root, coder: coder)
        return (files.snapshot, files.journal, SessionImageCache.url(projectRoot: root, coder: coder))
    }

    /// A project root with `session`'s contents written by a store and closed (which leaves an image).
    private func writeSession(_ session: Session, root: URL) throws {
        let store = try SessionStore(projectRoot: root, coder: session.coder, codebookRevision: session.codebookRevision)
        var changes: [SessionChange] = session.orderedCodings.map { Sample.add($0) }
        changes += session.chatStatuses.sorted { $0.key < $1.key }.map { .status(chat: $0.key, before: .notStarted, after: $0.value) }
        changes += session.proposedCodes.values.sorted { $0.id < $1.id }.map { .proposal(id: $0.id, before: nil, after: $0) }
        try store.perform(changes, label: "import")
        try store.close()
    }

    /// The same size, the same inode: one quote's text changed in place ("tekst" to "TEKST"), as an editor
    /// that saves in place does.
    private func editQuoteTextInPlace(_ snapshot: URL) throws {
        var text = try String(contentsOf: snapshot, encoding: .utf8)
        let range = try #require(text.range(of: "\"tekst"))
        text.replaceSubrange(range, with: "\"TEKST")
        let handle = try FileHandle(forWritingTo: snapshot)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// How the snapshot is read now, and what the JSON alone says.
    private func read(_ root: URL, _ coder: String = "anna") throws -> (session: Session, source: SessionImageCache.Source, json: Session) {
        let snapshot = urls(root, coder).snapshot
        let (session, source) = try SessionImageCache.readSnapshot(snapshot, coder: coder)
        return (session, source, try SessionFile.decode(try SecureFiles.read(snapshot), file: snapshot.path))
    }

    /// The image of `session` under `key`.
    private func imageData(_ session: Session, _ key: SessionImage.Key) throws -> Data {
        try #require(SessionImage.encode(session, key: key))
    }

    private func expectSame(_ a: Session, _ b: Session, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a == b, sourceLocation: sourceLocation)
        #expect(a.journalID == b.journalID && a.journalSeq == b.journalSeq, sourceLocation: sourceLocation)
    }

    // MARK: The format

    @Test func theImageSaysExactlyWhatTheJSONSays() throws {
        for seed: UInt64 in 1...25 {
            let session = Self.randomSession(seed: seed, codings: Int(seed) * 13)
            let viaJSON = try SessionFile.decode(try SessionFile.encode(session), file: "s.json")
            let data = try #require(SessionImage.encode(session, key: Self.key))
            let viaImage = try #require(SessionImage.decode(data))
            expectSame(viaImage.session, viaJSON)
            #expect(viaImage.key == Self.key)
            for (id, coding) in viaJSON.codings {
                let other = try #require(viaImage.session.codings[id])
                #expect(other.text.utf8.elementsEqual(coding.text.utf8), "text of \(id) byte for byte")
                #expect(other.created == coding.created && other.modified == coding.modified && other.coder == coding.coder)
            }
            for chat in viaJSON.chatsWithCodings { #expect(viaImage.session.codings(in: chat) == viaJSON.codings(in: chat)) }
            #expect(viaImage.session.chatsWithCodings == viaJSON.chatsWithCodings)
        }
        let empty = Session(coder: "x")
        let emptyImage = try #require(SessionImage.encode(empty, key: Self.key))
        expectSame(try #require(SessionImage.decode(emptyImage)).session, empty)
    }

    @Test func everyFlippedByteOrCutIsRefused() throws {
        let data = try #require(SessionImage.encode(Self.randomSession(seed: 3, codings: 12), key: Self.key))
        for position in 0..<data.count {
            var damaged = data
            damaged[position] ^= 0x10
            #expect(SessionImage.decode(damaged) == nil, "flipped byte \(position)")
        }
        for length in [0, 1, 8, 23, 24, data.count / 2, data.count - 1] {
            #expect(SessionImage.decode(data.prefix(length)) == nil, "cut to \(length)")
        }
        #expect(SessionImage.decode(data + Data([0])) == nil)
    }

    // MARK: Fresh, stale, damaged, foreign, linked

    @Test func closingLeavesAnImageThatTheNextOpenUses() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 7), root: root)
            #expect(try permissions(urls(root).image) == 0o600)
            let found = try read(root)
            #expect(found.source == .image)
            expectSame(found.session, found.json)
            // Without an image the JSON is read, and the image is written again.
            try FileManager.default.removeItem(at: urls(root).image)
            #expect(try read(root).source == .json)
            let again = try read(root)
            #expect(again.source == .image)
            expectSame(again.session, again.json)
        }
    }

    @Test func aSnapshotEditedByHandIsReadFromTheJSON() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 8), root: root)
            try editQuoteTextInPlace(urls(root).snapshot)
            let found = try read(root)
            #expect(found.source == .json)
            #expect(found.session.codings.values.contains { $0.text.hasPrefix("TEKST") })
            expectSame(found.session, found.json)
        }
    }

    @Test func aRacySnapshotIsCheckedAgainstItsBytes() throws {
        try withTemporaryDirectory { root in
            let session = Self.randomSession(seed: 9)
            try writeSession(session, root: root)
            let (snapshot, _, image) = urls(root)
            let onDisk = try #require(FileKey.of(snapshot))
            let crc = try #require(SessionImageCache.checksum(of: snapshot)).value
            var wrong = session
            wrong.apply(Sample.add(Sample.coding("not-in-the-file", span: Sample.span(1, 0, 1, 1), codes: [Sample.dwang])))
            // An image with the snapshot's key written in the same instant (racy): its CRC decides.
            let racy = SessionImage.Key(snapshot: onDisk, written: onDisk.modifiedNanoseconds, snapshotCRC: crc &+ 1)
            try SecureFiles.writeAtomically(try imageData(wrong, racy), to: image)
            #expect(try read(root).source == .json)
            // The same image with the right CRC is used (so it is the CRC, not the key, that refused it above).
            var checked = racy
            checked.snapshotCRC = crc
            try SecureFiles.writeAtomically(try imageData(wrong, checked), to: image)
            #expect(try read(root).source == .image)
            // Written well after the snapshot, the key alone decides.
            let later = SessionImage.Key(snapshot: onDisk, written: onDisk.modifiedNanoseconds + 10_000_000_000, snapshotCRC: 0)
            try SecureFiles.writeAtomically(try imageData(session, later), to: image)
            #expect(try read(root).source == .image)
        }
    }

    /// The image written at close is racily clean; once its snapshot is older than the margin and still has
    /// the CRC the image recorded, `settle` gives the same image a later key, so the next open needs no CRC check.
    @Test func aRacyImageIsSettledOnceTheSnapshotIsOlderThanTheMargin() throws {
        try withTemporaryDirectory { root in
            let session = Self.randomSession(seed: 11)
            try writeSession(session, root: root)
            let (snapshot, _, image) = urls(root)
            let onDisk = try #require(FileKey.of(snapshot))
            let before = try #require(SessionImage.key(try SecureFiles.read(image)))
            #expect(onDisk.isRacy(comparedWith: before.written), "the image written at close is racy")
            // Too soon: the snapshot is still within the margin of now.
            #expect(!SessionImageCache.settle(projectRoot: root, coder: "anna", now: onDisk.modifiedNanoseconds + 1_000_000_000))
            let later = onDisk.modifiedNanoseconds + 3_000_000_000
            #expect(SessionImageCache.settle(projectRoot: root, coder: "anna", now: later))
            let settled = try SecureFiles.read(image)
            let key = try #require(SessionImage.key(settled))
            #expect(key == SessionImage.Key(snapshot: onDisk, written: later, snapshotCRC: before.snapshotCRC))
            #expect(!onDisk.isRacy(comparedWith: key.written))
            let decoded = try #require(SessionImage.decode(settled))
            expectSame(decoded.session, try read(root).json)
            #expect(try permissions(image) == 0o600)
            // Settled once: nothing more to do.
            #expect(!SessionImageCache.settle(projectRoot: root, coder: "anna", now: later + 1_000_000_000))
        }
    }

    @Test func aSnapshotWhoseBytesNoLongerMatchIsNeverSettled() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 12), root: root)
            let (snapshot, _, image) = urls(root)
            // The same size and inode, one byte changed in place: the racy image's CRC no longer matches.
            try editQuoteTextInPlace(snapshot)
            let before = try SecureFiles.read(image)
            let onDisk = try #require(FileKey.of(snapshot))
            #expect(!SessionImageCache.settle(projectRoot: root, coder: "anna", now: onDisk.modifiedNanoseconds + 3_000_000_000))
            #expect(try SecureFiles.read(image) == before)
            #expect(try read(root).source == .json)
        }
    }

    @Test func aDamagedForeignOrLinkedImageIsIgnoredAndRebuilt() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 10), root: root)
            let (_, _, image) = urls(root)
            let good = try SecureFiles.read(image)
            // Damaged: one byte of a quote near the end.
            var damaged = good
            damaged[damaged.count - 10] ^= 0x01
            try SecureFiles.writeAtomically(damaged, to: image)
            var found = try read(root)
            #expect(found.source == .json)
            expectSame(found.session, found.json)
            #expect(try read(root).source == .image)  // rebuilt by the read above
            // Foreign: another coder's session under this name, with this snapshot's key.
            let key = try #require(SessionImage.key(good))
            try SecureFiles.writeAtomically(try imageData(Self.randomSession(seed: 10, coder: "bram"), key), to: image)
            #expect(try read(root).source == .json)
            // A link in place of the image, to a sound image: never followed.
            let elsewhere = root.appendingPathComponent("elsewhere.session")
            try SecureFiles.writeAtomically(good, to: elsewhere)
            try FileManager.default.removeItem(at: image)
            try FileManager.default.createSymbolicLink(at: image, withDestinationURL: elsewhere)
            found = try read(root)
            #expect(found.source == .json)
            expectSame(found.session, found.json)
            #expect(try SecureFiles.read(elsewhere) == good, "the file the link named is never written")
            #expect(FileKey.of(image) != nil, "the link was replaced by an image of its own")
            #expect(try read(root).source == .image)
            // `cache/` itself a link: not followed either.
            try FileManager.default.removeItem(at: image)
            let cache = SessionDigestCache.folder(projectRoot: root)
            let otherCache = root.appendingPathComponent("other-cache")
            try FileManager.default.moveItem(at: cache, to: otherCache)
            try SecureFiles.writeAtomically(good, to: otherCache.appendingPathComponent("anna.session"))
            try FileManager.default.createSymbolicLink(at: cache, withDestinationURL: otherCache)
            #expect(try read(root).source == .json)
            #expect(try FileManager.default.contentsOfDirectory(atPath: otherCache.path).sorted() == ["anna.digest", "anna.session"])
            #expect(try SecureFiles.read(otherCache.appendingPathComponent("anna.session")) == good, "never written through the link")
        }
    }

    // MARK: The journal on top

    @Test func theJournalsRecordsAfterTheSnapshotAreReplayedOverTheImage() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 11), root: root)
            let extra = Sample.coding("after-the-snapshot", chat: "chat-999", span: Sample.span(2, 0, 2, 5), codes: [Sample.fysiek])
            do {
                // A workbench that performs an action and is killed before it checkpoints.
                let store = try SessionStore(projectRoot: root, coder: "anna", codebookRevision: 1)
                try store.perform([Sample.add(extra)], label: "code")
            }
            #expect(try read(root).source == .image)  // the snapshot (and so its image) did not change
            let reopened = try SessionStore(projectRoot: root, coder: "anna", codebookRevision: 1)
            #expect(reopened.session.codings[extra.id] == extra)
            #expect(reopened.notes.contains { $0.contains("recovered 1 action") })
            let onDisk = try SessionStore.read(projectRoot: root, coder: "anna")
            expectSame(reopened.session, onDisk)
        }
    }
}
