import Testing
import GlossCore
import GlossAnalysis

/// The unit is the chat: a chat counts once for a code however many quotes carry it; quotes are counted
/// separately.
@Suite("The chat is the unit of counting")
struct ChatUnitTests {
    /// Test 2: five quotes with Fysiek geweld in chat-01, one in chat-02.
    @Test func fiveQuotesWithOneCodeCountAsOneChat() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 1, from: 0, to: 3, [Book.fysiek]))
        session.add(quote("q2", chat: 1, message: 1, from: 5, to: 9, [Book.fysiek]))
        session.add(quote("q3", chat: 1, message: 2, [Book.fysiek]))
        session.add(quote("q4", chat: 1, message: 3, from: 0, to: 3, [Book.fysiek]))
        session.add(quote("q5", chat: 1, message: 3, from: 4, to: 6, [Book.fysiek]))
        session.add(quote("q6", chat: 2, message: 2, [Book.fysiek]))
        session.mark(1, .done)
        session.mark(2, .done)
        let analysis = try Analysis(session)
        let index = analysis.index

        // chat-01 has 5 quotes with Fysiek geweld but is one chat; with chat-02 that is 2 chats.
        #expect(index.chats(with: Book.fysiek) == 2)
        #expect(index.chatsWithCodeDirectly[Book.fysiek] == 2)
        // Quotes: 5 in chat-01 + 1 in chat-02 = 6 in total.
        #expect(index.quotesWithCode[Book.fysiek] == 6)
        #expect(index.quotes(in: "chat-01", with: Book.fysiek) == 5)
        #expect(index.quotes(in: "chat-02", with: Book.fysiek) == 1)
        // Rolled-up applications in chat-01: 5 on Fysiek geweld, so 5 on Dwangmiddelen too.
        #expect(index.rolled["chat-01"]?[Book.dwang] == 5)
        #expect(index.direct["chat-01"]?[Book.dwang] == nil)

        let figure = analysis.figure(Book.dwang)
        // n = 2 chats (not 6 quotes); Fysiek geweld = 2 chats = 100 × 2 / 2 = 100 %.
        #expect(figure.n == 2)
        #expect(figure.bar(Book.fysiek)?.chats == 2)
        #expect(approx(figure.bar(Book.fysiek)?.percent, 100))
    }

    /// Exactly the brief's case: one chat, one code on five quotes → chats = 1, quotesWithCode = 5.
    @Test func oneChatFiveQuotes() throws {
        var session = Session.anna()
        for k in 0..<5 {
            // Five disjoint spans in message 2: [0,2), [3,5), [6,8), [9,11), [12,14).
            session.add(quote("q\(k)", chat: 4, message: 2, from: 3 * k, to: 3 * k + 2, [Book.chantage]))
        }
        session.mark(4, .inProgress)
        let analysis = try Analysis(session)
        #expect(analysis.index.chats(with: Book.chantage) == 1)       // one chat
        #expect(analysis.index.quotesWithCode[Book.chantage] == 5)    // five quotes
        let figure = analysis.figure(Book.dwang)
        #expect(figure.n == 1)
        #expect(figure.bar(Book.chantage)?.chats == 1)
        // 100 × 1 / 1 = 100 %.
        #expect(approx(figure.bar(Book.chantage)?.percent, 100))
    }

    /// Removing four of the five quotes leaves the chat counted; removing the last one drops it.
    @Test func chatStaysCountedUntilItsLastQuoteIsRemoved() throws {
        let hierarchy = try Book.hierarchy()
        var session = Session.anna()
        var index = FrequencyIndex(hierarchy: hierarchy)
        var codings: [Coding] = []
        for k in 0..<5 {
            let coding = quote("q\(k)", chat: 1, message: 2, from: 3 * k, to: 3 * k + 2, [Book.wraak])
            codings.append(coding)
            let change = SessionChange.coding(id: coding.id, before: nil, after: coding)
            session.apply(change)
            index.apply(change)
        }
        for coding in codings.dropLast() {
            let change = SessionChange.coding(id: coding.id, before: coding, after: nil)
            session.apply(change)
            index.apply(change)
        }
        // One quote left: still 1 chat, 1 quote.
        #expect(index.chats(with: Book.wraak) == 1)
        #expect(index.chats(with: Book.motief) == 1)
        #expect(index.quotesWithCode[Book.wraak] == 1)
        let last = codings.last!
        let change = SessionChange.coding(id: last.id, before: last, after: nil)
        session.apply(change)
        index.apply(change)
        // No quote left: 0 chats for the code and for its parent, and the index equals an empty one.
        #expect(index.chats(with: Book.wraak) == 0)
        #expect(index.chats(with: Book.motief) == 0)
        #expect(index == FrequencyIndex(hierarchy: hierarchy))
        #expect(index == FrequencyIndex(hierarchy: hierarchy, session: session))
    }
}
