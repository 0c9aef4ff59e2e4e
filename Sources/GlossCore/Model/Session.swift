import Foundation

/// One coder's work over a project: codings, per-chat status, and codes proposed during open coding.
///
/// Codings are kept by id, with an index by chat; the file form (`SessionFile`) writes them in a stable
/// order so a session diffs and merges cleanly.
public struct Session: Equatable, Sendable {
    /// The version of the session file format this build writes.
    public static let schemaVersion = 1

    public var coder: String
    /// The codebook revision the session was last written against.
    public var codebookRevision: Int
    /// Which journal the snapshot belongs to, and the last journal record it includes (see `SessionStore`).
    public var journalID: String?
    public var journalSeq: Int

    public private(set) var codings: [CodingID: Coding] = [:]
    private var statuses: [String: ChatStatus] = [:]
    /// Codes created by this coder during open coding, not (yet) in the shared codebook.
    public private(set) var proposedCodes: [CodeID: Code] = [:]
    private var idsByChat: [String: Set<CodingID>] = [:]

    public init(coder: String, codebookRevision: Int = 1) {
        self.coder = coder
        self.codebookRevision = codebookRevision
        self.journalID = nil
        self.journalSeq = 0
    }

    /// A session from parts already checked (`SessionImage` reading its cache): codings by id with the ids of
    /// each chat, and statuses without `notStarted`. Built in one pass rather than one `apply` per coding.
    init(coder: String, codebookRevision: Int, journalID: String?, journalSeq: Int, codings: [CodingID: Coding],
         idsByChat: [String: Set<CodingID>], statuses: [String: ChatStatus], proposedCodes: [CodeID: Code]) {
        self.coder = coder
        self.codebookRevision = codebookRevision
        self.journalID = journalID
        self.journalSeq = journalSeq
        self.codings = codings
        self.idsByChat = idsByChat
        self.statuses = statuses
        self.proposedCodes = proposedCodes
    }

    public static func == (a: Session, b: Session) -> Bool {
        a.coder == b.coder && a.codebookRevision == b.codebookRevision && a.codings == b.codings
            && a.statuses == b.statuses && a.proposedCodes == b.proposedCodes
    }

    // MARK: Reading

    public func status(of chat: String) -> ChatStatus { statuses[chat] ?? .notStarted }
    /// Chats whose status is not `notStarted`, with their status.
    public var chatStatuses: [String: ChatStatus] { statuses }
    public var codingCount: Int { codings.count }

    /// The codings of one chat, in text order.
    public func codings(in chat: String) -> [Coding] {
        (idsByChat[chat] ?? []).compactMap { codings[$0] }.sorted(by: Coding.fileOrder)
    }

    /// All codings in file order. Positions into one copy of the values are sorted, not the codings (moving
    /// whole codings, a dozen references each, through the merge sort was a fifth of a 200,000-row import),
    /// then the copy is put in that order in place, cycle by cycle: swaps move codings without copying them.
    public var orderedCodings: [Coding] {
        var values = Array(codings.values)
        var order = values.indices.sorted { Coding.fileOrder(values[$0], values[$1]) }
        for start in order.indices where order[start] != start {
            var current = start
            while true {
                let source = order[current]
                order[current] = current
                if source == start { break }
                values.swapAt(current, source)
                current = source
            }
        }
        return values
    }

    /// The quote with exactly this span, if the coder has one.
    public func coding(in chat: String, span: Span) -> Coding? {
        (idsByChat[chat] ?? []).lazy.compactMap { self.codings[$0] }.first { $0.span == span }
    }

    public var chatsWithCodings: [String] { idsByChat.filter { !$0.value.isEmpty }.map(\.key).sorted() }

    // MARK: Changing

    /// Makes room for `count` codings at once: a large import then allocates the table once, not the old and the
    /// doubled one side by side at each growth (44 MB more at the peak of a 200,000-row import).
    public mutating func reserveCapacity(codings count: Int) {
        codings.reserveCapacity(count)
    }

    /// Applies one change; `SessionStore` journals it first.
    public mutating func apply(_ change: SessionChange) {
        switch change {
        case .coding(let id, _, let after):
            if let old = codings[id] { idsByChat[old.chat]?.remove(id) }
            if let new = after {
                codings[id] = new
                idsByChat[new.chat, default: []].insert(id)
            } else {
                codings[id] = nil
            }
        case .status(let chat, _, let after):
            statuses[chat] = after == .notStarted ? nil : after
        case .proposal(let id, _, let after):
            proposedCodes[id] = after
        }
    }

    public mutating func apply(_ changes: [SessionChange]) {
        for change in changes { apply(change) }
    }

    /// Whether `change` was computed against the current state (its `before` matches).
    public func accepts(_ change: SessionChange) -> Bool {
        switch change {
        case .coding(let id, let before, _): return codings[id] == before
        case .status(let chat, let before, _): return status(of: chat) == before
        case .proposal(let id, let before, _): return proposedCodes[id] == before
        }
    }
}

/// One reversible change to a session: the state before and after. A user action is a list of them
/// (coding a message of a new chat both adds a coding and marks the chat in progress); the inverse list
/// undoes it.
public enum SessionChange: Equatable, Sendable, Codable {
    case coding(id: CodingID, before: Coding?, after: Coding?)
    case status(chat: String, before: ChatStatus, after: ChatStatus)
    case proposal(id: CodeID, before: Code?, after: Code?)

    public var inverse: SessionChange {
        switch self {
        case .coding(let id, let before, let after): return .coding(id: id, before: after, after: before)
        case .status(let chat, let before, let after): return .status(chat: chat, before: after, after: before)
        case .proposal(let id, let before, let after): return .proposal(id: id, before: after, after: before)
        }
    }

    enum CodingKeys: String, CodingKey { case kind, id, chat, before, after }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "coding":
            self = .coding(id: try c.decode(CodingID.self, forKey: .id),
                           before: try c.decodeIfPresent(Coding.self, forKey: .before),
                           after: try c.decodeIfPresent(Coding.self, forKey: .after))
        case "status":
            self = .status(chat: try c.decode(String.self, forKey: .chat),
                           before: try c.decode(ChatStatus.self, forKey: .before),
                           after: try c.decode(ChatStatus.self, forKey: .after))
        case "proposal":
            self = .proposal(id: try c.decode(CodeID.self, forKey: .id),
                             before: try c.decodeIfPresent(Code.self, forKey: .before),
                             after: try c.decodeIfPresent(Code.self, forKey: .after))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown change kind \(GlossError.quoted(other))")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .coding(let id, let before, let after):
            try c.encode("coding", forKey: .kind)
            try c.encode(id, forKey: .id)
            try c.encodeIfPresent(before, forKey: .before)
            try c.encodeIfPresent(after, forKey: .after)
        case .status(let chat, let before, let after):
            try c.encode("status", forKey: .kind)
            try c.encode(chat, forKey: .chat)
            try c.encode(before, forKey: .before)
            try c.encode(after, forKey: .after)
        case .proposal(let id, let before, let after):
            try c.encode("proposal", forKey: .kind)
            try c.encode(id, forKey: .id)
            try c.encodeIfPresent(before, forKey: .before)
            try c.encodeIfPresent(after, forKey: .after)
        }
    }
}

/// Times in Gloss files are whole seconds in UTC, so a value survives a round trip through JSON unchanged.
public enum Timestamp {
    public static func now() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }
}
