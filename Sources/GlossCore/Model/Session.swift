import Foundation

/// One coder's work over a project: codings, per-chat status, and codes proposed during open coding.
///
/// Codings are kept per chat. A session read from its image (`SessionImage`) leaves them in the image's bytes
/// and decodes a chat when asked (`ImageChats`); only the chats it changes are held as values. So opening a
/// 200,000-coding session costs what the chats on screen need, and writing it (`SessionWriter`,
/// `SessionImage.encode`) walks it a chat at a time. A session parsed from JSON or built in memory holds every
/// chat. The file form (`SessionFile`) writes codings in a stable order so a session diffs and merges cleanly.
public struct Session: Equatable, Sendable {
    /// The version of the session file format this build writes.
    public static let schemaVersion = 1

    public var coder: String
    /// The codebook revision the session was last written against.
    public var codebookRevision: Int
    /// Which journal the snapshot belongs to, and the last journal record it includes (see `SessionStore`).
    public var journalID: String?
    public var journalSeq: Int

    private var statuses: [String: ChatStatus] = [:]
    /// Codes created by this coder during open coding, not (yet) in the shared codebook.
    public private(set) var proposedCodes: [CodeID: Code] = [:]
    /// Case attribute values this coder entered while reading (chat → variable → value; nil: the coder marked
    /// it unknown, over any other source). `CaseTable.merge` takes them as they are.
    public private(set) var attributes: [String: [String: String?]] = [:]
    /// When this coder first saw another coder's codings of a chat (chat → other coder → mark; `SeenMark`).
    public private(set) var seen: [String: [String: SeenMark]] = [:]
    /// The codings of the image this session was read from; a chat in `held` is no longer read from it.
    private var image: ImageChats?
    /// The chats whose codings are held as values: every chat changed since the image was read (every chat
    /// when there is no image). An empty entry is a chat whose image codings were all removed.
    private var held: [String: [CodingID: Coding]] = [:]
    /// The chat of every coding in `held`.
    private var heldChat: [CodingID: String] = [:]
    public private(set) var codingCount = 0
    /// How many codings carry each relation name (for completion, without a pass over every coding).
    private var relationUses: [String: Int] = [:]

    public init(coder: String, codebookRevision: Int = 1) {
        self.coder = coder
        self.codebookRevision = codebookRevision
        self.journalID = nil
        self.journalSeq = 0
    }

    /// A session over an image's codings (`SessionImage` reading its cache), with statuses without `notStarted`.
    init(coder: String, codebookRevision: Int, journalID: String?, journalSeq: Int, image: ImageChats,
         statuses: [String: ChatStatus], proposedCodes: [CodeID: Code], attributes: [String: [String: String?]],
         seen: [String: [String: SeenMark]] = [:]) {
        self.coder = coder
        self.codebookRevision = codebookRevision
        self.journalID = journalID
        self.journalSeq = journalSeq
        self.image = image
        self.statuses = statuses
        self.proposedCodes = proposedCodes
        self.attributes = attributes
        self.seen = seen
        self.codingCount = image.codingCount
        self.relationUses = image.relationUses
    }

    public static func == (a: Session, b: Session) -> Bool {
        a.coder == b.coder && a.codebookRevision == b.codebookRevision && a.codingCount == b.codingCount
            && a.statuses == b.statuses && a.proposedCodes == b.proposedCodes && a.attributes == b.attributes && a.seen == b.seen
            && a.orderedCodings == b.orderedCodings
    }

    // MARK: Reading

    public func status(of chat: String) -> ChatStatus { statuses[chat] ?? .notStarted }

    /// The value this coder entered for `variable` in `chat`: nil when none, `.some(nil)` when marked unknown.
    public func attribute(_ variable: String, in chat: String) -> String?? { attributes[chat]?[variable] }
    /// Chats whose status is not `notStarted`, with their status.
    public var chatStatuses: [String: ChatStatus] { statuses }

    /// The codings of one chat, in text order.
    public func codings(in chat: String) -> [Coding] {
        if let codings = held[chat] { return codings.values.sorted(by: Coding.fileOrder) }
        if let image, let number = image.chatNumber[chat] { return image.codings(ofChat: number) }
        return []
    }

    /// How many codings one chat has.
    public func codingCount(in chat: String) -> Int {
        if let codings = held[chat] { return codings.count }
        if let image, let number = image.chatNumber[chat] { return image.count(ofChat: number) }
        return 0
    }

    /// The coding with this id, or nil.
    public func coding(_ id: CodingID) -> Coding? {
        if let chat = heldChat[id] { return held[chat]?[id] }
        guard let image, let number = image.chat(of: id), held[image.chats[number]] == nil else { return nil }
        return image.codings(ofChat: number).first { $0.id == id }
    }

    /// Every coding by id: builds a value per coding, for whole-session work (exports, tests). Reading one
    /// coding is `coding(_:)`; walking them all, `forEachCoding` or `forEachChat`.
    public var codings: [CodingID: Coding] {
        var all: [CodingID: Coding] = [:]
        all.reserveCapacity(codingCount)
        forEachCoding { all[$0.id] = $0 }
        return all
    }

    /// The chats with at least one coding, in `<` order (`Coding.fileOrder`).
    public var chatsWithCodings: [String] {
        var names = held.filter { !$0.value.isEmpty }.map(\.key)
        if let image { names += image.chats.filter { held[$0] == nil } }
        return names.sorted()
    }

    /// Each chat with codings and its codings, in file order (chat, span, id): the order the session file and
    /// the image are written in, a chat at a time.
    public func forEachChat(_ body: (String, [Coding]) throws -> Void) rethrows {
        try forEachChatPart { chat, part in
            switch part {
            case .held(let codings): try body(chat, codings)
            case .image(let image, let number): try body(chat, image.codings(ofChat: number))
            }
        }
    }

    /// A chat's codings as `forEachChatPart` gives them: held values, or a chat of the image left as it is.
    enum ChatPart { case held([Coding]), image(ImageChats, Int) }

    /// `forEachChat`, giving an unchanged chat of the image as that (the image encoder copies its bytes).
    func forEachChatPart(_ body: (String, ChatPart) throws -> Void) rethrows {
        for chat in chatsWithCodings {
            if let codings = held[chat] {
                try body(chat, .held(codings.values.sorted(by: Coding.fileOrder)))
            } else if let image, let number = image.chatNumber[chat] {
                try body(chat, .image(image, number))
            }
        }
    }

    /// Each coding's chat, span and codes in file order: what the session digest keeps, read from an image
    /// without making the codings' strings.
    func forEachSpan(_ body: (String, Span, [CodeID]) -> Void) {
        forEachChatPart { chat, part in
            switch part {
            case .held(let codings): for coding in codings { body(chat, coding.span, coding.codes) }
            case .image(let image, let number): image.forEachSpan(ofChat: number) { body(chat, $0, $1) }
            }
        }
    }

    /// Every coding, in no particular order, without sorting.
    public func forEachCoding(_ body: (Coding) throws -> Void) rethrows {
        for codings in held.values { for coding in codings.values { try body(coding) } }
        if let image {
            for (number, chat) in image.chats.enumerated() where held[chat] == nil {
                for coding in image.codings(ofChat: number) { try body(coding) }
            }
        }
    }

    /// All codings in file order.
    public var orderedCodings: [Coding] {
        var all: [Coding] = []
        all.reserveCapacity(codingCount)
        forEachChat { all.append(contentsOf: $1) }
        return all
    }

    /// The quote with exactly this span, if the coder has one.
    public func coding(in chat: String, span: Span) -> Coding? {
        if let codings = held[chat] { return codings.values.first { $0.span == span } }
        return codings(in: chat).first { $0.span == span }
    }

    /// The relation names used on any coding, sorted.
    public var relations: [String] { relationUses.keys.sorted() }
    var relationUseCounts: [String: Int] { relationUses }

    /// The image this session reads unchanged chats from (the image cache asks whether it is still the one).
    var imageChats: ImageChats? { image }

    // MARK: Changing

    /// Makes room for `count` codings at once: a large import then allocates the tables once, not the old and
    /// the doubled one side by side at each growth.
    public mutating func reserveCapacity(codings count: Int) {
        heldChat.reserveCapacity(count)
    }

    /// Makes `chat`'s codings values held here (decoded from the image the first time it changes).
    private mutating func hold(_ chat: String) {
        guard held[chat] == nil else { return }
        var codings: [CodingID: Coding] = [:]
        if let image, let number = image.chatNumber[chat] {
            for coding in image.codings(ofChat: number) {
                codings[coding.id] = coding
                heldChat[coding.id] = chat
            }
        }
        held[chat] = codings
    }

    /// Applies one change; `SessionStore` journals it first.
    public mutating func apply(_ change: SessionChange) {
        switch change {
        case .coding(let id, _, let after):
            if let old = coding(id) {
                hold(old.chat)
                held[old.chat]![id] = nil
                heldChat[id] = nil
                codingCount -= 1
                if let relation = old.relation { count(relation, by: -1) }
            }
            if let new = after {
                hold(new.chat)
                held[new.chat]![id] = new
                heldChat[id] = new.chat
                codingCount += 1
                if let relation = new.relation { count(relation, by: 1) }
            }
        case .status(let chat, _, let after):
            statuses[chat] = after == .notStarted ? nil : after
        case .proposal(let id, _, let after):
            proposedCodes[id] = after
        case .attribute(let chat, let variable, _, let after):
            var values = attributes[chat] ?? [:]
            if let after { values[variable] = .some(after) } else { values[variable] = nil }
            attributes[chat] = values.isEmpty ? nil : values
        case .seen(let chat, let coder, _, let after):
            var marks = seen[chat] ?? [:]
            marks[coder] = after
            seen[chat] = marks.isEmpty ? nil : marks
        }
    }

    private mutating func count(_ relation: String, by delta: Int) {
        let uses = relationUses[relation, default: 0] + delta
        relationUses[relation] = uses > 0 ? uses : nil
    }

    public mutating func apply(_ changes: [SessionChange]) {
        for change in changes { apply(change) }
    }

    /// Whether `change` was computed against the current state (its `before` matches).
    public func accepts(_ change: SessionChange) -> Bool {
        switch change {
        case .coding(let id, let before, _): return coding(id) == before
        case .status(let chat, let before, _): return status(of: chat) == before
        case .proposal(let id, let before, _): return proposedCodes[id] == before
        case .attribute(let chat, let variable, let before, _): return attribute(variable, in: chat) == before
        case .seen(let chat, let coder, let before, _): return seen[chat]?[coder] == before
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
    /// A case attribute value the coder entered: nil when there is none, `.some(nil)` when marked unknown.
    case attribute(chat: String, variable: String, before: String??, after: String??)
    /// This coder saw `coder`'s codings of the chat (`SeenMark`); journalled as a `mark` record, which undo passes over.
    case seen(chat: String, coder: String, before: SeenMark?, after: SeenMark?)

    public var inverse: SessionChange {
        switch self {
        case .coding(let id, let before, let after): return .coding(id: id, before: after, after: before)
        case .status(let chat, let before, let after): return .status(chat: chat, before: after, after: before)
        case .proposal(let id, let before, let after): return .proposal(id: id, before: after, after: before)
        case .attribute(let chat, let variable, let before, let after): return .attribute(chat: chat, variable: variable, before: after, after: before)
        case .seen(let chat, let coder, let before, let after): return .seen(chat: chat, coder: coder, before: after, after: before)
        }
    }

    enum CodingKeys: String, CodingKey { case kind, id, chat, variable, before, after, coder }

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
        case "attribute":
            // A key absent: no value; null: marked unknown; a string: the value.
            func entered(_ key: CodingKeys) throws -> String?? {
                guard c.contains(key) else { return nil }
                return try c.decodeNil(forKey: key) ? .some(nil) : .some(try c.decode(String.self, forKey: key))
            }
            self = .attribute(chat: try c.decode(String.self, forKey: .chat), variable: try c.decode(String.self, forKey: .variable),
                              before: try entered(.before), after: try entered(.after))
        case "seen":
            self = .seen(chat: try c.decode(String.self, forKey: .chat), coder: try c.decode(String.self, forKey: .coder),
                         before: try c.decodeIfPresent(SeenMark.self, forKey: .before), after: try c.decodeIfPresent(SeenMark.self, forKey: .after))
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
        case .attribute(let chat, let variable, let before, let after):
            try c.encode("attribute", forKey: .kind)
            try c.encode(chat, forKey: .chat)
            try c.encode(variable, forKey: .variable)
            for (key, value) in [(CodingKeys.before, before), (.after, after)] {
                guard let value else { continue }
                if let text = value { try c.encode(text, forKey: key) } else { try c.encodeNil(forKey: key) }
            }
        case .seen(let chat, let coder, let before, let after):
            try c.encode("seen", forKey: .kind)
            try c.encode(chat, forKey: .chat)
            try c.encode(coder, forKey: .coder)
            try c.encodeIfPresent(before, forKey: .before)
            try c.encodeIfPresent(after, forKey: .after)
        }
    }
}

/// Times in Gloss files are whole seconds in UTC, so a value survives a round trip through JSON unchanged.
public enum Timestamp {
    public static func now() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }
}
