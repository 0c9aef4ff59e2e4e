import Foundation

/// ln Γ and the pieces of it the incomplete gamma and beta functions need for large parameters.
///
/// For small arguments ln Γ is the C library's `lgamma_r` (C99 §7.12.8.3; glibc and Apple's libm keep it
/// within a few units in the last place for positive arguments). ln Γ enters the incomplete functions only in
/// an exponent, so what counts is its *absolute* error, and that grows with the size of ln Γ: for a = 500,000
/// one unit in the last place of ln Γ(a) ≈ 6e6 is 1e-9. So for a ≥ 10 the prefactors are formed the way
/// DiDonato & Morris (1986, 1992; ACM TOMS algorithms 654 and 708) and Temme do, from Stirling's series and
/// φ(λ) = λ − 1 − ln λ, in which the large terms have already cancelled.
enum LogGamma {
    static func of(_ x: Double) -> Double {
        // The reentrant form: plain `lgamma` writes the sign to the global `signgam`, a data race when two
        // threads compute at once. For x > 0 the sign is always +.
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for small a and b.
    static func beta(_ a: Double, _ b: Double) -> Double {
        of(a) + of(b) - of(a + b)
    }

    /// Where Stirling's series is used instead of `lgamma`.
    static let stirlingFrom = 10.0

    /// S(a) = ln Γ(a) − ((a − ½) ln a − a + ½ ln 2π) for a ≥ 10: Stirling's series (Abramowitz & Stegun
    /// 6.1.40) to the a⁻¹³ term; the first term left out is below 3e-17 at a = 10.
    static func stirlingCorrection(_ a: Double) -> Double {
        let r = 1 / a, r2 = r * r
        let series = 1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188 - r2 * (691.0 / 360360 - r2 / 156)))))
        return r * series
    }

    /// ln Γ(a) − ln Γ(a + b) for a ≥ 10, b > 0:
    /// −(a − ½) ln(1 + b/a) + b − b ln(a + b) + S(a) − S(a + b), without the two large ln Γ that cancel.
    static func ratio(_ a: Double, _ b: Double) -> Double {
        -(a - 0.5) * log1p(b / a) + b - b * log(a + b) + stirlingCorrection(a) - stirlingCorrection(a + b)
    }

    /// φ(λ) = λ − 1 − ln λ ≥ 0 at λ = 1 + d (DiDonato & Morris's `rlog1`), given d and ln λ. Near λ = 1 the
    /// difference would cancel, so there it is the series d²/2 − d³/3 + d⁴/4 − … .
    static func phi(d: Double, logLambda: Double) -> Double {
        guard abs(d) <= 0.25 else { return d - logLambda }
        var power = d * d
        var sum = 0.0
        var k = 2.0
        while true {
            let term = power / k
            sum += term
            if abs(term) <= abs(sum) * Double.ulpOfOne / 4 || k > 200 { break }
            power *= -d
            k += 1
        }
        return sum
    }

    static let logTwoPi = log(2 * Double.pi)
}
