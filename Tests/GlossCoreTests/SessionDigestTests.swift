import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The session digest (`cache/<coder>.digest`): what it holds, its binary form, and when it may stand in for
/// the session. Every digest used must equal the digest of a full read of the files as they are now.
@Suite("Session digest: format, freshness, damage")
struct SessionDigestTests {
    // MARK: Fixtures

    /// A deterministic mix of codings (one or several codes, spans across messages, odd offsets, chats with a
    /// status and no coding), statuses and proposals with non-ASCII text.
    static func randomSession(seed: UInt64, codings: Int = 300, coder: String = "anna") -> Session {
        var random = SplitMix64(seed: seed)
        var session = Session(coder: coder, codebookRevision: 3)
        let codes = [Sample.dwang, Sample.bedreiging, Sample.fysiek, Sample.financieel, Sample.armoede, CodeID("unknown-code"),
                     CodeID("proposed-1"), CodeID("proposed-2")]
        session.apply(.proposal(id: CodeID("proposed-1"), before: nil,
                                after: Code(id: CodeID("proposed-1"), name: "Voorstel ë 😀", parent: Sample.dwang, operationalisation: "o",
                                            example: "voorbeeld", rules: ["regel 1", ""], color: "#123456")))
        session.apply(.proposal(id: CodeID("proposed-2"), before: nil,
                                after: Code(id: CodeID("proposed-2"), name: "Onder voorstel", parent: CodeID("proposed-1"))))
        for i in 0..<codings {
            let chat = String(format: "chat-%03d", random.int(0..<40))
            let from = TextPosition(message: random.int(1..<30), offset: random.int(0..<5) == 0 ? -random.int(0..<3) : random.int(0..<200))
            let to = TextPosition(message: from.message + random.int(0..<3), offset: random.int(0..<100_000))
            var applied: [CodeID] = []
            for _ in 0..<(1 + random.int(0..<3)) { applied.append(codes[random.int(0..<codes.count)]) }
            let coding = Sample.coding("c\(seed)-\(i)", chat: chat, span: Span(from: from, to: to), codes: applied,
                                       text: "tekst \(i)", memo: i % 7 == 0 ? "memo" : nil, coder: coder)
            session.apply(Sample.add(coding))
        }
        for n in 0..<50 where random.int(0..<3) > 0 {
            let status: ChatStatus = random.int(0..<2) == 0 ? .done : .inProgress
            session.apply(.status(chat: String(format: "chat-%03d", n), before: .notStarted, after: status))
        }
        return session
    }


    static let key = SessionDigestKey(snapshot: FileKey(device: 1, inode: 2, size: 3, modifiedNanoseconds: 4, changedNanoseconds: 5),
                                      journal: FileKey(device: 1, inode: 7, size: 8, modifiedNanoseconds: -9, changedNanoseconds: 10),
                                      journalID: "journal-id", journalSeq: 12)

    /// A project root with a session for `coder` written by a store (closed), holding `session`'s contents.
    private func writeSession(_ session: Session, root: URL) throws {
        let store = try SessionStore(projectRoot: root, coder: session.coder, codebookRevision: 3)
        var changes: [SessionChange] = session.orderedCodings.map { Sample.add($0) }
        changes += session.chatStatuses.sorted { $0.key < $1.key }.map { .status(chat: $0.key, before: .notStarted, after: $0.value) }
        changes += session.proposedCodes.values.sorted { $0.id < $1.id }.map { .proposal(id: $0.id, before: nil, after: $0) }
        try store.perform(changes, label: "import")
        try store.close()
    }

    private func load(_ root: URL, _ coder: String = "anna") throws -> (digest: SessionDigest, source: SessionDigestCache.Source, warnings: [String]) {
        var warnings: [String] = []
        let (digest, source) = try SessionDigestCache.loadReporting(projectRoot: root, coder: coder) { warnings.append($0) }
        return (digest, source, warnings)
    }

    /// What a full read says now: the reference every digest must equal.
    private func fullRead(_ root: URL, _ coder: String = "anna") throws -> SessionDigest {
        SessionDigest(try SessionStore.read(projectRoot: root, coder: coder))
    }

    private func digestURL(_ root: URL, _ coder: String = "anna") -> URL { SessionDigestCache.url(projectRoot: root, coder: coder) }

    // MARK: What a digest holds

    @Test func aDigestHoldsTheCountingDataOfItsSession() throws {
        let session = Self.randomSession(seed: 1)
        let digest = SessionDigest(session)
        #expect(digest.coder == "anna" && digest.codebookRevision == 3)
        #expect(digest.codingCount == session.codingCount)
        #expect(digest.chatStatuses == session.chatStatuses)
        #expect(digest.proposedCodes == session.proposedCodes)
        for chat in (0..<45).map({ String(format: "chat-%03d", $0) }) {
            #expect(digest.status(of: chat) == session.status(of: chat))
            let expected = session.codings(in: chat).map { ($0.span, $0.codes) }
            let found = digest.index(ofChat: chat).map { index in
                digest.codings(inChat: index).map { i in (digest.codings[i].span, digest.codeIndexes(ofCoding: i).map { digest.codes[Int($0)] }) }
            } ?? []
            #expect(found.map(\.0) == expected.map(\.0), "\(chat)")
            #expect(found.map(\.1) == expected.map(\.1), "\(chat)")
        }
    }

    @Test func theBinaryFormRoundTrips() throws {
        for seed: UInt64 in [1, 2, 3] {
            let digest = SessionDigest(Self.randomSession(seed: seed))
            let data = SessionDigestFile.encode(digest, key: Self.key)
            let decoded = try #require(SessionDigestFile.decode(data))
            #expect(decoded.digest == digest)
            #expect(decoded.key == Self.key)
        }
        // An empty session, and a key without a journal.
        var key = Self.key
        key.journal = nil
        let empty = SessionDigest(Session(coder: "x"))
        let decoded = try #require(SessionDigestFile.decode(SessionDigestFile.encode(empty, key: key)))
        #expect(decoded.digest == empty && decoded.key == key)
    }

    @Test func everyFlippedByteOrCutIsRefused() throws {
        let data = SessionDigestFile.encode(SessionDigest(Self.randomSession(seed: 4, codings: 20)), key: Self.key)
        for position in 0..<data.count {
            var damaged = data
            damaged[position] ^= 0x10
            #expect(SessionDigestFile.decode(damaged) == nil, "flipped byte \(position)")
        }
        for length in [0, 1, 8, 23, 24, data.count / 2, data.count - 1] {
            #expect(SessionDigestFile.decode(data.prefix(length)) == nil, "cut to \(length)")
        }
        #expect(SessionDigestFile.decode(data + Data([0])) == nil)
        var otherVersion = data
        otherVersion[8] = 1  // version 1 had another key; a digest of another version is never read
        #expect(SessionDigestFile.decode(otherVersion) == nil)
    }

    // MARK: Fresh and stale

    @Test func theFirstReadWritesTheDigestOwnerOnlyAndTheNextUsesIt() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 5), root: root)
            try? FileManager.default.removeItem(at: digestURL(root))   // the store's own digest, to start without one
            let first = try load(root)
            #expect(first.source == .fullRead && first.warnings.isEmpty)
            #expect(try permissions(digestURL(root)) == 0o600)
            #expect(try permissions(SessionDigestCache.folder(projectRoot: root)) == 0o700)
            let second = try load(root)
            #expect(second.source == .cache)
            #expect(second.digest == first.digest)
            #expect(second.digest == (try fullRead(root)))
        }
    }

    @Test func closingTheWorkbenchLeavesAFreshDigest() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 6), root: root)
            let found = try load(root)
            #expect(found.source == .cache)
            #expect(found.digest == (try fullRead(root)))
        }
    }

    @Test func aJournalThatGrewMakesTheDigestStale() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 7), root: root)
            let store = try SessionStore(projectRoot: root, coder: "anna", codebookRevision: 3)
            let old = try #require(store.session.orderedCodings.first)
            var changed = old
            changed.codes = [Sample.armoede]
            try store.perform([.coding(id: old.id, before: old, after: changed), .status(chat: "chat-999", before: .notStarted, after: .done)],
                              label: "recode")
            // The store holds the action in its journal only (pending): the digest of the closed session is stale.
            let found = try load(root)
            #expect(found.source == .fullRead)
            #expect(found.digest == (try fullRead(root)))
            #expect(found.digest == SessionDigest(store.session))
            #expect(found.digest.status(of: "chat-999") == .done)
            // A digest of snapshot + pending journal is fresh in turn.
            #expect(try load(root).source == .cache)
            try store.perform([Sample.add(Sample.coding("late", chat: "chat-001", span: Sample.span(1, 0, 1, 2), codes: [Sample.fysiek]))],
                              label: "late")
            let again = try load(root)
            #expect(again.source == .fullRead && again.digest == SessionDigest(store.session))
            try store.close()
            #expect(try load(root).source == .cache)
        }
    }

    @Test func anotherSnapshotMakesTheDigestStale() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 8), root: root)
            #expect(try load(root).source == .cache)
            // Another version of the session file, as a git checkout leaves it (the journal still belongs to the old one).
            let snapshot = SessionStore.urls(projectRoot: root, coder: "anna").snapshot
            try SecureFiles.writeAtomically(try SessionFile.encode(Self.randomSession(seed: 9)), to: snapshot)
            let found = try load(root)
            #expect(found.source == .fullRead)
            #expect(found.digest == (try fullRead(root)))
            #expect(found.digest == SessionDigest(Self.randomSession(seed: 9)))
            // The same bytes written in place (same size): the times differ, so still not the old digest.
            let bytes = try Data(contentsOf: snapshot)
            try bytes.write(to: snapshot)
            #expect(try load(root).source == .fullRead)
        }
    }

    @Test func aTouchedBackModificationTimeDoesNotMakeAChangedJournalFresh() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 10), root: root)
            let journal = SessionStore.urls(projectRoot: root, coder: "anna").journal
            let before = try #require(FileKey.of(journal))
            #expect(try load(root).source == .cache)
            // Rewrite the journal in place with the same size, then set its modification time back.
            let data = try Data(contentsOf: journal)
            usleep(20_000)
            try data.write(to: journal)
            var times = [timespec(tv_sec: Int(before.modifiedNanoseconds / 1_000_000_000), tv_nsec: Int(before.modifiedNanoseconds % 1_000_000_000)),
                         timespec(tv_sec: Int(before.modifiedNanoseconds / 1_000_000_000), tv_nsec: Int(before.modifiedNanoseconds % 1_000_000_000))]
            #expect(utimensat(AT_FDCWD, journal.path, &times, 0) == 0)
            #expect(FileKey.of(journal)?.modifiedNanoseconds == before.modifiedNanoseconds)
            #expect(try load(root).source == .fullRead)
        }
    }

    // MARK: Damage

    @Test func aDamagedOrForeignDigestIsIgnoredAndRebuilt() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 11), root: root)
            let url = digestURL(root)
            let good = try Data(contentsOf: url)
            let reference = try fullRead(root)
            var flipped = good
            flipped[good.count / 2] ^= 0x01
            var wrongMagic = good
            wrongMagic[0] = UInt8(ascii: "X")
            // Another coder's digest under this coder's name, and a digest of other data with this session's key.
            let bram = SessionDigestFile.encode(SessionDigest(Self.randomSession(seed: 12, coder: "bram")),
                                                key: try #require(SessionDigestFile.decode(good)).key)
            let forged = SessionDigestFile.encode(SessionDigest(Self.randomSession(seed: 13)), key: Self.key)
            for (name, bytes) in [("flipped", flipped), ("truncated", good.prefix(good.count - 3)), ("wrong magic", wrongMagic),
                                  ("empty", Data()), ("another coder", bram), ("another key", forged)] {
                try SecureFiles.writeAtomically(bytes, to: url)
                let found = try load(root)
                #expect(found.source == .fullRead, "\(name)")
                #expect(found.digest == reference, "\(name)")
                #expect(try Data(contentsOf: url) == good, "\(name): rebuilt")
                #expect(try load(root).source == .cache, "\(name)")
            }
        }
    }

    @Test func aLinkOrFolderInPlaceOfTheDigestIsNeverFollowed() throws {
        try withTemporaryDirectory { root in
            let project = root.appendingPathComponent("proj")
            try writeSession(Self.randomSession(seed: 14), root: project)
            let url = digestURL(project)
            let reference = try fullRead(project)
            // A link to a valid digest elsewhere (as a hostile project could ship): not read, and the file it points
            // to is never written.
            let elsewhere = root.appendingPathComponent("elsewhere.digest")
            try FileManager.default.moveItem(at: url, to: elsewhere)
            let outside = try Data(contentsOf: elsewhere)
            try FileManager.default.createSymbolicLink(at: url, withDestinationURL: elsewhere)
            let found = try load(project)
            #expect(found.source == .fullRead && found.digest == reference)
            #expect(try Data(contentsOf: elsewhere) == outside)
            #expect(FileKey.of(url) != nil, "the link was replaced by a digest of its own")
            #expect(try load(project).source == .cache)
            // A folder where the digest should be: a full read each time, no error.
            try FileManager.default.removeItem(at: url)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            for _ in 0..<2 {
                let again = try load(project)
                #expect(again.source == .fullRead && again.digest == reference)
            }
        }
    }

    @Test func aLinkedCacheFolderIsNeitherReadNorWritten() throws {
        try withTemporaryDirectory { root in
            let project = root.appendingPathComponent("proj")
            try writeSession(Self.randomSession(seed: 15), root: project)
            let cache = SessionDigestCache.folder(projectRoot: project)
            let elsewhere = root.appendingPathComponent("elsewhere")
            try FileManager.default.moveItem(at: cache, to: elsewhere)   // holds a fresh digest
            try FileManager.default.createSymbolicLink(at: cache, withDestinationURL: elsewhere)
            let before = try Data(contentsOf: elsewhere.appendingPathComponent("anna.digest"))
            for _ in 0..<2 {
                let found = try load(project)
                let reference = try fullRead(project)
                #expect(found.source == .fullRead && found.digest == reference)
            }
            #expect(try Data(contentsOf: elsewhere.appendingPathComponent("anna.digest")) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).sorted() == ["anna.digest", "anna.session"])
        }
    }

    @Test func aProjectWhereNoCacheCanBeWrittenReadsInFullWithoutError() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 16), root: root)
            let cache = SessionDigestCache.folder(projectRoot: root)
            try FileManager.default.removeItem(at: cache)
            try Data("not a folder".utf8).write(to: cache)   // cache/ cannot be made
            for _ in 0..<2 {
                let found = try load(root)
                #expect(found.source == .fullRead && found.warnings.isEmpty)
                #expect(found.digest == (try fullRead(root)))
            }
            #expect(try String(contentsOf: cache, encoding: .utf8) == "not a folder")
        }
    }

    @Test func aDamagedJournalIsNeverServedFromTheCacheAndWarnsEveryTime() throws {
        try withTemporaryDirectory { root in
            try writeSession(Self.randomSession(seed: 17), root: root)
            let store = try SessionStore(projectRoot: root, coder: "anna", codebookRevision: 3)
            try store.perform([Sample.add(Sample.coding("p1", chat: "chat-001", span: Sample.span(1, 0, 1, 1), codes: [Sample.fysiek]))], label: "first-pending")
            try store.perform([Sample.add(Sample.coding("p2", chat: "chat-002", span: Sample.span(1, 0, 1, 1), codes: [Sample.fysiek]))], label: "second-pending")
            let journal = store.journalURL
            _ = consume store   // killed: both actions are only in the journal
            #expect(try load(root).source == .fullRead)
            #expect(try load(root).source == .cache)

            let text = String(decoding: try Data(contentsOf: journal), as: UTF8.self)
            try Data(text.replacingOccurrences(of: "second-pending", with: "second-pendinG").utf8).write(to: journal)
            let expected = try SessionStore.readWithNotes(projectRoot: root, coder: "anna")
            #expect(!expected.notes.isEmpty)
            for _ in 0..<3 {
                let found = try load(root)
                #expect(found.source == .fullRead)
                #expect(found.warnings == expected.notes)
                #expect(found.digest == SessionDigest(expected.session))
            }
        }
    }
}
