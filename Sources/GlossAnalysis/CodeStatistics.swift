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
    public struct Matrix: Equatable, Sendable {
        public var codes: [CodeID]
        public var chats: [String]
        /// Row after row, `codes.count` cells a row: one flat array, not an array per chat.
        public var presence: [Bool]

        /// Row `row` (chat `chats[row]`), one cell per code.
        public func row(_ row: Int) -> ArraySlice<Bool> { presence[(row * codes.count)..<((row + 1) * codes.count)] }
        /// Every row as its own array.
        public var cells: [[Bool]] { chats.indices.map { Array(row($0)) } }
    }

    public static func matrix(hierarchy: CodeHierarchy, index: FrequencyIndex, allLevels: Bool) -> Matrix {
        let all = (hierarchy.codebook.codes.map(\.id) + hierarchy.proposed.keys.sorted()).filter { hierarchy.contains($0) }
        let codes = (allLevels ? all : all.filter { hierarchy.children(of: $0).isEmpty }).sorted { hierarchy.order(of: $0) < hierarchy.order(of: $1) }
        let chats = index.statuses.filter { $0.value != .notStarted }.map(\.key).sorted()
        return Matrix(codes: codes, chats: chats, presence: index.presence(chats: chats, codes: codes))
    }
}
