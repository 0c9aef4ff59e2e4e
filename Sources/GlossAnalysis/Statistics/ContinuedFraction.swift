/// The modified Lentz algorithm for evaluating a continued fraction from the front, shared by the incomplete
/// gamma and incomplete beta functions.
///
/// Reference: W. H. Press, S. A. Teukolsky, W. T. Vetterling, B. P. Flannery, *Numerical Recipes*, 3rd ed.
/// (2007), §5.2 "Evaluation of Continued Fractions" (Lentz 1976, as modified by Thompson & Barnett 1986).
/// A zero denominator along the way is replaced by a tiny number, so the evaluation never divides by zero.
enum ContinuedFraction {
    /// Smaller than any partial value that matters; stands in for an exact zero (NR3 `FPMIN`).
    static let tiny = Double.leastNormalMagnitude / Double.ulpOfOne

    /// Whether a step changed the value by less than the precision of a double: the fraction has converged.
    static func converged(_ step: Double) -> Bool {
        abs(step - 1) <= 2 * Double.ulpOfOne
    }

    /// `value` replaced by `tiny` when it is (nearly) zero.
    static func nonZero(_ value: Double) -> Double {
        abs(value) < tiny ? tiny : value
    }

    /// A bound on the iterations for a fraction whose terms scale with `size` (a shape parameter): Lentz
    /// needs about √size steps (NR3 §6.2, §6.4), so this bound is never reached by a fraction that converges;
    /// it only guards against a loop that never ends.
    static func iterationLimit(size: Double) -> Int {
        let root = size.isFinite ? max(1, size).squareRoot() : 1e6
        return 1_000 + Int(min(1e7, 200 * root))
    }
}
