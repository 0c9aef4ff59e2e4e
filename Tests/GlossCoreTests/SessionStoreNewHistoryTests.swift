import Foundation
import Testing
@testable import GlossCore

/// A large action (a codings import) starts a new history: the snapshot is written with a new journal id, then
/// the journal is replaced by an empty one with that id. Whatever instant a crash hits, the files hold either
/// the old session or the new one, and the snapshot's mark never points into a journal it does not belong to.
@Suite struct SessionStoreNewHistoryTests {
    private func open(_ root: URL) throws -> SessionStore {
        try SessionStore(projectRoot: root, coder: "anna", codebookRevision: 3)
    }

    private func coding(_ id: String, message: Int) -> Coding {
        Sample.coding(id, span: Sample.span(message, 0, message, 3), codes: [Sample.dwang], text: "Hoi")
    }

    private func ids(_ session: Session) -> Set<String> { Set(session.codings.keys.map(\.rawValue)) }

    private func journalLines(_ url: URL) throws -> [String] {
        String(decoding: try Data(contentsOf: url), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The store's session with codings `new-1` … `new-<count>` added and chat-02 done: what an import computes.
    private func imported(_ store: SessionStore, count: Int) -> Session {
        var session = store.session
        for i in 1...count { session.apply(Sample.add(coding("new-\(i)", message: i))) }
        session.apply(.status(chat: "chat-02", before: .notStarted, after: .done))
        return session
    }

    @Test func theNewSessionIsTheSnapshotWithAnEmptyJournalOfANewID() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try store.perform([Sample.add(coding("old", message: 1))], label: "add old")
            let oldID = store.session.journalID
            let expected = imported(store, count: 3)
            try store.startNewHistory(with: expected)

            let snapshot = try SessionFile.decode(Data(contentsOf: store.snapshotURL), file: "s")
            #expect(snapshot == expected)
            #expect(snapshot.journalID != oldID && snapshot.journalID != nil)
            #expect(snapshot.journalSeq == 0)
            let journal = try Journal.read(at: store.journalURL)
            #expect(journal.id == snapshot.journalID)
            #expect(journal.lastSeq == 0 && journal.recordCount == 0)
            #expect(try journalLines(store.journalURL).count == 1)
            // An import is not an undo step, and nothing before it can be reached.
            #expect(!store.canUndo)
            #expect(try store.undo() == nil)
            // The digest is fresh without a full read.
            #expect(try SessionDigestCache.loadReporting(projectRoot: root, coder: "anna").source == .cache)

            // The next action journals after it, and a killed process (no close) loses nothing.
            try store.perform([Sample.add(coding("after", message: 9))], label: "add after")
            #expect(store.canUndo)
            let reopened = try SessionStore.read(projectRoot: root, coder: "anna")
            #expect(ids(reopened) == ids(expected).union(["after"]))
            #expect(reopened.journalSeq == 1)
            try store.close()
            #expect(try SessionStore.read(projectRoot: root, coder: "anna") == reopened)
        }
    }

    /// Killed between the snapshot's rename and the journal's: the new snapshot with the old journal, which no
    /// longer matches its mark. The new session opens; the old journal is kept aside, never replayed onto it.
    @Test func aCrashBetweenTheTwoRenamesOpensTheNewSession() throws {
        try withTemporaryDirectory { root in
            let store = try open(root)
            try store.perform([Sample.add(coding("old", message: 1))], label: "add old")
            try store.perform([Sample.add(coding("old-2", message: 2))], label: "add old-2")
            let oldJournal = try Data(contentsOf: store.journalURL)
            let expected = imported(store, count: 2)
            try store.startNewHistory(with: expected)
            try store.close()
            try oldJournal.write(to: store.journalURL)  // as if the journal's rename never happened

            #expect(try SessionStore.read(projectRoot: root, coder: "anna") == expected)
            let reopened = try open(root)
            #expect(reopened.session == expected)
            #expect(reopened.notes.contains { $0.contains("another version") })
            #expect(!reopened.canUndo)
            let sessions = root.appendingPathComponent("sessions")
            let aside = try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { $0.hasPrefix("anna.journal.orphaned-") }
            #expect(aside.count == 1)
            try reopened.close()
        }
    }
}
