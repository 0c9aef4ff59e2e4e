import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// Damage in a session's journal (issue 8): records the session file already holds are not needed for the
/// data; damage after the mark keeps every intact record before it; open and the lock-free read recover the
/// same session; nothing ever crashes.
@Suite("Journal damage: recovery by one rule")
struct JournalDamageTests {
    private func open(_ root: URL) throws -> SessionStore {
        try SessionStore(projectRoot: root, coder: "anna", codebookRevision: 3)
    }

    private func coding(_ id: String, message: Int) -> Coding {
        Sample.coding(id, span: Sample.span(message, 0, message, 3), codes: [Sample.dwang], text: "Hoi")
    }

    private func ids(_ session: Session) -> [String] { session.orderedCodings.map(\.id.rawValue).sorted() }

    /// Journals kept aside as damaged in `folder`.
    private func keptAside(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("anna.journal.damaged-") }
    }

    /// Byte offsets where each line of `data` starts.
    private func lineStarts(_ data: Data) -> [Int] {
        [0] + data.indices.filter { data[$0] == 0x0A }.map { $0 + 1 }.filter { $0 < data.count }
    }

    private func flip(line: Int, in url: URL) throws {
        var data = try Data(contentsOf: url)
        let starts = lineStarts(data)
        let start = starts[line - 1], end = line < starts.count ? starts[line] - 1 : data.count - 1
        data[start + (end - start) / 2] ^= 0x01
        try data.write(to: url)
    }

    /// Five actions folded into the snapshot (records 1–5), then two not yet checkpointed (6–7), killed.
    private func sessionWithFoldedAndPendingRecords(_ root: URL) throws -> (snapshot: URL, journal: URL) {
        let store = try open(root)
        for i in 1...5 { try store.perform([Sample.add(coding("f\(i)", message: i))], label: "folded \(i)") }
        try store.checkpoint()
        for i in 6...7 { try store.perform([Sample.add(coding("p\(i)", message: i))], label: "pending \(i)") }
        return (store.snapshotURL, store.journalURL)
    }

    @Test func damageInARecordTheSessionFileHoldsCostsOnlyHistory() throws {
        try withTemporaryDirectory { root in
            let urls = try sessionWithFoldedAndPendingRecords(root)
            try flip(line: 3, in: urls.journal)   // record 2, folded
            let damaged = try Data(contentsOf: urls.journal)
            let all = ["f1", "f2", "f3", "f4", "f5", "p6", "p7"]

            // The read path warns, recovers the pending records too, and moves nothing.
            let (read, notes) = try SessionStore.readWithNotes(projectRoot: root, coder: "anna")
            #expect(ids(read) == all)
            #expect(notes.contains { $0.contains("line 3: the record is damaged (checksum mismatch)") })
            #expect(notes.contains { $0.contains("undo history before this point is lost") })
            #expect(try Data(contentsOf: urls.journal) == damaged)

            // Open recovers exactly the same session, sets the journal aside, and goes on.
            let store = try open(root)
            #expect(store.session.codings == read.codings)
            #expect(store.notes.contains { $0.contains("undo history before this point is lost") })
            #expect(store.notes.contains { $0.contains("recovered 2 action(s)") })
            let folder = urls.journal.deletingLastPathComponent()
            let aside = try keptAside(in: folder)
            #expect(aside.count == 1)
            #expect(try Data(contentsOf: folder.appendingPathComponent(try #require(aside.first))) == damaged)
            // Undo reaches the records after the damage that were recovered, not the ones before it.
            #expect(try store.undo()?.label == "pending 7")
            #expect(try store.undo()?.label == "pending 6")
            #expect(try store.undo() == nil)
            try store.perform([Sample.add(coding("n", message: 8))], label: "new")
            try store.close()
            let again = try SessionStore.readWithNotes(projectRoot: root, coder: "anna")
            #expect(again.notes.isEmpty)
            #expect(ids(again.session) == ["f1", "f2", "f3", "f4", "f5", "n"])
        }
    }

    @Test func damageAfterTheMarkKeepsEveryIntactRecordBeforeIt() throws {
        try withTemporaryDirectory { root in
            let urls = try sessionWithFoldedAndPendingRecords(root)
            try flip(line: 8, in: urls.journal)   // record 7, pending; it is the last line
            let (read, notes) = try SessionStore.readWithNotes(projectRoot: root, coder: "anna")
            #expect(ids(read) == ["f1", "f2", "f3", "f4", "f5", "p6"])
            #expect(notes.contains { $0.contains("line 8") })
            let store = try open(root)
            #expect(store.session.codings == read.codings)
            try store.close()
        }
    }

    @Test func aDamagedHeaderIsSetAsideAndTheSessionFileIsUsed() throws {
        try withTemporaryDirectory { root in
            let urls = try sessionWithFoldedAndPendingRecords(root)
            try flip(line: 1, in: urls.journal)
            let (read, notes) = try SessionStore.readWithNotes(projectRoot: root, coder: "anna")
            #expect(ids(read) == ["f1", "f2", "f3", "f4", "f5"])
            #expect(notes.contains { $0.contains("line 1: the journal's header is damaged") })
            let store = try open(root)
            #expect(ids(store.session) == ["f1", "f2", "f3", "f4", "f5"])
            #expect(store.notes.contains { $0.contains("kept as anna.journal.damaged-") })
            try store.close()
        }
    }

    /// 40 seeded trials of one flipped byte or a truncation anywhere in a real journal: reading and opening
    /// never crash, never refuse with anything but a `GlossError`, and open never loses a record before the damage.
    @Test func fortyRandomDamageTrials() throws {
        var generator = SplitMix64(seed: 8)
        try withTemporaryDirectory { template in
            let urls = try sessionWithFoldedAndPendingRecords(template)
            let journal = try Data(contentsOf: urls.journal)
            let snapshot = try Data(contentsOf: urls.snapshot)
            let starts = lineStarts(journal)
            for trial in 0..<40 {
                try withTemporaryDirectory { root in
                    let sessions = root.appendingPathComponent("sessions")
                    try SecureFiles.makeDirectory(sessions)
                    var damaged = journal
                    let position = Int.random(in: 0..<journal.count, using: &generator)
                    if trial % 4 == 3 { damaged = damaged.prefix(position) } else { damaged[position] ^= UInt8.random(in: 1...255, using: &generator) }
                    try damaged.write(to: sessions.appendingPathComponent("anna.journal"))
                    try snapshot.write(to: sessions.appendingPathComponent("anna.json"))
                    // Records wholly before the damaged line (line n holds record n-1).
                    let damagedLine = starts.lastIndex { $0 <= position }! + 1
                    let intactRecords = max(0, damagedLine - 2)
                    let context = "trial \(trial): byte \(position) of line \(damagedLine)"
                    do {
                        let read = try SessionStore.read(projectRoot: root, coder: "anna")
                        let store = try open(root)
                        #expect(store.session.codings == read.codings, "\(context)")
                        // Records 1–5 are in the snapshot; pending records 6, 7 survive when they are before the damage.
                        #expect(store.session.codingCount >= 5 + max(0, min(2, intactRecords - 5)), "\(context)")
                        try store.close()
                        #expect(try SessionStore.readWithNotes(projectRoot: root, coder: "anna").notes.isEmpty, "\(context)")
                    } catch let error as GlossError {
                        Issue.record("\(context): refused: \(error)")
                    }
                }
            }
        }
    }
}
