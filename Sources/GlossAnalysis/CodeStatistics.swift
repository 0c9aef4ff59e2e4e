import GlossCore

/// Counts over a whole session that the report and later features share: co-occurrence and the
/// chat × code matrix. Pure functions of a session and the code tree.
public enum CodeStatistics {
    /// Chats that carry both codes (each with roll-up), and quotes that carry both codes themselves.
    public struct CoOccurrence: Equatable, Sendable {
        public var chats: Int
        public var quotes: Int

        public init(chats: Int, quotes: Int) {
            self.chats = chats
            self.quotes = quotes
        }
    }

    public static func coOccurrence(_ a: CodeID, _ b: CodeID, session: Session, index: FrequencyIndex) -> CoOccurrence {
        let chats = index.chatsWithCodes.filter { index.chat($0, carries: a) && index.chat($0, carries: b) }.count
        var quotes = 0
        session.forEachCoding { if $0.codes.contains(a) && $0.codes.contains(b) { quotes += 1 } }
        return CoOccurrence(chats: chats, quotes: quotes)
    }

    /// Chat × code presence after roll-up, one row per chat coded (done or in progress), in chat order, so a
    /// 0 always means "looked, not found". Columns: leaf codes, or every code with `allLevels`, in codebook order.
    /// The matrix never hides a coding: with leaf columns, a category coded directly (a coding on the category
    /// itself, in a chat of the matrix) gets a column of its own, "PATH (itself)", just before its sub-codes,
    /// 1 when the chat has a coding on the category itself (no roll-up). `--all-levels` needs none: every code's
    /// column counts its own codings.
    public struct Matrix: Equatable, Sendable {
        public var codes: [CodeID]
        public var chats: [String]
        /// Row after row, `codes.count` cells a row: one flat array, not an array per chat.
        public var presence: [Bool]
        /// Per column: true when it counts only the codings on the code itself (a category's "(itself)" column).
        public var itself: [Bool] = []

        /// Row `row` (chat `chats[row]`), one cell per code.
        public func row(_ row: Int) -> ArraySlice<Bool> { presence[(row * codes.count)..<((row + 1) * codes.count)] }
        /// Every row as its own array.
        public var cells: [[Bool]] { chats.indices.map { Array(row($0)) } }
        /// Whether column `column` is a category's "(itself)" column.
        public func isItself(_ column: Int) -> Bool { column < itself.count && itself[column] }
    }

    public static func matrix(hierarchy: CodeHierarchy, index: FrequencyIndex, allLevels: Bool) -> Matrix {
        let all = (hierarchy.codebook.codes.map(\.id) + hierarchy.proposed.keys.sorted()).filter { hierarchy.contains($0) }
        let chats = index.statuses.filter { $0.value != .notStarted }.map(\.key).sorted()
        let byOrder = { (a: CodeID, b: CodeID) in hierarchy.order(of: a) < hierarchy.order(of: b) }
        if allLevels {
            let codes = all.sorted(by: byOrder)
            return Matrix(codes: codes, chats: chats, presence: index.presence(chats: chats, codes: codes), itself: codes.map { _ in false })
        }
        let leaves = all.filter { hierarchy.children(of: $0).isEmpty }
        let coded = index.chatsWithCodeDirectly
        let direct = all.filter { !hierarchy.children(of: $0).isEmpty && (coded[$0] ?? 0) > 0 }
            .filter { category in chats.contains { index.quotes(in: $0, with: category) > 0 } }
        let columns = (leaves.map { ($0, false) } + direct.map { ($0, true) }).sorted { byOrder($0.0, $1.0) }
        let codes = columns.map(\.0)
        var presence = index.presence(chats: chats, codes: codes)
        for (column, (code, isItself)) in columns.enumerated() where isItself {
            for (row, chat) in chats.enumerated() { presence[row * codes.count + column] = index.quotes(in: chat, with: code) > 0 }
        }
        return Matrix(codes: codes, chats: chats, presence: presence, itself: columns.map(\.1))
    }
}
