import Foundation
import Testing
import GlossCore
@testable import GlossAnalysis

/// Crosstabs of several shapes against scipy (reference/stats_reference.py): 2 × 2 with small counts and zero
/// cells (Fisher, Yates), 2 × 4, 4 × 2 (the study's table 1), 3 × 5, empty rows and columns, 1 × k, n = 0.
@Suite("Statistics: crosstabs against scipy")
struct StatisticsCrosstabTests {
    typealias R = StatisticsReference

    nonisolated(unsafe) static let cases: [(input: [String: Any], output: [String: Any])] = {
        let inputs = R.inputs["crosstabs"] as! [[String: Any]]
        let outputs = R.outputs["crosstabs"] as! [[String: Any]]
        return Array(zip(inputs, outputs))
    }()

    static func compute(_ input: [String: Any]) throws -> CrosstabResult {
        try Crosstab.compute(counts: (input["counts"] as! [[Any]]).map { $0.map { ($0 as! NSNumber).intValue } },
                             rowLabels: input["rows"] as! [String], columnLabels: input["columns"] as! [String],
                             missing: (input["missing"] as! NSNumber).intValue)
    }

    /// A number or null from the reference against an optional.
    func close(_ value: Double?, _ reference: Any?, _ what: String, _ worst: Worst) {
        guard let reference, !(reference is NSNull) else {
            #expect(value == nil, "\(what): \(String(describing: value)), scipy null")
            return
        }
        guard let value else { Issue.record("\(what): nil, scipy \(reference)"); return }
        let expected = R.number(reference)
        // An exact 0 (independent table) is compared absolutely.
        let error = expected == 0 ? abs(value) : R.error(value, expected)
        #expect(error <= R.tolerance, "\(what): \(value), scipy \(expected)")
        worst.record(what.split(separator: " ").last.map(String.init) ?? what, error)
    }

    /// The worst relative error per quantity of one table, printed for the record.
    final class Worst {
        var errors: [String: Double] = [:]
        func record(_ key: String, _ error: Double) { errors[key] = max(errors[key] ?? 0, error) }
    }

    @Test(arguments: 0..<cases.count)
    func againstScipy(index: Int) throws {
        let (input, output) = Self.cases[index]
        let worst = Worst()
        defer { print("crosstab \(output["name"] as! String): max relative errors \(worst.errors.sorted { $0.key < $1.key })") }
        let name = output["name"] as! String
        let result = try Self.compute(input)
        #expect(result.n == (output["n"] as! NSNumber).intValue)
        #expect(result.missing == (input["missing"] as! NSNumber).intValue)
        #expect(result.rows == input["rows"] as! [String])
        let percent = output["column_percent"] as! [[Any]]
        for (i, row) in percent.enumerated() {
            for (j, value) in row.enumerated() { close(result.columnPercent[i][j], value, "\(name) [\(i)][\(j)] column_percent", worst) }
        }
        if let expected = output["expected"] as? [[Any]] {
            for (i, row) in expected.enumerated() {
                for (j, value) in row.enumerated() { close(result.expected?[i][j], value, "\(name) [\(i)][\(j)] expected", worst) }
            }
        } else {
            #expect(result.expected == nil)
        }
        if let chi2 = output["chi2"] as? [String: Any] {
            close(result.chi2?.statistic, chi2["statistic"], "\(name) chi2", worst)
            #expect(result.chi2?.df == (chi2["df"] as! NSNumber).intValue)
            close(result.chi2?.p, chi2["p"], "\(name) chi2_p", worst)
            #expect(result.expectedBelow5 == (output["expected_below_5"] as! NSNumber).intValue)
        } else {
            #expect(result.chi2 == nil, "\(name)")
            #expect(result.expectedBelow5 == nil)
        }
        for (i, row) in (output["cells"] as! [[Any]]).enumerated() {
            for (j, value) in row.enumerated() {
                let cell = value as? [String: Any]
                close(result.cells[i][j]?.adjustedResidual, cell?["adjusted_residual"], "\(name) [\(i)][\(j)] residual", worst)
                close(result.cells[i][j]?.p, cell?["p"], "\(name) [\(i)][\(j)] residual_p", worst)
            }
        }
        let fisher = output["fisher"] as? [String: Any]
        close(result.fisher?.p, fisher?["p"], "\(name) fisher", worst)
        let yates = output["chi2_yates"] as? [String: Any]
        close(result.chi2Yates?.statistic, yates?["statistic"], "\(name) yates", worst)
        close(result.chi2Yates?.p, yates?["p"], "\(name) yates_p", worst)
    }

    /// docs/analysis.md, "Statistics", worked example: [[12, 8], [4, 16]], computed by hand there.
    @Test func workedExample() throws {
        let result = try Crosstab.compute(counts: [[12, 8], [4, 16]], rowLabels: ["ja", "nee"], columnLabels: ["ouders", "anders"], missing: 2)
        #expect(result.n == 40)
        let expected: [[Double]] = [[8, 12], [8, 12]]
        #expect(result.expected == expected)
        let percent: [[Double?]] = [[75, 100.0 * 8 / 24], [25, 100.0 * 16 / 24]]
        #expect(result.columnPercent == percent)
        #expect(abs(result.chi2!.statistic - 20.0 / 3) < 1e-12)
        #expect(result.chi2!.df == 1)
        #expect(abs(result.chi2!.p - 0.009823274507519247) < 1e-15)
        // (12 − 8) / √(8 · (1 − 20/40) · (1 − 16/40)) = 4 / √2.4; in a 2 × 2 table its square is χ².
        #expect(abs(result.cells[0][0]!.adjustedResidual - 4 / 2.4.squareRoot()) < 1e-12)
        #expect(abs(result.cells[0][1]!.adjustedResidual + 4 / 2.4.squareRoot()) < 1e-12)
        #expect(SignificanceStars.marks(forP: result.cells[0][0]!.p) == "**")
        // Yates: each |O − E| = 4 becomes 3.5: 3.5² (2/8 + 2/12) = 5.104166…
        #expect(abs(result.chi2Yates!.statistic - 3.5 * 3.5 * (2.0 / 8 + 2.0 / 12)) < 1e-12)
        // Fisher: the table is as likely as its mirror x = 4; p = 2 · P(x ≤ 4) = 0.022477…
        #expect(abs(result.fisher!.p - 0.0224774273717544) < 1e-13)
        #expect(result.expectedBelow5 == 0)
        #expect(result.missing == 2)
    }

    /// Exactly as likely tables count: without the relative tolerance the mirror table of a symmetric
    /// table is lost to rounding and p drops.
    @Test func fisherCountsTablesAsLikelyAsTheObservedOne() {
        #expect(abs(FisherExact.twoSidedP(2, 6, 6, 2) - 0.13193473193473193) < 1e-12)
        // scipy.stats.fisher_exact([[33, 21], [21, 33]]); without the tolerance the mirror table is lost: 0.0229.
        #expect(abs(FisherExact.twoSidedP(33, 21, 21, 33) / 0.03378597928519567 - 1) < 1e-12)
        #expect(FisherExact.twoSidedP(1, 0, 0, 1) == 1)
        #expect(FisherExact.twoSidedP(0, 0, 3, 4) == 1)
    }

    /// A table of millions of cases: nothing is stored per possible table and the walks stop where the
    /// probabilities underflow (a stored walk over 3,000,000 tables would take 24 MB and seconds).
    @Test func fisherOnAHugeTable() {
        let p = FisherExact.twoSidedP(1_500_000, 1_500_000, 1_500_000, 1_500_000)
        #expect(p == 1)
        let shifted = FisherExact.twoSidedP(1_502_000, 1_498_000, 1_498_000, 1_502_000)
        // scipy.stats.fisher_exact([[1502000, 1498000], [1498000, 1502000]])
        #expect(abs(shifted / 0.0010939829454791983 - 1) < 1e-9)
    }

    /// Yates never overshoots: where |O − E| < 0.5 the corrected term is 0, not (0.5 − |O − E|)².
    @Test func yatesCorrectionStopsAtZero() throws {
        // [[10, 11], [10, 10]]: E(0,0) = 21·20/41 = 10.24…, |O − E| < 0.5 in every cell.
        let result = try Crosstab.compute(counts: [[10, 11], [10, 10]], rowLabels: ["a", "b"], columnLabels: ["x", "y"])
        #expect(result.chi2Yates!.statistic == 0)
        #expect(result.chi2Yates!.p == 1)
    }

    @Test func emptyRowsAndColumnsAreShownButNotTested() throws {
        let result = try Crosstab.compute(counts: [[3, 0, 9], [8, 0, 2]], rowLabels: ["ja", "nee"], columnLabels: ["a", "b", "c"])
        #expect(result.emptyColumns == ["b"])
        #expect(result.columnPercent[0][1] == nil)
        #expect(result.cells[0][1] == nil)
        #expect(result.chi2?.df == 1)
        #expect(result.fisher != nil)   // the tested table is 2 × 2
        #expect(StatisticsText.crosstab(result, format: .text).contains("Left out of the tests (no cases): column \"b\"."))
    }

    @Test func noTestWithoutTwoRowsAndTwoColumns() throws {
        for (counts, rows, columns) in [([[3, 4, 5]], ["r"], ["a", "b", "c"]), ([[0, 0], [0, 0]], ["r", "s"], ["a", "b"]),
                                        ([[0, 0], [3, 4]], ["r", "s"], ["a", "b"]), ([], [], ["a", "b"])] as [([[Int]], [String], [String])] {
            let result = try Crosstab.compute(counts: counts, rowLabels: rows, columnLabels: columns)
            #expect(result.chi2 == nil)
            #expect(result.fisher == nil)
            #expect(result.chi2Yates == nil)
            #expect(result.expectedBelow5 == nil)
            #expect(result.cells.allSatisfy { $0.allSatisfy { $0 == nil } })
            #expect(StatisticsText.crosstab(result, format: .text).contains("No test"))
        }
        let empty = try Crosstab.compute(counts: [[0, 0], [0, 0]], rowLabels: ["r", "s"], columnLabels: ["a", "b"])
        #expect(empty.expected == nil && empty.n == 0)
    }

    @Test func badInputIsAClearError() {
        #expect(throws: StatisticsError.tableShape("2 rows of counts, 1 row labels")) {
            try Crosstab.compute(counts: [[1, 2], [3, 4]], rowLabels: ["a"], columnLabels: ["x", "y"])
        }
        #expect(throws: StatisticsError.tableShape("row 2 has 1 counts, there are 2 column labels")) {
            try Crosstab.compute(counts: [[1, 2], [3]], rowLabels: ["a", "b"], columnLabels: ["x", "y"])
        }
        #expect(throws: StatisticsError.negativeCount(row: "b", column: "y")) {
            try Crosstab.compute(counts: [[1, 2], [3, -4]], rowLabels: ["a", "b"], columnLabels: ["x", "y"])
        }
        #expect(throws: StatisticsError.negativeMissing) {
            try Crosstab.compute(counts: [[1]], rowLabels: ["a"], columnLabels: ["x"], missing: -1)
        }
        #expect(throws: StatisticsError.tooManyCases) {
            try Crosstab.compute(counts: [[Int.max, 1]], rowLabels: ["a"], columnLabels: ["x", "y"])
        }
    }

    /// JSON: the issue's keys, every key present (null when undefined), doubles at full precision.
    @Test func jsonKeysAndFullPrecision() throws {
        let result = try Crosstab.compute(counts: [[12, 8], [4, 16]], rowLabels: ["ja", "nee"], columnLabels: ["ouders", "anders"], missing: 2)
        let data = try JSONFormat.encode(result)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let keys: Set<String> = ["rows", "columns", "n", "missing", "counts", "column_percent", "expected", "chi2", "cells",
                                 "expected_below_5", "fisher", "chi2_yates"]
        #expect(Set(object.keys) == keys)
        #expect(Set((object["chi2"] as! [String: Any]).keys) == ["statistic", "df", "p"])
        #expect(Set(((object["cells"] as! [[Any]])[0][0] as! [String: Any]).keys) == ["adjusted_residual", "p"])
        #expect(Set((object["chi2_yates"] as! [String: Any]).keys) == ["statistic", "p"])
        let decoded = try JSONDecoder().decode(CrosstabResult.self, from: data)
        #expect(decoded == result)   // bit for bit: no digit was rounded away
        #expect(String(decoding: data, as: UTF8.self).contains("33.33333333333333"))

        let untested = try Crosstab.compute(counts: [[3, 4, 5]], rowLabels: ["r"], columnLabels: ["a", "b", "c"])
        let text = String(decoding: try JSONFormat.encode(untested), as: UTF8.self)
        for key in ["chi2", "fisher", "chi2_yates", "expected_below_5"] { #expect(text.contains("\"\(key)\" : null")) }
        #expect(try JSONDecoder().decode(CrosstabResult.self, from: try JSONFormat.encode(untested)) == untested)
    }
}
