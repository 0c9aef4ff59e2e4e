import Foundation

/// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b) and its complement
/// 1 − I_x(a, b) = I_{1−x}(b, a).
///
/// Method: *Numerical Recipes*, 3rd ed. (Press et al. 2007), §6.4: the continued fraction
/// I_x(a, b) = x^a (1 − x)^b / (a B(a, b)) · 1 / (1 + d₁ / (1 + d₂ / (1 + …))) with
/// d₂ₘ₊₁ = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) and d₂ₘ = m (b − m) x / ((a + 2m − 1)(a + 2m))
/// (Abramowitz & Stegun 26.5.8), evaluated by modified Lentz (`ContinuedFraction`). It converges fast for
/// x < (a + 1) / (a + b + 2); above that the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used. As with the
/// incomplete gamma, the side computed by the fraction is the small one and the other is 1 minus it, so
/// the Student t tail (`I` at x = df / (df + t²)) is computed directly down to the smallest doubles.
///
/// The prefactor is formed as one exponent from ln x and ln(1 − x), which the caller may pass exactly (the
/// t distribution knows ln(1 − x) without forming 1 − x, and x itself may be below the smallest double while
/// x^(1/2) is not).
///
/// Accuracy against `scipy.special.betainc` (Tests/GlossAnalysisTests/reference): better than 1e-9 relative
/// for a and b from 0.05 to 500,000.
public enum IncompleteBeta {
    /// I_x(a, b) for a > 0, b > 0, 0 ≤ x ≤ 1; anything else gives NaN.
    public static func regularized(x: Double, a: Double, b: Double) -> Double {
        guard x >= 0, x <= 1 else { return .nan }
        return both(x: x, y: 1 - x, logX: log(x), logY: log1p(-x), a: a, b: b).lower
    }

    /// 1 − I_x(a, b), computed directly where it is small. Same domain as `regularized`.
    public static func complement(x: Double, a: Double, b: Double) -> Double {
        guard x >= 0, x <= 1 else { return .nan }
        return both(x: x, y: 1 - x, logX: log(x), logY: log1p(-x), a: a, b: b).upper
    }

    /// (I_x(a, b), 1 − I_x(a, b)), given x, y = 1 − x and their logarithms (each as exact as the caller can
    /// make it; y and ln y must not be formed from x when x is close to 1).
    static func both(x: Double, y: Double, logX: Double, logY: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, y >= 0 else { return (.nan, .nan) }
        if logX == -.infinity { return (0, 1) }
        if logY == -.infinity { return (1, 0) }
        let logPrefactor = logPrefactor(x: x, y: y, logX: logX, logY: logY, a: a, b: b)
        if x < (a + 1) / (a + b + 2) {
            let lower = min(1, exp(logPrefactor + log(continuedFraction(x: x, a: a, b: b)) - log(a)))
            return (lower, 1 - lower)
        }
        let upper = min(1, exp(logPrefactor + log(continuedFraction(x: y, a: b, b: a)) - log(b)))
        return (1 - upper, upper)
    }

    /// ln(x^a y^b / B(a, b)), y = 1 − x. With a and b ≥ 10, as DiDonato & Morris (1992, `brcomp`) do:
    /// −a φ(x/x₀) − b φ(y/y₀) + ½ ln(a b / (2π (a + b))) − S(a) − S(b) + S(a + b) with x₀ = a / (a + b),
    /// y₀ = b / (a + b) (the first-order terms a(x/x₀ − 1) + b(y/y₀ − 1) are exactly 0). With one of them
    /// ≥ 10, ln B from `LogGamma.ratio`. Either way no two large ln Γ are subtracted (`LogGamma`).
    static func logPrefactor(x: Double, y: Double, logX: Double, logY: Double, a: Double, b: Double) -> Double {
        let large = LogGamma.stirlingFrom
        if a >= large, b >= large {
            let logSum = log(a + b)
            // x/x₀ − 1 = (x b − y a) / a and y/y₀ − 1 = (y a − x b) / b, from the exact y; ln λ from them
            // while λ ≥ 1/2 (where the logarithms of the parts would leave a few ulps of a, b and a + b).
            let dX = (x * b - y * a) / a, dY = (y * a - x * b) / b
            let phiX = LogGamma.phi(d: dX, logLambda: dX > -0.5 ? log1p(dX) : logX - log(a) + logSum)
            let phiY = LogGamma.phi(d: dY, logLambda: dY > -0.5 ? log1p(dY) : logY - log(b) + logSum)
            return -a * phiX - b * phiY + 0.5 * (log(a) + log(b) - logSum - LogGamma.logTwoPi)
                - LogGamma.stirlingCorrection(a) - LogGamma.stirlingCorrection(b) + LogGamma.stirlingCorrection(a + b)
        }
        let logBeta: Double
        if a >= large {
            logBeta = LogGamma.of(b) + LogGamma.ratio(a, b)
        } else if b >= large {
            logBeta = LogGamma.of(a) + LogGamma.ratio(b, a)
        } else {
            logBeta = LogGamma.beta(a, b)
        }
        return a * logX + b * logY - logBeta
    }

    /// The continued fraction without its prefactor (NR3 `betacf`), by modified Lentz.
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let sum = a + b
        var c = 1.0
        var d = 1 / ContinuedFraction.nonZero(1 - sum * x / (a + 1))
        var h = d
        for m in 1...ContinuedFraction.iterationLimit(size: max(a, b)) {
            let m = Double(m)
            let even = m * (b - m) * x / ((a - 1 + 2 * m) * (a + 2 * m))
            d = 1 / ContinuedFraction.nonZero(1 + even * d)
            c = ContinuedFraction.nonZero(1 + even / c)
            h *= d * c
            let odd = -(a + m) * (sum + m) * x / ((a + 2 * m) * (a + 1 + 2 * m))
            d = 1 / ContinuedFraction.nonZero(1 + odd * d)
            c = ContinuedFraction.nonZero(1 + odd / c)
            let step = d * c
            h *= step
            if ContinuedFraction.converged(step) { break }
        }
        return h
    }
}
