import Foundation
import Testing
import GlossCore
import GlossAnalysis

/// Issue 14: a "different" disagreement (A applied one code, B another under the same parent) is one agenda
/// item, and a decision acts on the pair; a decision that loses what both coders had is caught (`ReviewLoss`).
///
/// The sessions are `ReviewTests.agendaSessions()`: in chat-01 A applied Chantage to the whole of message 3,
/// B applied Isolatie to the whole of message 3 (both under Dwangmiddelen); both applied Fysiek to message 2.
/// Every expected picture below is worked out by hand from those codings.
@Suite("Review: a different pair and what a decision loses")
struct ReviewPairTests {
    static let m3 = ReviewTests.span(3), m2 = ReviewTests.span(2)

    /// The seeded consensus (Fysiek on message 2) and the pair decision's result.
    static func decide(_ decision: Review.Decision, edited: CodeID? = nil) throws -> (before: Session, after: Session, a: Session, b: Session) {
        let (a, b) = ReviewTests.agendaSessions()
        let agreement = try ReviewTests.agreement(a, b)
        let empty = Session(coder: "consensus")
        let seeded = ReviewTests.applying(Review.seedConsensus(empty, agreement: agreement, preferred: a, other: b, into: "consensus", stamp: .live), to: empty)
        let changes = Review.changes(for: decision, chat: "chat-01", pair: Book.chantage, Book.isolatie, a: a, b: b, consensus: seeded,
                                     coder: "consensus", editedCode: edited, stamp: .live)
        return (seeded, ReviewTests.applying(changes, to: seeded), a, b)
    }

    @Test func eachDecisionActsOnThePair() throws {
        #expect(ReviewTests.picture(try Self.decide(.takeA).after) == [Self.m2: [Book.fysiek], Self.m3: [Book.chantage]])
        #expect(ReviewTests.picture(try Self.decide(.takeB).after) == [Self.m2: [Book.fysiek], Self.m3: [Book.isolatie]])
        // Both: one quote on message 3 with both codes (the same span).
        #expect(ReviewTests.picture(try Self.decide(.keepBoth).after) == [Self.m2: [Book.fysiek], Self.m3: [Book.chantage, Book.isolatie]])
        #expect(ReviewTests.picture(try Self.decide(.keepNeither).after) == [Self.m2: [Book.fysiek]])
        #expect(ReviewTests.picture(try Self.decide(.edited, edited: Book.wraak).after) == [Self.m2: [Book.fysiek], Self.m3: [Book.wraak]])
    }

    /// The demo's bug: two separate items, `a` on B's code (A's version: without it) and `b` on A's code (B's
    /// version: without it), each "take one coder's version", leave neither code. Done as one pair it cannot
    /// happen; done as two single-code decisions, the loss check catches the second.
    @Test func takingEachCodersVersionOfTheOthersCodeLosesThePassageAndIsCaught() throws {
        let (a, b) = ReviewTests.agendaSessions()
        let seeded = try Self.decide(.takeA).before
        let first = ReviewTests.applying(Review.changes(for: .takeA, chat: "chat-01", code: Book.isolatie, a: a, b: b, consensus: seeded,
                                                        coder: "consensus", stamp: .live), to: seeded)
        let second = ReviewTests.applying(Review.changes(for: .takeB, chat: "chat-01", code: Book.chantage, a: a, b: b, consensus: first,
                                                         coder: "consensus", stamp: .live), to: first)
        #expect(ReviewTests.picture(second) == [Self.m2: [Book.fysiek]], "neither code is left: the bug the pair item prevents")
        #expect(ReviewLoss.losses(chat: "chat-01", codes: [Book.chantage], a: a, b: b, before: first, after: second) == [.passageUncoded(Self.m3)])
        // The pair's own decisions: only `0` leaves message 3 uncoded.
        for decision in [Review.Decision.takeA, .takeB, .keepBoth] {
            let (before, after, a, b) = try Self.decide(decision)
            #expect(ReviewLoss.losses(chat: "chat-01", codes: [Book.chantage, Book.isolatie], a: a, b: b, before: before, after: after).isEmpty, "\(decision)")
        }
        let (before, after, a2, b2) = try Self.decide(.keepNeither)
        #expect(ReviewLoss.losses(chat: "chat-01", codes: [Book.chantage, Book.isolatie], a: a2, b: b2, before: before, after: after) == [.passageUncoded(Self.m3)])
    }

    /// Removing a code both coders applied (differing spans, `0`) is a loss; so is the passage it leaves.
    @Test func removingACodeBothAppliedIsALoss() throws {
        // Both applied Fysiek in chat-01: A the whole of message 2 (40 code points), B 0..<10 of it.
        let a = ReviewTests.session("a", [quote("a1", chat: 1, message: 2, [Book.fysiek])], done: [1])
        let b = ReviewTests.session("b", [quote("b1", chat: 1, message: 2, from: 0, to: 10, [Book.fysiek])], done: [1])
        let empty = Session(coder: "consensus")
        let seeded = ReviewTests.applying(Review.seedConsensus(empty, agreement: try ReviewTests.agreement(a, b), preferred: a, other: b,
                                                               into: "consensus", stamp: .live), to: empty)
        let after = ReviewTests.applying(Review.changes(for: .keepNeither, chat: "chat-01", code: Book.fysiek, a: a, b: b, consensus: seeded,
                                                        coder: "consensus", stamp: .live), to: seeded)
        #expect(ReviewLoss.losses(chat: "chat-01", codes: [Book.fysiek], a: a, b: b, before: seeded, after: after)
                == [.codeBothApplied(Book.fysiek), .passageUncoded(ReviewTests.span(2, 0, 10))])
        // B's version keeps it: no loss.
        let kept = ReviewTests.applying(Review.changes(for: .takeB, chat: "chat-01", code: Book.fysiek, a: a, b: b, consensus: seeded,
                                                       coder: "consensus", stamp: .live), to: seeded)
        #expect(ReviewLoss.losses(chat: "chat-01", codes: [Book.fysiek], a: a, b: b, before: seeded, after: kept).isEmpty)
    }
}
