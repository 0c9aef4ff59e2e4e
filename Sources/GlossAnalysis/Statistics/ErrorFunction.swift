import Foundation

/// The complementary error function, erfc(x) = 2/√π ∫ₓ^∞ e^(−t²) dt.
///
/// Computed through the incomplete gamma function, erfc(x) = Q(1/2, x²) for x ≥ 0 and 1 + P(1/2, x²) for
/// x < 0 (Abramowitz & Stegun 6.5.17; *Numerical Recipes*, 3rd ed., §6.2.2), so it shares the one tested
/// implementation and stays relative-accurate far into the tail (erfc(26) ≈ 5.7e-296) instead of being
/// 1 − erf. The rounding of x² costs about x² · 1e-16 relative, below 1e-13 wherever erfc is above the
/// smallest double. (The C library's `erfc` would do as well on glibc; this one gives the same digits on
/// every platform.)
public enum ErrorFunction {
    /// erfc(x) for any x (NaN only for NaN).
    public static func complementary(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x == .infinity { return 0 }
        if x == -.infinity { return 2 }
        let values = IncompleteGamma.both(a: 0.5, x: x * x)
        return x >= 0 ? values.upper : 1 + values.lower
    }
}
