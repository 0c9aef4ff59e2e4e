import GlossCore

/// One figure of the report, like the study's "Figuur 4. Dwangmiddelen (n = 67)".
///
/// - A category figure's bars are the category's direct sub-codes; a chat counts for a bar when it carries the
///   sub-code or any code below it. `n` is the number of chats that carry any code in the category (the
///   category code itself included) or any member of a joined group.
/// - A group figure's bars are the group's members (each with roll-up); `n` = chats with any member.
/// - A joined group is one bar ("a chat counts once if it has any member") in place of the members that would
///   be bars of the figure.
/// - `share` = 100 × n / chats coded (done or in progress); `percent` of a bar = 100 × chats / n.
/// A chat can count in several bars, so bars may add up to more than 100 %.
/// Definitions and a worked example: `docs/analysis.md`.
public struct Figure: Equatable, Sendable {
    public struct Bar: Equatable, Sendable {
        /// The bar's code; for a joined group's bar, `CodeID("group:" + name)` (see `group`).
        public var code: CodeID
        public var path: String
        public var label: String
        public var chats: Int
        /// 100 × chats / n; nil when n = 0.
        public var percent: Double?
        public var proposed: Bool
        /// For a joined group's bar: the group's name.
        public var group: String? = nil
        /// For a joined group's bar: its member codes (empty for a code's bar).
        public var members: [CodeID] = []
    }

    public var number: Int?
    public var title: String
    /// The category; for a group figure, `CodeID("group:" + name)` (see `group`).
    public var category: CodeID
    /// The category's path; for a group figure, the group's name.
    public var categoryPath: String
    /// For a group figure: the group's name.
    public var group: String?
    public var n: Int
    public var chatsCoded: Int
    /// 100 × n / chats coded; nil when no chat is coded.
    public var share: Double?
    public var status: StatusCounts
    /// The bars to draw, in the figure's order (without the folded or hidden zeros).
    public var bars: [Bar]
    /// With `zeros: .fold`: the bars with no chats, summed up in `foldedLine` instead of drawn.
    public var folded: [Bar] = []
    /// Codes in the session that the codebook no longer has, with their number of quotes.
    public var unknownCodes: [CodeID: Int]

    /// "3 codes without chats" when zero bars are folded; nil otherwise.
    public var foldedLine: String? {
        folded.isEmpty ? nil : folded.count == 1 ? "1 code without chats" : "\(folded.count) codes without chats"
    }

    /// The shape of a figure's bars: order, zeros, joined groups.
    public struct Shape: Equatable, Sendable {
        public var order: FigureBarOrder
        public var declared: [CodeID]
        public var zeros: FigureZeros
        /// Groups shown as one bar each (members already resolved).
        public var joins: [CodeGroup]

        public init(order: FigureBarOrder = .count, declared: [CodeID] = [], zeros: FigureZeros = .show, joins: [CodeGroup] = []) {
            self.order = order
            self.declared = declared
            self.zeros = zeros
            self.joins = joins
        }
    }

    /// Computes a category figure from the index; `hideEmpty` drops bars with no chats (as `zeros: .hide`).
    public init(number: Int?, title: String, category: CodeID, hierarchy: CodeHierarchy, index: FrequencyIndex,
                totalChats: Int, hideEmpty: Bool = false, shape: Shape = Shape()) {
        let joins = shape.joins
        let joined = Set(joins.flatMap(\.codes))
        let n = joins.isEmpty ? index.chats(with: category) : index.chats(withAny: [category] + joins.flatMap(\.codes))
        var bars = hierarchy.children(of: category).filter { !joined.contains($0) }.map { Self.codeBar($0, hierarchy: hierarchy, index: index, n: n) }
        bars += joins.map { group in
            let chats = index.chats(withAny: group.codes)
            return Bar(code: CodeID("group:" + group.name), path: group.name, label: group.name, chats: chats,
                       percent: n == 0 ? nil : 100 * Double(chats) / Double(n), proposed: false, group: group.name, members: group.codes)
        }
        self.init(number: number, title: title, category: category, categoryPath: hierarchy.path(of: category) ?? category.rawValue,
                  group: nil, n: n, bars: bars, hierarchy: hierarchy, index: index, totalChats: totalChats, hideEmpty: hideEmpty, shape: shape)
    }

    /// Computes a group figure: the members are the bars, n = chats with any member.
    public init(number: Int?, title: String, group: CodeGroup, hierarchy: CodeHierarchy, index: FrequencyIndex,
                totalChats: Int, hideEmpty: Bool = false, shape: Shape = Shape()) {
        let n = index.chats(withAny: group.codes)
        let bars = group.codes.map { Self.codeBar($0, hierarchy: hierarchy, index: index, n: n) }
        var shape = shape
        if shape.order == .declared && shape.declared.isEmpty { shape.declared = group.codes }  // a group's own order
        self.init(number: number, title: title, category: CodeID("group:" + group.name), categoryPath: group.name, group: group.name,
                  n: n, bars: bars, hierarchy: hierarchy, index: index, totalChats: totalChats, hideEmpty: hideEmpty, shape: shape)
    }

    private init(number: Int?, title: String, category: CodeID, categoryPath: String, group: String?, n: Int, bars: [Bar],
                 hierarchy: CodeHierarchy, index: FrequencyIndex, totalChats: Int, hideEmpty: Bool, shape: Shape) {
        self.number = number
        self.title = title
        self.category = category
        self.categoryPath = categoryPath
        self.group = group
        self.n = n
        chatsCoded = index.chatsCoded
        share = chatsCoded == 0 ? nil : 100 * Double(n) / Double(chatsCoded)
        status = index.statusCounts(totalChats: totalChats)
        unknownCodes = index.unknownCodes
        var bars = Self.ordered(bars, shape: shape, hierarchy: hierarchy)
        let zeros = hideEmpty ? .hide : shape.zeros
        if zeros != .show {
            if zeros == .fold { folded = bars.filter { $0.chats == 0 } }
            bars.removeAll { $0.chats == 0 }
        }
        self.bars = bars
    }

    private static func codeBar(_ code: CodeID, hierarchy: CodeHierarchy, index: FrequencyIndex, n: Int) -> Bar {
        let chats = index.chats(with: code)
        return Bar(code: code, path: hierarchy.path(of: code) ?? code.rawValue, label: hierarchy.code(code)?.name ?? code.rawValue,
                   chats: chats, percent: n == 0 ? nil : 100 * Double(chats) / Double(n), proposed: hierarchy.isProposed(code))
    }

    /// Bars in the shape's order. A bar's codebook rank is its code's place in the codebook (a joined bar: its
    /// first member's); `.count` sorts by chats, ties by that rank; `.declared` puts the declared codes first in
    /// their order (a joined bar where its first declared member is), the rest after in codebook order.
    static func ordered(_ bars: [Bar], shape: Shape, hierarchy: CodeHierarchy) -> [Bar] {
        func codes(_ bar: Bar) -> [CodeID] { bar.members.isEmpty ? [bar.code] : bar.members }
        let rank = bars.map { bar in codes(bar).map { hierarchy.order(of: $0) }.min() ?? Int.max }
        let declaredPlace = Dictionary(shape.declared.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let keys: [(Int, Int)] = bars.indices.map { i in
            switch shape.order {
            case .count: return (-bars[i].chats, rank[i])
            case .codebook: return (rank[i], 0)
            case .declared:
                let place = codes(bars[i]).compactMap { declaredPlace[$0] }.min()
                return place.map { ($0, 0) } ?? (shape.declared.count, rank[i])
            }
        }
        return bars.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }.map { bars[$0] }
    }

    /// The project's figure definitions, resolved; a definition whose category or group is not there is
    /// returned as an error message instead.
    public static func figures(for definitions: [FigureDefinition], groups: [CodeGroup] = [], hierarchy: CodeHierarchy,
                               index: FrequencyIndex, totalChats: Int, hideEmpty: Bool = false) -> [Result<Figure, GlossError>] {
        definitions.map { figure(for: $0, groups: groups, hierarchy: hierarchy, index: index, totalChats: totalChats, hideEmpty: hideEmpty) }
    }

    /// One figure definition, resolved (see `figures(for:…)`).
    public static func figure(for definition: FigureDefinition, groups: [CodeGroup], hierarchy: CodeHierarchy,
                              index: FrequencyIndex, totalChats: Int, hideEmpty: Bool = false) -> Result<Figure, GlossError> {
        let place = "figure \(definition.number)"
        func group(_ name: String) throws -> CodeGroup {
            guard let group = groups.first(where: { $0.name == name }) else {
                throw GlossError(place: place, "no code group \(GlossError.quoted(name)) (see gloss group list)")
            }
            if let missing = group.codes.first(where: { !hierarchy.contains($0) }) {
                throw GlossError(place: place, "the group \(GlossError.quoted(name)) has a code (id \(GlossError.quoted(missing.rawValue))) that is not in the codebook")
            }
            return group
        }
        do {
            let shape = Shape(order: definition.order, declared: definition.declared, zeros: definition.zeros, joins: try definition.joins.map(group))
            switch definition.subject {
            case .group(let name):
                return .success(Figure(number: definition.number, title: definition.title, group: try group(name), hierarchy: hierarchy,
                                       index: index, totalChats: totalChats, hideEmpty: hideEmpty, shape: shape))
            case .code(let id):
                guard hierarchy.contains(id) else {
                    throw GlossError(place: place, "its category (id \(GlossError.quoted(id.rawValue))) is not in the codebook")
                }
                return .success(Figure(number: definition.number, title: definition.title, category: id, hierarchy: hierarchy,
                                       index: index, totalChats: totalChats, hideEmpty: hideEmpty, shape: shape))
            case .categoryPath(let path):
                guard let id = hierarchy.resolve(path) else {
                    throw GlossError(place: place, "no code \(GlossError.quoted(path)) in the codebook")
                }
                return .success(Figure(number: definition.number, title: definition.title, category: id, hierarchy: hierarchy,
                                       index: index, totalChats: totalChats, hideEmpty: hideEmpty, shape: shape))
            }
        } catch let error as GlossError {
            return .failure(error)
        } catch {
            return .failure(GlossError(place: place, "\(error)"))
        }
    }
}
