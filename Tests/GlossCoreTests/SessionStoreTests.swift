import Foundation
import Testing
@testable import GlossCore

@Suite("SessionStore: journal, snapshot, lock, undo")
struct SessionStoreTests {
    private func open(_ root: URL, coder: String = "anna", create: Bool = true) throws -> SessionStore {
        try SessionStore(projectRoot: root, coder: coder, codebookRevision: 3, create: create)
    }

    private func coding(_ id: String, message: Int = 1) -> Coding {
        Sample.coding(id, span: Sample.span(message, 0, message, 3), codes: [Sample.dwang], text: "Hoi")
    }

    /// Adds a coding as one action labelled "add <id>".
    private func add(_ id: String, to store: SessionStore, message: Int = 1) throws {
        try store.perform([Sample.add(coding(id, message: message))], label: "add \(id)")
    }

    private func journalLines(_ store: SessionStore) throws -> [String] {
        String(decoding: try Data(contentsOf: store.journalURL), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    private func ids(_ session: Session) -> Set<String> { Set(session.codings.keys.map(\.rawValue)) }

    /// Opens a store, adds codings, and drops it without `close()`, as a killed process would.
    private func killedAfterAdding(_ codingIDs: [String], root: URL) throws -> (snapshot: URL, journal: URL) {
        let store = try open(root)
        for (i, id) in codingIDs.enumerated() { try add(id, to: store, message: i % 3 + 1) }
        return (store.snapshotURL, store.journalURL)
    }

    // MARK: Persisting

    @Test func newStoreWritesSnapshotAndJournalHeader() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            #expect(FileManager.default.fileExists(atPath: store.snapshotURL.path))
            #expect(try journalLines(store).count == 1)
            #expect(store.session.coder == "anna")
            #expect(store.session.codebookRevision == 3)
            #expect(store.notes.isEmpty)
            #expect(store.snapshotURL.path.hasSuffix("sessions/anna.json"))
            #expect(store.journalURL.path.hasSuffix("sessions/anna.journal"))
            try store.close()
        }
    }

    @Test func performAppendsOneJournalLine() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try add("c1", to: store)
            let lines = try journalLines(store)
            #expect(lines.count == 2)
            #expect(lines[1].contains("add c1"))
            #expect(store.session.codings[CodingID("c1")] == coding("c1"))
            #expect(store.session.journalSeq == 1)
            #expect(store.pendingRecords == 1)
            try add("c2", to: store, message: 2)
            #expect(try journalLines(store).count == 3)
            // An empty action writes nothing.
            try store.perform([], label: "nothing")
            #expect(try journalLines(store).count == 3)
            try store.close()
        }
    }

    @Test func changeThatDoesNotFitIsRefusedAndNothingIsWritten() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try add("c1", to: store)
            let before = try Data(contentsOf: store.journalURL)
            // Adds c2, then claims c1 is absent (it is not): the whole action is refused.
            let bad: [SessionChange] = [Sample.add(coding("c2", message: 2)), Sample.add(coding("c1"))]
            #expect(throws: GlossError.self) { try store.perform(bad, label: "bad") }
            #expect(ids(store.session) == ["c1"])
            #expect(try Data(contentsOf: store.journalURL) == before)
            try store.close()
        }
    }

    @Test func reopenAfterCloseRestores() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try add("c1", to: store)
            try store.perform([.status(chat: "chat-01", before: .notStarted, after: .done)], label: "done")
            let expected = store.session
            try store.close()

            let again = try open(root)
            #expect(again.session == expected)
            #expect(again.session.status(of: "chat-01") == .done)
            #expect(again.notes.isEmpty)
            #expect(again.pendingRecords == 0)
            try again.close()
        }
    }

    @Test func reopenWithoutCloseReplaysTheJournal() throws {
        try withTemporaryDirectory { root in
            let urls = try killedAfterAdding(["c1", "c2", "c3"], root: root)
            // The snapshot on disk still has none of them; the journal has all three.
            #expect(try SessionFile.decode(Data(contentsOf: urls.snapshot), file: "s").codingCount == 0)

            let store = try open(root)
            #expect(ids(store.session) == ["c1", "c2", "c3"])
            #expect(store.notes.contains { $0.contains("recovered 3 action(s)") })
            // The recovered state is written to the snapshot at once.
            #expect(try SessionFile.decode(Data(contentsOf: urls.snapshot), file: "s").codingCount == 3)
            #expect(store.pendingRecords == 0)
            try store.close()
            // Nothing is replayed twice.
            let third = try open(root)
            #expect(third.session.codingCount == 3)
            #expect(third.notes.isEmpty)
            try third.close()
        }
    }

    @Test func tornLastLineIsDroppedWithANoteAndCut() throws {
        try withTemporaryDirectory { root in
            let urls = try killedAfterAdding(["c1", "c2"], root: root)
            let good = try Data(contentsOf: urls.journal)
            try append("deadbeef 3 {\"changes\":[{\"kind\":\"cod", to: urls.journal)

            let store = try open(root)
            #expect(ids(store.session) == ["c1", "c2"])
            #expect(store.notes.contains { $0.contains("dropped the last record") })
            #expect(try Data(contentsOf: urls.journal) == good)
            // Work goes on with the next sequence number.
            try add("c3", to: store, message: 3)
            try store.close()
            #expect(try SessionStore.read(projectRoot: root, coder: "anna").codingCount == 3)
        }
    }

    @Test func lastLineWithBadChecksumIsDropped() throws {
        try withTemporaryDirectory { root in
            let urls = try killedAfterAdding(["c1"], root: root)
            let good = try Data(contentsOf: urls.journal)
            try append("00000000 2 {\"changes\":[],\"kind\":\"do\",\"label\":\"x\",\"time\":\"2023-11-14T22:13:20Z\"}\n", to: urls.journal)
            let store = try open(root)
            #expect(ids(store.session) == ["c1"])
            #expect(store.notes.contains { $0.contains("checksum") })
            #expect(try Data(contentsOf: urls.journal) == good)
            try store.close()
        }
    }

    @Test func damagedRecordAfterTheMarkKeepsWhatCameBeforeAndSaysWhatWasDropped() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try store.perform([Sample.add(coding("c1"))], label: "alpha-action")
            try store.perform([Sample.add(coding("c2", message: 2))], label: "second-action")
            try store.perform([Sample.add(coding("c3", message: 3))], label: "third-action")
            let urls = (store.snapshotURL, store.journalURL)
            _ = consume store   // killed: no close

            let text = String(decoding: try Data(contentsOf: urls.1), as: UTF8.self)
            try Data(text.replacingOccurrences(of: "second-action", with: "second-actioN").utf8).write(to: urls.1)
            let journal = try Data(contentsOf: urls.1)

            let reopened = try open(root)
            #expect(ids(reopened.session) == ["c1"])
            #expect(reopened.notes.contains { $0.contains("line 3: the record is damaged (checksum mismatch); dropped lines 3–4 (records 2–3)") })
            let aside = try FileManager.default.contentsOfDirectory(atPath: urls.1.deletingLastPathComponent().path).filter { $0.hasPrefix("anna.journal.damaged-") }
            #expect(aside.count == 1)
            #expect(reopened.notes.contains { $0.contains("kept as \(aside.first ?? "?")") })
            #expect(try Data(contentsOf: urls.1.deletingLastPathComponent().appendingPathComponent(aside[0])) == journal)
            // Undo still reaches the record before the damage.
            #expect(try reopened.undo()?.label == "alpha-action")
            try reopened.close()
        }
    }

    // MARK: Undo and redo

    @Test func undoRedoSeveralStepsAndANewActionClearsRedo() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            #expect(!store.canUndo && !store.canRedo)
            #expect(try store.undo() == nil)
            try add("a", to: store, message: 1)
            try add("b", to: store, message: 2)
            try add("c", to: store, message: 3)
            #expect(store.canUndo && !store.canRedo)

            let undone = try #require(try store.undo())
            #expect(undone.label == "add c")
            #expect(undone.kind == .undo)
            #expect(undone.target == 3)
            #expect(undone.seq == 4)
            #expect(undone.changes == [.coding(id: CodingID("c"), before: coding("c", message: 3), after: nil)])
            #expect(ids(store.session) == ["a", "b"])
            #expect(try store.undo()?.label == "add b")
            #expect(ids(store.session) == ["a"])
            #expect(store.canRedo)
            let redone = try #require(try store.redo())
            #expect(redone.label == "add b")
            #expect(redone.kind == .redo)
            #expect(redone.target == 2)
            #expect(redone.changes == [Sample.add(coding("b", message: 2))])
            #expect(ids(store.session) == ["a", "b"])

            try add("d", to: store, message: 3)
            #expect(!store.canRedo)
            #expect(try store.redo() == nil)
            #expect(ids(store.session) == ["a", "b", "d"])

            #expect(try store.undo()?.label == "add d")
            #expect(try store.undo()?.label == "add b")
            #expect(try store.undo()?.label == "add a")
            #expect(try store.undo() == nil)
            #expect(store.session.codingCount == 0)
            #expect(!store.canUndo)
            // Undo and redo are journalled too: 4 do, 1 redo, 5 undo, plus the header.
            #expect(try journalLines(store).count == 11)
            try store.close()
        }
    }

    @Test func undoOfAMultiChangeActionRestoresEverything() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try store.perform([.status(chat: "chat-01", before: .notStarted, after: .inProgress)], label: "start")
            let edited = { () -> Coding in var c = coding("a"); c.codes.append(Sample.armoede); c.memo = "m"; return c }()
            try store.perform([Sample.add(coding("a")), .status(chat: "chat-01", before: .inProgress, after: .done)], label: "code and finish")
            try store.perform([.coding(id: CodingID("a"), before: coding("a"), after: edited)], label: "edit")
            let beforeEdit = { () -> Session in var s = store.session; s.apply(.coding(id: CodingID("a"), before: edited, after: coding("a"))); return s }()
            #expect(try store.undo()?.label == "edit")
            #expect(store.session == beforeEdit)
            #expect(try store.undo()?.label == "code and finish")
            #expect(store.session.codingCount == 0)
            #expect(store.session.status(of: "chat-01") == .inProgress)
            #expect(try store.redo()?.label == "code and finish")
            #expect(store.session.status(of: "chat-01") == .done)
            #expect(store.session.codings[CodingID("a")] == coding("a"))
            try store.close()
        }
    }

    @Test func undoAcrossAReopen() throws {
        try withTemporaryDirectory { root in
            let first = try open(root)
            try add("a", to: first, message: 1)
            try add("b", to: first, message: 2)
            try first.close()

            let second = try open(root)
            #expect(second.canUndo)
            #expect(try second.undo()?.label == "add b")
            #expect(ids(second.session) == ["a"])
            try second.close()

            let third = try open(root)
            #expect(ids(third.session) == ["a"])
            #expect(third.canRedo)
            #expect(try third.redo()?.label == "add b")
            #expect(ids(third.session) == ["a", "b"])
            #expect(try third.undo()?.label == "add b")
            #expect(try third.undo()?.label == "add a")
            #expect(third.session.codingCount == 0)
            try third.close()
        }
    }

    // MARK: Lock

    @Test func secondStoreOnTheSameCoderIsRefused() throws {
        try withTemporaryDirectory { root in
            let first = try open(root)
            try add("a", to: first)
            let error = try #require(throws: GlossError.self) { try open(root) }
            #expect(error.message.contains("already open"))
            #expect(error.file?.hasSuffix("anna.lock") == true)
            // Another coder is independent.
            let other = try open(root, coder: "bert")
            try other.close()
            // After close the session can be opened again.
            try first.close()
            let again = try open(root)
            #expect(ids(again.session) == ["a"])
            try again.close()
        }
    }

    @Test func droppingAStoreReleasesTheLock() throws {
        try withTemporaryDirectory { root in
            _ = try killedAfterAdding(["a"], root: root)
            let store = try open(root)
            #expect(store.session.codingCount == 1)
            try store.close()
        }
    }

    // MARK: Refusals

    @Test func snapshotThatDoesNotParseIsRefusedAndLeftAlone() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try add("a", to: store)
            try store.close()
            let broken = Data("{\n  \"schema\": 1,\n  \"coder\": \"anna\",\n  \"codings\": [ {\n".utf8)
            try broken.write(to: store.snapshotURL)
            let journal = try Data(contentsOf: store.journalURL)

            let error = try #require(throws: GlossError.self) { try open(root) }
            #expect(error.file == store.snapshotURL.path)
            #expect(try Data(contentsOf: store.snapshotURL) == broken)
            #expect(try Data(contentsOf: store.journalURL) == journal)
        }
    }

    @Test func snapshotOfAnotherCoderIsRefused() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try store.close()
            let data = try SessionFile.encode(Session(coder: "bert"))
            try data.write(to: store.snapshotURL)
            let error = try #require(throws: GlossError.self) { try open(root) }
            #expect(error.place == "coder")
            #expect(try Data(contentsOf: store.snapshotURL) == data)
        }
    }

    @Test func invalidCoderNameIsRefused() throws {
        try withTemporaryDirectory { root in
            for name in ["../x", "", ".hidden", "a b", "é"] {
                #expect(throws: GlossError.self) { try open(root, coder: name) }
            }
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("x.json").path))
        }
    }

    @Test func withoutCreateAMissingSessionIsAnError() throws {
        try withTemporaryDirectory { root in
            let error = try #require(throws: GlossError.self) { try open(root, create: false) }
            #expect(error.message.contains("no session"))
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("sessions/anna.json").path))
        }
    }

    // MARK: Files

    @Test func filesAreOwnerOnly() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try add("a", to: store)
            try store.checkpoint()
            let urls = SessionStore.urls(projectRoot: root, coder: "anna")
            #expect(try permissions(root.appendingPathComponent("sessions")) & 0o777 == 0o700)
            #expect(try permissions(urls.snapshot) & 0o777 == 0o600)
            #expect(try permissions(urls.journal) & 0o777 == 0o600)
            #expect(try permissions(urls.lock) & 0o777 == 0o600)
            try store.close()
            #expect(try permissions(urls.snapshot) & 0o777 == 0o600)
        }
    }

    @Test func sessionFileHoldsOnlyTheCurrentCodings() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try store.perform([Sample.add(coding("kept-coding"))], label: "label-alpha")
            try store.perform([Sample.add(coding("undone-coding", message: 2))], label: "label-beta")
            try store.undo()
            try store.close()
            let text = String(decoding: try Data(contentsOf: store.snapshotURL), as: UTF8.self)
            #expect(text.contains("kept-coding"))
            #expect(!text.contains("undone-coding"))
            #expect(!text.contains("label-alpha"))
            #expect(!text.contains("label-beta"))
            #expect(!text.contains("undo"))
            // The history is in the journal.
            let journal = String(decoding: try Data(contentsOf: store.journalURL), as: UTF8.self)
            #expect(journal.contains("undone-coding") && journal.contains("label-beta"))
        }
    }

    @Test func checkpointFoldsTheJournalIntoTheSnapshot() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try add("a", to: store)
            try add("b", to: store, message: 2)
            #expect(store.pendingRecords == 2)
            try store.checkpoint()
            #expect(store.pendingRecords == 0)
            let snapshot = try SessionFile.decode(Data(contentsOf: store.snapshotURL), file: "s")
            #expect(ids(snapshot) == ["a", "b"])
            #expect(snapshot.journalSeq == 2)
            #expect(snapshot.journalID == store.session.journalID)
            try store.close()
        }
    }

    @Test func readSeesJournalledActionsNotYetCheckpointed() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try add("a", to: store)
            try store.perform([.status(chat: "chat-01", before: .notStarted, after: .inProgress)], label: "start")
            #expect(try SessionFile.decode(Data(contentsOf: store.snapshotURL), file: "s").codingCount == 0)
            // Read while the store still holds the lock.
            let read = try SessionStore.read(projectRoot: root, coder: "anna")
            #expect(ids(read) == ["a"])
            #expect(read.status(of: "chat-01") == .inProgress)
            #expect(read.journalSeq == 2)
            try store.close()
        }
    }

    @Test func journalOfAnotherSnapshotIsMovedAsideNotDeleted() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try add("a", to: store)
            try store.close()
            let oldJournal = try Data(contentsOf: store.journalURL)
            // A snapshot from elsewhere (say, git) that belongs to a different journal.
            var other = Session(coder: "anna")
            other.apply(Sample.add(coding("from-git", message: 2)))
            other.journalID = "another-journal"
            other.journalSeq = 7
            try SessionFile.encode(other).write(to: store.snapshotURL)

            let reopened = try open(root)
            #expect(ids(reopened.session) == ["from-git"])
            #expect(reopened.notes.contains { $0.contains("another version") })
            let sessions = root.appendingPathComponent("sessions")
            let aside = try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { $0.hasPrefix("anna.journal.orphaned-") }
            #expect(aside.count == 1)
            if let name = aside.first {
                #expect(try Data(contentsOf: sessions.appendingPathComponent(name)) == oldJournal)
            }
            // A fresh journal: only its header, with a new id.
            #expect(try journalLines(reopened).count == 1)
            #expect(reopened.session.journalID != "another-journal")
            #expect(!reopened.canUndo)
            try reopened.close()
        }
    }

    @Test func journalShorterThanTheSnapshotLosesNoLaterWork() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try add("a", to: store, message: 1)
            try add("b", to: store, message: 2)
            try add("c", to: store, message: 3)
            try store.close()
            // The snapshot includes records 1-3; the journal is put back to an older copy with record 1 only.
            let lines = String(decoding: try Data(contentsOf: store.journalURL), as: UTF8.self).split(separator: "\n")
            try Data((lines.prefix(2).joined(separator: "\n") + "\n").utf8).write(to: store.journalURL)

            let reopened = try open(root)
            #expect(ids(reopened.session) == ["a", "b", "c"])
            try reopened.perform([.status(chat: "chat-01", before: .notStarted, after: .done)], label: "finish")
            _ = consume reopened   // killed: no close

            // The older journal was kept aside, not appended to and not deleted.
            let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("sessions").path)
            #expect(names.filter { $0.hasPrefix("anna.journal.orphaned-") }.count == 1)

            let last = try open(root)
            #expect(ids(last.session) == ["a", "b", "c"])
            #expect(last.session.status(of: "chat-01") == .done)
            try last.close()
            #expect(try SessionStore.read(projectRoot: root, coder: "anna").status(of: "chat-01") == .done)
        }
    }

    @Test func missingSnapshotIsRebuiltFromTheJournal() throws {
        try withTemporaryDirectory { root in
            let urls = try killedAfterAdding(["a", "b"], root: root)
            try FileManager.default.removeItem(at: urls.snapshot)
            let store = try open(root)
            #expect(ids(store.session) == ["a", "b"])
            #expect(store.notes.contains { $0.contains("rebuilt it from the journal") })
            #expect(FileManager.default.fileExists(atPath: urls.snapshot.path))
            try store.close()
        }
    }
}

/// Findings of a review: a journal without a header, and failed appends, must never lock a coder out.
@Suite struct SessionStoreRecoveryTests {
    @Test func aJournalWithoutAHeaderIsSetAsideNotFatal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-recovery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SecureFiles.makeDirectory(folder.appendingPathComponent("sessions"))
        // A crash inside Journal.create can leave an empty or cut-short journal.
        try Data("0badc0de 0 {\"jour".utf8).write(to: folder.appendingPathComponent("sessions/ann.journal"))
        let store = try SessionStore(projectRoot: folder, coder: "ann", codebookRevision: 1)
        #expect(store.notes.contains { $0.contains("no complete header") })
        let status = SessionChange.status(chat: "c1", before: .notStarted, after: .done)
        try store.perform([status], label: "done")
        try store.close()
        #expect(try SessionStore.read(projectRoot: folder, coder: "ann").status(of: "c1") == .done)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sessions").path)
        #expect(names.contains { $0.hasPrefix("ann.journal.broken-") })
    }

    @Test func aTornLastLineOfAnAppendOnlyLogIsCutBeforeTheNextAppend() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-recovery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SecureFiles.makeDirectory(folder)
        let log = folder.appendingPathComponent("log.jsonl")
        try Data("{\"a\":1}\n{\"b\":".utf8).write(to: log)  // the second line was cut by a crash
        #expect(try ChecksummedLog.read(log, rules: .decisions).records.map(\.json) == ["{\"a\":1}"])
        let (opened, _, _) = try ChecksummedLog.openRepairing(log, rules: .decisions)
        try opened.append(Data("{\"c\":3}".utf8))
        // The legacy line stays as it was; the new record is checksummed and numbered after it.
        #expect(try String(contentsOf: log, encoding: .utf8) == "{\"a\":1}\n" + String(decoding: ChecksummedLog.line(seq: 2, json: Data("{\"c\":3}".utf8)), as: UTF8.self))
    }
}
