import Foundation
import Testing
@testable import GlossCore

/// The one append-only log format: decision logs and the codebook change log recover like the journal, and
/// older plain JSON-lines files still read.
@Suite("ChecksummedLog: decision log, codebook changes, compaction")
struct ChecksummedLogTests {
    private func decision(_ item: String) -> DecisionRecord {
        var record = DecisionRecord(kind: .decision, time: fixedDate)
        record.item = item
        record.decision = "a"
        return record
    }

    private func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    private func names(_ folder: URL, _ prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(prefix) }
    }

    @Test func aLegacyDecisionLogReadsAndNewRecordsAreChecksummed() throws {
        try withTemporaryDirectory { root in
            let reviews = root.appendingPathComponent("reviews")
            try SecureFiles.makeDirectory(reviews)
            var start = DecisionRecord(kind: .start, time: fixedDate)
            start.coders = ["a", "b"]
            start.into = "consensus"
            let legacy = String(decoding: try JSONFormat.encodeLine(start), as: UTF8.self) + "\n"
                + String(decoding: try JSONFormat.encodeLine(decision("chat-01|x")), as: UTF8.self) + "\n"
            let url = reviews.appendingPathComponent("2024-01-01-a-b.jsonl")
            try Data(legacy.utf8).write(to: url)
            #expect(try DecisionLog(url: url).records.count == 2)

            let (log, resumed) = try DecisionLog.openOrCreate(projectRoot: root, a: "a", b: "b", into: "consensus", start: start)
            #expect(resumed && log.notes.isEmpty)
            try log.append(decision("chat-02|y"))
            let lines = try text(url).split(separator: "\n")
            #expect(lines.count == 3 && lines[0].hasPrefix("{") && lines[1].hasPrefix("{"))
            #expect(ChecksummedLog.parse(lines[2])?.seq == 3)
            #expect(try DecisionLog(url: url).records.map(\.item) == [nil, "chat-01|x", "chat-02|y"])
        }
    }

    @Test func aDamagedDecisionLogRecoversLikeTheJournal() throws {
        try withTemporaryDirectory { root in
            var start = DecisionRecord(kind: .start, time: fixedDate)
            start.coders = ["a", "b"]
            start.into = "consensus"
            let (log, _) = try DecisionLog.openOrCreate(projectRoot: root, a: "a", b: "b", into: "consensus", start: start)
            for item in ["one", "two", "three"] { try log.append(decision("chat|\(item)")) }
            let url = log.url
            // Damage line 3 (record 3, "two").
            let damaged = try text(url).replacingOccurrences(of: "chat|two", with: "chat|twO")
            try Data(damaged.utf8).write(to: url)

            // Reading keeps records 1–2, says exactly what was dropped, changes nothing.
            let read = try DecisionLog(url: url)
            #expect(read.records.map(\.item) == [nil, "chat|one"])
            #expect(read.notes == ["\(url.path): line 3: the record is damaged (checksum mismatch); dropped lines 3–4 (records 3–4)"])
            #expect(try text(url) == damaged)

            // Resuming the meeting keeps the damaged file aside and goes on from the intact records.
            let (resumed, _) = try DecisionLog.openOrCreate(projectRoot: root, a: "a", b: "b", into: "consensus", start: start)
            #expect(resumed.records.count == 2)
            #expect(resumed.notes.contains { $0.contains("kept as") })
            let aside = try names(url.deletingLastPathComponent(), url.lastPathComponent + ".damaged-")
            #expect(aside.count == 1)
            try resumed.append(decision("chat|four"))
            let again = try DecisionLog(url: url)
            #expect(again.notes.isEmpty)
            #expect(again.records.map(\.item) == [nil, "chat|one", "chat|four"])
        }
    }

    @Test func codebookChangeLogReadsLegacyLinesToleratesGitMergesAndRecoversDamage() throws {
        try withTemporaryDirectory { root in
            let url = root.appendingPathComponent("codebook-changes.jsonl")
            func change(_ revision: Int) throws -> Data {
                try JSONFormat.encodeLine(CodebookChange(time: fixedDate, coder: "ann", kind: .rule, code: CodeID("c"), path: "C",
                                                         before: nil, after: "rule \(revision)", revision: revision))
            }
            // A legacy line, then two machines' records merged by git (both numbered 2).
            var data = try change(2); data.append(0x0A)
            data.append(ChecksummedLog.line(seq: 2, json: try change(3)))
            data.append(ChecksummedLog.line(seq: 2, json: try change(4)))
            try data.write(to: url)
            let scan = try ChecksummedLog.read(url, rules: .merged)
            #expect(scan.records.count == 3 && scan.isIntact)
            // A damaged line: the records before it are read, the rest named.
            var text = String(decoding: data, as: UTF8.self)
            text = text.replacingOccurrences(of: "rule 3", with: "rule 9")
            try Data(text.utf8).write(to: url)
            let damaged = try ChecksummedLog.read(url, rules: .merged)
            #expect(damaged.records.count == 1)
            #expect(damaged.dropped?.firstLine == 2 && damaged.dropped?.lastLine == 3)
        }
    }

    // MARK: Compaction

    private func openStore(_ root: URL) throws -> SessionStore {
        try SessionStore(projectRoot: root, coder: "anna", codebookRevision: 3)
    }

    private func toggle(_ store: SessionStore, _ i: Int) throws {
        let chat = "chat-\(i % 7)"
        let now = store.session.status(of: chat)
        try store.perform([.status(chat: chat, before: now, after: now == .done ? .inProgress : .done)], label: "toggle \(i)")
    }

    @Test func theJournalStaysBoundedAndUndoWorksAcrossReopen() throws {
        try withTemporaryDirectory { root in
            let store = try openStore(root)
            for i in 0..<2_400 {
                try toggle(store, i)
                if i % 100 == 99 { try store.checkpoint() }
            }
            let expected = store.session
            try store.close()
            let lines = try text(store.journalURL).split(separator: "\n")
            #expect(lines.count == SessionStore.undoWindow.records + 1)
            #expect(lines.first?.contains("\"base\":1900") == true)

            let reopened = try openStore(root)
            #expect(reopened.session.chatStatuses == expected.chatStatuses)
            #expect(reopened.notes.isEmpty)
            #expect(try reopened.undo()?.label == "toggle 2399")
            #expect(try reopened.undo()?.label == "toggle 2398")
            #expect(try reopened.redo()?.label == "toggle 2398")
            try reopened.close()
        }
    }

    @Test func aKillDuringCompactionLosesNothing() throws {
        try withTemporaryDirectory { root in
            let store = try openStore(root)
            for i in 0..<700 { try toggle(store, i) }
            let expected = store.session.chatStatuses
            try store.checkpoint()
            let old = try Data(contentsOf: store.journalURL)
            try store.close()   // compacts to the window
            let compacted = try Data(contentsOf: store.journalURL)
            let snapshot = try Data(contentsOf: store.snapshotURL)
            #expect(compacted.count < old.count)
            let sessions = store.journalURL.deletingLastPathComponent()

            // Killed before the rename: the old journal and a leftover temporary file.
            try old.write(to: store.journalURL)
            try compacted.write(to: sessions.appendingPathComponent(".anna.journal.tmp-1-2"))
            let first = try openStore(root)
            #expect(first.session.chatStatuses == expected)
            #expect(first.notes.isEmpty)
            #expect(try first.undo()?.label == "toggle 699")
            try first.close()

            // Killed after the rename: the compacted journal with the same snapshot.
            try compacted.write(to: store.journalURL)
            try snapshot.write(to: store.snapshotURL)
            let second = try openStore(root)
            #expect(second.session.chatStatuses == expected)
            #expect(second.notes.isEmpty)
            #expect(try second.undo()?.label == "toggle 699")
            try second.close()
        }
    }
}
