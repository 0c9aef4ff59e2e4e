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
    /// The agenda item (`chat|code-id` or `proposal|code-id`).
    public var item: String?
    public var chat: String?
    public var code: String?
    public var codeID: CodeID?
    /// forgotten, different or proposal.
    public var disagreement: String?
    /// The coder who had the code (for a disagreement).
    public var only: String?
    public var decision: String?
    public var otherCode: String?
    public var note: String?
    public var coders: [String]?
    public var into: String?
    public var prefer: String?

    public init(kind: Kind, time: Date = Timestamp.now()) {
        self.kind = kind
        self.time = time
    }

    enum CodingKeys: String, CodingKey {
        case kind, time, present, item, chat, code, disagreement, only, decision, note, coders, into, prefer
        case codeID = "code_id"
        case otherCode = "other_code"
    }
}

/// Appends to and reads a decision log.
public final class DecisionLog {
    public let url: URL
    public private(set) var records: [DecisionRecord]

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
            return (log, true)
        }
        let day = ISOTime.format(Timestamp.now()).prefix(10)
        var url = folder.appendingPathComponent("\(day)\(suffix)")
        var n = 2
        while FileManager.default.fileExists(atPath: url.path) {
            url = folder.appendingPathComponent("\(day)-\(n)\(suffix)")
            n += 1
        }
        let log = DecisionLog(new: url)
        try log.append(start)
        return (log, false)
    }

    /// Reads an existing log; a last line cut short by a crash is ignored (and cut off by the next append).
    public init(url: URL) throws {
        self.url = url
        records = try SecureFiles.completeLines(url).enumerated().map { index, line in
            do {
                return try JSONFormat.decode(DecisionRecord.self, from: Data(line.utf8), file: url.path)
            } catch {
                throw GlossError(file: url.path, place: "line \(index + 1)", "\(error)")
            }
        }
    }

    private init(new url: URL) {
        self.url = url
        records = []
    }

    public func append(_ record: DecisionRecord) throws {
        try SecureFiles.appendLine(try JSONFormat.encodeLine(record), to: url)
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
