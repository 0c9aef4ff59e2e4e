import GlossCore

/// Per-chat, per-code counts of one session, kept up to date one change at a time.
///
/// The unit of the study's figures is the chat: a chat counts once for a code however many quotes carry it,
/// and it counts for a code when it carries the code or any code below it (roll-up). This index keeps, per
/// chat, how many (quote, code) applications fall on each code and on each ancestor, and per code how many
/// chats have a non-zero count, so adding or removing one coding costs O(codes on it × depth) and a figure is
/// read off in O(bars). A full recount is `FrequencyIndex(hierarchy:session:)`; both must always agree.
public struct FrequencyIndex: Equatable, Sendable {
    /// Direct applications: chat → code → number of quotes in the chat that carry the code itself.
    public private(set) var direct: [String: [CodeID: Int]] = [:]
    /// Rolled up: chat → code → applications of the code or of any code below it.
    public private(set) var rolled: [String: [CodeID: Int]] = [:]
    /// Code → number of chats whose rolled-up count is non-zero.
    public private(set) var chatsWithCode: [CodeID: Int] = [:]
    /// Code → number of chats that carry the code itself.
    public private(set) var chatsWithCodeDirectly: [CodeID: Int] = [:]
    /// Code → number of quotes that carry the code itself.
    public private(set) var quotesWithCode: [CodeID: Int] = [:]
    /// Codes in the session that are in neither the codebook nor the proposals: code → quotes. Reported, never
    /// counted silently.
    public private(set) var unknownCodes: [CodeID: Int] = [:]
    /// Chat statuses of the session (only chats that are not "not started").
    public private(set) var statuses: [String: ChatStatus] = [:]

    private let hierarchy: CodeHierarchy

    public static func == (a: FrequencyIndex, b: FrequencyIndex) -> Bool {
        a.rolled.filter { !$0.value.isEmpty } == b.rolled.filter { !$0.value.isEmpty }
            && a.direct.filter { !$0.value.isEmpty } == b.direct.filter { !$0.value.isEmpty }
            && a.chatsWithCode.filter { $0.value != 0 } == b.chatsWithCode.filter { $0.value != 0 }
            && a.chatsWithCodeDirectly.filter { $0.value != 0 } == b.chatsWithCodeDirectly.filter { $0.value != 0 }
            && a.quotesWithCode.filter { $0.value != 0 } == b.quotesWithCode.filter { $0.value != 0 }
            && a.unknownCodes.filter { $0.value != 0 } == b.unknownCodes.filter { $0.value != 0 }
            && a.statuses == b.statuses
    }

    /// A full count of `session`.
    public init(hierarchy: CodeHierarchy, session: Session) {
        self.hierarchy = hierarchy
        for coding in session.codings.values { add(coding) }
        statuses = session.chatStatuses
    }

    /// The empty index.
    public init(hierarchy: CodeHierarchy) { self.hierarchy = hierarchy }

    // MARK: Incremental updates

    public mutating func apply(_ change: SessionChange) {
        switch change {
        case .coding(_, let before, let after):
            if let before { remove(before) }
            if let after { add(after) }
        case .status(let chat, _, let after):
            statuses[chat] = after == .notStarted ? nil : after
        case .proposal:
            break  // a new proposal changes the tree: the owner rebuilds the index with a new hierarchy
        }
    }

    public mutating func add(_ coding: Coding) { adjust(coding, by: 1) }
    public mutating func remove(_ coding: Coding) { adjust(coding, by: -1) }

    private mutating func adjust(_ coding: Coding, by delta: Int) {
        let chat = coding.chat
        for code in coding.codes {
            guard hierarchy.contains(code) else {
                unknownCodes[code, default: 0] += delta
                if unknownCodes[code] == 0 { unknownCodes[code] = nil }
                continue
            }
            quotesWithCode[code, default: 0] += delta
            let before = direct[chat]?[code] ?? 0
            let after = before + delta
            direct[chat, default: [:]][code] = after == 0 ? nil : after
            if before == 0 && after > 0 { chatsWithCodeDirectly[code, default: 0] += 1 }
            if before > 0 && after == 0 { chatsWithCodeDirectly[code, default: 0] -= 1 }
            for target in [code] + hierarchy.ancestors(of: code) {
                let was = rolled[chat]?[target] ?? 0
                let now = was + delta
                rolled[chat, default: [:]][target] = now == 0 ? nil : now
                if was == 0 && now > 0 { chatsWithCode[target, default: 0] += 1 }
                if was > 0 && now == 0 { chatsWithCode[target, default: 0] -= 1 }
            }
        }
        if direct[chat]?.isEmpty == true { direct[chat] = nil }
        if rolled[chat]?.isEmpty == true { rolled[chat] = nil }
    }

    // MARK: Reading

    /// Chats that carry `code` or a code below it.
    public func chats(with code: CodeID) -> Int { chatsWithCode[code] ?? 0 }
    /// Whether `chat` carries `code` or a code below it.
    public func chat(_ chat: String, carries code: CodeID) -> Bool { (rolled[chat]?[code] ?? 0) > 0 }
    /// Quotes in `chat` that carry `code` itself.
    public func quotes(in chat: String, with code: CodeID) -> Int { direct[chat]?[code] ?? 0 }

    /// Chats coded: done or in progress.
    public var chatsCoded: Int { statuses.values.filter { $0 != .notStarted }.count }

    /// Done / in progress / not started, over `totalChats` chats in the project.
    public func statusCounts(totalChats: Int) -> StatusCounts {
        let done = statuses.values.filter { $0 == .done }.count
        let inProgress = statuses.values.filter { $0 == .inProgress }.count
        return StatusCounts(done: done, inProgress: inProgress, notStarted: max(0, totalChats - done - inProgress))
    }
}

/// How far a session is: the report prints it so a reader knows whether a figure is provisional.
public struct StatusCounts: Equatable, Sendable, Codable {
    public var done: Int
    public var inProgress: Int
    public var notStarted: Int

    public init(done: Int, inProgress: Int, notStarted: Int) {
        self.done = done
        self.inProgress = inProgress
        self.notStarted = notStarted
    }

    enum CodingKeys: String, CodingKey {
        case done
        case inProgress = "in_progress"
        case notStarted = "not_started"
    }
}
