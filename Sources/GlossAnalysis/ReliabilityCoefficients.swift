/// Krippendorff's α (nominal) and Fleiss' κ in their general form: any number of coders, any number of
/// categories, α with missing values. The chat × code pipeline (`MultiCoderAgreement`) counts presence in
/// integers and calls `PresenceTally`; these general forms are what the published worked examples check
/// (Krippendorff 2011, 4 coders × 12 units with missing values; Fleiss 1971). Formulas: `docs/analysis.md`.
public enum ReliabilityCoefficients {
    /// Krippendorff's α for nominal data from the coincidence matrix (Krippendorff 2011, section C).
    /// `units[u]` holds the values the coders gave unit u, `nil` where a coder gave none. Units with fewer
    /// than two values are not pairable and are left out. nil ("undefined") when fewer than two pairable
    /// values remain or every pairable value is the same (D_e = 0).
    public static func krippendorffAlphaNominal(_ units: [[Int?]]) -> Double? {
        var coincidence: [Pair: Double] = [:]
        for unit in units {
            let values = unit.compactMap { $0 }
            let m = values.count
            guard m >= 2 else { continue }
            for (i, c) in values.enumerated() {
                for (j, k) in values.enumerated() where i != j {
                    coincidence[Pair(c, k), default: 0] += 1 / Double(m - 1)
                }
            }
        }
        var totals: [Int: Double] = [:]
        for (pair, count) in coincidence { totals[pair.c, default: 0] += count }
        let n = totals.values.reduce(0, +)
        let observed = coincidence.filter { $0.key.c != $0.key.k }.values.reduce(0, +)
        var expected = 0.0
        for (c, nc) in totals { for (k, nk) in totals where c != k { expected += nc * nk } }
        guard n > 1, expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }

    /// Fleiss' κ (Fleiss 1971). `counts[u][k]` is how many coders put unit u in category k; every unit must
    /// have the same number of coders m ≥ 2 (nil otherwise, and nil when P_e = 1: every rating the same).
    public static func fleissKappa(_ counts: [[Int]]) -> Double? {
        guard let m = counts.first?.reduce(0, +), m >= 2, counts.allSatisfy({ $0.reduce(0, +) == m }) else { return nil }
        let units = Double(counts.count)
        let categories = counts.map(\.count).max() ?? 0
        var agreement = 0.0
        var perCategory = [Int](repeating: 0, count: categories)
        for unit in counts {
            agreement += Double(unit.map { $0 * ($0 - 1) }.reduce(0, +)) / Double(m * (m - 1))
            for (k, count) in unit.enumerated() { perCategory[k] += count }
        }
        // P_e = 1 exactly when one category holds every rating: decide in integers.
        guard perCategory.filter({ $0 > 0 }).count > 1 else { return nil }
        let total = units * Double(m)
        let chance = perCategory.map { Double($0) / total }.map { $0 * $0 }.reduce(0, +)
        let observed = agreement / units
        return (observed - chance) / (1 - chance)
    }

    struct Pair: Hashable {
        var c: Int, k: Int
        init(_ c: Int, _ k: Int) { self.c = c; self.k = k }
    }
}

/// Running integer sums over presence units (a value is 1 or 0), enough for nominal α with missing values
/// and for Fleiss' κ over the units every coder rated. A unit is one chat × code; `add(ones:of:)` takes
/// how many of the m_u coders who rated it gave 1.
public struct PresenceTally: Equatable, Sendable {
    /// The number of coders in the study (Fleiss' κ uses only units rated by all of them).
    public let coders: Int
    /// Values in pairable units (m_u ≥ 2): n, and how many of them are 1 (n_1).
    public private(set) var values = 0
    public private(set) var ones = 0
    /// Pairable units, and the units every coder rated.
    public private(set) var units = 0
    public private(set) var completeUnits = 0
    /// o_01 = Σ_u k_u (m_u − k_u) / (m_u − 1), summed per m_u in integers so the order of units cannot
    /// change the result: `disagreeingPairs[m]` = Σ k (m − k) over units with m_u = m.
    private var disagreeingPairs: [Int: Int] = [:]
    /// For Fleiss: Σ over complete units of k(k − 1) + (m − k)(m − k − 1), and their ones.
    private var completeAgreeingPairs = 0
    private var completeOnes = 0

    public init(coders: Int) { self.coders = coders }

    /// One unit: `k` of the `m` coders who rated it gave 1. A unit with fewer than two raters is not
    /// pairable and is not counted.
    public mutating func add(ones k: Int, of m: Int) {
        guard m >= 2 else { return }
        values += m
        ones += k
        units += 1
        disagreeingPairs[m, default: 0] += k * (m - k)
        if m == coders {
            completeUnits += 1
            completeOnes += k
            completeAgreeingPairs += k * (k - 1) + (m - k) * (m - k - 1)
        }
    }

    public static func + (a: PresenceTally, b: PresenceTally) -> PresenceTally {
        var sum = a
        sum.values += b.values; sum.ones += b.ones; sum.units += b.units; sum.completeUnits += b.completeUnits
        for (m, pairs) in b.disagreeingPairs { sum.disagreeingPairs[m, default: 0] += pairs }
        sum.completeAgreeingPairs += b.completeAgreeingPairs
        sum.completeOnes += b.completeOnes
        return sum
    }

    /// Whether every pairable unit was rated by every coder (Fleiss' κ needs that).
    public var isComplete: Bool { completeUnits == units }

    /// Krippendorff's α, nominal: 1 − (n − 1)·o_01 / (n_0·n_1). nil when n_0·n_1 = 0 (every value the same).
    public var alpha: Double? {
        let zeros = values - ones
        guard values > 1, ones > 0, zeros > 0 else { return nil }
        let observed = disagreeingPairs.sorted { $0.key < $1.key }.reduce(0.0) { $0 + Double($1.value) / Double($1.key - 1) }
        return 1 - Double(values - 1) * observed / (Double(zeros) * Double(ones))
    }

    /// Fleiss' κ over the units: nil when some unit was not rated by every coder (`isComplete` is false),
    /// when there are no units, or when P_e = 1 (every rating the same).
    public var fleissKappa: Double? {
        guard isComplete, units > 0, coders >= 2 else { return nil }
        let ratings = units * coders
        guard completeOnes > 0, completeOnes < ratings else { return nil }
        let observed = Double(completeAgreeingPairs) / Double(units * coders * (coders - 1))
        let p1 = Double(completeOnes) / Double(ratings), p0 = Double(ratings - completeOnes) / Double(ratings)
        let chance = p1 * p1 + p0 * p0
        return (observed - chance) / (1 - chance)
    }
}
