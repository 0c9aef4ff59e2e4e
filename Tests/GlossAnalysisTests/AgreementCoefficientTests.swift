import Testing
import GlossCore
import GlossAnalysis

/// The coefficients of `Agreement.Cells` against published worked examples. Every golden value comes from a
/// source outside Gloss (cited at the test) and is checked by hand in a comment; nothing here computes an
/// expectation with the code under test.
///
/// Cells: n11 = both coders applied the code in the chat, n10 = only A, n01 = only B, n00 = neither.
@Suite("Agreement coefficients: published examples")
struct AgreementCoefficientTests {
    /// `actual` is a finite number within `tolerance` of `expected`.
    static func near(_ actual: Double?, _ expected: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let actual, actual.isFinite else { return false }
        return abs(actual - expected) <= tolerance
    }

    // MARK: Krippendorff's alpha

    /// Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
    /// Communication, University of Pennsylvania, Departmental Papers (ASC) 43,
    /// http://repository.upenn.edu/asc_papers/43 — section A, "Binary data, two observers, no missing data":
    ///
    ///     unit:   1 2 3 4 5 6 7 8 9 10
    ///     Ben:    0 1 0 0 0 0 0 0 1 0
    ///     Gerry:  1 1 1 0 0 1 0 0 0 0          → α = 0.095
    ///
    /// By hand: both 1 in unit 2 → n11 = 1; A 1 / B 0 in unit 9 → n10 = 1; A 0 / B 1 in units 1, 3, 6 → n01 = 3;
    /// the other five units are 0 / 0 → n00 = 5. The paper's coincidence matrix: o00 = 10, o01 = o10 = 4, o11 = 2,
    /// n0 = 14, n1 = 6, n = 20; α = 1 − (n − 1)·o01 / (n0·n1) = 1 − 19·4 / (14·6) = 1 − 76/84 = 0.0952…
    static let krippendorffBinary = Agreement.Cells(n11: 1, n10: 1, n01: 3, n00: 5)

    @Test("Krippendorff (2011) binary example: α = 0.095")
    func krippendorffBinaryExample() {
        let cells = Self.krippendorffBinary
        #expect(cells.total == 10)
        let alpha = cells.alpha
        #expect(Self.near(alpha, 1 - 76.0 / 84.0))
        // The paper reports 0.095 (three decimals).
        #expect(alpha.map { ($0 * 1000).rounded() / 1000 } == 0.095)
        // κ on the same data: po = 0.6; pA1 = 2/10 = 0.2, pB1 = 4/10 = 0.4; pe = 0.2·0.4 + 0.8·0.6 = 0.56;
        // κ = 0.04 / 0.44 = 1/11 — the same proportions as the ATLAS.ti example below.
        #expect(Self.near(cells.kappa, 1.0 / 11.0))
    }

    /// α is symmetric in the coders: swapping them (n10 ↔ n01) gives the same value, as the coincidence matrix
    /// counts each pair both ways (Krippendorff 2011, section A).
    @Test("α and κ are the same with the coders swapped")
    func swappingTheCoders() {
        let cells = Self.krippendorffBinary
        let swapped = Agreement.Cells(n11: cells.n11, n10: cells.n01, n01: cells.n10, n00: cells.n00)
        #expect(Self.near(swapped.alpha, 1 - 76.0 / 84.0))
        #expect(Self.near(swapped.kappa, cells.kappa ?? .nan))
        #expect(swapped.positiveAgreement == cells.positiveAgreement)
    }

    // MARK: Cohen's kappa

    /// ATLAS.ti user manual (Windows & Mac), chapter "Inter-coder agreement (ICA)", the Cohen's kappa example:
    /// the coders agree 60 % of the time and 56 % agreement is expected by chance, so
    /// κ = (0.60 − 0.56) / (1 − 0.56) = 0.0909…
    ///
    /// Cells that give exactly these proportions, checked by hand: N = 10 + 30 + 10 + 50 = 100;
    /// po = (n11 + n00) / N = (10 + 50) / 100 = 0.60; A applied the code in n11 + n10 = 40 cells (pA1 = 0.40,
    /// pA0 = 0.60), B in n11 + n01 = 20 (pB1 = 0.20, pB0 = 0.80);
    /// pe = pA1·pB1 + pA0·pB0 = 0.08 + 0.48 = 0.56; κ = 0.04 / 0.44 = 1/11 = 0.090909…
    @Test("ATLAS.ti manual: 60 % agreement, 56 % by chance → κ = 0.0909")
    func atlasTiExample() {
        let cells = Agreement.Cells(n11: 10, n10: 30, n01: 10, n00: 50)
        #expect(Self.near(cells.overallAgreement, 0.60))
        #expect(Self.near(cells.kappa, 0.04 / 0.44))
        #expect(Self.near(cells.kappa, 1.0 / 11.0))
    }

    /// Wikipedia, "Cohen's kappa", section "Simple example" (https://en.wikipedia.org/wiki/Cohen%27s_kappa):
    /// 50 grant proposals, readers A and B: 20 yes/yes, 5 A yes / B no, 10 A no / B yes, 15 no/no →
    /// po = 0.7, pe = 0.5, κ = 0.4.
    ///
    /// By hand: po = (20 + 15) / 50 = 0.7; pA1 = 25/50 = 0.5, pB1 = 30/50 = 0.6;
    /// pe = 0.5·0.6 + 0.5·0.4 = 0.3 + 0.2 = 0.5; κ = (0.7 − 0.5) / 0.5 = 0.4.
    @Test("Wikipedia simple example: κ = 0.4")
    func wikipediaSimpleExample() {
        let cells = Agreement.Cells(n11: 20, n10: 5, n01: 10, n00: 15)
        #expect(Self.near(cells.overallAgreement, 0.7))
        #expect(Self.near(cells.kappa, 0.4))
        // Positive agreement n11 / (n11 + n10 + n01) = 20 / 35.
        #expect(Self.near(cells.positiveAgreement, 20.0 / 35.0))
    }

    /// Wikipedia, "Cohen's kappa", section "Same percentages but different numbers": two tables with the same
    /// 60 % agreement and different κ.
    ///
    /// Table 1: 45 yes/yes, 15 A yes / B no, 25 A no / B yes, 15 no/no. pA1 = 0.60, pB1 = 0.70,
    /// pe = 0.42 + 0.12 = 0.54, κ = (0.60 − 0.54) / 0.46 = 0.1304.
    /// Table 2: 25 yes/yes, 35 A yes / B no, 5 A no / B yes, 35 no/no. pA1 = 0.60, pB1 = 0.30,
    /// pe = 0.18 + 0.28 = 0.46, κ = (0.60 − 0.46) / 0.54 = 0.2593.
    @Test("Wikipedia: same 60 % agreement, κ 0.1304 and 0.2593")
    func wikipediaSamePercentages() {
        let one = Agreement.Cells(n11: 45, n10: 15, n01: 25, n00: 15)
        let two = Agreement.Cells(n11: 25, n10: 35, n01: 5, n00: 35)
        #expect(Self.near(one.overallAgreement, 0.6))
        #expect(Self.near(two.overallAgreement, 0.6))
        #expect(Self.near(one.kappa, 0.06 / 0.46))
        #expect(Self.near(two.kappa, 0.14 / 0.54))
        #expect(one.kappa.map { ($0 * 10_000).rounded() / 10_000 } == 0.1304)
        #expect(two.kappa.map { ($0 * 10_000).rounded() / 10_000 } == 0.2593)
    }

    /// easycalculation.com, "Cohen's Kappa Index Tutorial" (https://www.easycalculation.com/statistics/learn-cohens-kappa-index.php):
    /// 20 patients, doctors A and B: 12 both yes, 2 B yes / A no, 4 B no / A yes, 2 both no →
    /// Pr(a) = 0.7, Pr(e) = 0.7·0.8 + 0.2·0.3 = 0.62, κ = 0.08 / 0.38 = 0.21.
    ///
    /// With A as coder A: n11 = 12, n10 (A yes, B no) = 4, n01 (A no, B yes) = 2, n00 = 2.
    /// By hand: po = 14/20 = 0.7; pA1 = 16/20 = 0.8, pB1 = 14/20 = 0.7; pe = 0.56 + 0.06 = 0.62;
    /// κ = 0.08 / 0.38 = 0.210526…
    @Test("easycalculation.com example: κ = 0.21")
    func easyCalculationExample() {
        let cells = Agreement.Cells(n11: 12, n10: 4, n01: 2, n00: 2)
        #expect(Self.near(cells.overallAgreement, 0.7))
        #expect(Self.near(cells.kappa, 0.08 / 0.38))
        #expect(cells.kappa.map { ($0 * 100).rounded() / 100 } == 0.21)
    }

    /// Cohen (1960) defines chance agreement as the sum over the categories of the products of the two coders'
    /// marginal proportions: pe = pA1·pB1 + pA0·pB0. QualCoder's chance term keeps only the "applied" product
    /// pA1·pB1, which makes κ far too high when most cells are "neither" (the normal case for chat × code).
    ///
    /// Cells 1 / 1 / 1 / 97, by hand: po = 98/100 = 0.98; pA1 = pB1 = 0.02.
    /// Right: pe = 0.02·0.02 + 0.98·0.98 = 0.0004 + 0.9604 = 0.9608; κ = (0.98 − 0.9608) / 0.0392 = 0.0192 / 0.0392 = 0.489796…
    /// Wrong (product only): pe = 0.0004; κ = 0.9796 / 0.9996 = 0.97999…
    @Test("κ's chance term is a sum of products (not QualCoder's product of the 'applied' shares)")
    func chanceTermIsASumOfProducts() {
        let cells = Agreement.Cells(n11: 1, n10: 1, n01: 1, n00: 97)
        #expect(Self.near(cells.kappa, 0.0192 / 0.0392, 1e-12))
        #expect(!Self.near(cells.kappa, (0.98 - 0.0004) / (1 - 0.0004), 0.1))
        // And the Wikipedia example would give (0.7 − 0.3) / 0.7 = 0.571 with the product only, not 0.4.
        let wikipedia = Agreement.Cells(n11: 20, n10: 5, n01: 10, n00: 15)
        #expect(!Self.near(wikipedia.kappa, 0.4 / 0.7, 0.01))
    }

    // MARK: Agreement percentages

    /// Positive agreement n11 / (n11 + n10 + n01) and agreement over all cells (n11 + n00) / N, on the
    /// Krippendorff example: 1 / 5 = 0.2 and 6 / 10 = 0.6.
    @Test("positive agreement and agreement over all cells")
    func percentages() {
        let cells = Self.krippendorffBinary
        #expect(Self.near(cells.positiveAgreement, 0.2))
        #expect(Self.near(cells.overallAgreement, 0.6))
    }

    // MARK: Undefined values (0/0 is nil, never 0, 1 or NaN)

    @Test("a code nobody used: α, κ and positive agreement undefined; all-cells agreement 100 %")
    func codeNobodyUsed() {
        let cells = Agreement.Cells(n11: 0, n10: 0, n01: 0, n00: 12)
        #expect(cells.alpha == nil)
        #expect(cells.kappa == nil)
        #expect(cells.positiveAgreement == nil)
        #expect(cells.overallAgreement == 1)
    }

    @Test("a code both coders applied in every chat: α and κ undefined; positive agreement 100 %")
    func codeEveryoneUsedEverywhere() {
        let cells = Agreement.Cells(n11: 12, n10: 0, n01: 0, n00: 0)
        #expect(cells.alpha == nil)
        #expect(cells.kappa == nil)
        #expect(cells.positiveAgreement == 1)
        #expect(cells.overallAgreement == 1)
    }

    @Test("no cells at all: everything undefined")
    func noCells() {
        let cells = Agreement.Cells()
        #expect(cells.total == 0)
        #expect(cells.alpha == nil)
        #expect(cells.kappa == nil)
        #expect(cells.positiveAgreement == nil)
        #expect(cells.overallAgreement == nil)
    }

    /// One coder constant (never applied the code), the other not: defined, not undefined.
    /// 0 / 0 / 1 / 10, by hand: κ: po = 10/11, pA1 = 0, pB1 = 1/11, pe = 0 + 1·10/11 = 10/11 → κ = 0.
    /// α: n = 22, n1 = 1, n0 = 21, disagreeing pairs counted both ways = 2·1: α = 1 − 21·1 / (1·21) = 0.
    @Test("one coder never applied the code, the other once: κ = 0, α = 0 (defined)")
    func oneCoderConstant() {
        let cells = Agreement.Cells(n11: 0, n10: 0, n01: 1, n00: 10)
        #expect(Self.near(cells.kappa, 0))
        #expect(Self.near(cells.alpha, 0))
        #expect(cells.positiveAgreement == 0)
    }

    /// Perfect agreement with both values present: κ = α = 1.
    @Test("perfect agreement: κ = α = 1")
    func perfectAgreement() {
        let cells = Agreement.Cells(n11: 3, n10: 0, n01: 0, n00: 7)
        #expect(Self.near(cells.kappa, 1))
        #expect(Self.near(cells.alpha, 1))
    }

    /// Systematic disagreement: 0 / 2 / 2 / 0. κ: po = 0, pA1 = pB1 = 0.5, pe = 0.5 → κ = −1.
    /// α: n = 8, n1 = n0 = 4, o01 = 4 → α = 1 − 7·4 / 16 = −0.75 (Krippendorff's α has a small-sample
    /// correction, so it is not −1).
    @Test("systematic disagreement: κ = −1, α = −0.75")
    func systematicDisagreement() {
        let cells = Agreement.Cells(n11: 0, n10: 2, n01: 2, n00: 0)
        #expect(Self.near(cells.kappa, -1))
        #expect(Self.near(cells.alpha, -0.75))
    }
}
