import Foundation

/// The two-sample t-test the study reports for age ("t(589) = 4,27; p < 0.001"), with Welch's version beside
/// it.
///
/// Usage:
/// ```swift
/// let result = try TTest.compute(first: parentAges, second: otherAges, labels: ("ouders", "anders"), missing: 4)
/// let json = try JSONFormat.encode(result)
/// let line = StatisticsText.ttest(result, format: .text)   // "t(589) = 4.27; p < 0.001" (Student), Welch below
/// ```
///
/// For groups of sizes n₁, n₂ with means m₁, m₂ and sample variances s₁², s₂² (divisor n − 1):
/// - Student: s_p² = ((n₁ − 1)s₁² + (n₂ − 1)s₂²) / (n₁ + n₂ − 2), t = (m₁ − m₂) / √(s_p² (1/n₁ + 1/n₂)),
///   df = n₁ + n₂ − 2;
/// - Welch: t = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂),
///   df = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)² / (n₁ − 1) + (s₂²/n₂)² / (n₂ − 1)) (Welch–Satterthwaite);
/// - p two-sided from Student's t with that df (`Distributions.studentTwoSidedP`).
///
/// Undefined cases are errors (`StatisticsError`): a group with fewer than two values (no sd), a value that
/// is not finite, and both groups constant (the standard error is 0, so t is 0/0 or ±∞; scipy answers NaN
/// or ±∞ there). One constant group is fine: both tests are defined (Welch's df is then the other group's
/// n − 1).
public enum TTest {
    public static func compute(first: [Double], second: [Double], labels: (first: String, second: String), missing: Int = 0) throws -> TTestResult {
        guard missing >= 0 else { throw StatisticsError.negativeMissing }
        let a = try summary(first, label: labels.first)
        let b = try summary(second, label: labels.second)
        guard a.variance > 0 || b.variance > 0 else {
            throw StatisticsError.noVariance(first: labels.first, second: labels.second)
        }
        let n1 = Double(a.group.n), n2 = Double(b.group.n)
        let difference = a.group.mean - b.group.mean

        let studentDF = n1 + n2 - 2
        let pooled = ((n1 - 1) * a.variance + (n2 - 1) * b.variance) / studentDF
        let studentT = difference / (pooled * (1 / n1 + 1 / n2)).squareRoot()

        let share1 = a.variance / n1, share2 = b.variance / n2
        let welchT = difference / (share1 + share2).squareRoot()
        let welchDF = (share1 + share2) * (share1 + share2)
            / (share1 * share1 / (n1 - 1) + share2 * share2 / (n2 - 1))

        return TTestResult(
            groups: [a.group, b.group],
            student: .init(t: studentT, df: studentDF, p: Distributions.studentTwoSidedP(t: studentT, df: studentDF)),
            welch: .init(t: welchT, df: welchDF, p: Distributions.studentTwoSidedP(t: welchT, df: welchDF)),
            missing: missing)
    }

    /// n, mean and sample variance by two passes (the mean first, then the squared deviations from it), which
    /// keeps the variance accurate when the values are large and close together.
    private static func summary(_ values: [Double], label: String) throws -> (group: TTestResult.Group, variance: Double) {
        guard values.count >= 2 else { throw StatisticsError.tooFewValues(group: label, count: values.count) }
        guard values.allSatisfy(\.isFinite) else { throw StatisticsError.notFinite(group: label) }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        guard mean.isFinite, variance.isFinite else { throw StatisticsError.notFinite(group: label) }
        return (.init(label: label, n: values.count, mean: mean, sd: variance.squareRoot()), variance)
    }
}
