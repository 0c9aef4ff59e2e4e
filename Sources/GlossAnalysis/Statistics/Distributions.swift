import Foundation

/// The p-values Gloss's tests need: two-sided normal, two-sided Student t (real degrees of freedom, as
/// Welch's test gives), and the chi-square upper tail. Each is computed as the tail itself, never as 1 minus
/// the other side, so p stays accurate down to about 1e-300 (`docs/analysis.md`, "Statistics").
///
/// Invalid input (NaN, df ≤ 0, a negative chi-square) gives NaN; valid input never does.
public enum Distributions {
    /// P(|Z| ≥ |z|) for a standard normal Z: erfc(|z| / √2) = Q(1/2, z² / 2).
    public static func normalTwoSidedP(z: Double) -> Double {
        if z.isNaN { return .nan }
        if z.isInfinite { return 0 }
        // z² / 2 directly (halving is exact), rather than squaring the rounded |z| / √2.
        return IncompleteGamma.upper(a: 0.5, x: z * z / 2)
    }

    /// P(|T| ≥ |t|) for Student's t with `df` degrees of freedom (df > 0, not necessarily whole):
    /// I_x(df/2, 1/2) at x = df / (df + t²) (Abramowitz & Stegun 26.7.1, 26.5.27).
    ///
    /// x and 1 − x are formed from r = t² / df as 1 / (1 + r) and r / (1 + r), and their logarithms as
    /// −ln(1 + r) and −ln(1 + 1/r), so neither a small t (x close to 1) nor a huge one (x below the smallest
    /// double while x^(df/2) is not, as for df = 1 and t = 1e200) loses the digits of the tail.
    public static func studentTwoSidedP(t: Double, df: Double) -> Double {
        guard !t.isNaN, !df.isNaN, df > 0 else { return .nan }
        if t.isInfinite { return 0 }
        if t == 0 { return 1 }
        if df.isInfinite { return normalTwoSidedP(z: t) }
        let u = abs(t) / df.squareRoot()
        let r = u * u
        let x: Double, y: Double, logX: Double, logY: Double
        if r.isFinite {
            x = 1 / (1 + r)
            y = r / (1 + r)
            logX = -log1p(r)
            logY = -log1p(1 / r)
        } else {
            // t² / df beyond the largest double: x = 1 / (1 + r) ≈ 1/r, and 1 − x is 1 to double precision.
            x = 0
            y = 1
            logX = -2 * log(u)
            logY = 0
        }
        return IncompleteBeta.both(x: x, y: y, logX: logX, logY: logY, a: df / 2, b: 0.5).lower
    }

    /// P(X ≥ statistic) for a chi-square X with `df` degrees of freedom (df > 0): Q(df/2, statistic/2).
    public static func chiSquareUpperP(_ statistic: Double, df: Double) -> Double {
        guard !statistic.isNaN, !df.isNaN, df > 0, df.isFinite, statistic >= 0 else { return .nan }
        return IncompleteGamma.upper(a: df / 2, x: statistic / 2)
    }
}
