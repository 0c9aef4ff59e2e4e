import Foundation
import Testing
import GlossCore
@testable import GlossAnalysis

/// Two-sample t-tests against scipy.stats.ttest_ind (reference/stats_reference.py): the study's shape (84 vs
/// 507, df 589), unequal variances and n, a constant group, huge t, large n.
@Suite("Statistics: t-tests against scipy")
struct StatisticsTTestTests {
    typealias R = StatisticsReference

    nonisolated(unsafe) static let cases: [(input: [String: Any], output: [String: Any])] = {
        Array(zip(R.inputs["ttests"] as! [[String: Any]], R.outputs["ttests"] as! [[String: Any]]))
    }()

    /// Checks one number and returns its relative error (printed per case for the record).
    @discardableResult
    func close(_ value: Double, _ reference: Any?, _ what: String) -> Double {
        let expected = R.number(reference!)
        let error = R.error(value, expected)
        #expect(error <= R.tolerance, "\(what): \(value), scipy \(expected)")
        return error
    }

    @Test(arguments: 0..<cases.count)
    func againstScipy(index: Int) throws {
        let (input, output) = Self.cases[index]
        let name = output["name"] as! String
        let labels = input["labels"] as! [String]
        let result = try TTest.compute(first: R.numbers("first", in: input), second: R.numbers("second", in: input),
                                       labels: (labels[0], labels[1]), missing: (input["missing"] as! NSNumber).intValue)
        for (group, reference) in zip(result.groups, output["groups"] as! [[String: Any]]) {
            #expect(group.n == (reference["n"] as! NSNumber).intValue)
            close(group.mean, reference["mean"], "\(name) mean")
            close(group.sd, reference["sd"], "\(name) sd")
        }
        #expect(result.groups.map(\.label) == labels)
        for (test, key) in [(result.student, "student"), (result.welch, "welch")] {
            let reference = output[key] as! [String: Any]
            let errors = [close(test.t, reference["t"], "\(name) \(key) t"), close(test.df, reference["df"], "\(name) \(key) df"),
                          close(test.p, reference["p"], "\(name) \(key) p")]
            print("t-test \(name), \(key): max relative error of t, df, p: \(errors.max()!)")
        }
        #expect(result.missing == (input["missing"] as! NSNumber).intValue)
    }

    /// The study's shape prints the study's line.
    @Test func studyShapePrintsTheStudyLine() throws {
        let (input, _) = Self.cases[0]
        let result = try TTest.compute(first: R.numbers("first", in: input), second: R.numbers("second", in: input), labels: ("ouders", "anders"))
        #expect(result.student.df == 589)
        let text = StatisticsText.ttest(result, format: .text)
        #expect(text.contains("t(589) = \(StatisticsText.fixed(result.student.t, 2)); p < 0.001 (Student"))
        // docs/analysis.md shows these two lines.
        #expect(text.contains("t(589) = 4.22; p < 0.001 (Student, equal variances; t = ouders − anders)\n"))
        #expect(text.contains("t(104.97) = 3.82; p < 0.001 (Welch, unequal variances)\n"))
    }

    /// docs/analysis.md, worked example: [2, 4, 6] against [1, 2, 3, 4, 5].
    @Test func workedExample() throws {
        let result = try TTest.compute(first: [2, 4, 6], second: [1, 2, 3, 4, 5], labels: ("a", "b"))
        #expect(result.groups[0].mean == 4 && result.groups[0].sd == 2)
        #expect(result.groups[1].mean == 3 && abs(result.groups[1].sd - 2.5.squareRoot()) < 1e-15)
        // pooled variance (2·4 + 4·2.5) / 6 = 3; t = 1 / √(3 (1/3 + 1/5)) = 1 / √1.6
        #expect(abs(result.student.t - 1 / 1.6.squareRoot()) < 1e-15)
        #expect(result.student.df == 6)
        // Welch: 4/3 + 2.5/5 = 11/6; t = 1 / √(11/6); df = (11/6)² / ((4/3)²/2 + (1/2)²/4) = 3.5328…
        #expect(abs(result.welch.t - 1 / (11.0 / 6).squareRoot()) < 1e-15)
        #expect(abs(result.welch.df - (121.0 / 36) / (16.0 / 18 + 1.0 / 16)) < 1e-12)
        #expect(abs(result.student.p - 0.45929345803775573) < 1e-12)
        #expect(abs(result.welch.p - 0.5062141716528481) < 1e-12)
    }

    @Test func undefinedCasesAreClearErrors() {
        #expect(throws: StatisticsError.tooFewValues(group: "a", count: 1)) {
            try TTest.compute(first: [1], second: [1, 2], labels: ("a", "b"))
        }
        #expect(throws: StatisticsError.tooFewValues(group: "b", count: 0)) {
            try TTest.compute(first: [1, 2], second: [], labels: ("a", "b"))
        }
        #expect(throws: StatisticsError.noVariance(first: "a", second: "b")) {
            try TTest.compute(first: [3, 3], second: [5, 5, 5], labels: ("a", "b"))
        }
        #expect(throws: StatisticsError.notFinite(group: "b")) {
            try TTest.compute(first: [1, 2], second: [1, .nan], labels: ("a", "b"))
        }
        #expect(throws: StatisticsError.notFinite(group: "a")) {
            try TTest.compute(first: [1e308, -1e308, 1e308], second: [1, 2], labels: ("a", "b"))
        }
        let message = StatisticsError.tooFewValues(group: "ouders", count: 1).description
        #expect(message == "group \"ouders\" has 1 known value; a t-test needs at least 2 in each group")
        #expect(StatisticsError.noVariance(first: "a", second: "b").glossError.message.contains("t is undefined"))
    }

    /// One constant group is fine: Welch's df is the other group's n − 1.
    @Test func oneConstantGroup() throws {
        let result = try TTest.compute(first: [3, 3, 3], second: [1, 2, 4, 5], labels: ("a", "b"))
        #expect(abs(result.welch.df - 3) < 1e-12)
    }

    @Test func jsonKeysAndFullPrecision() throws {
        let result = try TTest.compute(first: [2, 4, 6], second: [1, 2, 3, 4, 5], labels: ("a", "b"), missing: 3)
        let data = try JSONFormat.encode(result)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(Set(object.keys) == ["groups", "student", "welch", "missing"])
        #expect(Set((object["groups"] as! [[String: Any]])[0].keys) == ["label", "n", "mean", "sd"])
        #expect(Set((object["welch"] as! [String: Any]).keys) == ["t", "df", "p"])
        #expect(try JSONDecoder().decode(TTestResult.self, from: data) == result)
    }
}
