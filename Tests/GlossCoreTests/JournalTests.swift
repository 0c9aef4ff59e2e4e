import Foundation
import Testing
@testable import GlossCore

@Suite("Journal: checksummed append-only records")
struct JournalTests {
    private func record(_ label: String, _ changes: [SessionChange] = []) -> JournalRecord {
        JournalRecord(seq: 0, time: fixedDate, kind: .do, label: label, changes: changes)
    }

    private func lines(_ url: URL) throws -> [String] {
        String(decoding: try Data(contentsOf: url), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// A journal with a header and two records ("eerste", "tweede"), closed again.
    private func journalWithTwoRecords(in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("anna.journal")
        let journal = try Journal.create(at: url, coder: "anna")
        try journal.append(record("eerste", [.status(chat: "chat-01", before: .notStarted, after: .inProgress)]))
        try journal.append(record("tweede", [.status(chat: "chat-01", before: .inProgress, after: .done)]))
        return url
    }

    @Test func crc32KnownValue() {
        // The standard check value of CRC-32/IEEE: CRC32("123456789") = 0xCBF43926.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test func createWritesAHeaderLineWithOwnerOnlyMode() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("anna.journal")
            let journal = try Journal.create(at: url, coder: "anna")
            #expect(journal.lastSeq == 0)
            #expect(!journal.id.isEmpty)
            let lines = try lines(url)
            #expect(lines.count == 2 && lines[1] == "")       // one line, ending in a newline
            #expect(lines[0].contains(" 0 {"))
            #expect(lines[0].contains(journal.id))
            #expect(try permissions(url) & 0o777 == 0o600)
            // Never over an existing journal.
            #expect(throws: GlossError.self) { try Journal.create(at: url, coder: "anna") }
        }
    }

    @Test func lineFormatIsChecksumSeqJSON() throws {
        try withTemporaryDirectory { folder in
            let url = try journalWithTwoRecords(in: folder)
            let all = try lines(url).filter { !$0.isEmpty }
            #expect(all.count == 3)
            for (seq, line) in all.enumerated() {
                let parts = line.split(separator: " ", maxSplits: 2)
                #expect(parts.count == 3)
                #expect(parts[0].count == 8)
                #expect(Int(parts[1]) == seq)
                #expect(parts[2].hasPrefix("{"))
                let body = Array("\(parts[1]) \(parts[2])".utf8)
                #expect(UInt32(parts[0], radix: 16) == CRC32.checksum(body))
            }
            // The seq lives in the line, not in the JSON.
            #expect(!all[1].contains("\"seq\""))
        }
    }

    @Test func openRestoresRecords() throws {
        try withTemporaryDirectory { folder in
            let url = try journalWithTwoRecords(in: folder)
            let (journal, note) = try Journal.open(at: url)
            #expect(note == nil)
            #expect(journal.lastSeq == 2)
            let records = try journal.records(after: 0)
            #expect(records.map(\.seq) == [1, 2])
            #expect(records.map(\.label) == ["eerste", "tweede"])
            #expect(records.map(\.kind) == [.do, .do])
            #expect(records[0].time == fixedDate)
            #expect(records[1].changes == [.status(chat: "chat-01", before: .inProgress, after: .done)])
            #expect(try journal.records(after: 1).map(\.label) == ["tweede"])
            #expect(try journal.records(after: 2).isEmpty)
            #expect(try journal.record(2).label == "tweede")
            #expect(throws: GlossError.self) { try journal.record(3) }
            // Appending after open continues the sequence.
            #expect(try journal.append(record("derde")).seq == 3)
            #expect(try Journal.read(at: url).lastSeq == 3)
        }
    }

    @Test func tornTailWithoutNewlineIsDroppedAndCut() throws {
        try withTemporaryDirectory { folder in
            let url = try journalWithTwoRecords(in: folder)
            let good = try Data(contentsOf: url)
            try append("1a2b3c4d 3 {\"kind\":\"do\",\"lab", to: url)
            // Reading leaves the file alone.
            let read = try Journal.read(at: url)
            #expect(read.lastSeq == 2)
            #expect(try Data(contentsOf: url).count > good.count)
            // Opening cuts the torn record off and says so.
            let (journal, note) = try Journal.open(at: url)
            #expect(journal.lastSeq == 2)
            #expect(note?.contains("line 4") == true)
            #expect(note?.contains("dropped the last record") == true)
            #expect(try Data(contentsOf: url) == good)
            #expect(try journal.append(record("derde")).seq == 3)
            #expect(try Journal.read(at: url).records(after: 2).map(\.label) == ["derde"])
        }
    }

    @Test func lastLineWithBadChecksumIsDropped() throws {
        try withTemporaryDirectory { folder in
            let url = try journalWithTwoRecords(in: folder)
            let good = try Data(contentsOf: url)
            try append("00000000 3 {\"kind\":\"do\"}\n", to: url)
            let (journal, note) = try Journal.open(at: url)
            #expect(journal.lastSeq == 2)
            #expect(note?.contains("checksum") == true)
            #expect(try Data(contentsOf: url) == good)
        }
    }

    @Test func damagedRecordInTheMiddleKeepsWhatCameBeforeAndSetsTheFileAside() throws {
        try withTemporaryDirectory { folder in
            let url = try journalWithTwoRecords(in: folder)
            let intact = try lines(url).prefix(2).joined(separator: "\n") + "\n"
            // Same length, different text: the checksum of line 3 (record 2) no longer matches; record 3 follows it.
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            var damaged = text.replacingOccurrences(of: "\"tweede\"", with: "\"TWEEDE\"")
            damaged += String(decoding: ChecksummedLog.line(seq: 3, json: try JSONFormat.encodeLine(record("derde"))), as: UTF8.self)
            try Data(damaged.utf8).write(to: url)
            // Reading recovers record 1 and changes nothing.
            let read = try Journal.read(at: url)
            #expect(read.lastSeq == 1)
            #expect(try Data(contentsOf: url) == Data(damaged.utf8))
            // Opening recovers record 1, says exactly what was dropped, and keeps the damaged file aside.
            let (journal, note) = try Journal.open(at: url)
            #expect(journal.lastSeq == 1)
            #expect(try journal.records(after: 0).map(\.label) == ["eerste"])
            #expect(note?.contains("line 3: the record is damaged (checksum mismatch); dropped lines 3–4 (records 2–3)") == true)
            #expect(try String(decoding: Data(contentsOf: url), as: UTF8.self) == intact)
            let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("anna.journal.damaged-") }
            #expect(aside.count == 1)
            #expect(try Data(contentsOf: folder.appendingPathComponent(aside[0])) == Data(damaged.utf8))
            #expect(try journal.append(record("nieuw")).seq == 2)
        }
    }

    @Test func gapInTheSequenceDropsTheRecordsAfterIt() throws {
        try withTemporaryDirectory { folder in
            let url = try journalWithTwoRecords(in: folder)
            // Drop line 2 (seq 1): line 2 is now seq 2, after seq 0.
            var all = try lines(url)
            all.remove(at: 1)
            try Data(all.joined(separator: "\n").utf8).write(to: url)
            let (journal, note) = try Journal.open(at: url)
            #expect(journal.lastSeq == 0)
            #expect(note?.contains("line 2: record 2 follows record 0 (a record is missing); dropped line 2 (records 1–2)") == true)
        }
    }

    @Test func journalWithoutHeaderIsAnError() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("x.journal")
            try Data().write(to: url)
            // A journal with no complete header holds no action: the store sets it aside (SessionStore tests).
            let error = try #require(throws: Journal.NoHeader.self) { try Journal.open(at: url) }
            #expect(error.description.contains("no header"))
        }
    }

    @Test func recordWithNonASCIIText() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("anna.journal")
            let journal = try Journal.create(at: url, coder: "anna")
            let coding = Sample.coding("c1", span: Sample.span(2, 4, 2, 17), codes: [Sample.dwang], text: "\u{1F614} ik ben Zoe\u{308}", memo: "Zo\u{EB}\nregel")
            try journal.append(record("code \u{1F614}", [Sample.add(coding)]))
            let back = try Journal.read(at: url).record(1)
            #expect(back.label == "code \u{1F614}")
            guard case .coding(_, nil, let after?) = back.changes.first else { Issue.record("not a coding change"); return }
            #expect(ScalarText.identical(after.text, "\u{1F614} ik ben Zoe\u{308}"))
            #expect(ScalarText.identical(after.memo ?? "", "Zo\u{EB}\nregel"))
            #expect(after == coding)
        }
    }
}
