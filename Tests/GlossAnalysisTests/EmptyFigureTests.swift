import Testing
import GlossCore
import GlossAnalysis

/// Empty cases must give nil, never a division by zero or NaN.
@Suite("Empty sessions and empty categories")
struct EmptyFigureTests {
    /// Test 5: a session with no codings and no statuses.
    @Test func emptySessionHasNoShareAndNoPercents() throws {
        let analysis = try Analysis(Session.anna())
        let figure = analysis.figure(Book.dwang, totalChats: 9)
        // No chat carries any code: n = 0.
        #expect(figure.n == 0)
        // No chat is done or in progress: chats coded = 0, so share is undefined → nil.
        #expect(figure.chatsCoded == 0)
        #expect(figure.share == nil)
        // All four bars are shown with 0 chats; n = 0 so every percent is nil (not NaN, not 0).
        #expect(figure.bars.count == 4)
        for bar in figure.bars {
            #expect(bar.chats == 0, "bar \(bar.label)")
            #expect(bar.percent == nil, "bar \(bar.label)")
        }
        // Status: 0 done, 0 in progress, 9 − 0 − 0 = 9 not started.
        #expect(Status(figure.status) == Status(done: 0, inProgress: 0, notStarted: 9))
        #expect(figure.unknownCodes.isEmpty)
        // With hideEmpty nothing is left.
        #expect(analysis.figure(Book.dwang, hideEmpty: true).bars.isEmpty)
        // The empty recount equals the empty index.
        #expect(analysis.index == FrequencyIndex(hierarchy: try Book.hierarchy()))
    }

    /// No project chats at all: 0 of everything, still no NaN.
    @Test func noChatsAtAll() throws {
        let figure = try Analysis(Session.anna()).figure(Book.motief, totalChats: 0)
        #expect(figure.n == 0)
        #expect(figure.share == nil)
        #expect(Status(figure.status) == Status(done: 0, inProgress: 0, notStarted: 0))
        #expect(figure.bars.map(\.code) == [Book.financieel, Book.wraak])   // codebook order, both 0
        #expect(figure.bars.allSatisfy { $0.percent == nil })
    }

    /// Chats are coded, but none carries a code of the category: share is 0 %, percents nil (n = 0).
    @Test func codedChatsButEmptyCategory() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.financieel]))
        session.mark(1, .done)
        session.mark(2, .inProgress)
        let figure = try Analysis(session).figure(Book.dwang)
        // n = 0 (chat-01 only has a Motieven code).
        #expect(figure.n == 0)
        // chats coded = chat-01 (done) + chat-02 (in progress) = 2; share = 100 × 0 / 2 = 0 %.
        #expect(figure.chatsCoded == 2)
        #expect(approx(figure.share, 0))
        #expect(figure.bars.allSatisfy { $0.chats == 0 && $0.percent == nil })
    }

    /// A category without sub-codes (a leaf used as category) has no bars but a valid n.
    @Test func leafAsCategory() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.wraak]))
        session.mark(1, .done)
        let figure = try Analysis(session).figure(Book.wraak)
        // n = 1 (chat-01), share = 100 × 1 / 1 = 100 %, no bars.
        #expect(figure.n == 1)
        #expect(approx(figure.share, 100))
        #expect(figure.bars.isEmpty)
        #expect(figure.categoryPath == "Motieven > Wraak")
    }
}
