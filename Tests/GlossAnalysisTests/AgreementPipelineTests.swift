import Foundation
import Testing
import GlossCore
import GlossAnalysis

// `Agreement` built from real sessions: which chats pair, which codes are compared, the chat × code cells,
// the per-code rows and their means, and the disagreement events. Every expected value is worked out by hand
// in a comment from the sessions the test builds.

/// Small builders for the agreement tests (their own names, so they never clash with the shared fixtures).
enum AgreementKit {
    static let date = Date(timeIntervalSince1970: 1_700_000_000)

    /// A chat of the given messages (speakers alternate).
    static func chat(_ id: String, _ texts: [String]) -> Chat {
        Chat(id: id, messages: texts.enumerated().map {
            Message(speaker: $0.offset.isMultiple(of: 2) ? "Jongere" : "Hulpverlener", text: $0.element)
        })
    }

    /// `count` one-message chats `c01`, `c02`, …
    static func chats(_ count: Int) -> [Chat] {
        (1...count).map { chat(id($0), ["Bericht \($0): hij zegt dat ik niets mag vertellen."]) }
    }

    static func id(_ number: Int) -> String { String(format: "c%02d", number) }

    /// A coding from (message, offset) to (message, offset), its text read from the chat.
    static func coding(_ id: String, in chat: Chat, from: (Int, Int), to: (Int, Int), _ codes: [CodeID],
                       coder: String = "a") -> Coding {
        let span = Span(from: TextPosition(message: from.0, offset: from.1), to: TextPosition(message: to.0, offset: to.1))
        return Coding(id: CodingID(id), chat: chat.id, span: span, codes: codes, text: chat.text(of: span),
                      coder: coder, created: date)
    }

    /// A coding of the whole of message `message`.
    static func whole(_ id: String, in chat: Chat, message: Int = 1, _ codes: [CodeID], coder: String = "a") -> Coding {
        coding(id, in: chat, from: (message, 0), to: (message, chat.messages[message - 1].length), codes, coder: coder)
    }

    /// The codebook of these tests, in codebook (tree) order, index in brackets:
    ///
    /// ```
    /// [0] Topic            (sub-codes in codebook order Zeta, Alpha, Mid: neither by name nor by id)
    /// [1]   Zeta           c-z
    /// [2]   Alpha          c-a
    /// [3]   Mid            c-m
    /// [4] Tone
    /// [5]   Calm
    /// [6]   Angry
    /// [7]     Shouting
    /// [8] Loose            (a top-level code without sub-codes)
    /// [9] Other            (another one)
    /// ```
    ///
    /// Leaves: Zeta, Alpha, Mid, Calm, Shouting, Loose, Other (7). Codes with sub-codes: Topic, Tone, Angry.
    enum Tree {
        static let topic = CodeID("c-topic"), zeta = CodeID("c-z"), alpha = CodeID("c-a"), mid = CodeID("c-m")
        static let tone = CodeID("c-tone"), calm = CodeID("c-calm"), angry = CodeID("c-angry"), shouting = CodeID("c-shout")
        static let loose = CodeID("c-loose"), other = CodeID("c-other")
        static let leaves = [zeta, alpha, mid, calm, shouting, loose, other]

        static func codebook() throws -> Codebook {
            try Codebook(name: "agreement tests", codes: [
                Code(id: topic, name: "Topic"),
                Code(id: zeta, name: "Zeta", parent: topic),
                Code(id: alpha, name: "Alpha", parent: topic),
                Code(id: mid, name: "Mid", parent: topic),
                Code(id: tone, name: "Tone"),
                Code(id: calm, name: "Calm", parent: tone),
                Code(id: angry, name: "Angry", parent: tone),
                Code(id: shouting, name: "Shouting", parent: angry),
                Code(id: loose, name: "Loose"),
                Code(id: other, name: "Other"),
            ])
        }
    }

    /// A disagreement event as one comparable line: chat, kind, code, who has it, the other code.
    static func line(_ event: Agreement.Disagreement) -> String {
        "\(event.chat) \(event.kind.rawValue) \(event.code.rawValue) only \(event.onlyA ? "A" : "B") vs \(event.otherCode?.rawValue ?? "-")"
    }

    static func cells(_ row: Agreement.CodeRow?) -> [Int]? {
        row.map { [$0.cells.n11, $0.cells.n10, $0.cells.n01, $0.cells.n00] }
    }
}

extension Session {
    /// Adds a coding through a `SessionChange`, as the app does.
    mutating func agreementPut(_ coding: Coding) {
        apply(.coding(id: coding.id, before: codings[coding.id], after: coding))
    }

    mutating func agreementMark(_ chat: String, _ status: ChatStatus) {
        apply(.status(chat: chat, before: self.status(of: chat), after: status))
    }

    mutating func agreementMarkDone(_ chats: [Chat]) { for chat in chats { agreementMark(chat.id, .done) } }
}

extension Agreement {
    func row(_ code: CodeID) -> CodeRow? { perCode.first { $0.code == code } }
}

@Suite("Agreement from sessions")
struct AgreementPipelineTests {
    typealias Tree = AgreementKit.Tree

    // MARK: The published example through the whole pipeline

    /// Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability", Departmental Papers (ASC) 43,
    /// University of Pennsylvania, section A (binary data, two observers, ten units): α = 0.095.
    ///
    ///     A: 0 1 0 0 0 0 0 0 1 0
    ///     B: 1 1 1 0 0 1 0 0 0 0
    ///
    /// As 10 chats and one code (the codebook's only code): A applies it in chats 2 and 9, B in 1, 2, 3 and 6;
    /// both mark all ten done. Cells by hand: n11 = 1 (c02), n10 = 1 (c09), n01 = 3 (c01, c03, c06), n00 = 5.
    @Test("Krippendorff (2011) binary example through sessions: α = 0.095")
    func krippendorffThroughSessions() throws {
        let code = CodeID("c-only")
        let codebook = try Codebook(codes: [Code(id: code, name: "Dreiging")])
        let chats = AgreementKit.chats(10)
        let valuesA = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
        let valuesB = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        var a = Session(coder: "a"), b = Session(coder: "b")
        for (index, chat) in chats.enumerated() {
            if valuesA[index] == 1 { a.agreementPut(AgreementKit.whole("a\(index)", in: chat, [code], coder: "a")) }
            if valuesB[index] == 1 { b.agreementPut(AgreementKit.whole("b\(index)", in: chat, [code], coder: "b")) }
        }
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)

        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(agreement.pairable == chats.map(\.id))
        #expect(agreement.excluded.isEmpty)
        #expect(agreement.codes == [code])
        #expect(agreement.cells == Agreement.Cells(n11: 1, n10: 1, n01: 3, n00: 5))
        #expect(agreement.perCode.count == 1)
        #expect(agreement.perCode.first?.cells == agreement.cells)
        // α = 1 − 19·4 / (14·6) = 1 − 76/84 = 0.0952 (the paper: 0.095).
        #expect(AgreementCoefficientTests.near(agreement.cells.alpha, 1 - 76.0 / 84.0))
        #expect(agreement.cells.alpha.map { ($0 * 1000).rounded() / 1000 } == 0.095)
        #expect(AgreementCoefficientTests.near(agreement.perCode.first?.alpha, 1 - 76.0 / 84.0))
        // Positive agreement 1 / 5; all cells 6 / 10.
        #expect(AgreementCoefficientTests.near(agreement.cells.positiveAgreement, 0.2))
        #expect(AgreementCoefficientTests.near(agreement.cells.overallAgreement, 0.6))
        // Events: c01, c03, c06 forgotten by A (only B has the code), c09 forgotten by B. With one code there
        // is no sibling to pair with.
        #expect(agreement.disagreements.map(AgreementKit.line) == [
            "c01 forgotten c-only only B vs -",
            "c03 forgotten c-only only B vs -",
            "c06 forgotten c-only only B vs -",
            "c09 forgotten c-only only A vs -",
        ])
    }

    /// Two quotes with the code in one chat count once (the unit is chat × code presence).
    @Test("several quotes with the same code in a chat are one cell")
    func presenceNotQuotes() throws {
        let codebook = try Tree.codebook()
        let chat = AgreementKit.chat("c01", ["een", "twee", "drie"])
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementPut(AgreementKit.whole("a1", in: chat, message: 1, [Tree.zeta]))
        a.agreementPut(AgreementKit.whole("a2", in: chat, message: 2, [Tree.zeta]))
        a.agreementPut(AgreementKit.whole("a3", in: chat, message: 3, [Tree.zeta]))
        b.agreementPut(AgreementKit.whole("b1", in: chat, message: 3, [Tree.zeta], coder: "b"))
        a.agreementMark("c01", .done)
        b.agreementMark("c01", .done)
        let agreement = Agreement(a, b, codebook: codebook, chats: [chat])
        #expect(AgreementKit.cells(agreement.row(Tree.zeta)) == [1, 0, 0, 0])
        #expect(agreement.disagreements.isEmpty)
    }

    // MARK: Which chats pair

    /// c01 both done (pairable); c02 A done / B not started; c03 A done / B in progress; c04 both in progress;
    /// c05 neither started (not listed at all); c06 A not started / B done.
    /// Codings in left-out chats do not count: A's Zeta in c02 and B's Zeta in c03 leave Zeta's row at c01 only,
    /// and A's Topic applied directly in c02 does not make Topic a compared code.
    @Test("chats only one coder marked done, and in-progress chats, are left out and listed; untouched chats are not listed")
    func missingChats() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(6)
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementMark("c01", .done); b.agreementMark("c01", .done)
        a.agreementMark("c02", .done)
        a.agreementMark("c03", .done); b.agreementMark("c03", .inProgress)
        a.agreementMark("c04", .inProgress); b.agreementMark("c04", .inProgress)
        b.agreementMark("c06", .done)
        a.agreementPut(AgreementKit.whole("a-c01", in: chats[0], [Tree.zeta]))
        b.agreementPut(AgreementKit.whole("b-c01", in: chats[0], [Tree.zeta], coder: "b"))
        a.agreementPut(AgreementKit.whole("a-c02", in: chats[1], [Tree.zeta, Tree.topic]))
        b.agreementPut(AgreementKit.whole("b-c03", in: chats[2], [Tree.zeta], coder: "b"))
        b.agreementPut(AgreementKit.whole("b-c06", in: chats[5], [Tree.calm], coder: "b"))

        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(agreement.pairable == ["c01"])
        #expect(agreement.excluded.map { "\($0.chat) \($0.statusA.rawValue) \($0.statusB.rawValue)" } == [
            "c02 done not_started",
            "c03 done in_progress",
            "c04 in_progress in_progress",
            "c06 not_started done",
        ])
        #expect(!agreement.excluded.contains { $0.chat == "c05" })
        #expect(agreement.codes == Tree.leaves)
        // One pairable chat × 7 codes.
        #expect(agreement.cells == Agreement.Cells(n11: 1, n10: 0, n01: 0, n00: 6))
        #expect(AgreementKit.cells(agreement.row(Tree.zeta)) == [1, 0, 0, 0])
        #expect(AgreementKit.cells(agreement.row(Tree.calm)) == [0, 0, 0, 1])
        #expect(agreement.disagreements.isEmpty)
    }

    @Test("no pairable chat: every figure undefined, nothing compared cell-wise")
    func noPairableChat() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(2)
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementMark("c01", .done)
        b.agreementMark("c02", .done)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(agreement.pairable.isEmpty)
        #expect(agreement.excluded.count == 2)
        #expect(agreement.cells == Agreement.Cells())
        #expect(agreement.cells.positiveAgreement == nil)
        #expect(agreement.cells.overallAgreement == nil)
        #expect(agreement.cells.kappa == nil)
        #expect(agreement.cells.alpha == nil)
        #expect(agreement.mean(\.kappa).mean == nil)
        #expect(agreement.segments.all.agreement == nil)
    }

    // MARK: Which codes are compared

    /// The leaves always; a code with sub-codes only when a coder applied it directly in a pairable chat: A applies
    /// Tone in c01, B applies Angry in c02. Topic (never applied directly) is not compared. Codebook order.
    @Test("compared codes: every leaf, plus any code with sub-codes a coder applied directly")
    func comparedCodes() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(2)
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementPut(AgreementKit.whole("a1", in: chats[0], [Tree.tone]))
        b.agreementPut(AgreementKit.whole("b1", in: chats[1], [Tree.angry], coder: "b"))
        a.agreementPut(AgreementKit.whole("a2", in: chats[1], [Tree.zeta]))  // a leaf: no effect on the list
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(agreement.codes == [Tree.zeta, Tree.alpha, Tree.mid, Tree.tone, Tree.calm, Tree.angry, Tree.shouting, Tree.loose, Tree.other])
        #expect(!agreement.codes.contains(Tree.topic))
        // A parent applied directly is its own code, not a roll-up: Tone (A, c01) and Angry (B, c02).
        #expect(AgreementKit.cells(agreement.row(Tree.tone)) == [0, 1, 0, 1])
        #expect(AgreementKit.cells(agreement.row(Tree.angry)) == [0, 0, 1, 1])
        // 2 chats × 9 codes = 18 cells: n10 = Tone c01 + Zeta c02 = 2, n01 = Angry c02 = 1.
        #expect(agreement.cells == Agreement.Cells(n11: 0, n10: 2, n01: 1, n00: 15))
    }

    /// A proposed code (open coding) that a coder applied is compared too, after every codebook code.
    @Test("an applied proposed code is compared, after the codebook's codes")
    func proposedCode() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(1)
        let proposed = Code(id: CodeID("p-new"), name: "Nieuw", parent: Tree.topic)
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.apply(.proposal(id: proposed.id, before: nil, after: proposed))
        a.agreementPut(AgreementKit.whole("a1", in: chats[0], [proposed.id]))
        b.agreementPut(AgreementKit.whole("b1", in: chats[0], [Tree.alpha], coder: "b"))
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(agreement.codes == Tree.leaves + [proposed.id])
        // The proposal sits under Topic, like Alpha: one "different" event.
        #expect(agreement.disagreements.map(AgreementKit.line) == ["c01 different p-new only A vs c-a"])
    }

    // MARK: One coder only

    /// 10 chats; A applies Calm in c01–c03, B never. Calm's row: 0 / 3 / 0 / 7.
    /// κ by hand: po = 0.7, pA1 = 0.3, pB1 = 0, pe = 0.3·0 + 0.7·1 = 0.7 → κ = 0.
    /// α: n = 20, n1 = 3, n0 = 17, disagreements 3: α = 1 − 19·3 / (3·17) = 1 − 19/17 = −2/17.
    /// Positive agreement 0 / 3 = 0. Three "forgotten" events, all only A.
    @Test("a code only one coder used")
    func codeOnlyOneCoderUsed() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(10)
        var a = Session(coder: "a"), b = Session(coder: "b")
        for index in 0..<3 { a.agreementPut(AgreementKit.whole("a\(index)", in: chats[index], [Tree.calm])) }
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        let row = try #require(agreement.row(Tree.calm))
        #expect(AgreementKit.cells(row) == [0, 3, 0, 7])
        #expect(AgreementCoefficientTests.near(row.kappa, 0))
        #expect(AgreementCoefficientTests.near(row.alpha, -2.0 / 17.0))
        #expect(row.cells.positiveAgreement == 0)
        #expect(AgreementCoefficientTests.near(row.agreement, 0.7))
        #expect(agreement.disagreements.map(AgreementKit.line) == [
            "c01 forgotten c-calm only A vs -",
            "c02 forgotten c-calm only A vs -",
            "c03 forgotten c-calm only A vs -",
        ])
        #expect(agreement.forgottenCount == 3)
        #expect(agreement.differentCount == 0)
    }

    // MARK: Disagreement events

    /// A codes one quote [Zeta, Calm]; B codes the same span [Zeta] only: one event, Calm forgotten by B
    /// (only = A). Zeta agrees.
    @Test("a quote with two codes where B forgot one: one forgotten event, only A")
    func doubleCodedQuoteOneForgotten() throws {
        let codebook = try Tree.codebook()
        let chat = AgreementKit.chat("c01", ["ik mag het aan niemand vertellen"])
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementPut(AgreementKit.whole("a1", in: chat, [Tree.zeta, Tree.calm]))
        b.agreementPut(AgreementKit.whole("b1", in: chat, [Tree.zeta], coder: "b"))
        a.agreementMark("c01", .done)
        b.agreementMark("c01", .done)
        let agreement = Agreement(a, b, codebook: codebook, chats: [chat])
        #expect(agreement.disagreements.map(AgreementKit.line) == ["c01 forgotten c-calm only A vs -"])
        #expect(agreement.forgottenCount == 1)
        #expect(agreement.differentCount == 0)
        #expect(AgreementKit.cells(agreement.row(Tree.zeta)) == [1, 0, 0, 0])
        #expect(AgreementKit.cells(agreement.row(Tree.calm)) == [0, 1, 0, 0])
    }

    /// Under Topic the codebook order is Zeta, Alpha, Mid (not the order of the names, Alpha < Mid < Zeta,
    /// nor of the ids, c-a < c-m < c-z).
    /// - c01: only A has Zeta and Mid, only B has Alpha. In codebook order A's first, Zeta, pairs with Alpha
    ///   ("different"); Mid has nothing left and is forgotten (only A).
    /// - c02: only A has Alpha, only B has Zeta and Mid. Alpha pairs with B's first in codebook order, Zeta;
    ///   Mid is forgotten (only B).
    @Test("'different' pairs siblings greedily in codebook order; the rest is forgotten")
    func greedyPairingInCodebookOrder() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(2)
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementPut(AgreementKit.whole("a1", in: chats[0], [Tree.mid, Tree.zeta]))
        b.agreementPut(AgreementKit.whole("b1", in: chats[0], [Tree.alpha], coder: "b"))
        a.agreementPut(AgreementKit.whole("a2", in: chats[1], [Tree.alpha]))
        b.agreementPut(AgreementKit.whole("b2", in: chats[1], [Tree.mid], coder: "b"))
        b.agreementPut(AgreementKit.coding("b3", in: chats[1], from: (1, 0), to: (1, 4), [Tree.zeta], coder: "b"))
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(agreement.disagreements.map(AgreementKit.line) == [
            "c01 different c-z only A vs c-a",
            "c01 forgotten c-m only A vs -",
            "c02 different c-a only A vs c-z",
            "c02 forgotten c-m only B vs -",
        ])
        #expect(agreement.differentCount == 2)
        #expect(agreement.forgottenCount == 2)
    }

    /// Codes with different parents never pair:
    /// - c01: only A has Calm (parent Tone), only B has Zeta (parent Topic): two forgotten events.
    /// - c02: only A has Calm (parent Tone), only B has Shouting (parent Angry, itself under Tone): a cousin,
    ///   not a sibling, so two forgotten events.
    /// - c03: A applied Tone directly, B applied Calm (whose parent is Tone): a code and its own sub-code do
    ///   not share a parent, so two forgotten events.
    @Test("codes under different parents never pair")
    func differentParentsNeverPair() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(3)
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementPut(AgreementKit.whole("a1", in: chats[0], [Tree.calm]))
        b.agreementPut(AgreementKit.whole("b1", in: chats[0], [Tree.zeta], coder: "b"))
        a.agreementPut(AgreementKit.whole("a2", in: chats[1], [Tree.calm]))
        b.agreementPut(AgreementKit.whole("b2", in: chats[1], [Tree.shouting], coder: "b"))
        a.agreementPut(AgreementKit.whole("a3", in: chats[2], [Tree.tone]))
        b.agreementPut(AgreementKit.whole("b3", in: chats[2], [Tree.calm], coder: "b"))
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(agreement.disagreements.map(AgreementKit.line) == [
            "c01 forgotten c-calm only A vs -",
            "c01 forgotten c-z only B vs -",
            "c02 forgotten c-calm only A vs -",
            "c02 forgotten c-shout only B vs -",
            "c03 forgotten c-tone only A vs -",
            "c03 forgotten c-calm only B vs -",
        ])
        #expect(agreement.differentCount == 0)
    }

    /// Two top-level codes have no parent at all, so they are not "under the same parent": A's Loose and B's
    /// Other in one chat are two forgotten codes, not one "different" event (in the CKM codebook that would
    /// pair, say, "Pleger" with "Dwangmiddel" applied directly).
    @Test("top-level codes (no parent) never pair")
    func topLevelCodesNeverPair() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(1)
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementPut(AgreementKit.whole("a1", in: chats[0], [Tree.loose]))
        b.agreementPut(AgreementKit.whole("b1", in: chats[0], [Tree.other], coder: "b"))
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(agreement.disagreements.map(AgreementKit.line) == [
            "c01 forgotten c-loose only A vs -",
            "c01 forgotten c-other only B vs -",
        ])
    }

    // MARK: Means over the codes

    /// 10 chats. Zeta: A and B in c01–c03 → 3 / 0 / 0 / 7: κ = α = 1. Alpha: A in c01, B in c02 → 0 / 1 / 1 / 8:
    /// κ: po = 0.8, pA1 = pB1 = 0.1, pe = 0.01 + 0.81 = 0.82 → κ = −0.02 / 0.18 = −1/9;
    /// α: n = 20, n1 = 2, n0 = 18 → α = 1 − 19·2 / (2·18) = 1 − 19/18 = −1/18.
    /// The other 5 leaves nobody used: undefined, left out of the means and counted.
    /// Mean κ = (1 − 1/9) / 2 = 4/9; mean α = (1 − 1/18) / 2 = 17/36.
    @Test("mean over per-code values leaves undefined ones out and counts them")
    func meansLeaveUndefinedOut() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(10)
        var a = Session(coder: "a"), b = Session(coder: "b")
        for index in 0..<3 {
            a.agreementPut(AgreementKit.whole("a\(index)", in: chats[index], [Tree.zeta]))
            b.agreementPut(AgreementKit.whole("b\(index)", in: chats[index], [Tree.zeta], coder: "b"))
        }
        a.agreementPut(AgreementKit.coding("a-alpha", in: chats[0], from: (1, 0), to: (1, 5), [Tree.alpha]))
        b.agreementPut(AgreementKit.coding("b-alpha", in: chats[1], from: (1, 0), to: (1, 5), [Tree.alpha], coder: "b"))
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(AgreementKit.cells(agreement.row(Tree.zeta)) == [3, 0, 0, 7])
        #expect(AgreementKit.cells(agreement.row(Tree.alpha)) == [0, 1, 1, 8])
        #expect(AgreementCoefficientTests.near(agreement.row(Tree.alpha)?.kappa, -1.0 / 9.0))
        #expect(AgreementCoefficientTests.near(agreement.row(Tree.alpha)?.alpha, -1.0 / 18.0))
        for code in [Tree.mid, Tree.calm, Tree.shouting, Tree.loose, Tree.other] {
            #expect(agreement.row(code)?.kappa == nil, "\(code)")
            #expect(agreement.row(code)?.alpha == nil, "\(code)")
        }
        let kappa = agreement.mean(\.kappa), alpha = agreement.mean(\.alpha)
        #expect(AgreementCoefficientTests.near(kappa.mean, 4.0 / 9.0))
        #expect(kappa.undefined == 5)
        #expect(AgreementCoefficientTests.near(alpha.mean, 17.0 / 36.0))
        #expect(alpha.undefined == 5)
        // 10 chats × 7 codes = 70 cells: n11 = 3, n10 = 1, n01 = 1, n00 = 65.
        #expect(agreement.cells == Agreement.Cells(n11: 3, n10: 1, n01: 1, n00: 65))
        // c01: A-only Alpha; c02: B-only Alpha. Different chats, so no pairing.
        #expect(agreement.disagreements.map(AgreementKit.line) == [
            "c01 forgotten c-a only A vs -",
            "c02 forgotten c-a only B vs -",
        ])
    }

    /// Zeta applied by both coders in every pairable chat (3 / 0 / 0 / 0): κ and α undefined (every value the same),
    /// positive agreement 100 %. The chat-level totals stay defined because other codes are 0 / 0.
    @Test("a code both coders applied in every pairable chat: κ and α undefined for that code")
    func codeInEveryChat() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(3)
        var a = Session(coder: "a"), b = Session(coder: "b")
        for (index, chat) in chats.enumerated() {
            a.agreementPut(AgreementKit.whole("a\(index)", in: chat, [Tree.zeta]))
            b.agreementPut(AgreementKit.whole("b\(index)", in: chat, [Tree.zeta], coder: "b"))
        }
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        let row = try #require(agreement.row(Tree.zeta))
        #expect(AgreementKit.cells(row) == [3, 0, 0, 0])
        #expect(row.kappa == nil)
        #expect(row.alpha == nil)
        #expect(row.cells.positiveAgreement == 1)
        #expect(row.agreement == 1)
        // Totals: 3 chats × 7 codes = 21 cells, 3 both and 18 neither: perfect and defined, κ = α = 1.
        #expect(agreement.cells == Agreement.Cells(n11: 3, n10: 0, n01: 0, n00: 18))
        #expect(AgreementCoefficientTests.near(agreement.cells.kappa, 1))
        #expect(AgreementCoefficientTests.near(agreement.cells.alpha, 1))
        // Every per-code value is undefined (Zeta: all 1; the six others: all 0): means undefined, 7 counted.
        #expect(agreement.mean(\.kappa).mean == nil)
        #expect(agreement.mean(\.kappa).undefined == 7)
    }

    @Test("every per-code value undefined: the mean is undefined and every code is counted")
    func allUndefinedMean() throws {
        let codebook = try Tree.codebook()
        let chats = AgreementKit.chats(3)
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        let agreement = Agreement(a, b, codebook: codebook, chats: chats)
        #expect(agreement.mean(\.kappa).mean == nil)
        #expect(agreement.mean(\.kappa).undefined == 7)
        #expect(agreement.mean(\.alpha).mean == nil)
        #expect(agreement.mean(\.alpha).undefined == 7)
        #expect(agreement.cells == Agreement.Cells(n11: 0, n10: 0, n01: 0, n00: 21))
        #expect(agreement.cells.kappa == nil)
        #expect(agreement.cells.alpha == nil)
        #expect(agreement.cells.positiveAgreement == nil)
    }
}
