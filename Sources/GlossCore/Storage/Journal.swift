import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of a session's journal: a user action (`do`), or the undo or redo of an earlier one.
/// `changes` are the changes actually applied, so replaying a journal is applying its records in order.
public struct JournalRecord: Equatable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable { case `do`, undo, redo }

    public var seq: Int
    public var time: Date
    public var kind: Kind
    /// For `undo` and `redo`: the `do` record they take back or repeat.
    public var target: Int?
    /// What the action was, in words ("code chat-03 #4 as Dwangmiddel > Bedreiging").
    public var label: String
    public var changes: [SessionChange]

    public init(seq: Int, time: Date, kind: Kind, target: Int? = nil, label: String, changes: [SessionChange]) {
        self.seq = seq; self.time = time; self.kind = kind; self.target = target; self.label = label; self.changes = changes
    }

    enum CodingKeys: String, CodingKey { case time, kind, target, label, changes }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = 0
        time = try c.decode(Date.self, forKey: .time)
        kind = try c.decode(Kind.self, forKey: .kind)
        target = try c.decodeIfPresent(Int.self, forKey: .target)
        label = try c.decode(String.self, forKey: .label)
        changes = try c.decode([SessionChange].self, forKey: .changes)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(time, forKey: .time)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encode(label, forKey: .label)
        try c.encode(changes, forKey: .changes)
    }
}

/// An append-only file of checksummed records: `<crc32 hex> <seq> <json>\n`, one per line. Line 1 is
/// the header (seq 0) whose JSON holds the journal's id. Appending one record and an fsync is the whole
/// cost of persisting an action, whatever the size of the session.
///
/// A record torn by a crash (no final newline, or a checksum that does not match on the last line) is
/// dropped on open with a note; a damaged record anywhere else is an error, and the file is left alone.
public final class Journal {
    public let url: URL
    public let id: String
    public private(set) var lastSeq: Int
    /// Raw lines by seq (1…lastSeq), parsed only when history is asked for.
    private var lines: [Int: Substring] = [:]
    private var fd: Int32 = -1

    struct Header: Codable { var journal: String; var coder: String; var created: Date }

    /// What `scan` found in an existing file.
    struct Scan {
        var id: String
        var lines: [Int: Substring]
        var lastSeq: Int
        var validLength: Int
        var tornNote: String?
    }

    /// Creates a new journal file (owner-only) with its header.
    public static func create(at url: URL, coder: String) throws -> Journal {
        let id = UUID().uuidString.lowercased()
        let header = try JSONFormat.encodeLine(Header(journal: id, coder: coder, created: Timestamp.now()))
        let fd = try SecureFiles.openForWriting(url, O_WRONLY | O_CREAT | O_EXCL | O_APPEND)
        let journal = Journal(url: url, id: id, lastSeq: 0, lines: [:], fd: fd)
        try journal.appendLine(seq: 0, json: header)
        SecureFiles.syncDirectory(url.deletingLastPathComponent())
        return journal
    }

    /// Opens an existing journal for appending; a torn last record is cut off (reported in `note`).
    public static func open(at url: URL) throws -> (journal: Journal, note: String?) {
        let data = try SecureFiles.read(url)
        let scan = try scan(data, file: url.path)
        let fd = try SecureFiles.openForWriting(url, O_WRONLY | O_APPEND)
        if scan.validLength < data.count {
            guard ftruncate(fd, off_t(scan.validLength)) == 0 else { throw SecureFiles.posixError("cannot cut the torn record from", url.path) }
            fsync(fd)
        }
        return (Journal(url: url, id: scan.id, lastSeq: scan.lastSeq, lines: scan.lines, fd: fd), scan.tornNote)
    }

    /// Reads a journal without changing it (a torn tail is ignored).
    public static func read(at url: URL) throws -> Journal {
        let scan = try scan(try SecureFiles.read(url), file: url.path)
        return Journal(url: url, id: scan.id, lastSeq: scan.lastSeq, lines: scan.lines, fd: -1)
    }

    private init(url: URL, id: String, lastSeq: Int, lines: [Int: Substring], fd: Int32) {
        self.url = url; self.id = id; self.lastSeq = lastSeq; self.lines = lines; self.fd = fd
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends a record (its `seq` is assigned here) and flushes it to disk before returning.
    @discardableResult
    public func append(_ record: JournalRecord) throws -> JournalRecord {
        var record = record
        record.seq = lastSeq + 1
        let json = try JSONFormat.encodeLine(record)
        try appendLine(seq: record.seq, json: json)
        lines[record.seq] = Substring(String(decoding: json, as: UTF8.self))
        lastSeq = record.seq
        return record
    }

    /// The record with sequence number `seq`.
    public func record(_ seq: Int) throws -> JournalRecord {
        guard let line = lines[seq] else { throw GlossError(file: url.path, "record \(seq) is missing") }
        var record = try JSONFormat.decode(JournalRecord.self, from: Data(line.utf8), file: url.path)
        record.seq = seq
        return record
    }

    /// Records after `seq`, in order.
    public func records(after seq: Int) throws -> [JournalRecord] {
        guard seq < lastSeq else { return [] }
        return try (max(seq, 0) + 1...lastSeq).map { try record($0) }
    }

    private func appendLine(seq: Int, json: Data) throws {
        var body = Data("\(seq) ".utf8)
        body.append(json)
        var line = Data(String(format: "%08x ", CRC32.checksum(body)).utf8)
        line.append(body)
        line.append(0x0A)
        // On any failure (a full disk, a failed flush) cut the file back to where it was, so a half-written
        // or unflushed record never sits in the middle of the journal with the next record after it.
        let end = lseek(fd, 0, SEEK_END)
        do {
            try SecureFiles.writeAll(fd: fd, data: line, path: url.path)
            guard fsync(fd) == 0 else { throw SecureFiles.posixError("cannot flush", url.path) }
        } catch {
            if end >= 0 { _ = ftruncate(fd, end) }
            throw error
        }
    }

    /// A journal without a complete header (empty, or cut short while it was being created): it holds no
    /// action, so the store sets it aside and starts a new one.
    struct NoHeader: Error, CustomStringConvertible {
        var file: String
        var description: String { "\(file): line 1: the journal has no header record" }
    }

    static func scan(_ data: Data, file: String) throws -> Scan {
        let text = String(decoding: data, as: UTF8.self)
        var lines: [Int: Substring] = [:]
        var validLength = 0
        var lastSeq = -1
        var id: String?
        var tornNote: String?
        var lineNumber = 0
        var rest = text[...]
        while !rest.isEmpty {
            lineNumber += 1
            guard let newline = rest.firstIndex(of: "\n") else {
                tornNote = "\(file): line \(lineNumber): dropped the last record, which a crash cut short"
                break
            }
            let line = rest[rest.startIndex..<newline]
            let isLast = rest.index(after: newline) == rest.endIndex
            rest = rest[rest.index(after: newline)...]
            guard let parsed = parse(line) else {
                if isLast {
                    tornNote = "\(file): line \(lineNumber): dropped the last record, whose checksum does not match (cut short by a crash)"
                    break
                }
                throw GlossError(file: file, place: "line \(lineNumber)", "the record is damaged (checksum mismatch); the journal was left as it is")
            }
            guard parsed.seq == lastSeq + 1 else {
                throw GlossError(file: file, place: "line \(lineNumber)", "record \(parsed.seq) follows record \(lastSeq); the journal was left as it is")
            }
            if parsed.seq == 0 {
                let header = try JSONFormat.decode(Header.self, from: Data(parsed.json.utf8), file: file)
                id = header.journal
            } else {
                lines[parsed.seq] = parsed.json
            }
            lastSeq = parsed.seq
            validLength += line.utf8.count + 1
        }
        guard let journalID = id else { throw NoHeader(file: file) }
        return Scan(id: journalID, lines: lines, lastSeq: lastSeq, validLength: validLength, tornNote: tornNote)
    }

    private static func parse(_ line: Substring) -> (seq: Int, json: Substring)? {
        let utf8 = line.utf8
        guard utf8.count > 11, let space = line.firstIndex(of: " ") else { return nil }
        let crcText = line[line.startIndex..<space]
        guard crcText.count == 8, let crc = UInt32(crcText, radix: 16) else { return nil }
        let body = line[line.index(after: space)...]
        guard CRC32.checksum(body.utf8) == crc, let seqEnd = body.firstIndex(of: " "),
              let seq = Int(body[body.startIndex..<seqEnd]) else { return nil }
        return (seq, body[body.index(after: seqEnd)...])
    }
}
