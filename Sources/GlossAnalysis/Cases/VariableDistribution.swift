import GlossCore

/// How the cases spread over the values of one variable: the study's figures 1–3 ("Leeftijd (n = 104)").
///
/// - n = the cases whose value is known; `missing` = the cases counted whose value is unknown (footnote 14:
///   every n counts only known values).
/// - Bars: an ordinal or derived variable's declared order, a category's declared values in their order, every
///   one shown (zero too); never re-sorted by count. Otherwise (a category without declared values, a number)
///   the values the counted cases hold, alphabetically or ascending.
/// - percent = 100 × cases / n (nil when n = 0). Each case counts in one bar, so the bars add up to n.
public struct VariableDistribution: Equatable, Sendable {
    public struct Bar: Equatable, Sendable {
        public var label: String
        public var cases: Int
        /// 100 × cases / n; nil when n = 0.
        public var percent: Double?
    }

    public var variable: String
    public var type: VariableType
    public var n: Int
    public var missing: Int
    public var bars: [Bar]

    /// The distribution of `variable` over `cases` (ids of `table`; all of them when nil).
    public init(_ variable: CaseVariable, table: CaseTable, cases: [String]? = nil) {
        let counted = cases ?? table.caseIDs
        var counts: [String: Int] = [:]
        var missing = 0
        for id in counted {
            if let value = table.value(of: variable.name, in: id) { counts[CaseTable.label(of: value), default: 0] += 1 } else { missing += 1 }
        }
        let labels: [String]
        if variable.hasDeclaredOrder {
            labels = variable.labels
        } else if variable.type == .number {
            labels = counts.keys.compactMap { key in CaseNumber.parse(key).map { (key, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
        } else {
            labels = counts.keys.sorted()
        }
        let n = counted.count - missing
        self.variable = variable.name
        self.type = variable.type
        self.n = n
        self.missing = missing
        bars = labels.map { Bar(label: $0, cases: counts[$0] ?? 0, percent: n == 0 ? nil : 100 * Double(counts[$0] ?? 0) / Double(n)) }
    }
}

/// A figure on a variable from `project.json` (`{"number": 1, "title": "Leeftijd", "variable": "leeftijdsgroep"}`):
/// what `gloss report` prints and what the workbench's figures pane can draw next to figures 4–6.
public struct VariableFigure: Equatable, Sendable {
    public var number: Int
    public var title: String
    public var distribution: VariableDistribution

    /// `number` 0 for a distribution shown without a figure number (`--variable`).
    public init(number: Int, title: String, distribution: VariableDistribution) {
        self.number = number
        self.title = title
        self.distribution = distribution
    }

    /// The project's variable figures over `cases` (all cases when nil), in number order; a figure whose
    /// variable the project does not have is an error naming the figure instead.
    public static func figures(for definitions: [VariableFigureDefinition], table: CaseTable,
                               cases: [String]? = nil) -> [Result<VariableFigure, GlossError>] {
        definitions.sorted { $0.number < $1.number }.map { definition in
            guard let variable = table.variable(definition.variable) else {
                return .failure(GlossError(place: "figure \(definition.number)", "no variable \(GlossError.quoted(definition.variable)) in the project"))
            }
            return .success(VariableFigure(number: definition.number, title: definition.title,
                                           distribution: VariableDistribution(variable, table: table, cases: cases)))
        }
    }
}
