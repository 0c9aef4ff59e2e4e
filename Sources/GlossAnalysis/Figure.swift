import GlossCore

/// One figure of the report, like the study's "Figuur 4. Dwangmiddelen (n = 67)".
///
/// - The bars are the category's direct sub-codes; a chat counts for a bar when it carries the sub-code or
///   any code below it.
/// - `n` is the number of chats that carry any code in the category (the category code itself included).
/// - `share` = 100 × n / chats coded (done or in progress); `percent` of a bar = 100 × chats / n.
/// A chat can count in several bars, so bars may add up to more than 100 %.
/// Definitions and a worked example: `docs/analysis.md`.
public struct Figure: Equatable, Sendable {
    public struct Bar: Equatable, Sendable {
        public var code: CodeID
        public var path: String
        public var label: String
        public var chats: Int
        /// 100 × chats / n; nil when n = 0.
        public var percent: Double?
        public var proposed: Bool
    }

    public var number: Int?
    public var title: String
    public var category: CodeID
    public var categoryPath: String
    public var n: Int
    public var chatsCoded: Int
    /// 100 × n / chats coded; nil when no chat is coded.
    public var share: Double?
    public var status: StatusCounts
    public var bars: [Bar]
    /// Codes in the session that the codebook no longer has, with their number of quotes.
    public var unknownCodes: [CodeID: Int]

    /// Computes a figure from the index; `hideEmpty` drops bars with no chats.
    public init(number: Int?, title: String, category: CodeID, hierarchy: CodeHierarchy, index: FrequencyIndex,
                totalChats: Int, hideEmpty: Bool = false) {
        self.number = number
        self.title = title
        self.category = category
        self.categoryPath = hierarchy.path(of: category) ?? category.rawValue
        n = index.chats(with: category)
        chatsCoded = index.chatsCoded
        share = chatsCoded == 0 ? nil : 100 * Double(n) / Double(chatsCoded)
        status = index.statusCounts(totalChats: totalChats)
        unknownCodes = index.unknownCodes
        let n = self.n
        let children = hierarchy.children(of: category)
        var bars = children.map { child -> Bar in
            let chats = index.chats(with: child)
            return Bar(code: child, path: hierarchy.path(of: child) ?? child.rawValue, label: hierarchy.code(child)?.name ?? child.rawValue,
                       chats: chats, percent: n == 0 ? nil : 100 * Double(chats) / Double(n), proposed: hierarchy.isProposed(child))
        }
        let order = Dictionary(uniqueKeysWithValues: children.map { ($0, hierarchy.order(of: $0)) })
        bars.sort { ($0.chats, -order[$0.code]!) > ($1.chats, -order[$1.code]!) }
        if hideEmpty { bars.removeAll { $0.chats == 0 } }
        self.bars = bars
    }

    /// The project's figure definitions, resolved; a definition whose category is not in the codebook is
    /// returned as an error message instead.
    public static func figures(for definitions: [FigureDefinition], hierarchy: CodeHierarchy, index: FrequencyIndex,
                               totalChats: Int, hideEmpty: Bool = false) -> [Result<Figure, GlossError>] {
        definitions.map { definition in
            guard let category = hierarchy.resolve(definition.category) else {
                return .failure(GlossError(place: "figure \(definition.number)", "no code \(GlossError.quoted(definition.category)) in the codebook"))
            }
            return .success(Figure(number: definition.number, title: definition.title, category: category, hierarchy: hierarchy,
                                   index: index, totalChats: totalChats, hideEmpty: hideEmpty))
        }
    }
}
