import Foundation
import Testing
import GlossCore
import GlossAnalysis

// Agreement among three or more coders. The general coefficients are checked against the published worked
// examples through the committed reference (reference/multi_agreement_reference.py, its inputs
// multi_inputs.json and outputs multi_outputs.json; the tests never run Python); the chat × code pipeline
// against a small project worked out by hand in the comments.

/// The committed multi-coder reference, read once.
enum MultiReference {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("reference")
    nonisolated(unsafe) static let inputs: [String: Any] = load("multi_inputs.json")
    nonisolated(unsafe) static let outputs: [String: Any] = load("multi_outputs.json")

    private static func load(_ name: String) -> [String: Any] {
        let data = try! Data(contentsOf: folder.appendingPathComponent(name))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func number(_ value: Any?) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        return (value as? NSNumber)?.doubleValue
    }
}

@Suite("Agreement among three or more coders")
struct AgreementMultiCoderTests {
    typealias Kit = AgreementKit

    // MARK: The general coefficients against published examples

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve
    /// units, values 1–5, missing values; α = 0.743. The data are in reference/multi_inputs.json.
    @Test("Krippendorff (2011), 4 coders × 12 units with missing values: α = 0.743 (and the reference to 1e-12)")
    func krippendorffWorkedExample() throws {
        let example = try #require(MultiReference.inputs["krippendorff_2011"] as? [String: Any])
        let observers = try #require(example["observers"] as? [[Any]])
        let values = observers.map { $0.map { ($0 as? NSNumber)?.intValue } }
        #expect(values.count == 4 && values.allSatisfy { $0.count == 12 })
        let units = (0..<12).map { u in values.map { $0[u] } }
        let alpha = try #require(ReliabilityCoefficients.krippendorffAlphaNominal(units))
        #expect(String(format: "%.3f", alpha) == "0.743", "published value 0.743, got \(alpha)")
        let reference = try #require(MultiReference.number((MultiReference.outputs["krippendorff_2011"] as? [String: Any])?["alpha"]))
        #expect(abs(alpha - reference) <= 1e-12, "gloss \(alpha), reference \(reference)")
    }

    /// Fleiss (1971) as worked in the Wikipedia article "Fleiss' kappa": 10 subjects, 14 raters, 5 categories;
    /// P̄ = 0.378, P_e = 0.213, κ = 0.210.
    @Test("Fleiss (1971), 10 subjects × 14 raters: κ = 0.210 (and the reference to 1e-12)")
    func fleissWorkedExample() throws {
        let example = try #require(MultiReference.inputs["fleiss_1971"] as? [String: Any])
        let counts = try #require(example["counts"] as? [[Int]])
        let kappa = try #require(ReliabilityCoefficients.fleissKappa(counts))
        #expect(String(format: "%.3f", kappa) == "0.210", "published value 0.210, got \(kappa)")
        let reference = try #require(MultiReference.number((MultiReference.outputs["fleiss_1971"] as? [String: Any])?["kappa"]))
        #expect(abs(kappa - reference) <= 1e-12, "gloss \(kappa), reference \(reference)")
        // Unequal numbers of raters, or a single category: no κ.
        #expect(ReliabilityCoefficients.fleissKappa([[1, 2], [3, 1]]) == nil)
        #expect(ReliabilityCoefficients.fleissKappa([[3, 0], [3, 0]]) == nil)
    }

    /// The integer tally gives the published binary value too: Krippendorff (2011) A, α = 0.095.
    @Test("PresenceTally: Krippendorff (2011) binary example α = 0.095; undefined when every value is the same")
    func tallyBinaryExample() {
        var tally = PresenceTally(coders: 2)
        for (a, b) in zip([0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]) { tally.add(ones: a + b, of: 2) }
        // 1 − 19 · 4 / (14 · 6) = 8/84.
        #expect(abs((tally.alpha ?? .nan) - 8.0 / 84.0) < 1e-15)
        var same = PresenceTally(coders: 3)
        for _ in 0..<5 { same.add(ones: 0, of: 3) }
        #expect(same.alpha == nil)
        #expect(same.fleissKappa == nil)
        same.add(ones: 1, of: 1)  // one value is not pairable: not counted
        #expect(same.units == 5 && same.values == 15)
    }

    // MARK: The pipeline on a small project worked out by hand

    /// One code X; chats c01–c04; whole first messages unless said.
    ///
    ///     chat   a      b      c
    ///     c01    X      X      X
    ///     c02    X      –      X (first half of the message only)
    ///     c03    –      –      –
    ///     c04    –      –      (not started: missing)
    static func team() throws -> (digests: [SessionDigest], codebook: Codebook, chats: [Chat]) {
        let x = CodeID("c-x")
        let codebook = try Codebook(codes: [Code(id: x, name: "X")])
        let chats = Kit.chats(4)
        var a = Session(coder: "a"), b = Session(coder: "b"), c = Session(coder: "c")
        a.agreementPut(Kit.whole("a1", in: chats[0], [x], coder: "a"))
        a.agreementPut(Kit.whole("a2", in: chats[1], [x], coder: "a"))
        b.agreementPut(Kit.whole("b1", in: chats[0], [x], coder: "b"))
        c.agreementPut(Kit.whole("c1", in: chats[0], [x], coder: "c"))
        c.agreementPut(Kit.coding("c2", in: chats[1], from: (1, 0), to: (1, chats[1].messages[0].length / 2), [x], coder: "c"))
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        c.agreementMarkDone(Array(chats[0..<3]))
        return ([SessionDigest(a), SessionDigest(b), SessionDigest(c)], codebook, chats)
    }

    /// Units (values a, b, c): c01 (1,1,1), c02 (1,0,1), c03 (0,0,0), c04 (0,0,–).
    /// n = 11 values, n_1 = 5, n_0 = 6; o_01 = Σ k(m − k)/(m − 1) = c02: 2·1/2 = 1; α = 1 − 10·1/(6·5) = 2/3.
    /// Fleiss: absent, c04 lacks c. Pairs: a/b over c01–c04: n11 1 (c01), n10 1 (c02), n00 2: positive 1/2,
    /// κ: p_o = 3/4, p_e = ½·¼ + ½·¾ = ½, κ = ½; α = 1 − 7·1/(5·3) = 8/15. a/c over c01–c03: n11 2, n00 1:
    /// positive 1, κ 1, α 1. b/c: n11 1, n01 1, n00 1. Pooled: n11 4, n10 1, n01 1, n00 4: positive 4/6.
    /// Segments (overlap ≥ 90 %; c's half quote in c02 matches nobody): a/b: a's c01 ✓, a's c02 ✗, b's c01 ✓
    /// = 2 of 3; a/c: 2 of 4; b/c: 2 of 3. Pooled 6 of 10.
    @Test("three coders, one missing a chat: α = 2/3, Fleiss absent (c04), pairs and pooled figures by hand")
    func threeCodersByHand() throws {
        let (digests, codebook, chats) = try Self.team()
        let team = MultiCoderAgreement(digests, codebook: codebook, chats: chats)
        #expect(team.chats == ["c01", "c02", "c03", "c04"])
        #expect(team.doneBy == [[0, 1, 2], [0, 1, 2], [0, 1, 2], [0, 1]])
        #expect(team.excluded.isEmpty)
        #expect(team.tally.values == 11 && team.tally.ones == 5)
        #expect(abs((team.alpha ?? .nan) - 2.0 / 3.0) < 1e-15)
        #expect(team.fleissKappa == nil)
        #expect(team.fleissAbsence == .missingCoders(["c04"]))
        #expect(team.pairs.map { [$0.a, $0.b, $0.chats] } == [[0, 1, 4], [0, 2, 3], [1, 2, 3]])
        #expect(team.pairs.map(\.cells) == [Agreement.Cells(n11: 1, n10: 1, n01: 0, n00: 2),
                                            Agreement.Cells(n11: 2, n10: 0, n01: 0, n00: 1),
                                            Agreement.Cells(n11: 1, n10: 0, n01: 1, n00: 1)])
        #expect(abs((team.pairs[0].cells.kappa ?? .nan) - 0.5) < 1e-15)
        #expect(abs((team.pairs[0].cells.alpha ?? .nan) - 8.0 / 15.0) < 1e-15)
        #expect(team.pooledCells == Agreement.Cells(n11: 4, n10: 1, n01: 1, n00: 4))
        #expect(team.pairs.map { [$0.segments.agreeing, $0.segments.total] } == [[2, 3], [2, 4], [2, 3]])
        #expect(team.pooledSegments.agreeing == 6 && team.pooledSegments.total == 10)
    }

    /// On c01–c03 every coder finished every chat: units c01 (k = 3), c02 (k = 2), c03 (k = 0), m = 3.
    /// P_i = [k(k − 1) + (3 − k)(2 − k)] / 6: 1, 1/3, 1; P̄ = 7/9. p_1 = 5/9, P_e = 25/81 + 16/81 = 41/81;
    /// κ = (63/81 − 41/81) / (40/81) = 0.55. α: n = 9, n_1 = 5, n_0 = 4, o_01 = 1: 1 − 8/20 = 0.6.
    @Test("three coders, every chat complete: Fleiss' κ = 0.55, α = 0.6 by hand")
    func fleissWhenComplete() throws {
        let (digests, codebook, chats) = try Self.team()
        let team = MultiCoderAgreement(digests, codebook: codebook, chats: Array(chats[0..<3]))
        #expect(team.fleissAbsence == nil)
        #expect(abs((team.fleissKappa ?? .nan) - 0.55) < 1e-15)
        #expect(abs((team.alpha ?? .nan) - 0.6) < 1e-15)
        #expect(team.perCode.count == 1)
        #expect(abs((team.perCode[0].fleissKappa ?? .nan) - 0.55) < 1e-15)
    }

    /// A chat only one coder finished is left out (listed with every status); nobody done is not listed.
    @Test("a chat fewer than two coders finished is left out and listed; no units: Fleiss says so")
    func excludedChats() throws {
        let (digests, codebook, chats) = try Self.team()
        var d = Session(coder: "d")
        d.agreementMark(chats[0].id, .inProgress)
        let lone = MultiCoderAgreement([digests[0], SessionDigest(d), SessionDigest(Session(coder: "e"))], codebook: codebook, chats: chats)
        #expect(lone.chats.isEmpty)
        #expect(lone.excluded.map(\.chat) == ["c01", "c02", "c03", "c04"])
        #expect(lone.excluded[0].statuses == [.done, .inProgress, .notStarted])
        #expect(lone.alpha == nil)
        #expect(lone.fleissAbsence == .noUnits)
    }

    /// With two coders the team figures are the two-coder ones (Krippendorff 2011 binary example: α = 0.095).
    @Test("two coders through MultiCoderAgreement: the Krippendorff (2011) binary example gives α = 0.095 and its cells")
    func twoCodersReduce() throws {
        let code = CodeID("c-only")
        let codebook = try Codebook(codes: [Code(id: code, name: "Dreiging")])
        let chats = Kit.chats(10)
        var a = Session(coder: "a"), b = Session(coder: "b")
        for (index, chat) in chats.enumerated() {
            if [0, 1, 0, 0, 0, 0, 0, 0, 1, 0][index] == 1 { a.agreementPut(Kit.whole("a\(index)", in: chat, [code], coder: "a")) }
            if [1, 1, 1, 0, 0, 1, 0, 0, 0, 0][index] == 1 { b.agreementPut(Kit.whole("b\(index)", in: chat, [code], coder: "b")) }
        }
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let team = MultiCoderAgreement([SessionDigest(a), SessionDigest(b)], codebook: codebook, chats: chats)
        #expect(String(format: "%.3f", team.alpha ?? .nan) == "0.095")
        #expect(team.pooledCells == Agreement.Cells(n11: 1, n10: 1, n01: 3, n00: 5))
        #expect(team.pairs.count == 1)
        #expect(abs((team.pairs[0].cells.alpha ?? .nan) - (team.alpha ?? .nan)) < 1e-15)
    }
}
