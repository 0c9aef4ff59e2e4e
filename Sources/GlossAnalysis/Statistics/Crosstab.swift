/// A crosstab of two categorical variables with the tests the study reports (CKM 2025, tables 1 and 2).
///
/// Usage:
/// ```swift
/// let result = try Crosstab.compute(counts: [[21, 40], [45, 180]], rowLabels: ["12 of jonger", "13 tot 15"],
///                                   columnLabels: ["ouders", "anders"], missing: 3)
/// let json = try JSONFormat.encode(result)                       // full precision, every key present
/// let table = StatisticsText.crosstab(result, format: .text)     // column percentages with stars
/// ```
///
/// What is computed (formulas and a worked example in `docs/analysis.md`, "Statistics"):
/// - column percentages 100 · O / column total, and expected counts E = row total · column total / n;
/// - Pearson's χ² = Σ (O − E)² / E with df = (rows − 1)(columns − 1) and its upper-tail p (no correction);
/// - per cell, the adjusted standardized residual (Agresti 2013, §2.4.5)
///   (O − E) / √(E (1 − row total / n)(1 − column total / n)), with its two-sided normal p: the per-cell test
///   behind the study's stars;
/// - the number of cells with E < 5;
/// - for a 2 × 2 table, Fisher's exact two-sided p (`FisherExact`) and Yates's corrected χ², where each
///   |O − E| is reduced by 0.5 but never below 0 (scipy's `chi2_contingency(correction=True)`).
///
/// Rows and columns without cases are shown (declared order is kept) but left out of every test, as SPSS
/// never sees a category nobody has; with fewer than two rows or two columns left (a 1 × k table, n = 0)
/// there is no test and the test fields are nil, as SPSS prints "no statistics are computed".
public enum Crosstab {
    public static func compute(counts: [[Int]], rowLabels: [String], columnLabels: [String], missing: Int = 0) throws -> CrosstabResult {
        try check(counts: counts, rowLabels: rowLabels, columnLabels: columnLabels, missing: missing)
        let rowTotals = try counts.map { try sum($0) }
        let columnTotals = try columnLabels.indices.map { j in try sum(counts.map { $0[j] }) }
        let n = try sum(rowTotals)
        let N = Double(n)
        var result = CrosstabResult(
            rows: rowLabels, columns: columnLabels, n: n, missing: missing, counts: counts,
            columnPercent: counts.map { row in
                row.indices.map { j in columnTotals[j] == 0 ? nil : 100 * Double(row[j]) / Double(columnTotals[j]) }
            },
            expected: n == 0 ? nil : rowTotals.map { r in columnTotals.map { c in Double(r) * Double(c) / N } },
            chi2: nil,
            cells: counts.map { $0.map { _ in nil } },
            expectedBelow5: nil, fisher: nil, chi2Yates: nil)

        let testedRows = rowTotals.indices.filter { rowTotals[$0] > 0 }
        let testedColumns = columnTotals.indices.filter { columnTotals[$0] > 0 }
        guard testedRows.count >= 2, testedColumns.count >= 2, let expected = result.expected else { return result }

        var statistic = 0.0
        var below5 = 0
        for i in testedRows {
            for j in testedColumns {
                let e = expected[i][j]
                let difference = Double(counts[i][j]) - e
                statistic += difference * difference / e
                if e < 5 { below5 += 1 }
                let residual = difference / (e * (1 - Double(rowTotals[i]) / N) * (1 - Double(columnTotals[j]) / N)).squareRoot()
                result.cells[i][j] = .init(adjustedResidual: residual, p: Distributions.normalTwoSidedP(z: residual))
            }
        }
        let df = (testedRows.count - 1) * (testedColumns.count - 1)
        result.chi2 = .init(statistic: statistic, df: df, p: Distributions.chiSquareUpperP(statistic, df: Double(df)))
        result.expectedBelow5 = below5

        if testedRows.count == 2, testedColumns.count == 2 {
            let (r0, r1, c0, c1) = (testedRows[0], testedRows[1], testedColumns[0], testedColumns[1])
            result.fisher = .init(p: FisherExact.twoSidedP(counts[r0][c0], counts[r0][c1], counts[r1][c0], counts[r1][c1]))
            var yates = 0.0
            for i in testedRows {
                for j in testedColumns {
                    let corrected = max(0, abs(Double(counts[i][j]) - expected[i][j]) - 0.5)
                    yates += corrected * corrected / expected[i][j]
                }
            }
            result.chi2Yates = .init(statistic: yates, p: Distributions.chiSquareUpperP(yates, df: 1))
        }
        return result
    }

    private static func check(counts: [[Int]], rowLabels: [String], columnLabels: [String], missing: Int) throws {
        guard counts.count == rowLabels.count else {
            throw StatisticsError.tableShape("\(counts.count) rows of counts, \(rowLabels.count) row labels")
        }
        for (i, row) in counts.enumerated() {
            guard row.count == columnLabels.count else {
                throw StatisticsError.tableShape("row \(i + 1) has \(row.count) counts, there are \(columnLabels.count) column labels")
            }
            if let j = row.firstIndex(where: { $0 < 0 }) {
                throw StatisticsError.negativeCount(row: rowLabels[i], column: columnLabels[j])
            }
        }
        guard missing >= 0 else { throw StatisticsError.negativeMissing }
    }

    private static func sum(_ values: [Int]) throws -> Int {
        var total = 0
        for value in values {
            let (next, overflow) = total.addingReportingOverflow(value)
            if overflow { throw StatisticsError.tooManyCases }
            total = next
        }
        return total
    }
}
