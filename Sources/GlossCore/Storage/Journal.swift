import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of a session's journal: a user action (`do`), the undo or redo of an earlier one, or a `mark`: a
/// record of something that happened to the coder (another coder's codings seen), which undo passes over.
/// `changes` are the changes actually applied, so replaying a journal is applying its records in order.
public struct JournalRecord: Equatable, Sendable, Codable {
    /// `migrate`: the session brought up to a codebook change (a merge, a retirement) made elsewhere; not an
    /// action of the coder's, so undo neither takes it back nor stops at it.
    public enum Kind: String, Codable, Sendable { case `do`, undo, redo, migrate, mark }

    public var seq: Int
    public var time: Date
    public var kind: Kind
    /// For `undo` and `redo`: the `do` record they take back or repeat.
    public var target: Int?
    /// What the action was, in words ("code chat-03 #4 as Dwangmiddel > Bedreiging").
    public var label: String
    public var changes: [SessionChange]
    /// The codebook revision the session's codings follow once this record is applied (a migration, or a
    /// codebook operation done in the workbench); nil: unchanged.
    public var revision: Int?
    /// A codebook operation done with this action in the workbench (a move, a merge): undo runs its inverse on
    /// the shared codebook, redo runs it again.
    public var codebook: CodebookStep?

    public init(seq: Int, time: Date, kind: Kind, target: Int? = nil, label: String, changes: [SessionChange], revision: Int? = nil,
                codebook: CodebookStep? = nil) {
        self.seq = seq; self.time = time; self.kind = kind; self.target = target; self.label = label; self.changes = changes
        self.revision = revision; self.codebook = codebook
    }

    enum CodingKeys: String, CodingKey { case time, kind, target, label, changes, revision, codebook }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = 0
        time = try c.decode(Date.self, forKey: .time)
        kind = try c.decode(Kind.self, forKey: .kind)
        target = try c.decodeIfPresent(Int.self, forKey: .target)
        label = try c.decode(String.self, forKey: .label)
        changes = try c.decode([SessionChange].self, forKey: .changes)
        revision = try c.decodeIfPresent(Int.self, forKey: .revision)
        codebook = try c.decodeIfPresent(CodebookStep.self, forKey: .codebook)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(time, forKey: .time)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encode(label, forKey: .label)
        try c.encode(changes, forKey: .changes)
        try c.encodeIfPresent(revision, forKey: .revision)
        try c.encodeIfPresent(codebook, forKey: .codebook)
    }
}

/// A session's journal: a `ChecksummedLog` whose header (seq 0) holds the journal's id. Appending one record
/// and an fsync is the whole cost of persisting an action, whatever the size of the session.
///
/// Records before `base + 1` were compacted away (see `compact`); the numbering never restarts, so a
/// snapshot's mark stays valid. Damage is recovered by `ChecksummedLog.scan`'s one rule.
public final class Journal {
    public let url: URL
    public let id: String
    /// The seq before the first record the file holds (0 for a journal never compacted).
    public private(set) var base: Int
    public var lastSeq: Int { log.lastSeq }
    /// Records in the file (what undo can reach).
    public var recordCount: Int { lastSeq - base }
    /// Raw lines and JSON by seq (base+1…lastSeq), parsed only when history is asked for.
    private var lines: [Int: (raw: Substring, json: Substring)] = [:]
    private var header: Header
    private var log: ChecksummedLog
    /// Bytes of the records in the file (for the compaction threshold).
    public private(set) var recordBytes = 0

    struct Header: Codable {
        var journal: String
        var coder: String
        var created: Date
        /// Records start at `base + 1` (absent: 0).
        var base: Int?
    }

    /// A journal file read without changing it: the header and what the one recovery rule kept.
    public struct Contents {
        public let url: URL
        public let id: String
        public let scan: ChecksummedLog.Scan
        let header: Header
    }

    /// Creates a new journal file (owner-only) with its header.
    public static func create(at url: URL, coder: String) throws -> Journal {
        let header = Header(journal: newID(), coder: coder, created: Timestamp.now(), base: nil)
        let log = try ChecksummedLog.create(url, header: try JSONFormat.encodeLine(header))
        return Journal(url: url, header: header, base: 0, records: [], log: log)
    }

    /// A fresh journal id (a new history: no snapshot's mark can name it by accident).
    public static func newID() -> String { UUID().uuidString.lowercased() }

    /// Replaces the journal at `url` atomically with a new, empty one (header only) whose id is `id`, and opens it
    /// for appending: a new history. At every instant the old file or the new one is on disk, never half of one.
    public static func replace(at url: URL, coder: String, id: String) throws -> Journal {
        let header = Header(journal: id, coder: coder, created: Timestamp.now(), base: nil)
        try ChecksummedLog.rewrite(url, header: try JSONFormat.encodeLine(header), records: [])
        let contents = try inspect(at: url)
        guard contents.scan.isIntact, contents.id == id, contents.scan.lastSeq == 0 else {
            throw GlossError(file: url.path, "the new journal does not read back as written")
        }
        return Journal(url: url, header: header, base: 0, records: [], log: try ChecksummedLog.openForAppending(url, after: contents.scan))
    }

    /// Reads a journal file; `mark` is the last record the snapshot holds (damage at or below it costs only
    /// history). Throws `NoHeader` when line 1 is not an intact header: such a file cannot be tied to a session.
    public static func inspect(at url: URL, mark: Int = 0) throws -> Contents {
        let scan = try ChecksummedLog.read(url, rules: .journal, mark: mark)
        guard let json = scan.header else {
            let lines = String(decoding: try SecureFiles.read(url), as: UTF8.self).split(separator: "\n").count
            throw NoHeader(file: url.path, hasRecords: lines > 1)
        }
        let header = try JSONFormat.decode(Header.self, from: Data(json.utf8), file: url.path)
        return Contents(url: url, id: header.journal, scan: scan, header: header)
    }

    /// Opens a journal for appending. A torn last record is cut off; after damage the file is kept aside as
    /// `<name>.damaged-<time>` and rewritten with what was recovered. The notes say what was dropped.
    public static func open(_ contents: Contents) throws -> (journal: Journal, notes: [String]) {
        var notes = contents.scan.notes
        var header = contents.header
        header.base = contents.scan.base == 0 ? nil : contents.scan.base
        let newHeader = contents.scan.base == (contents.header.base ?? 0) ? nil : try JSONFormat.encodeLine(header)
        if let aside = try ChecksummedLog.repair(contents.url, scan: contents.scan, header: newHeader) {
            notes.append("\(contents.url.path): the damaged journal was kept as \(aside)")
        }
        let log = try ChecksummedLog.openForAppending(contents.url, after: contents.scan)
        return (Journal(url: contents.url, header: header, base: contents.scan.base, records: contents.scan.records, log: log), notes)
    }

    /// Opens a journal for appending (see `open(_:)`); the note joins what was dropped, if anything.
    public static func open(at url: URL, mark: Int = 0) throws -> (journal: Journal, note: String?) {
        let (journal, notes) = try open(try inspect(at: url, mark: mark))
        return (journal, notes.isEmpty ? nil : notes.joined(separator: "\n"))
    }

    /// Reads a journal without changing it (a torn tail and anything after damage are left out).
    public static func read(at url: URL, mark: Int = 0) throws -> Journal {
        let contents = try inspect(at: url, mark: mark)
        return Journal(url: url, header: contents.header, base: contents.scan.base, records: contents.scan.records, log: nil)
    }

    private init(url: URL, header: Header, base: Int, records: [ChecksummedLog.Record], log: ChecksummedLog?) {
        self.url = url
        self.id = header.journal
        self.header = header
        self.base = base
        self.log = log ?? ChecksummedLog.closed(url, lastSeq: records.last?.seq ?? base)
        for record in records {
            lines[record.seq] = (record.raw, record.json)
            recordBytes += record.raw.utf8.count + 1
        }
    }

    /// Appends a record (its `seq` is assigned here) and flushes it to disk before returning.
    @discardableResult
    public func append(_ record: JournalRecord) throws -> JournalRecord {
        var record = record
        let json = try JSONFormat.encodeLine(record)
        let written = try log.append(json)
        record.seq = written.seq
        let raw = written.raw
        lines[record.seq] = (raw, raw[raw.index(raw.startIndex, offsetBy: 10 + String(record.seq).count)...])
        recordBytes += raw.utf8.count + 1
        return record
    }

    /// The record with sequence number `seq`.
    public func record(_ seq: Int) throws -> JournalRecord {
        guard let line = lines[seq] else { throw GlossError(file: url.path, "record \(seq) is missing") }
        var record = try JSONFormat.decode(JournalRecord.self, from: Data(line.json.utf8), file: url.path)
        record.seq = seq
        return record
    }

    /// Records after `seq` (and after `base`), in order.
    public func records(after seq: Int) throws -> [JournalRecord] {
        let first = max(seq, base) + 1
        guard first <= lastSeq else { return [] }
        return try (first...lastSeq).map { try record($0) }
    }

    /// Drops all but the newest records, keeping at most `keep` records and `maxBytes` bytes of them: the
    /// window undo can reach. The file is replaced atomically with the same id and numbering, so at every
    /// instant the old file or the new one is on disk and a snapshot's mark means the same in both. Call it
    /// only when every record is in the snapshot.
    public func compact(keep: Int, maxBytes: Int) throws {
        var kept: [(seq: Int, raw: Substring)] = []
        var bytes = 0
        var seq = lastSeq
        while seq > base, kept.count < keep, let line = lines[seq], bytes + line.raw.utf8.count + 1 <= maxBytes {
            kept.append((seq, line.raw))
            bytes += line.raw.utf8.count + 1
            seq -= 1
        }
        kept.reverse()
        guard seq > base else { return }
        var newHeader = header
        newHeader.base = seq
        try ChecksummedLog.rewrite(url, header: try JSONFormat.encodeLine(newHeader), records: kept)
        // The old descriptor points at the replaced file: append to the new one from now on.
        let contents = try Journal.inspect(at: url, mark: lastSeq)
        guard contents.scan.isIntact, contents.scan.lastSeq == lastSeq else {
            throw GlossError(file: url.path, "the compacted journal does not read back as written")
        }
        log = try ChecksummedLog.openForAppending(url, after: contents.scan)
        header = newHeader
        for old in base + 1...seq { lines[old] = nil }
        base = seq
        recordBytes = bytes
    }

    /// A journal without an intact header: empty or cut short while it was being created (no action in it),
    /// or damaged on line 1. It cannot be tied to a session, so the store sets it aside and starts a new one.
    public struct NoHeader: Error, CustomStringConvertible {
        var file: String
        /// Lines after line 1 exist (actions that cannot be matched with a session).
        var hasRecords: Bool
        public var description: String {
            hasRecords ? "\(file): line 1: the journal's header is damaged, so its records cannot be matched with the session file"
                       : "\(file): line 1: the journal has no header record"
        }
    }
}
