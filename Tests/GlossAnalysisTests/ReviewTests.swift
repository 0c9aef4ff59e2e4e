import Foundation
import Testing
import GlossCore
import GlossAnalysis

/// The review meeting as pure functions (`Review`): the agenda, the seed of the consensus, and what each
/// decision changes in it. Every session is built by hand from the fixtures of `AnalysisFixtures.swift`
/// (codebook `Book`, three-message chats `Chats`); each expectation is worked out by hand in the comments.
///
/// Message texts of `Chats.chat(n)` (code points):
/// 1 "Hoi, waar wil je over praten? (chat-0n)", 2 "Hij zegt dat hij mijn foto's gaat delen." (40),
/// 3 "Dat is niet jouw schuld." (24).
@Suite("Review: agenda, seed and decisions")
struct ReviewTests {
    // MARK: Helpers

    /// A proposed code of A (under Dwangmiddelen) and one of B (under Motieven). The tree lists proposals
    /// by name: "Angst" (B's) before "Zwijgen" (A's).
    static let zwijgen = Code(id: CodeID("p-zwijgen"), name: "Zwijgen", parent: Book.dwang)
    static let angst = Code(id: CodeID("p-angst"), name: "Angst", parent: Book.motief)

    static func session(_ coder: String, _ codings: [Coding], done: [Int] = [], inProgress: [Int] = [], proposed: [Code] = []) -> Session {
        var session = Session(coder: coder)
        for code in proposed { session.propose(code) }
        for coding in codings { session.add(coding) }
        for chat in done { session.mark(chat, .done) }
        for chat in inProgress { session.mark(chat, .inProgress) }
        return session
    }

    static func agreement(_ a: Session, _ b: Session) throws -> Agreement {
        Agreement(a, b, codebook: try Book.codebook(), chats: Chats.all)
    }

    static func span(_ message: Int, _ from: Int = 0, _ to: Int? = nil, chat: Int = 1) -> Span {
        let end = to ?? Chats.chat(chat).messages[message - 1].length
        return Span(from: TextPosition(message: message, offset: from), to: TextPosition(message: message, offset: end))
    }

    /// Applies `changes` one by one as `SessionStore.perform` does: each must fit the session as it is then
    /// (its `before` matches), or the store would refuse the whole decision.
    static func applying(_ changes: [SessionChange], to session: Session, sourceLocation: SourceLocation = #_sourceLocation) -> Session {
        var result = session
        for change in changes {
            #expect(result.accepts(change), "a change does not fit the session it was computed for: \(change)", sourceLocation: sourceLocation)
            result.apply(change)
        }
        return result
    }

    /// The spans of the quotes of `session` in `chat` that carry `code`, in text order.
    static func spans(_ session: Session, chat: Int = 1, _ code: CodeID) -> [Span] {
        session.codings(in: Chats.id(chat)).filter { $0.codes.contains(code) }.map(\.span)
    }

    /// Codes per span of one chat: a readable picture of the consensus.
    static func picture(_ session: Session, chat: Int = 1) -> [Span: [CodeID]] {
        Dictionary(uniqueKeysWithValues: session.codings(in: Chats.id(chat)).map { ($0.span, $0.codes) })
    }

    // MARK: Agenda

    /// - chat-01 (both done): A Fysiek m2, Chantage m3; B Fysiek m2, Isolatie m3, Financieel m1.
    ///   Only A: Chantage; only B: Isolatie (same parent Dwangmiddelen → one "different" event, one agenda
    ///   item with both codes) and Financieel (forgotten by A).
    /// - chat-02 (both done): A Wraak m1, Fysiek m2, Zwijgen (A's proposal) m3; B Fysiek m2, Met geweld m3.
    ///   Only A: Wraak, Zwijgen; only B: Met geweld. No two share a parent → three forgotten events. The
    ///   agreement lists A's first (Wraak, Zwijgen, then Met geweld); the agenda must sort by codebook order.
    /// - chat-03: A done with Isolatie, B in progress with Chantage → not pairable, not on the agenda.
    /// - chat-04: B done, A not started, B Wraak → not pairable.
    /// Proposals: Zwijgen (A), Angst (B, used nowhere).
    static func agendaSessions() -> (a: Session, b: Session) {
        let a = session("a", [
            quote("a1", chat: 1, message: 2, [Book.fysiek]),
            quote("a2", chat: 1, message: 3, [Book.chantage]),
            quote("a3", chat: 2, message: 1, [Book.wraak]),
            quote("a4", chat: 2, message: 2, [Book.fysiek]),
            quote("a5", chat: 2, message: 3, [zwijgen.id]),
            quote("a6", chat: 3, message: 2, [Book.isolatie]),
        ], done: [1, 2, 3], proposed: [zwijgen])
        let b = session("b", [
            quote("b1", chat: 1, message: 2, [Book.fysiek]),
            quote("b2", chat: 1, message: 3, [Book.isolatie]),
            quote("b3", chat: 1, message: 1, [Book.financieel]),
            quote("b4", chat: 2, message: 2, [Book.fysiek]),
            quote("b5", chat: 2, message: 3, [Book.bedreigingGeweld]),
            quote("b6", chat: 3, message: 2, [Book.chantage]),
            quote("b7", chat: 4, message: 2, [Book.wraak]),
        ], done: [1, 2, 4], inProgress: [3], proposed: [angst])
        return (a, b)
    }

    @Test func agendaIsEveryOneSidedChatCodeOfPairableChatsInChatThenCodebookOrderThenProposals() throws {
        let (a, b) = Self.agendaSessions()
        let agreement = try Self.agreement(a, b)
        #expect(agreement.pairable == ["chat-01", "chat-02"])
        let hierarchy = try Book.hierarchy(proposed: a.proposedCodes.merging(b.proposedCodes) { x, _ in x })
        let agenda = Review.agenda(agreement, a: a, b: b, hierarchy: hierarchy)
        #expect(agenda == [
            .different(chat: "chat-01", a: Book.chantage, b: Book.isolatie),  // [5] only A, [6] only B: one pair
            .disagreement(chat: "chat-01", code: Book.financieel),          // [8] only B
            .disagreement(chat: "chat-02", code: Book.bedreigingGeweld),    // [2] only B
            .disagreement(chat: "chat-02", code: Book.wraak),               // [9] only A
            .disagreement(chat: "chat-02", code: Self.zwijgen.id),          // proposed: after the codebook
            .proposal(Self.angst.id),                                       // proposals by name: Angst,
            .proposal(Self.zwijgen.id),                                     // then Zwijgen
        ])
        // Fysiek geweld (both, chat-01 and chat-02) is no item; nor anything of chat-03 or chat-04.
        #expect(!agenda.contains { if case .disagreement(_, Book.fysiek) = $0 { return true } else { return false } })
        #expect(!agenda.contains { if case .disagreement("chat-03", _) = $0 { return true } else { return false } })
        #expect(!agenda.contains { if case .disagreement("chat-04", _) = $0 { return true } else { return false } })
        // Keys are stable and distinct.
        #expect(Set(agenda.map(\.key)).count == agenda.count)
        #expect(agenda[0].key == "different|code-chantage|code-isolatie|chat-01")
        #expect(agenda[1].key == "chat-01|code-financieel")
        #expect(agenda[5].key == "proposal|p-angst")
    }

    @Test func agendaWithoutDisagreementsOrProposalsIsEmpty() throws {
        let a = Self.session("a", [quote("a1", chat: 1, message: 2, [Book.fysiek])], done: [1])
        let b = Self.session("b", [quote("b1", chat: 1, message: 3, [Book.fysiek])], done: [1])
        let agenda = Review.agenda(try Self.agreement(a, b), a: a, b: b, hierarchy: try Book.hierarchy())
        // Same code in the same chat (other message): chat × code agreement, nothing to decide.
        #expect(agenda.isEmpty)
    }

    @Test func segmentsAddsAgreedCodesWhoseSpansDifferAfterTheDisagreementOfTheSameCode() throws {
        // chat-01: both applied Fysiek, A on the whole of m2 (40), B on m2 0..<10 (overlap 10/40 = 25 % < 90 %).
        // Both applied Wraak on the whole of m3: same span, no item. Only A: Chantage m1.
        let a = Self.session("a", [
            quote("a1", chat: 1, message: 2, [Book.fysiek]),
            quote("a2", chat: 1, message: 3, [Book.wraak]),
            quote("a3", chat: 1, message: 1, [Book.chantage]),
        ], done: [1])
        let b = Self.session("b", [
            quote("b1", chat: 1, message: 2, from: 0, to: 10, [Book.fysiek]),
            quote("b2", chat: 1, message: 3, [Book.wraak]),
        ], done: [1])
        let agreement = try Self.agreement(a, b)
        let agenda = Review.agenda(agreement, a: a, b: b, hierarchy: try Book.hierarchy(), segments: true, chats: Chats.all)
        // Codebook order: Fysiek [4] before Chantage [5].
        #expect(agenda == [.spans(chat: "chat-01", code: Book.fysiek), .disagreement(chat: "chat-01", code: Book.chantage)])
        #expect(agenda[0].key == "spans|chat-01|code-fysiek")
        // Without `segments`, only the disagreement.
        #expect(Review.agenda(agreement, a: a, b: b, hierarchy: try Book.hierarchy()) == [.disagreement(chat: "chat-01", code: Book.chantage)])
    }

    // MARK: Seeding the consensus

    /// - chat-01 (both done): Fysiek by both (A whole m2 with a memo, B m2 0..<10); Chantage only A.
    /// - chat-02 (both done): A one quote m2 [Fysiek, Met geweld] with a relation; B Met geweld on m1.
    ///   Both applied Met geweld (on other text); only A applied Fysiek.
    /// - chat-03: both applied Wraak but B has it in progress: not pairable, nothing copied, status untouched.
    static func seedSessions() -> (a: Session, b: Session) {
        var fysiekA = quote("a1", chat: 1, message: 2, [Book.fysiek])
        fysiekA.memo = "memo van A"
        let a = session("a", [
            fysiekA,
            quote("a2", chat: 1, message: 3, [Book.chantage]),
            quote("a3", chat: 2, message: 2, [Book.fysiek, Book.bedreigingGeweld], relation: "bedreiging met geweld"),
            quote("a4", chat: 3, message: 2, [Book.wraak]),
        ], done: [1, 2, 3])
        let b = session("b", [
            quote("b1", chat: 1, message: 2, from: 0, to: 10, [Book.fysiek]),
            quote("b2", chat: 2, message: 1, [Book.bedreigingGeweld]),
            quote("b3", chat: 3, message: 2, [Book.wraak]),
        ], done: [1, 2], inProgress: [3])
        return (a, b)
    }

    @Test func seedCopiesExactlyTheCodesBothAppliedWithAsQuotesAndMarksPairableChatsDone() throws {
        let (a, b) = Self.seedSessions()
        let agreement = try Self.agreement(a, b)
        let empty = Session(coder: "consensus")
        let changes = Review.seedConsensus(empty, agreement: agreement, preferred: a, other: b, into: "consensus", stamp: .live)
        let consensus = Self.applying(changes, to: empty)

        // Two quotes: Fysiek on A's span (whole m2 of chat-01), Met geweld on A's span (m2 of chat-02).
        #expect(consensus.codingCount == 2)
        #expect(Self.picture(consensus, chat: 1) == [Self.span(2): [Book.fysiek]])
        #expect(Self.picture(consensus, chat: 2) == [Self.span(2, chat: 2): [Book.bedreigingGeweld]])
        #expect(consensus.codings(in: "chat-03").isEmpty)
        // A's memo and text come along; the copy is the consensus's own (coder), and one code has no relation.
        let fysiek = try #require(consensus.codings(in: "chat-01").first)
        #expect(fysiek.memo == "memo van A")
        #expect(fysiek.text == "Hij zegt dat hij mijn foto's gaat delen.")
        #expect(fysiek.coder == "consensus")
        let geweld = try #require(consensus.codings(in: "chat-02").first)
        #expect(geweld.relation == nil)
        // Pairable chats done; the rest untouched.
        #expect(consensus.status(of: "chat-01") == .done)
        #expect(consensus.status(of: "chat-02") == .done)
        #expect(consensus.status(of: "chat-03") == .notStarted)
        #expect(consensus.chatStatuses.count == 2)
        // The coders' quotes are copies: no coding id of A or B in the consensus.
        #expect(Set(consensus.codings.keys).isDisjoint(with: Set(a.codings.keys).union(b.codings.keys)))
    }

    @Test func seedWithBPreferredTakesBsQuotes() throws {
        let (a, b) = Self.seedSessions()
        let agreement = try Self.agreement(a, b)
        let empty = Session(coder: "consensus")
        let consensus = Self.applying(Review.seedConsensus(empty, agreement: agreement, preferred: b, other: a, into: "consensus", stamp: .live), to: empty)
        #expect(consensus.codingCount == 2)
        #expect(Self.picture(consensus, chat: 1) == [Self.span(2, 0, 10): [Book.fysiek]])
        #expect(Self.picture(consensus, chat: 2) == [Self.span(1, chat: 2): [Book.bedreigingGeweld]])
        #expect(consensus.codings(in: "chat-01").first?.memo == nil)
        #expect(consensus.status(of: "chat-01") == .done && consensus.status(of: "chat-02") == .done)
    }

    @Test func seedOfAChatAlreadyDoneWritesNoStatusChange() throws {
        let (a, b) = Self.seedSessions()
        var consensus = Session(coder: "consensus")
        consensus.mark(1, .done)
        let changes = Review.seedConsensus(consensus, agreement: try Self.agreement(a, b), preferred: a, other: b, into: "consensus", stamp: .live)
        let statusChanges = changes.filter { if case .status = $0 { return true } else { return false } }
        #expect(statusChanges == [.status(chat: "chat-02", before: .notStarted, after: .done)])
        _ = Self.applying(changes, to: consensus)
    }

    // MARK: Decisions on a disagreement

    /// chat-01, the item is Chantage.
    /// - A: Chantage on the whole of m2 (memo "A") and on the whole of m3.
    /// - B: Chantage on the whole of m2 (same span as A) and on m1 0..<3.
    static let chantageA = [
        { () -> Coding in var c = quote("a1", chat: 1, message: 2, [Book.chantage]); c.memo = "A"; return c }(),
        quote("a2", chat: 1, message: 3, [Book.chantage]),
    ]
    static let chantageB = [
        quote("b1", chat: 1, message: 2, [Book.chantage]),
        quote("b2", chat: 1, message: 1, from: 0, to: 3, [Book.chantage]),
    ]

    /// A consensus with Fysiek on the whole of m2 (a quote A's Chantage quote can share) and Wraak on m1.
    static func consensusBefore() -> Session {
        session("consensus", [
            quote("c1", chat: 1, message: 2, [Book.fysiek]),
            quote("c2", chat: 1, message: 1, [Book.wraak]),
        ], done: [1])
    }

    static func decide(_ decision: Review.Decision, a: [Coding], b: [Coding], consensus: Session = consensusBefore(),
                       code: CodeID = Book.chantage, edited: CodeID? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Session {
        let sa = session("a", a, done: [1]), sb = session("b", b, done: [1])
        let changes = Review.changes(for: decision, chat: "chat-01", code: code, a: sa, b: sb, consensus: consensus,
                                     coder: "consensus", editedCode: edited, stamp: .live)
        return applying(changes, to: consensus, sourceLocation: sourceLocation)
    }

    @Test func takeAPutsAsQuotesSharingAnExistingQuoteOfTheSameSpan() {
        let after = Self.decide(.takeA, a: Self.chantageA, b: [])
        // m2: the existing Fysiek quote gets Chantage too (one quote, two codes); m3: a new quote; m1 untouched.
        #expect(Self.picture(after) == [
            Self.span(1): [Book.wraak],
            Self.span(2): [Book.fysiek, Book.chantage],
            Self.span(3): [Book.chantage],
        ])
        #expect(after.codingCount == 3)
        // The shared quote is still c1; its memo was empty, so A's memo comes along.
        let shared = after.codings[CodingID("c1")]
        #expect(shared?.codes == [Book.fysiek, Book.chantage])
        #expect(shared?.memo == "A")
        #expect(after.status(of: "chat-01") == .done)
    }

    @Test func takeAOfAnAbsenceRemovesTheCodeFromTheConsensusChat() {
        // The consensus has Chantage on its own quote (m3) and on the shared m2 quote with Fysiek and a relation.
        var consensus = Self.consensusBefore()
        consensus.add(quote("c1", chat: 1, message: 2, [Book.fysiek, Book.chantage], relation: "samen"))
        consensus.add(quote("c3", chat: 1, message: 3, [Book.chantage]))
        // A never applied Chantage: taking A's version is taking its absence.
        let after = Self.decide(.takeA, a: [quote("a9", chat: 1, message: 2, [Book.fysiek])], b: Self.chantageB, consensus: consensus)
        #expect(Self.picture(after) == [Self.span(1): [Book.wraak], Self.span(2): [Book.fysiek]])
        // c3 had only Chantage: gone. c1 keeps Fysiek; with one code left its relation goes.
        #expect(after.codings[CodingID("c3")] == nil)
        #expect(after.codings[CodingID("c1")]?.codes == [Book.fysiek])
        #expect(after.codings[CodingID("c1")]?.relation == nil)
        // Another chat's Chantage is not touched.
        var other = consensus
        other.add(quote("c7", chat: 2, message: 1, [Book.chantage]))
        let afterOther = Self.decide(.takeA, a: [], b: Self.chantageB, consensus: other)
        #expect(afterOther.codings[CodingID("c7")]?.codes == [Book.chantage])
    }

    @Test func takeBPutsBsQuotesAndReplacesWhatTheConsensusHadForTheCode() {
        // The consensus has Chantage on m3 (say from A's version); taking B's version moves it to B's spans.
        var consensus = Self.consensusBefore()
        consensus.add(quote("c3", chat: 1, message: 3, [Book.chantage]))
        let after = Self.decide(.takeB, a: Self.chantageA, b: Self.chantageB, consensus: consensus)
        #expect(Self.spans(after, Book.chantage) == [Self.span(1, 0, 3), Self.span(2)])
        #expect(Self.picture(after) == [
            Self.span(1): [Book.wraak],
            Self.span(1, 0, 3): [Book.chantage],
            Self.span(2): [Book.fysiek, Book.chantage],
        ])
        #expect(after.codings[CodingID("c3")] == nil)
        // B's version of an absence: B never applied it.
        let absent = Self.decide(.takeB, a: Self.chantageA, b: [], consensus: consensus)
        #expect(Self.spans(absent, Book.chantage).isEmpty)
        #expect(absent.codingCount == 2)
    }

    @Test func keepBothIsTheUnionOfSpansWithOneQuotePerSpan() {
        let after = Self.decide(.keepBoth, a: Self.chantageA, b: Self.chantageB, consensus: Session(coder: "consensus"))
        // A: m2, m3; B: m2 (same span), m1 0..<3 → three spans, m2 once.
        #expect(Self.spans(after, Book.chantage) == [Self.span(1, 0, 3), Self.span(2), Self.span(3)])
        #expect(after.codingCount == 3)
        #expect(after.codings.values.allSatisfy { $0.codes == [Book.chantage] })
        // The m2 quote is A's (first in the union), memo included.
        #expect(after.coding(in: "chat-01", span: Self.span(2))?.memo == "A")
    }

    @Test func keepNeitherRemovesTheCodeEverywhereInTheChatAndKeepsOtherCodes() {
        var consensus = Self.consensusBefore()
        consensus.add(quote("c1", chat: 1, message: 2, [Book.fysiek, Book.chantage], relation: "samen"))
        consensus.add(quote("c3", chat: 1, message: 3, [Book.chantage]))
        let after = Self.decide(.keepNeither, a: Self.chantageA, b: Self.chantageB, consensus: consensus)
        #expect(Self.spans(after, Book.chantage).isEmpty)
        #expect(Self.picture(after) == [Self.span(1): [Book.wraak], Self.span(2): [Book.fysiek]])
        #expect(after.codings[CodingID("c1")]?.relation == nil)
        // Nothing to remove: no change at all.
        let sa = Self.session("a", Self.chantageA, done: [1]), sb = Self.session("b", Self.chantageB, done: [1])
        #expect(Review.changes(for: .keepNeither, chat: "chat-01", code: Book.chantage, a: sa, b: sb,
                               consensus: Self.consensusBefore(), coder: "consensus", stamp: .live).isEmpty)
    }

    @Test func editedKeepsBothCodersQuotesWithTheChosenCodeInstead() {
        // The meeting decides the Chantage quotes are Isolatie. The consensus already has Chantage on m3 and
        // Isolatie on m1 0..<3 (B's Chantage span too).
        var consensus = Self.consensusBefore()
        consensus.add(quote("c3", chat: 1, message: 3, [Book.chantage]))
        consensus.add(quote("c4", chat: 1, message: 1, from: 0, to: 3, [Book.isolatie]))
        let after = Self.decide(.edited, a: Self.chantageA, b: Self.chantageB, consensus: consensus, edited: Book.isolatie)
        // No Chantage left in the chat; Isolatie on the union of A's and B's spans (m2, m3, m1 0..<3), each once.
        #expect(Self.spans(after, Book.chantage).isEmpty)
        #expect(Self.spans(after, Book.isolatie) == [Self.span(1, 0, 3), Self.span(2), Self.span(3)])
        #expect(Self.picture(after) == [
            Self.span(1): [Book.wraak],
            Self.span(1, 0, 3): [Book.isolatie],
            Self.span(2): [Book.fysiek, Book.isolatie],
            Self.span(3): [Book.isolatie],
        ])
        // Without a chosen code, nothing happens.
        let sa = Self.session("a", Self.chantageA, done: [1]), sb = Self.session("b", Self.chantageB, done: [1])
        #expect(Review.changes(for: .edited, chat: "chat-01", code: Book.chantage, a: sa, b: sb, consensus: consensus,
                               coder: "consensus", editedCode: nil, stamp: .live).isEmpty)
    }

    @Test func editedKeepsIsolatieTheConsensusHadElsewhereInTheChat() {
        // Isolatie on m1 (whole) in the consensus, on no span of A or B: it stays.
        var consensus = Session(coder: "consensus")
        consensus.add(quote("c5", chat: 1, message: 1, [Book.isolatie]))
        let after = Self.decide(.edited, a: Self.chantageA, b: [], consensus: consensus, edited: Book.isolatie)
        #expect(Self.spans(after, Book.isolatie) == [Self.span(1), Self.span(2), Self.span(3)])
        #expect(after.codingCount == 3)
    }

    // MARK: put

    @Test func putKeepsOtherCodesOnASharedQuoteAndDropsTheRelationWhenOneCodeIsLeft() {
        var consensus = Session(coder: "consensus")
        consensus.add(quote("c1", chat: 1, message: 2, [Book.fysiek, Book.chantage], relation: "samen"))
        consensus.add(quote("c2", chat: 1, message: 3, [Book.fysiek, Book.chantage, Book.wraak], relation: "drie"))
        let changes = Review.put(Book.chantage, quotes: [], chat: "chat-01", into: consensus, coder: "consensus", stamp: .live)
        let after = Self.applying(changes, to: consensus)
        // c1 falls to one code: relation dropped. c2 keeps two codes: relation kept.
        #expect(after.codings[CodingID("c1")]?.codes == [Book.fysiek])
        #expect(after.codings[CodingID("c1")]?.relation == nil)
        #expect(after.codings[CodingID("c2")]?.codes == [Book.fysiek, Book.wraak])
        #expect(after.codings[CodingID("c2")]?.relation == "drie")
        #expect(changes.count == 2)
    }

    @Test func putOnASharedQuoteTakesTheSourcesRelationOnlyWhenItHasNone() {
        var consensus = Session(coder: "consensus")
        consensus.add(quote("c1", chat: 1, message: 2, [Book.fysiek]))
        let source = [quote("a1", chat: 1, message: 2, [Book.fysiek, Book.chantage], relation: "van A")]
        let after = Self.applying(Review.put(Book.chantage, quotes: source, chat: "chat-01", into: consensus, coder: "consensus", stamp: .live), to: consensus)
        #expect(after.codings[CodingID("c1")]?.codes == [Book.fysiek, Book.chantage])
        #expect(after.codings[CodingID("c1")]?.relation == "van A")
        // Putting the same again changes nothing in the result.
        let again = Self.applying(Review.put(Book.chantage, quotes: source, chat: "chat-01", into: after, coder: "consensus", stamp: .live), to: after)
        #expect(Self.picture(again) == Self.picture(after))
        #expect(again.codingCount == 1)
    }

    // MARK: Proposals

    /// Consensus quotes: c1 [Zwijgen]; c2 [Fysiek, Zwijgen] "r"; c3 [Chantage, Zwijgen] "r2"; c4 [Wraak] (untouched).
    static func proposalConsensus() -> Session {
        session("consensus", [
            quote("c1", chat: 1, message: 1, [zwijgen.id]),
            quote("c2", chat: 1, message: 2, [Book.fysiek, zwijgen.id], relation: "r"),
            quote("c3", chat: 1, message: 3, [Book.chantage, zwijgen.id], relation: "r2"),
            quote("c4", chat: 2, message: 1, [Book.wraak]),
        ], done: [1, 2], proposed: [zwijgen])
    }

    @Test func mergingAProposalReplacesItByTheTargetWithoutRepeatingACode() {
        let consensus = Self.proposalConsensus()
        let changes = Review.replace(Self.zwijgen.id, by: Book.chantage, in: consensus)
        #expect(changes.count == 3)  // c4 does not carry the proposal
        let after = Self.applying(changes, to: consensus)
        #expect(after.codings[CodingID("c1")]?.codes == [Book.chantage])
        #expect(after.codings[CodingID("c2")]?.codes == [Book.fysiek, Book.chantage])
        #expect(after.codings[CodingID("c2")]?.relation == "r")
        // c3 had Chantage already: once, and with one code its relation goes.
        #expect(after.codings[CodingID("c3")]?.codes == [Book.chantage])
        #expect(after.codings[CodingID("c3")]?.relation == nil)
        #expect(after.codings[CodingID("c4")] == consensus.codings[CodingID("c4")])
        #expect(!after.codings.values.contains { $0.codes.contains(Self.zwijgen.id) })
    }

    @Test func rejectingAProposalRemovesItAndQuotesLeftWithoutCodes() {
        let consensus = Self.proposalConsensus()
        let after = Self.applying(Review.replace(Self.zwijgen.id, by: nil, in: consensus), to: consensus)
        #expect(after.codings[CodingID("c1")] == nil)
        #expect(after.codings[CodingID("c2")]?.codes == [Book.fysiek])
        #expect(after.codings[CodingID("c2")]?.relation == nil)
        #expect(after.codings[CodingID("c3")]?.codes == [Book.chantage])
        #expect(after.codingCount == 3)
        // Nothing carries the code: no change.
        #expect(Review.replace(Self.angst.id, by: nil, in: consensus).isEmpty)
    }
}
