import Testing
import GlossCore
import GlossAnalysis

/// Segment agreement (MAXQDA style): a coded segment (a quote × one of its codes) agrees when the other coder
/// has the same code on a quote whose overlap is at least T % of the union of the two spans; agreement =
/// agreeing segments of both coders / all segments of both coders. Positions run over the chat's messages
/// joined by one "\n", in Unicode code points. Every expected number is worked out by hand in a comment.
@Suite("Agreement: segments")
struct AgreementSegmentTests {
    typealias Tree = AgreementKit.Tree

    /// A chat of one message of 100 code points ("x" × 100), coded by A and B with `codingsA` / `codingsB`,
    /// both coders done; the segment figures at `threshold`.
    static func segments(threshold: Int, chats: [Chat], _ codingsA: [Coding], _ codingsB: [Coding]) throws -> SegmentAgreement {
        var a = Session(coder: "a"), b = Session(coder: "b")
        for coding in codingsA { a.agreementPut(coding) }
        for coding in codingsB { b.agreementPut(coding) }
        a.agreementMarkDone(chats)
        b.agreementMarkDone(chats)
        return Agreement(a, b, codebook: try Tree.codebook(), chats: chats, threshold: threshold).segments
    }

    static let hundred = AgreementKit.chat("c01", [String(repeating: "x", count: 100)])

    static func span(_ id: String, _ range: Range<Int>, _ codes: [CodeID], chat: Chat = hundred, coder: String = "a") -> Coding {
        AgreementKit.coding(id, in: chat, from: (1, range.lowerBound), to: (1, range.upperBound), codes, coder: coder)
    }

    // MARK: The threshold

    /// [0, 90) vs [0, 100): overlap 90, union 100; 100·90 = 9000 ≥ 90·100 = 9000 → agrees at exactly 90 %.
    /// [0, 89) vs [0, 100): overlap 89, union 100; 8900 < 9000 → does not agree.
    @Test("an overlap of exactly the threshold agrees; one code point less does not")
    func exactlyAtTheThreshold() throws {
        #expect(SegmentAgreement.matches(0..<90, 0..<100, threshold: 90))
        #expect(SegmentAgreement.matches(0..<100, 0..<90, threshold: 90))
        #expect(!SegmentAgreement.matches(0..<89, 0..<100, threshold: 90))
        #expect(!SegmentAgreement.matches(0..<90, 0..<100, threshold: 91))

        let at90 = try Self.segments(threshold: 90, chats: [Self.hundred],
                                     [Self.span("a1", 0..<90, [Tree.zeta])], [Self.span("b1", 0..<100, [Tree.zeta], coder: "b")])
        #expect(counts(at90.all) == [2, 2])
        #expect(at90.all.agreement == 1)
        let below = try Self.segments(threshold: 90, chats: [Self.hundred],
                                      [Self.span("a1", 0..<89, [Tree.zeta])], [Self.span("b1", 0..<100, [Tree.zeta], coder: "b")])
        #expect(counts(below.all) == [0, 2])
        #expect(below.all.agreement == 0)
    }

    /// Disjoint and merely adjacent spans share no code point: never agree, not even at T = 0.
    @Test("disjoint spans never agree, whatever the threshold")
    func disjointSpans() {
        #expect(!SegmentAgreement.matches(0..<10, 10..<20, threshold: 0))
        #expect(!SegmentAgreement.matches(0..<10, 50..<60, threshold: 0))
        #expect(SegmentAgreement.matches(0..<10, 9..<20, threshold: 0))
        #expect(SegmentAgreement.matches(5..<10, 5..<10, threshold: 100))
    }

    @Test("the same span with a different code does not agree")
    func differentCodesDoNotAgree() throws {
        let result = try Self.segments(threshold: 90, chats: [Self.hundred],
                                       [Self.span("a1", 0..<100, [Tree.zeta])], [Self.span("b1", 0..<100, [Tree.alpha], coder: "b")])
        #expect(counts(result.all) == [0, 2])
        #expect(counts(result.perCode[Tree.zeta]) == [0, 1])
        #expect(counts(result.perCode[Tree.alpha]) == [0, 1])
    }

    // MARK: Per code and in total

    /// A: q1 [0, 50) with Zeta and Calm (one quote, two segments), q2 [60, 100) Zeta.
    /// B: t1 [0, 50) Zeta, t2 [55, 100) Calm.
    /// - Zeta: A [0, 50) matches B [0, 50) (100 %) → agrees; A [60, 100) vs B [0, 50) disjoint → not;
    ///   B [0, 50) matches A [0, 50) → agrees. 2 of 3.
    /// - Calm: A [0, 50) vs B [55, 100) disjoint → 0 of 2.
    /// - Total: (2 + 0) / (3 + 2) = 2 / 5 = 0.4.
    @Test("per code and in total: agreeing segments of both coders / all segments of both coders")
    func perCodeAndTotal() throws {
        let result = try Self.segments(threshold: 90, chats: [Self.hundred], [
            Self.span("q1", 0..<50, [Tree.zeta, Tree.calm]),
            Self.span("q2", 60..<100, [Tree.zeta]),
        ], [
            Self.span("t1", 0..<50, [Tree.zeta], coder: "b"),
            Self.span("t2", 55..<100, [Tree.calm], coder: "b"),
        ])
        #expect(counts(result.perCode[Tree.zeta]) == [2, 3])
        #expect(counts(result.perCode[Tree.calm]) == [0, 2])
        #expect(result.perCode.count == 2)
        #expect(counts(result.all) == [2, 5])
        #expect(AgreementCoefficientTests.near(result.all.agreement, 0.4))
        #expect(AgreementCoefficientTests.near(result.perCode[Tree.zeta]?.agreement, 2.0 / 3.0))
    }

    /// Each coder's segments count: A's one segment [0, 100) and B's two [0, 95) and [5, 100) (overlap 95 of a
    /// union of 100 each, ≥ 90 %) → A's 1 + B's 2 agree: 3 of 3.
    @Test("each coder's segments are counted: one of A matching two of B is 3 of 3")
    func oneMatchesTwo() throws {
        let result = try Self.segments(threshold: 90, chats: [Self.hundred],
                                       [Self.span("a1", 0..<100, [Tree.zeta])],
                                       [Self.span("b1", 0..<95, [Tree.zeta], coder: "b"), Self.span("b2", 5..<100, [Tree.zeta], coder: "b")])
        #expect(counts(result.all) == [3, 3])
    }

    /// Only pairable chats count: a segment in a chat B has not marked done is not a segment of the comparison.
    @Test("segments in chats that are not pairable are left out")
    func onlyPairableChats() throws {
        let second = AgreementKit.chat("c02", [String(repeating: "y", count: 40)])
        var a = Session(coder: "a"), b = Session(coder: "b")
        a.agreementPut(Self.span("a1", 0..<100, [Tree.zeta]))
        b.agreementPut(Self.span("b1", 0..<100, [Tree.zeta], coder: "b"))
        a.agreementPut(AgreementKit.whole("a2", in: second, [Tree.zeta]))
        b.agreementPut(AgreementKit.coding("b2", in: second, from: (1, 0), to: (1, 3), [Tree.zeta], coder: "b"))
        a.agreementMarkDone([Self.hundred, second])
        b.agreementMark("c01", .done)
        b.agreementMark("c02", .inProgress)
        let agreement = Agreement(a, b, codebook: try Tree.codebook(), chats: [Self.hundred, second])
        #expect(agreement.pairable == ["c01"])
        #expect(counts(agreement.segments.all) == [2, 2])
    }

    // MARK: Code points across messages

    /// Message 1 "e\u{0308}😔": "e", U+0308 COMBINING DIAERESIS, U+1F614 PENSIVE FACE = 3 code points
    /// (2 graphemes, 4 UTF-16 units, 7 UTF-8 bytes). Message 2: 16 × "x".
    /// Joined by one "\n": message 1 is [0, 3), the newline is 3, message 2 is [4, 20).
    /// A: (1, 0)–(2, 16) = [0, 20); B: (1, 2)–(2, 16) = [2, 20) (from just before the emoji).
    /// Overlap 18, union 20: 100·18 = 1800 ≥ 90·20 = 1800 → agrees at T = 90 exactly; not at T = 91 (1800 < 1820).
    /// Counting graphemes instead would give [0, 19) and [2, 19): 17 / 19 = 89.5 % → no agreement at 90.
    @Test("positions are code points over messages joined by one newline (combining accent and emoji)")
    func codePointsAcrossMessages() throws {
        let chat = AgreementKit.chat("c01", ["e\u{0308}😔", String(repeating: "x", count: 16)])
        #expect(chat.messages[0].length == 3)
        #expect(chat.linearOffset(of: TextPosition(message: 1, offset: 2)) == 2)
        #expect(chat.linearOffset(of: TextPosition(message: 2, offset: 0)) == 4)
        #expect(chat.linearOffset(of: TextPosition(message: 2, offset: 16)) == 20)
        let a = AgreementKit.coding("a1", in: chat, from: (1, 0), to: (2, 16), [Tree.zeta])
        let b = AgreementKit.coding("b1", in: chat, from: (1, 2), to: (2, 16), [Tree.zeta], coder: "b")
        #expect(Array(b.text.unicodeScalars) == Array("😔\n\(String(repeating: "x", count: 16))".unicodeScalars))

        let at90 = try Self.segments(threshold: 90, chats: [chat], [a], [b])
        #expect(counts(at90.all) == [2, 2])
        let at91 = try Self.segments(threshold: 91, chats: [chat], [a], [b])
        #expect(counts(at91.all) == [0, 2])
    }

    /// Message 1 "😔😔e\u{0308}e\u{0308}" = 6 code points (4 graphemes, 8 UTF-16 units, 14 UTF-8 bytes);
    /// message 2 "abcdefghij" = 10. Joined: message 1 [0, 6), newline 6, message 2 [7, 17).
    /// A: (1, 2)–(2, 10) = [2, 17), 15 long; B: (2, 0)–(2, 10) = [7, 17), 10 long. Overlap 10, union 15 = 66.7 %:
    /// T = 66: 1000 ≥ 990 agrees; T = 67: 1000 < 1005 does not.
    /// Other units would decide otherwise: UTF-16 [2, 19) vs [9, 19) = 10/17 = 58.8 % (no agreement at 66);
    /// graphemes [2, 15) vs [5, 15) = 10/13 = 76.9 % (agreement at 67); UTF-8 [2, 25) vs [15, 25) = 43.5 %.
    @Test("a span starting after two emoji in the first message and ending in the second")
    func emojiBeforeTheSecondMessage() throws {
        let chat = AgreementKit.chat("c01", ["😔😔e\u{0308}e\u{0308}", "abcdefghij"])
        #expect(chat.linearOffset(of: TextPosition(message: 2, offset: 0)) == 7)
        let a = AgreementKit.coding("a1", in: chat, from: (1, 2), to: (2, 10), [Tree.calm])
        let b = AgreementKit.coding("b1", in: chat, from: (2, 0), to: (2, 10), [Tree.calm], coder: "b")
        #expect(counts(try Self.segments(threshold: 66, chats: [chat], [a], [b]).all) == [2, 2])
        #expect(counts(try Self.segments(threshold: 67, chats: [chat], [a], [b]).all) == [0, 2])
    }

    // MARK: Robustness

    /// A transcript edited after coding (fewer messages, or a shorter message) leaves codings whose span the chat
    /// no longer holds (`gloss validate` reports them). Segment agreement must not trap on them: they have no
    /// place on the line, so they are left out; B's valid segment still counts (0 of 1).
    @Test("a coding whose span the edited transcript no longer holds does not trap")
    func staleSpans() throws {
        let chat = AgreementKit.chat("c01", ["kort", "ook kort"])
        let stale = Coding(id: CodingID("a-stale"), chat: "c01",
                           span: Span(from: TextPosition(message: 5, offset: 0), to: TextPosition(message: 6, offset: 10)),
                           codes: [Tree.zeta], text: "tekst die er niet meer staat", coder: "a", created: AgreementKit.date)
        let backwards = Coding(id: CodingID("a-short"), chat: "c01",
                               span: Span(from: TextPosition(message: 1, offset: 30), to: TextPosition(message: 2, offset: 2)),
                               codes: [Tree.zeta], text: "een bericht dat korter werd", coder: "a", created: AgreementKit.date)
        let valid = AgreementKit.whole("b1", in: chat, message: 1, [Tree.zeta], coder: "b")
        let result = try Self.segments(threshold: 90, chats: [chat], [stale, backwards], [valid])
        #expect(counts(result.all) == [0, 1])
    }

    /// [agreeing, total] (`SegmentAgreement.Count` has no public initialiser).
    func counts(_ count: SegmentAgreement.Count?) -> [Int]? { count.map { [$0.agreeing, $0.total] } }
}
