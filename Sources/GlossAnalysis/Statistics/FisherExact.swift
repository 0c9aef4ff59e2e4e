/// Fisher's exact test for a 2 × 2 table, two-sided, as `scipy.stats.fisher_exact` and R's `fisher.test`
/// define it: the sum of the probabilities of every table with the same margins whose probability is at
/// most the observed table's (Agresti 2013, §3.5.1).
///
/// With the margins fixed, a table is its top-left count x, hypergeometric:
/// P(x) = C(r₁, x) C(r₂, c₁ − x) / C(n, c₁). The probabilities are computed relative to the mode by the
/// ratio P(x + 1) / P(x) = (r₁ − x)(c₁ − x) / ((x + 1)(r₂ − c₁ + x + 1)), so no factorial or log-gamma is
/// formed and each carries only a few rounding errors per step. Nothing is stored, and the walks stop where the
/// probabilities underflow, so a table of millions of cases costs a few thousand steps.
///
/// "At most" has a relative tolerance, because tables that are exactly as likely (a symmetric table) must
/// count although their computed probabilities differ in the last digits. Gloss uses 1 + 1e-7, R's value;
/// scipy 1.17 uses 1 + 1e-14 on its own (Boost) probabilities. The two agree on every table except where two
/// different tables' probabilities differ by less than 1e-7 relative, and there 1e-7 is the safer side.
enum FisherExact {
    static let tolerance = 1 + 1e-7

    /// The two-sided p of [[a, b], [c, d]]; 1 when a row or a column is empty (only one table is possible).
    static func twoSidedP(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        let row1 = a + b, row2 = c + d, column1 = a + c
        guard row1 > 0, row2 > 0, column1 > 0, b + d > 0 else { return 1 }
        let low = max(0, column1 - row2), high = min(row1, column1)
        let n = row1 + row2
        let mode = min(high, max(low, Int((Double(column1 + 1) * Double(row1 + 1) / Double(n + 2)).rounded(.down))))
        func ratio(_ x: Int) -> Double {   // P(x + 1) / P(x)
            Double(row1 - x) * Double(column1 - x) / (Double(x + 1) * Double(row2 - column1 + x + 1))
        }
        // The observed table's weight relative to the mode (1); the walk stops where the weight underflows.
        var observed = 1.0
        var step = mode
        while step < a, observed > 0 { observed *= ratio(step); step += 1 }
        while step > a, observed > 0 { observed /= ratio(step - 1); step -= 1 }
        let bound = observed * tolerance
        // Outward from the mode on both sides: weights fall (the distribution is unimodal), so each walk ends
        // once they underflow, and the sums add the large terms first (relative error a few ulps per step).
        var total = 1.0
        var extreme = 1 <= bound ? 1.0 : 0
        var weight = 1.0
        var x = mode
        while x < high, weight > 0 {
            weight *= ratio(x)
            x += 1
            total += weight
            if weight <= bound { extreme += weight }
        }
        weight = 1
        x = mode
        while x > low, weight > 0 {
            weight /= ratio(x - 1)
            x -= 1
            total += weight
            if weight <= bound { extreme += weight }
        }
        return min(1, extreme / total)
    }
}
