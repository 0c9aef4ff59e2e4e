import Foundation

/// One line of a review meeting's decision log (`reviews/<date>-<A>-<B>.jsonl`): who was present, what the
/// disagreement was, what was decided, the note, and when. The log is append-only and flushed after every
/// line, like the journal, so a meeting can stop at any moment and resume.
public struct DecisionRecord: Codable, Equatable, Sendable {
    /// `seeded`: the agreements were copied into the consensus (written only after the copy succeeded, so
    /// a meeting interrupted between its start and the copy copies them on resume).
    public enum Kind: String, Codable, Sendable { case start, seeded, decision, undo, skip, note, rule }

    public var kind: Kind
    public var time: Date
    public var present: [String]?
    /// The agenda item (`chat|code-id`, `different|code-id-A|code-id-B|chat`, `proposal|code-id`, …).
    public var item: String?
    public var chat: String?
    public var code: String?
    public var codeID: CodeID?
    /// forgotten, different, spans, attribute or proposal.
    public var disagreement: String?
    /// The coder who had the code (for a disagreement).
    public var only: String?
    public var decision: String?
    public var otherCode: String?
    /// The code the meeting chose instead (`edit` on a "different" pair, whose `otherCode` is B's code).
    public var editedCode: String?
    public var note: String?
    public var coders: [String]?
    public var into: String?
    public var prefer: String?
    /// The meeting's overlap threshold and whether `--segments` put differing spans on the agenda (start
    /// record), so the agenda can be derived again (`ConsensusProgress`). Absent in older logs: 90, no.
    public var threshold: Int?
    public var segments: Bool?

    public init(kind: Kind, time: Date = Timestamp.now()) {
        self.kind = kind
        self.time = time
    }

    enum CodingKeys: String, CodingKey {
        case kind, time, present, item, chat, code, disagreement, only, decision, note, coders, into, prefer, threshold, segments
        case codeID = "code_id"
        case otherCode = "other_code"
        case editedCode = "edited_code"
    }
}

/// Appends to and reads a decision log: a `ChecksummedLog` (older logs are plain JSON lines and still read),
/// recovered by the same rule as a session's journal.
public final class DecisionLog {
    public let url: URL
    public private(set) var records: [DecisionRecord]
    /// Damage found in the file (what was dropped) and, once opened for appending, where the damaged file
    /// was kept.
    public private(set) var notes: [String]
    /// Opened on the first append, repairing the file first, so a read never changes it.
    private var log: ChecksummedLog?

    /// The newest log of a review of `a` and `b` into `into` in `project`, or a new one named for today.
    public static func openOrCreate(projectRoot: URL, a: String, b: String, into: String, start: DecisionRecord) throws -> (log: DecisionLog, resumed: Bool) {
        let folder = projectRoot.appendingPathComponent("reviews")
        try SecureFiles.makeDirectory(folder)
        let suffix = "-\(a)-\(b).jsonl"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
        for name in names.reversed() {
            let log = try DecisionLog(url: folder.appendingPathComponent(name))
            // The name's ending does not tell the coders apart ("x-a-b.jsonl" ends like "a-b.jsonl"): the start record does.
            guard let first = log.records.first, first.into == into, (first.coders ?? [a, b]) == [a, b] else { continue }
            try log.openForAppending()
            return (log, true)
        }
        let day = ISOTime.format(Timestamp.now()).prefix(10)
        var url = folder.appendingPathComponent("\(day)\(suffix)")
        var n = 2
        while SecureFiles.entryExists(url) {
            url = folder.appendingPathComponent("\(day)-\(n)\(suffix)")
            n += 1
        }
        let log = DecisionLog(new: url)
        try log.append(start)
        return (log, false)
    }

    /// Reads an existing log without changing it: a last line cut short by a crash is left out; after a damaged
    /// line, the records before it are read and `notes` says what was dropped.
    public init(url: URL) throws {
        self.url = url
        let scan = try ChecksummedLog.read(url, rules: .decisions)
        records = try Self.decode(scan)
        notes = scan.notes
    }

    private init(new url: URL) {
        self.url = url
        records = []
        notes = []
    }

    private static func decode(_ scan: ChecksummedLog.Scan) throws -> [DecisionRecord] {
        try scan.records.map { try JSONFormat.decode(DecisionRecord.self, from: Data($0.json.utf8), file: "\(scan.file): line \($0.line)") }
    }

    /// Repairs the file (a torn tail cut, a damaged file kept aside and rewritten with what was recovered) and
    /// opens it for appending.
    private func openForAppending() throws {
        guard log == nil else { return }
        let (opened, scan, found) = try ChecksummedLog.openRepairing(url, rules: .decisions)
        records = try Self.decode(scan)
        notes = found
        log = opened
    }

    public func append(_ record: DecisionRecord) throws {
        try openForAppending()
        try log?.append(try JSONFormat.encodeLine(record))
        records.append(record)
    }

    /// Items decided and not undone, with the decision in force. An undo takes back the item's latest
    /// decision: an item decided twice and undone once keeps its first decision (as the consensus does).
    public var decided: [String: DecisionRecord] {
        var stacks: [String: [DecisionRecord]] = [:]
        for record in records {
            guard let item = record.item else { continue }
            switch record.kind {
            case .decision: stacks[item, default: []].append(record)
            case .undo: _ = stacks[item]?.popLast()
            default: break
            }
        }
        return stacks.compactMapValues(\.last)
    }
}
