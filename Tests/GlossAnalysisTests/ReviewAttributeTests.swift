import Foundation
import Testing
import GlossCore
import GlossAnalysis

/// Case attribute values the coders entered in the workbench are settled in the review meeting like codes:
/// an agenda item per chat × variable where the two entries differ (in chats both marked done), agreements
/// copied into the consensus, and a decision that keeps A's entry, B's, or none.
@Suite("Review: entered case attributes")
struct ReviewAttributeTests {
    static func entered(_ session: inout Session, _ chat: Int, _ variable: String, _ value: String??) {
        session.apply(.attribute(chat: Chats.id(chat), variable: variable, before: session.attribute(variable, in: Chats.id(chat)), after: value))
    }

    /// Both coders marked chats 1 and 2 done (chat 3 only A): pairable are chats 1 and 2.
    /// Chat 1: leeftijd A 14, B 15 (differ); duur A and B "1 tot 2 jaar" (agree); acuut only A "ja" (differ).
    /// Chat 2: leeftijd A marked unknown, B no entry (differ). Chat 3: A "16", not pairable.
    static func pair() -> (Session, Session) {
        var a = ReviewTests.session("anouk", [], done: [1, 2, 3])
        var b = ReviewTests.session("bram", [], done: [1, 2])
        entered(&a, 1, "leeftijd", .some("14")); entered(&b, 1, "leeftijd", .some("15"))
        entered(&a, 1, "duur", .some("1 tot 2 jaar")); entered(&b, 1, "duur", .some("1 tot 2 jaar"))
        entered(&a, 1, "acuut", .some("ja"))
        entered(&a, 2, "leeftijd", .some(nil))
        entered(&a, 3, "leeftijd", .some("16"))
        return (a, b)
    }

    @Test("the agenda lists each chat × variable entered differently, in pairable chats only, after the chat's codes")
    func agenda() throws {
        let (a, b) = Self.pair()
        let agreement = try ReviewTests.agreement(a, b)
        let items = Review.agenda(agreement, a: a, b: b, hierarchy: CodeHierarchy(codebook: try Book.codebook()))
        #expect(items == [.attribute(chat: Chats.id(1), variable: "acuut"), .attribute(chat: Chats.id(1), variable: "leeftijd"),
                          .attribute(chat: Chats.id(2), variable: "leeftijd")])
        #expect(items[0].key == "attribute|7|\(Chats.id(1))|acuut")
        // Keys stay apart when chat ids and variable names hold "|".
        #expect(Review.Item.attribute(chat: "a|b", variable: "c").key != Review.Item.attribute(chat: "a", variable: "b|c").key)
    }

    @Test("the seed copies the values both entered alike; each decision keeps A's entry, B's or none")
    func seedAndDecisions() throws {
        let (a, b) = Self.pair()
        let agreement = try ReviewTests.agreement(a, b)
        let empty = Session(coder: "consensus")
        let consensus = ReviewTests.applying(Review.seedConsensus(empty, agreement: agreement, preferred: a, other: b, into: "consensus", stamp: .live), to: empty)
        #expect(consensus.attributes == [Chats.id(1): ["duur": "1 tot 2 jaar"]])
        let chat = Chats.id(1)
        let takeA = try #require(Review.attributeChange(for: .takeA, chat: chat, variable: "leeftijd", a: a, b: b, consensus: consensus))
        #expect(ReviewTests.applying([takeA], to: consensus).attribute("leeftijd", in: chat) == .some("14"))
        let takeB = try #require(Review.attributeChange(for: .takeB, chat: chat, variable: "leeftijd", a: a, b: b, consensus: consensus))
        #expect(ReviewTests.applying([takeB], to: consensus).attribute("leeftijd", in: chat) == .some("15"))
        // B entered nothing for acuut: taking B's version leaves no entry (the header counts).
        let none = try #require(Review.attributeChange(for: .takeB, chat: chat, variable: "acuut", a: a, b: b, consensus: consensus))
        #expect(ReviewTests.applying([none], to: consensus).attribute("acuut", in: chat) == nil)
        // A marked chat 2's age unknown: taken, the consensus marks it unknown too.
        let unknown = try #require(Review.attributeChange(for: .takeA, chat: Chats.id(2), variable: "leeftijd", a: a, b: b, consensus: consensus))
        #expect(ReviewTests.applying([unknown], to: consensus).attribute("leeftijd", in: Chats.id(2)) == .some(nil))
        #expect(Review.attributeChange(for: .keepBoth, chat: chat, variable: "leeftijd", a: a, b: b, consensus: consensus) == nil)
        let neither = try #require(Review.attributeChange(for: .keepNeither, chat: chat, variable: "duur", a: a, b: b, consensus: consensus))
        #expect(ReviewTests.applying([neither], to: consensus).attribute("duur", in: chat) == nil)
    }
}
