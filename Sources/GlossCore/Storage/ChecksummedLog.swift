import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one append-only file format of Gloss (session journals, review decision logs, the codebook change log):
/// one record per line, `<crc32 in 8 hex digits> <seq> <json>\n`, the CRC-32 covering `<seq> <json>`. A log
/// may start with a header record (seq 0). Every append is flushed before it returns.
///
/// `scan` is the one recovery rule for all of them: a last line cut short by a crash is dropped; a damaged
/// line (checksum mismatch) or a gap in the numbering stops the reading, and everything before it is kept,
/// with a note naming exactly the lines and records that were dropped. Records at or below a `mark` (the
/// ones a snapshot already holds) are not needed for the data: damage among them costs only history.
///
/// Older decision logs and codebook change logs are plain JSON lines; a line that starts with `{` is read as
/// such a record (numbered after the one before it) where the rules allow it.
public final class ChecksummedLog {
    /// What a kind of log allows.
    public struct Rules: Sendable {
        /// Line 1 is a header record (seq 0).
        public var header: Bool
        /// Plain JSON lines (the format before checksums) are read as records.
        public var legacyLines: Bool
        /// Each record's seq must be one more than the one before (a gap is a lost record). A log that git
        /// merges (the codebook change log) may repeat numbers, so it does not ask for this.
        public var consecutive: Bool

        public static let journal = Rules(header: true, legacyLines: false, consecutive: true)
        public static let decisions = Rules(header: false, legacyLines: true, consecutive: true)
        public static let merged = Rules(header: false, legacyLines: true, consecutive: false)
    }

    /// One intact record.
    public struct Record: Sendable {
        public var line: Int
        public var seq: Int
        public var json: Substring
        /// The whole line as stored, without its newline (rewritten unchanged when a log is repaired).
        var raw: Substring
    }

    /// Lines of a log that were not used, and why: what a damaged file cost.
    public struct Dropped: Sendable, Equatable {
        public var file: String
        public var firstLine: Int
        public var lastLine: Int
        /// The first record that was lost, and the last one known to exist (nil: unknown).
        public var firstSeq: Int
        public var lastSeq: Int?
        public var reason: String

        /// `file: line N: …` with the lines and records dropped, for a person to act on.
        public var error: GlossError {
            let lines = firstLine == lastLine ? "line \(firstLine)" : "lines \(firstLine)–\(lastLine)"
            let records: String
            if let lastSeq, lastSeq > firstSeq { records = "records \(firstSeq)–\(lastSeq)" }
            else if let lastSeq, lastSeq == firstSeq { records = "record \(firstSeq)" }
            else { records = "record \(firstSeq) and any after it" }
            return GlossError(file: file, place: "line \(firstLine)", "\(reason); dropped \(lines) (\(records))")
        }
    }

    /// What a scan found: the records to use, and what was dropped.
    public struct Scan: Sendable {
        public var file: String
        /// The header's JSON (seq 0 on line 1), when the rules ask for one and it is intact.
        public var header: Substring?
        var headerRaw: Substring?
        /// The recovered records, in order and (where the rules ask) numbered without gaps.
        public var records: [Record]
        /// The seq just before the first record kept (the header's `base`, or the mark after damage before it).
        public var base: Int
        /// The last seq in the log after recovery (the next append is `lastSeq + 1`).
        public var lastSeq: Int
        /// Damage among records at or below the mark: the data is safe, history before it is not.
        public var damageBeforeMark: Dropped?
        /// Records after the mark (or, with no mark, any record) that could not be used.
        public var dropped: Dropped?
        /// The line number of a last line cut short by a crash (no newline), dropped.
        public var tornLine: Int?
        /// Bytes of the file up to the end of the last line read, when nothing but a torn tail is wrong.
        var cleanLength: Int

        /// The file holds nothing that recovery had to leave out, except perhaps a torn last line.
        public var isIntact: Bool { damageBeforeMark == nil && dropped == nil }

        /// Every problem, for a person: torn tail, damage before the mark, dropped records.
        public var notes: [String] {
            var notes: [String] = []
            if let tornLine, dropped == nil {
                notes.append("\(file): line \(tornLine): dropped the last record, which a crash cut short")
            }
            if let damageBeforeMark { notes.append(damageBeforeMark.error.description) }
            if let dropped { notes.append(dropped.error.description) }
            return notes
        }
    }

    /// Reads every line of `data` and recovers what can be used. Never throws: damage is described, not fatal.
    /// `mark` is the last record a snapshot already holds (0 when nothing depends on the log but the log).
    public static func scan(_ data: Data, file: String, rules: Rules, mark: Int = 0) -> Scan {
        enum Entry { case record(Record), damaged(line: Int, reason: String) }
        let text = String(decoding: data, as: UTF8.self)
        var entries: [Entry] = []
        var lineEnds: [Int: Int] = [:]   // line number → byte offset after its newline
        var tornLine: Int?
        var lineNumber = 0
        var offset = 0
        var rest = text[...]
        var previousSeq = 0
        var sawChecksummed = false
        while !rest.isEmpty {
            lineNumber += 1
            guard let newline = rest.firstIndex(of: "\n") else { tornLine = lineNumber; break }
            let line = rest[rest.startIndex..<newline]
            rest = rest[rest.index(after: newline)...]
            offset += line.utf8.count + 1
            lineEnds[lineNumber] = offset
            if line.isEmpty { continue }
            if let (seq, json) = parse(line) {
                sawChecksummed = true
                entries.append(.record(Record(line: lineNumber, seq: seq, json: json, raw: line)))
                previousSeq = seq
            } else if rules.legacyLines, !sawChecksummed, line.first == "{", isJSONObject(line) {
                previousSeq += 1
                entries.append(.record(Record(line: lineNumber, seq: previousSeq, json: line, raw: line)))
            } else {
                let reason = line.first == "{" ? "the line is not a complete JSON record" : "the record is damaged (checksum mismatch)"
                entries.append(.damaged(line: lineNumber, reason: reason))
            }
        }
        let lastLine = tornLine ?? lineNumber

        var scan = Scan(file: file, header: nil, headerRaw: nil, records: [], base: 0, lastSeq: 0,
                        damageBeforeMark: nil, dropped: nil, tornLine: tornLine, cleanLength: 0)
        var index = 0
        if rules.header {
            if case .record(let first)? = entries.first, first.seq == 0, first.line == 1 {
                scan.header = first.json
                scan.headerRaw = first.raw
                scan.base = headerBase(first.json)
                scan.cleanLength = lineEnds[1] ?? 0
                index = 1
            } else {
                return scan   // no usable header: the caller decides (the log cannot be tied to anything)
            }
        }

        /// Takes records from `entries[start...]` while they follow each other; returns where it stopped.
        func take(from start: Int, after seq: Int) -> (records: [Record], stop: Int) {
            var taken: [Record] = []
            var expected = seq + 1
            var i = start
            while i < entries.count, case .record(let record) = entries[i], !rules.consecutive || record.seq == expected {
                taken.append(record)
                expected = max(expected, record.seq + 1)
                i += 1
            }
            return (taken, i)
        }
        func line(_ i: Int) -> Int {
            switch entries[i] { case .record(let r): r.line; case .damaged(let line, _): line }
        }
        func reason(_ i: Int, after seq: Int) -> String {
            switch entries[i] {
            case .damaged(_, let reason): reason
            case .record(let r): "record \(r.seq) follows record \(seq) (a record is missing)"
            }
        }
        func lastSeqIn(_ range: Range<Int>) -> Int? {
            range.reversed().lazy.compactMap { i -> Int? in if case .record(let r) = entries[i] { return r.seq } else { return nil } }.first
        }

        let prefix = take(from: index, after: scan.base)
        scan.records = prefix.records
        scan.lastSeq = prefix.records.last?.seq ?? scan.base
        if !rules.consecutive { scan.lastSeq = max(scan.lastSeq, prefix.records.map(\.seq).max() ?? 0) }
        if prefix.stop == entries.count {
            scan.cleanLength = offset   // every complete line was read; only a torn tail is left out
            return scan
        }
        let stop = prefix.stop
        if scan.lastSeq >= mark {
            // Damage after the mark: keep everything before it, drop the rest.
            scan.dropped = Dropped(file: file, firstLine: line(stop), lastLine: lastLine, firstSeq: scan.lastSeq + 1,
                                   lastSeq: lastSeqIn(stop..<entries.count), reason: reason(stop, after: scan.lastSeq))
            return scan
        }
        // Damage before the mark: the snapshot holds those records. Find the record right after the mark and
        // recover from there; history before it is lost.
        let next = (stop..<entries.count).first { if case .record(let r) = entries[$0] { return r.seq == mark + 1 } else { return false } }
        let atMark = (stop..<entries.count).last { if case .record(let r) = entries[$0] { return r.seq <= mark } else { return false } }
        scan.damageBeforeMark = Dropped(file: file, firstLine: line(stop), lastLine: next.map { line($0) - 1 } ?? atMark.map(line) ?? lastLine,
                                        firstSeq: scan.lastSeq + 1, lastSeq: mark, reason: reason(stop, after: scan.lastSeq)
                                            + " in records the session file already holds")
        scan.base = mark
        scan.lastSeq = mark
        scan.records = []
        if let next {
            let after = take(from: next, after: mark)
            scan.records = after.records
            scan.lastSeq = after.records.last?.seq ?? mark
            if after.stop < entries.count {
                scan.dropped = Dropped(file: file, firstLine: line(after.stop), lastLine: lastLine, firstSeq: scan.lastSeq + 1,
                                       lastSeq: lastSeqIn(after.stop..<entries.count), reason: reason(after.stop, after: scan.lastSeq))
            }
        } else if let atMark {
            // The last record the snapshot holds was read: anything after it could have been a later action.
            if atMark + 1 < entries.count {
                scan.dropped = Dropped(file: file, firstLine: line(atMark + 1), lastLine: lastLine, firstSeq: mark + 1,
                                       lastSeq: lastSeqIn(atMark + 1..<entries.count).flatMap { $0 > mark ? $0 : nil },
                                       reason: reason(atMark + 1, after: mark))
            }
        } else if let later = (stop..<entries.count).first(where: { if case .record(let r) = entries[$0] { return r.seq > mark } else { return false } }) {
            scan.dropped = Dropped(file: file, firstLine: line(later), lastLine: lastLine, firstSeq: mark + 1,
                                   lastSeq: lastSeqIn(later..<entries.count), reason: reason(later, after: mark))
        } else {
            scan.damageBeforeMark?.reason += " (any action after record \(mark) in those lines is lost too)"
        }
        return scan
    }

    /// The `base` field of a header (records start at `base + 1`; absent means 0).
    private static func headerBase(_ json: Substring) -> Int {
        struct Base: Decodable { var base: Int? }
        return (try? JSONDecoder().decode(Base.self, from: Data(json.utf8)))?.base ?? 0
    }

    private static func isJSONObject(_ line: Substring) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any]
    }

    /// `<crc> <seq> <json>` with a matching checksum, or nil.
    static func parse(_ line: Substring) -> (seq: Int, json: Substring)? {
        guard line.utf8.count > 11, let space = line.firstIndex(of: " ") else { return nil }
        let crcText = line[line.startIndex..<space]
        guard crcText.utf8.count == 8, crcText.allSatisfy(\.isHexDigit), let crc = UInt32(crcText, radix: 16) else { return nil }
        let body = line[line.index(after: space)...]
        guard CRC32.checksum(body.utf8) == crc, let seqEnd = body.firstIndex(of: " "),
              let seq = Int(body[body.startIndex..<seqEnd]), seq >= 0 else { return nil }
        return (seq, body[body.index(after: seqEnd)...])
    }

    /// One line of the format, with its newline.
    static func line(seq: Int, json: Data) -> Data {
        var body = Data("\(seq) ".utf8)
        body.append(json)
        var line = Data(String(format: "%08x ", CRC32.checksum(body)).utf8)
        line.append(body)
        line.append(0x0A)
        return line
    }

    // MARK: Reading and writing files

    /// Scans a file without changing it.
    public static func read(_ url: URL, rules: Rules, mark: Int = 0) throws -> Scan {
        scan(try SecureFiles.read(url), file: url.path, rules: rules, mark: mark)
    }

    /// Makes the file hold exactly what `scan` recovered, so appends continue a sound log: a torn last line is
    /// cut off; after damage the file is kept aside as `<name>.damaged-<time>` (never deleted) and rewritten
    /// (atomically) with `header` (nil: the old header line, if any) and the recovered records. Returns the
    /// name of the file kept aside, if any.
    @discardableResult
    public static func repair(_ url: URL, scan: Scan, header: Data? = nil) throws -> String? {
        if scan.isIntact {
            guard scan.tornLine != nil else { return nil }
            let fd = try SecureFiles.openForWriting(url, O_WRONLY)
            defer { close(fd) }
            guard ftruncate(fd, off_t(scan.cleanLength)) == 0 else { throw SecureFiles.posixError("cannot cut the torn record from", url.path) }
            fsync(fd)
            return nil
        }
        var data = Data()
        if let header { data.append(line(seq: 0, json: header)) }
        else if let raw = scan.headerRaw { data.append(Data(raw.utf8)); data.append(0x0A) }
        for record in scan.records { data.append(Data(record.raw.utf8)); data.append(0x0A) }
        let aside = try setAside(url, as: "damaged")
        try SecureFiles.writeAtomically(data, to: url)
        return aside
    }

    /// Renames `url` to `<name>.<reason>-<time>` (a free name), never deleting anything; returns the new name.
    public static func setAside(_ url: URL, as reason: String) throws -> String {
        let stamp = Int(Date().timeIntervalSince1970)
        var aside = url.appendingPathExtension("\(reason)-\(stamp)")
        var n = 2
        while SecureFiles.entryExists(aside) {
            aside = url.appendingPathExtension("\(reason)-\(stamp)-\(n)")
            n += 1
        }
        guard rename(url.path, aside.path) == 0 else { throw SecureFiles.posixError("cannot set aside", url.path) }
        SecureFiles.syncDirectory(url.deletingLastPathComponent())
        return aside.lastPathComponent
    }

    /// Replaces `url` atomically with a header and records (compaction): either the old file or the new one
    /// is on disk at every instant.
    static func rewrite(_ url: URL, header: Data, records: [(seq: Int, raw: Substring)]) throws {
        var data = line(seq: 0, json: header)
        for record in records { data.append(Data(record.raw.utf8)); data.append(0x0A) }
        try SecureFiles.writeAtomically(data, to: url)
    }

    // MARK: Appending

    public let url: URL
    public private(set) var lastSeq: Int
    private var fd: Int32

    /// Creates a new log (owner-only, never over an existing file), with a header record when given.
    public static func create(_ url: URL, header: Data?) throws -> ChecksummedLog {
        let fd = try SecureFiles.openForWriting(url, O_WRONLY | O_CREAT | O_EXCL | O_APPEND)
        let log = ChecksummedLog(url: url, lastSeq: 0, fd: fd)
        if let header { try log.write(log.lineData(seq: 0, json: header)) }
        SecureFiles.syncDirectory(url.deletingLastPathComponent())
        return log
    }

    /// Opens a log for appending after `scan` (of the file as it is now) was repaired; a missing file is created.
    public static func openForAppending(_ url: URL, after scan: Scan?) throws -> ChecksummedLog {
        guard let scan else { return try create(url, header: nil) }
        let fd = try SecureFiles.openForWriting(url, O_WRONLY | O_APPEND)
        return ChecksummedLog(url: url, lastSeq: scan.lastSeq, fd: fd)
    }

    /// Scans, repairs and opens a log in one step (a missing file is created on the first append). Returns
    /// the recovered records and notes on what was dropped and where the damaged file was kept.
    public static func openRepairing(_ url: URL, rules: Rules) throws -> (log: ChecksummedLog, scan: Scan, notes: [String]) {
        guard SecureFiles.entryExists(url) else {
            let fd = try SecureFiles.openForWriting(url, O_WRONLY | O_CREAT | O_APPEND)
            SecureFiles.syncDirectory(url.deletingLastPathComponent())
            let empty = scan(Data(), file: url.path, rules: rules)
            return (ChecksummedLog(url: url, lastSeq: 0, fd: fd), empty, [])
        }
        let found = try read(url, rules: rules)
        var notes = found.notes
        if let aside = try repair(url, scan: found) { notes.append("\(url.path): the damaged file was kept as \(aside)") }
        return (try openForAppending(url, after: found), found, notes)
    }

    /// A log read without a file to append to (a read-only journal).
    static func closed(_ url: URL, lastSeq: Int) -> ChecksummedLog { ChecksummedLog(url: url, lastSeq: lastSeq, fd: -1) }

    private init(url: URL, lastSeq: Int, fd: Int32) {
        self.url = url; self.lastSeq = lastSeq; self.fd = fd
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends `json` as the next record and flushes it; returns the record's seq and its stored line.
    @discardableResult
    public func append(_ json: Data) throws -> (seq: Int, raw: Substring) {
        let seq = lastSeq + 1
        let data = lineData(seq: seq, json: json)
        try write(data)
        lastSeq = seq
        return (seq, Substring(String(decoding: data.dropLast(), as: UTF8.self)))
    }

    private func lineData(seq: Int, json: Data) -> Data { Self.line(seq: seq, json: json) }

    /// On any failure (a full disk, a failed flush) the file is cut back to where it was, so a half-written or
    /// unflushed record never sits in the middle of the log with the next record after it.
    private func write(_ line: Data) throws {
        guard fd >= 0 else { throw GlossError(file: url.path, "the log was opened for reading only") }
        let end = lseek(fd, 0, SEEK_END)
        do {
            try SecureFiles.writeAll(fd: fd, data: line, path: url.path)
            guard fsync(fd) == 0 else { throw SecureFiles.posixError("cannot flush", url.path) }
        } catch {
            if end >= 0 { _ = ftruncate(fd, end) }
            throw error
        }
    }
}
