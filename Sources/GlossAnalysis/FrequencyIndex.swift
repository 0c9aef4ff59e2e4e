import GlossCore

/// Per-chat, per-code counts of one session, kept up to date one change at a time.
///
/// The unit of the study's figures is the chat: a chat counts once for a code however many quotes carry it,
/// and it counts for a code when it carries the code or any code below it (roll-up). This index keeps, per
/// chat, how many (quote, code) applications fall on each code and on each ancestor, and per code how many
/// chats have a non-zero count, so adding or removing one coding costs O(codes on it × depth) and a figure is
/// read off in O(bars). A full recount is `FrequencyIndex(hierarchy:session:)`; both must always agree.
public struct FrequencyIndex: Equatable, Sendable {
    // Codes are numbered (slots) once, from the hierarchy, and each chat has two arrays of counts indexed by
    // slot, so an update is array arithmetic instead of nested dictionary writes (a full recount of 200,000
    // codings is several times faster this way).
    private let hierarchy: CodeHierarchy
    private let slotOf: [CodeID: Int]
    private let idOf: [CodeID]
    /// Each slot's own slot followed by its ancestors' slots, flat: slot `s` owns
    /// `lineage[lineageStart[s] ..< lineageStart[s + 1]]` (no array to retain per update).
    private let lineage: [Int]
    private let lineageStart: [Int]
    private var chatSlot: [String: Int] = [:]
    private var chatIDs: [String] = []
    /// Counts per chat and slot, flat: chat row `c` is `c * idOf.count ..< (c + 1) * idOf.count`.
    private var directCounts: [Int32] = []
    private var rolledCounts: [Int32] = []
    /// One chat row of zeros, appended (a copy, not an element at a time) when a chat gets its row.
    private let zeroRow: [Int32]
    private var chatsWithSlot: [Int]
    private var chatsWithSlotDirectly: [Int]
    private var quotesWithSlot: [Int]

    /// Codes in the session that are in neither the codebook nor the proposals: code → quotes. Reported, never
    /// counted silently.
    public private(set) var unknownCodes: [CodeID: Int] = [:]
    /// Chat statuses of the session (only chats that are not "not started").
    public private(set) var statuses: [String: ChatStatus] = [:]

    /// The empty index.
    public init(hierarchy: CodeHierarchy) {
        self.hierarchy = hierarchy
        let ids = hierarchy.codebook.codes.map(\.id) + hierarchy.proposed.keys.sorted()
        idOf = ids
        let slots = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        slotOf = slots
        let lines = ids.map { id in [slots[id]!] + hierarchy.ancestors(of: id).compactMap { slots[$0] } }
        lineage = lines.flatMap { $0 }
        lineageStart = lines.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        zeroRow = Array(repeating: 0, count: ids.count)
        chatsWithSlot = Array(repeating: 0, count: ids.count)
        chatsWithSlotDirectly = Array(repeating: 0, count: ids.count)
        quotesWithSlot = Array(repeating: 0, count: ids.count)
    }

    /// A full count of `session`.
    public init(hierarchy: CodeHierarchy, session: Session) {
        var index = FrequencyIndex(hierarchy: hierarchy)
        // forEach borrows each coding instead of copying it out of the dictionary (no retain/release of its
        // strings), which is most of the cost of a recount.
        session.forEachCoding { index.add($0) }
        index.statuses = session.chatStatuses
        self = index
    }

    /// A full count of a session digest: the same index as `init(hierarchy:session:)` on the session it came
    /// from, without a `Coding` (or a string) per coding. Codes and chats are looked up once per table entry.
    public init(hierarchy: CodeHierarchy, digest: SessionDigest) {
        var index = FrequencyIndex(hierarchy: hierarchy)
        let slots = digest.codes.map { index.slotOf[$0] }
        var rowOfChat = [Int](repeating: -1, count: digest.chats.count)
        // Room for every chat with codings at once: growing the flat count arrays chat by chat copied them
        // again and again (a tenth of `gloss report` at 10,000 chats).
        let chatsWithCodings = (0..<digest.chats.count).count { !digest.codings(inChat: $0).isEmpty }
        index.chatSlot.reserveCapacity(chatsWithCodings)
        index.chatIDs.reserveCapacity(chatsWithCodings)
        index.directCounts.reserveCapacity(chatsWithCodings * index.idOf.count)
        index.rolledCounts.reserveCapacity(chatsWithCodings * index.idOf.count)
        for (i, entry) in digest.codings.enumerated() {
            let chat = Int(entry.chat)
            if rowOfChat[chat] < 0 { rowOfChat[chat] = index.slot(forChat: digest.chats[chat]) * index.idOf.count }
            let row = rowOfChat[chat]
            for code in digest.codeIndexes(ofCoding: i) {
                // Known codes are counted by slot alone (no code name passed, retained and released per coding).
                if let slot = slots[Int(code)] {
                    index.count(row: row, slot: slot, by: 1)
                } else {
                    index.adjust(row: row, slot: nil, code: digest.codes[Int(code)], by: 1)
                }
            }
        }
        index.statuses = digest.chatStatuses
        self = index
    }

    /// The same counts under a new hierarchy (a code proposed, the codebook changed): each chat's direct counts
    /// moved to the new slots and rolled up again, with no recount of the session's codings (which a session
    /// read from its image would have to decode, every chat). Nil when a code this index did not know is known
    /// in `hierarchy` (its applications were kept per code, not per chat): then the caller recounts.
    public func rebuilt(for hierarchy: CodeHierarchy) -> FrequencyIndex? {
        var index = FrequencyIndex(hierarchy: hierarchy)
        guard !unknownCodes.keys.contains(where: { index.slotOf[$0] != nil }) else { return nil }
        let newSlot = idOf.map { index.slotOf[$0] }
        for (c, chat) in chatIDs.enumerated() {
            let row = c * idOf.count
            var newRow: Int?
            for s in idOf.indices where directCounts[row + s] != 0 {
                if newRow == nil { newRow = index.slot(forChat: chat) * index.idOf.count }
                index.adjust(row: newRow!, slot: newSlot[s], code: idOf[s], by: Int(directCounts[row + s]))
            }
        }
        for (code, quotes) in unknownCodes { index.unknownCodes[code, default: 0] += quotes }
        index.statuses = statuses
        return index
    }

    public static func == (a: FrequencyIndex, b: FrequencyIndex) -> Bool {
        a.rolled == b.rolled && a.direct == b.direct && a.chatsWithCode == b.chatsWithCode
            && a.chatsWithCodeDirectly == b.chatsWithCodeDirectly && a.quotesWithCode == b.quotesWithCode
            && a.unknownCodes.filter { $0.value != 0 } == b.unknownCodes.filter { $0.value != 0 }
            && a.statuses == b.statuses
    }

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
        case .attribute, .seen:
            break  // a case attribute or a seen mark counts no code
        }
    }

    public mutating func add(_ coding: Coding) { adjust(coding, by: 1) }
    public mutating func remove(_ coding: Coding) { adjust(coding, by: -1) }

    private mutating func slot(forChat chat: String) -> Int {
        if let slot = chatSlot[chat] { return slot }
        let slot = chatIDs.count
        chatSlot[chat] = slot
        chatIDs.append(chat)
        directCounts.append(contentsOf: zeroRow)
        rolledCounts.append(contentsOf: zeroRow)
        return slot
    }

    private mutating func adjust(_ coding: Coding, by delta: Int) {
        let row = slot(forChat: coding.chat) * idOf.count
        for code in coding.codes { adjust(row: row, slot: slotOf[code], code: code, by: delta) }
    }

    /// One application of `code` (its slot, nil when the tree lacks it) in the chat whose counts start at `row`.
    private mutating func adjust(row: Int, slot: Int?, code: CodeID, by delta: Int) {
        guard let slot else {
            unknownCodes[code, default: 0] += delta
            if unknownCodes[code] == 0 { unknownCodes[code] = nil }
            return
        }
        count(row: row, slot: slot, by: delta)
    }

    /// One application of the code in `slot` in the chat whose counts start at `row`: its own counts and its
    /// ancestors' rolled-up counts.
    @inline(__always)
    private mutating func count(row: Int, slot: Int, by delta: Int) {
        let step = Int32(delta)
        quotesWithSlot[slot] += delta
        let before = directCounts[row + slot]
        directCounts[row + slot] = before + step
        if before == 0 && step > 0 { chatsWithSlotDirectly[slot] += 1 }
        if before > 0 && before + step == 0 { chatsWithSlotDirectly[slot] -= 1 }
        for position in lineageStart[slot]..<lineageStart[slot + 1] {
            let target = lineage[position]
            let was = rolledCounts[row + target]
            rolledCounts[row + target] = was + step
            if was == 0 && step > 0 { chatsWithSlot[target] += 1 }
            if was > 0 && was + step == 0 { chatsWithSlot[target] -= 1 }
        }
    }

    // MARK: Reading

    /// Chats that carry `code` or a code below it.
    public func chats(with code: CodeID) -> Int { slotOf[code].map { chatsWithSlot[$0] } ?? 0 }
    /// The chats that carry `code` or a code below it, in no particular order: where a code's quotes are, so
    /// finding them decodes those chats only.
    public func chatIDs(carrying code: CodeID) -> [String] {
        guard let s = slotOf[code] else { return [] }
        return chatIDs.indices.filter { rolledCounts[$0 * idOf.count + s] > 0 }.map { chatIDs[$0] }
    }
    /// Whether `chat` carries `code` or a code below it.
    public func chat(_ chat: String, carries code: CodeID) -> Bool {
        guard let c = chatSlot[chat], let s = slotOf[code] else { return false }
        return rolledCounts[c * idOf.count + s] > 0
    }
    /// Whether each of `chats` carries each of `codes` (with roll-up), row after row (`chats.count × codes.count`).
    /// One slot look-up per chat and per code rather than two per cell: the matrix of 10,000 chats × 120
    /// codes is read straight off the flat counts.
    public func presence(chats: [String], codes: [CodeID]) -> [Bool] {
        let columns = codes.map { slotOf[$0] }
        let width = idOf.count
        var cells = [Bool](repeating: false, count: chats.count * codes.count)
        cells.withUnsafeMutableBufferPointer { out in
            rolledCounts.withUnsafeBufferPointer { counts in
                for (row, chat) in chats.enumerated() {
                    guard let c = chatSlot[chat] else { continue }
                    let base = c * width, start = row * columns.count
                    for (column, slot) in columns.enumerated() where slot != nil {
                        out[start + column] = counts[base + slot!] > 0
                    }
                }
            }
        }
        return cells
    }
    /// Chats that carry any of `codes` (each with roll-up), each chat counted once: a code group's bar and n.
    /// Read off the per-chat rolled counts, one row at a time, not by walking codings.
    public func chats(withAny codes: [CodeID]) -> Int {
        let slots = Array(Set(codes.compactMap { slotOf[$0] }))
        guard !slots.isEmpty else { return 0 }
        if slots.count == 1 { return chatsWithSlot[slots[0]] }
        let width = idOf.count
        return rolledCounts.withUnsafeBufferPointer { counts in
            chatIDs.indices.reduce(0) { total, c in
                total + (slots.contains { counts[c * width + $0] > 0 } ? 1 : 0)
            }
        }
    }
    /// Quotes in `chat` that carry `code` itself.
    public func quotes(in chat: String, with code: CodeID) -> Int {
        guard let c = chatSlot[chat], let s = slotOf[code] else { return 0 }
        return Int(directCounts[c * idOf.count + s])
    }

    /// Chats with at least one code the index knows.
    public var chatsWithCodes: [String] {
        chatIDs.indices.filter { c in rolledCounts[(c * idOf.count)..<((c + 1) * idOf.count)].contains { $0 > 0 } }.map { chatIDs[$0] }
    }

    private func view(_ counts: [Int32]) -> [String: [CodeID: Int]] {
        var result: [String: [CodeID: Int]] = [:]
        for c in chatIDs.indices {
            var entries: [CodeID: Int] = [:]
            for s in idOf.indices where counts[c * idOf.count + s] != 0 { entries[idOf[s]] = Int(counts[c * idOf.count + s]) }
            if !entries.isEmpty { result[chatIDs[c]] = entries }
        }
        return result
    }

    private func view(_ counts: [Int]) -> [CodeID: Int] {
        var result: [CodeID: Int] = [:]
        for (s, n) in counts.enumerated() where n != 0 { result[idOf[s]] = n }
        return result
    }

    /// Direct applications: chat → code → number of quotes in the chat that carry the code itself (non-zero only).
    public var direct: [String: [CodeID: Int]] { view(directCounts) }
    /// Rolled up: chat → code → applications of the code or of any code below it (non-zero only).
    public var rolled: [String: [CodeID: Int]] { view(rolledCounts) }
    /// Code → number of chats whose rolled-up count is non-zero.
    public var chatsWithCode: [CodeID: Int] { view(chatsWithSlot) }
    /// Code → number of chats that carry the code itself.
    public var chatsWithCodeDirectly: [CodeID: Int] { view(chatsWithSlotDirectly) }
    /// Code → number of quotes that carry the code itself.
    public var quotesWithCode: [CodeID: Int] { view(quotesWithSlot) }

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
