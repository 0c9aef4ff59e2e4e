/// A two-sample t-test, as `TTest.compute` makes it and `gloss stats ttest` prints it.
///
/// JSON keys: `groups` ([{label, n, mean, sd}], sd with n − 1), `student` and `welch` ({t, df, p},
/// two-sided, t = first group minus second), `missing`. Numbers keep full double precision.
public struct TTestResult: Equatable, Sendable, Codable {
    public struct Group: Equatable, Sendable, Codable {
        public var label: String
        public var n: Int
        public var mean: Double
        /// Sample standard deviation (divisor n − 1).
        public var sd: Double
    }

    public struct Test: Equatable, Sendable, Codable {
        public var t: Double
        /// Whole for Student (n₁ + n₂ − 2), real for Welch (Welch–Satterthwaite).
        public var df: Double
        /// Two-sided.
        public var p: Double
    }

    /// The first group, then the second.
    public var groups: [Group]
    /// Pooled variance (equal variances assumed).
    public var student: Test
    /// Separate variances (Welch 1947).
    public var welch: Test
    /// Cases left out because a value was unknown (as the caller counted them).
    public var missing: Int
}
