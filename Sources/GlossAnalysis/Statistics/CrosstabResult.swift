/// A crosstab and its tests, as `Crosstab.compute` makes it and `gloss stats crosstab` prints it.
///
/// JSON keys are the ones the format documents (`rows`, `columns`, `n`, `missing`, `counts`,
/// `column_percent`, `expected`, `chi2`, `cells`, `expected_below_5`, `fisher`, `chi2_yates`); every key is
/// always present, an undefined value is `null` (never NaN), and numbers keep full double precision.
/// Matrices are rows × columns in the declared order of the labels.
public struct CrosstabResult: Equatable, Sendable, Codable {
    /// Pearson's chi-square test of independence (no continuity correction).
    public struct ChiSquare: Equatable, Sendable, Codable {
        public var statistic: Double
        public var df: Int
        public var p: Double
    }

    /// One cell's test: the adjusted standardized residual and its two-sided normal p.
    public struct CellTest: Equatable, Sendable, Codable {
        public var adjustedResidual: Double
        public var p: Double
        enum CodingKeys: String, CodingKey {
            case adjustedResidual = "adjusted_residual"
            case p
        }
    }

    /// Fisher's exact test, two-sided (2 × 2 tables only).
    public struct Fisher: Equatable, Sendable, Codable {
        public var p: Double
    }

    /// Chi-square with Yates's continuity correction (2 × 2 tables only; df is 1).
    public struct YatesChiSquare: Equatable, Sendable, Codable {
        public var statistic: Double
        public var p: Double
    }

    /// Row labels (the categories of the row variable), in declared order.
    public var rows: [String]
    /// Column labels (the groups compared), in declared order.
    public var columns: [String]
    /// The cases counted: the sum of `counts`.
    public var n: Int
    /// Cases left out because a value was unknown (as the caller counted them).
    public var missing: Int
    public var counts: [[Int]]
    /// 100 × count / column total; nil in a column without cases.
    public var columnPercent: [[Double?]]
    /// Expected counts under independence, row total × column total / n; nil when n = 0.
    public var expected: [[Double]]?
    /// Nil when there is nothing to test: fewer than two rows or two columns with cases.
    public var chi2: ChiSquare?
    /// Per cell; nil in a row or column without cases, and everywhere when there is no test.
    public var cells: [[CellTest?]]
    /// How many tested cells have an expected count below 5; nil when there is no test.
    public var expectedBelow5: Int?
    /// Only when the tested table is 2 × 2.
    public var fisher: Fisher?
    /// Only when the tested table is 2 × 2.
    public var chi2Yates: YatesChiSquare?

    /// Rows without cases: shown, but left out of the tests.
    public var emptyRows: [String] { zip(rows, counts).filter { $0.1.allSatisfy { $0 == 0 } }.map(\.0) }

    /// Columns without cases: shown, but left out of the tests.
    public var emptyColumns: [String] {
        columns.indices.filter { j in counts.allSatisfy { $0[j] == 0 } }.map { columns[$0] }
    }

    /// Cases per column.
    public var columnTotals: [Int] { columns.indices.map { j in counts.reduce(0) { $0 + $1[j] } } }

    enum CodingKeys: String, CodingKey {
        case rows, columns, n, missing, counts, expected, chi2, cells, fisher
        case columnPercent = "column_percent"
        case expectedBelow5 = "expected_below_5"
        case chi2Yates = "chi2_yates"
    }

    /// Like the synthesized encoder, but an absent value is written as `null` rather than left out, so every
    /// output has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(n, forKey: .n)
        try container.encode(missing, forKey: .missing)
        try container.encode(counts, forKey: .counts)
        try container.encode(columnPercent, forKey: .columnPercent)
        try container.encode(expected, forKey: .expected)
        try container.encode(chi2, forKey: .chi2)
        try container.encode(cells, forKey: .cells)
        try container.encode(expectedBelow5, forKey: .expectedBelow5)
        try container.encode(fisher, forKey: .fisher)
        try container.encode(chi2Yates, forKey: .chi2Yates)
    }
}
