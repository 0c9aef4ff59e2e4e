/// What counting needs from one coder's session, and nothing else: the coder, the codebook revision, the
/// proposed codes (they are part of the code tree), chat statuses, and per coding its chat, span and codes.
/// No memo, relation, quoted text, coding id or time: a 200,000-coding session is tens of megabytes of JSON,
/// its digest a few megabytes of small integers (`SessionDigestFile`), kept in `cache/<coder>.digest`.
///
/// Chats and codes are numbered through sorted tables, and codings are kept in file order (chat, span, id),
/// so the codings of one chat are one contiguous run, in the order `Session.codings(in:)` gives them.
/// `SessionDigest(session)` is the one definition of what a digest holds; every count made from a digest
/// must equal the count made from the session it came from.
public struct SessionDigest: Equatable, Sendable {
    public var coder: String
    public var codebookRevision: Int
    public var proposedCodes: [CodeID: Code]
    /// The case attribute values the coder entered (`Session.attributes`): small, and what `gloss compare`
    /// and the commands that take `--coder` need of them without reading the session.
    public var attributes: [String: [String: String?]] = [:]
    /// The seen marks (`Session.seen`), for `gloss compare` to flag a chat recoded after seeing the other's codings.
    public var seen: [String: [String: SeenMark]] = [:]
    /// Every chat with a status or a coding, sorted.
    public private(set) var chats: [String]
    /// The status of each chat in `chats` (`notStarted` for a chat that only has codings).
    public private(set) var statuses: [ChatStatus]
    /// Every code a coding carries, sorted.
    public private(set) var codes: [CodeID]
    /// The codings in file order: chat (an index into `chats`) and span.
    public private(set) var codings: [Entry]
    /// The codes of coding `i` are `codeIndexes[codeStart[i] ..< codeStart[i + 1]]`, indexes into `codes`, in the
    /// order they were applied.
    public private(set) var codeStart: [Int32]
    public private(set) var codeIndexes: [Int32]
    /// The codings of chat `c` are `codings[chatStart[c] ..< chatStart[c + 1]]`.
    public private(set) var chatStart: [Int32]
    private var chatIndex: [String: Int32]

    /// One coding: which chat (an index into `chats`) and where.
    public struct Entry: Equatable, Sendable {
        public var chat: Int32
        public var span: Span
        public init(chat: Int32, span: Span) { self.chat = chat; self.span = span }
    }

    /// The digest of a session.
    public init(_ session: Session) {
        // One pass in file order over spans and codes only (from an image, no coding's strings are made); code
        // numbers follow once every code is known.
        let statusByChat = session.chatStatuses
        let chats = Set(statusByChat.keys).union(session.chatsWithCodings).sorted()
        let chatIndex = Dictionary(uniqueKeysWithValues: chats.enumerated().map { ($1, Int32($0)) })
        var entries: [Entry] = []
        entries.reserveCapacity(session.codingCount)
        var applied: [[CodeID]] = []
        applied.reserveCapacity(session.codingCount)
        var codeSet = Set<CodeID>()
        session.forEachSpan { chat, span, codes in
            entries.append(Entry(chat: chatIndex[chat]!, span: span))
            applied.append(codes)
            codeSet.formUnion(codes)
        }
        let codes = codeSet.sorted()
        let codeIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, Int32($0)) })
        var codeStart: [Int32] = [0]
        codeStart.reserveCapacity(entries.count + 1)
        var codeIndexes: [Int32] = []
        codeIndexes.reserveCapacity(entries.count)
        for list in applied {
            for code in list { codeIndexes.append(codeIndex[code]!) }
            codeStart.append(Int32(codeIndexes.count))
        }
        self.init(checked: (), coder: session.coder, codebookRevision: session.codebookRevision, proposedCodes: session.proposedCodes,
                  chats: chats, statuses: chats.map { statusByChat[$0] ?? .notStarted }, codes: codes,
                  codings: entries, codeStart: codeStart, codeIndexes: codeIndexes)
        attributes = session.attributes
        seen = session.seen
    }

    /// A digest from its parts (`SessionDigestFile` reading one back). Returns nil when they do not fit
    /// together: indexes out of range, codings not in chat order, a chat or code listed twice.
    init?(coder: String, codebookRevision: Int, proposedCodes: [CodeID: Code], chats: [String], statuses: [ChatStatus],
          codes: [CodeID], codings: [Entry], codeStart: [Int32], codeIndexes: [Int32]) {
        guard statuses.count == chats.count, codeStart.count == codings.count + 1, codeStart.first == 0,
              codeStart.last.map(Int.init) == codeIndexes.count,
              zip(chats, chats.dropFirst()).allSatisfy({ $0 < $1 }), zip(codes, codes.dropFirst()).allSatisfy({ $0 < $1 }),
              zip(codeStart, codeStart.dropFirst()).allSatisfy({ $0 <= $1 }),
              codeIndexes.allSatisfy({ $0 >= 0 && Int($0) < codes.count }),
              codings.allSatisfy({ $0.chat >= 0 && Int($0.chat) < chats.count }),
              zip(codings, codings.dropFirst()).allSatisfy({ $0.chat <= $1.chat })
        else { return nil }
        self.init(checked: (), coder: coder, codebookRevision: codebookRevision, proposedCodes: proposedCodes, chats: chats,
                  statuses: statuses, codes: codes, codings: codings, codeStart: codeStart, codeIndexes: codeIndexes)
    }

    /// From parts known to fit together.
    private init(checked: Void, coder: String, codebookRevision: Int, proposedCodes: [CodeID: Code], chats: [String],
                 statuses: [ChatStatus], codes: [CodeID], codings: [Entry], codeStart: [Int32], codeIndexes: [Int32]) {
        self.coder = coder
        self.codebookRevision = codebookRevision
        self.proposedCodes = proposedCodes
        self.chats = chats
        self.statuses = statuses
        self.codes = codes
        self.codings = codings
        self.codeStart = codeStart
        self.codeIndexes = codeIndexes
        var chatStart = [Int32](repeating: 0, count: chats.count + 1)
        for entry in codings { chatStart[Int(entry.chat) + 1] += 1 }
        for c in 0..<chats.count { chatStart[c + 1] += chatStart[c] }
        self.chatStart = chatStart
        chatIndex = Dictionary(uniqueKeysWithValues: chats.enumerated().map { ($1, Int32($0)) })
    }

    public static func == (a: SessionDigest, b: SessionDigest) -> Bool {
        a.coder == b.coder && a.codebookRevision == b.codebookRevision && a.proposedCodes == b.proposedCodes
            && a.chats == b.chats && a.statuses == b.statuses && a.codes == b.codes && a.codings == b.codings
            && a.attributes == b.attributes && a.seen == b.seen
            && a.codeStart == b.codeStart && a.codeIndexes == b.codeIndexes
    }

    // MARK: Reading

    public var codingCount: Int { codings.count }

    /// Chats whose status is not `notStarted`, with their status (as `Session.chatStatuses`).
    public var chatStatuses: [String: ChatStatus] {
        var result: [String: ChatStatus] = [:]
        for (chat, status) in zip(chats, statuses) where status != .notStarted { result[chat] = status }
        return result
    }

    public func status(of chat: String) -> ChatStatus {
        chatIndex[chat].map { statuses[Int($0)] } ?? .notStarted
    }

    /// The index of `chat` in `chats`, if the session mentions it.
    public func index(ofChat chat: String) -> Int? { chatIndex[chat].map(Int.init) }

    /// The indexes (into `codings`) of the codings of one chat, in file order.
    public func codings(inChat index: Int) -> Range<Int> { Int(chatStart[index])..<Int(chatStart[index + 1]) }

    /// The code indexes (into `codes`) of coding `i`.
    public func codeIndexes(ofCoding i: Int) -> ArraySlice<Int32> { codeIndexes[Int(codeStart[i])..<Int(codeStart[i + 1])] }

    /// The `SeenMark` fingerprint of the chat's codings now.
    public func fingerprint(ofChat chat: String) -> UInt32 {
        guard let index = index(ofChat: chat) else { return SeenMark.fingerprint([]) }
        return SeenMark.fingerprint(codings(inChat: index).map { (codings[$0].span, codeIndexes(ofCoding: $0).map { codes[Int($0)] }) })
    }
}
