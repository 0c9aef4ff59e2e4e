import Foundation
import Testing
@testable import GlossAnalysis

/// The special functions and p-values against scipy (reference/stats_reference.py): a few hundred inputs,
/// tails down to 1e-300, df from 1 to 10,000, huge and tiny arguments; 1e-9 relative.
@Suite("Statistics: special functions against scipy")
struct StatisticsSpecialFunctionTests {
    typealias R = StatisticsReference

    /// Checks every case, and names the worst (its error is printed for the record).
    func check(_ name: String, _ computed: [Double], _ expected: [Double], inputs: [String]) {
        #expect(computed.count == expected.count)
        var worst = (error: 0.0, index: 0)
        for (index, (value, reference)) in zip(computed, expected).enumerated() {
            let error = R.error(value, reference)
            if error > worst.error { worst = (error, index) }
            #expect(error <= R.tolerance, "\(name)(\(inputs[index])) = \(value), scipy \(reference)")
            #expect(!value.isNaN)
        }
        print("\(name): \(computed.count) cases, max relative error \(worst.error) at \(inputs.isEmpty ? "" : inputs[worst.index])")
    }

    @Test func logGamma() {
        let xs = R.numbers("log_gamma", in: R.inputs)
        // ln Γ is near 0 around x = 1 and 2, where its relative error means nothing: there the absolute
        // error counts (it is what enters the exponents).
        let computed = xs.map(LogGamma.of)
        let expected = R.numbers("log_gamma")
        for (value, reference) in zip(computed, expected) {
            #expect(abs(value - reference) <= 1e-9 * max(1, abs(reference)))
        }
        check("logGamma", computed.enumerated().filter { abs(expected[$0.offset]) > 1 }.map(\.element),
              expected.filter { abs($0) > 1 }, inputs: xs.filter { abs(LogGamma.of($0)) > 1 }.map { "\($0)" })
    }

    @Test func incompleteGammaBothSides() {
        let cases = R.tuples("gamma")
        let names = cases.map { "a \($0[0]), x \($0[1])" }
        check("P", cases.map { IncompleteGamma.lower(a: $0[0], x: $0[1]) }, R.numbers("gamma_p"), inputs: names)
        check("Q", cases.map { IncompleteGamma.upper(a: $0[0], x: $0[1]) }, R.numbers("gamma_q"), inputs: names)
    }

    @Test func incompleteBetaBothSides() {
        let cases = R.tuples("beta")
        let names = cases.map { "x \($0[0]), a \($0[1]), b \($0[2])" }
        check("I", cases.map { IncompleteBeta.regularized(x: $0[0], a: $0[1], b: $0[2]) }, R.numbers("beta"), inputs: names)
        check("1 - I", cases.map { IncompleteBeta.complement(x: $0[0], a: $0[1], b: $0[2]) }, R.numbers("beta_complement"), inputs: names)
    }

    @Test func complementaryErrorFunction() {
        let xs = R.numbers("erfc", in: R.inputs)
        check("erfc", xs.map(ErrorFunction.complementary), R.numbers("erfc"), inputs: xs.map { "\($0)" })
    }

    @Test func normalTwoSided() {
        let zs = R.numbers("normal", in: R.inputs)
        check("normal p", zs.map { Distributions.normalTwoSidedP(z: $0) }, R.numbers("normal"), inputs: zs.map { "\($0)" })
    }

    @Test func studentTwoSided() {
        let cases = R.tuples("student")
        check("t p", cases.map { Distributions.studentTwoSidedP(t: $0[0], df: $0[1]) }, R.numbers("student"),
              inputs: cases.map { "t \($0[0]), df \($0[1])" })
    }

    @Test func chiSquareUpperTail() {
        let cases = R.tuples("chi2")
        check("chi2 p", cases.map { Distributions.chiSquareUpperP($0[0], df: $0[1]) }, R.numbers("chi2"),
              inputs: cases.map { "x \($0[0]), df \($0[1])" })
    }

    /// The tails reach 1e-300 and are never computed as 1 minus the other side: a p of 1e-300 is not 0.
    @Test func farTailsAreNotZero() {
        #expect(Distributions.chiSquareUpperP(1350, df: 1) > 1e-300)
        #expect(Distributions.studentTwoSidedP(t: 1e200, df: 1) > 6e-201)
        #expect(Distributions.normalTwoSidedP(z: 37) > 1e-300)
        // Below the smallest double the answer is 0, never NaN.
        #expect(Distributions.normalTwoSidedP(z: 1e3) == 0)
        #expect(Distributions.chiSquareUpperP(1e300, df: 3) == 0)
        #expect(Distributions.studentTwoSidedP(t: .infinity, df: 3) == 0)
    }

    /// Invalid input gives NaN (documented), never a crash or a hang; edge values give their limits.
    @Test func domainEdges() {
        #expect(Distributions.studentTwoSidedP(t: 0, df: 7) == 1)
        #expect(Distributions.chiSquareUpperP(0, df: 4) == 1)
        #expect(Distributions.normalTwoSidedP(z: 0) == 1)
        #expect(Distributions.studentTwoSidedP(t: 2, df: 0).isNaN)
        #expect(Distributions.studentTwoSidedP(t: .nan, df: 3).isNaN)
        #expect(Distributions.chiSquareUpperP(-1, df: 1).isNaN)
        #expect(IncompleteBeta.regularized(x: 1.5, a: 1, b: 1).isNaN)
        #expect(IncompleteBeta.regularized(x: 0, a: 2, b: 3) == 0)
        #expect(IncompleteBeta.regularized(x: 1, a: 2, b: 3) == 1)
        #expect(IncompleteGamma.upper(a: 2, x: .infinity) == 0)
        #expect(ErrorFunction.complementary(-.infinity) == 2)
    }

    /// A sweep over the whole range: every p is a number in [0, 1] (never NaN), and a larger statistic never
    /// gives a larger p. This is what a caller relies on between the reference points.
    @Test func sweepIsMonotoneAndNeverNaN() {
        let dfs: [Double] = [0.3, 1, 1.5, 2, 3.7, 7, 29, 100, 588.2, 1000, 4321, 10000]
        var statistic = 1e-12
        var statistics: [Double] = []
        while statistic < 1e7 { statistics.append(statistic); statistic *= 1.37 }
        for df in dfs {
            var lastT = 2.0, lastChi = 2.0
            for x in statistics {
                let t = Distributions.studentTwoSidedP(t: x, df: df)
                let chi = Distributions.chiSquareUpperP(x, df: df)
                #expect(t >= 0 && t <= 1 && chi >= 0 && chi <= 1, "df \(df), x \(x): t p \(t), chi2 p \(chi)")
                #expect(t <= lastT * (1 + 1e-12) && chi <= lastChi * (1 + 1e-12), "df \(df), x \(x)")
                lastT = t
                lastChi = chi
            }
        }
        var lastZ = 2.0
        for z in statistics where z < 40 {
            let p = Distributions.normalTwoSidedP(z: z)
            #expect(p >= 0 && p <= lastZ * (1 + 1e-12))
            lastZ = p
        }
    }
}
