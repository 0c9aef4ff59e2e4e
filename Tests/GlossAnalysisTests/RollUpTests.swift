import Testing
import GlossCore
import GlossAnalysis

/// Roll-up: a chat counts for a code when it carries the code or any code below it; bars are the category's
/// direct sub-codes only; the category code itself counts for n but for no bar.
@Suite("Roll-up of sub-codes into bars and n")
struct RollUpTests {
    @Test func hierarchyFollowsTheCodebookTree() throws {
        let hierarchy = try Book.hierarchy()
        // Met geweld → Bedreiging → Dwangmiddelen, nearest first.
        #expect(hierarchy.ancestors(of: Book.bedreigingGeweld) == [Book.bedreiging, Book.dwang])
        #expect(hierarchy.ancestors(of: Book.dwang) == [])
        // Direct children of Dwangmiddelen in codebook order (grandchildren are not children).
        #expect(hierarchy.children(of: Book.dwang) == [Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie])
        // Subtree in tree order: the code, then its sub-codes.
        #expect(hierarchy.subtree(of: Book.bedreiging) == [Book.bedreiging, Book.bedreigingGeweld, Book.bedreigingOpenbaar])
        // Codebook order of the fixture: [0] dwang … [4] fysiek … [9] wraak.
        #expect(hierarchy.order(of: Book.dwang) == 0)
        #expect(hierarchy.order(of: Book.fysiek) == 4)
        #expect(hierarchy.order(of: Book.wraak) == 9)
        #expect(hierarchy.path(of: Book.bedreigingGeweld) == "Dwangmiddelen > Bedreiging > Met geweld")
    }

    /// Test 1: chat-01 carries only the grandchild "Met geweld"; chat-02 carries "Fysiek geweld".
    @Test func grandchildCountsForItsChildBarAndForN() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.bedreigingGeweld]))
        session.add(quote("q2", chat: 2, message: 2, [Book.fysiek]))
        session.mark(1, .done)
        session.mark(2, .done)
        let analysis = try Analysis(session)
        let figure = analysis.figure(Book.dwang)

        // n: chat-01 (via Met geweld → Bedreiging → Dwangmiddelen) and chat-02 (via Fysiek geweld) = 2.
        #expect(figure.n == 2)
        // Bars are the four direct sub-codes only; the grandchild is not a bar.
        #expect(Set(figure.barCodes) == [Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie])
        #expect(figure.bar(Book.bedreigingGeweld) == nil)
        // Bedreiging: chat-01 through its grandchild = 1 chat; 100 × 1 / 2 = 50 %.
        let bedreiging = try #require(figure.bar(Book.bedreiging))
        #expect(bedreiging.chats == 1)
        #expect(approx(bedreiging.percent, 50))
        #expect(bedreiging.path == "Dwangmiddelen > Bedreiging")
        #expect(bedreiging.label == "Bedreiging")
        #expect(bedreiging.proposed == false)
        // Fysiek geweld: chat-02 = 1 chat; 50 %.
        #expect(figure.bar(Book.fysiek)?.chats == 1)
        #expect(approx(figure.bar(Book.fysiek)?.percent, 50))
        // Chantage, Isolatie: nobody = 0 chats, 100 × 0 / 2 = 0 %.
        #expect(figure.bar(Book.chantage)?.chats == 0)
        #expect(approx(figure.bar(Book.chantage)?.percent, 0))

        // The index: chat-01 carries Met geweld directly, Bedreiging and Dwangmiddelen only rolled up.
        let index = analysis.index
        #expect(index.chat("chat-01", carries: Book.bedreigingGeweld))
        #expect(index.chat("chat-01", carries: Book.bedreiging))
        #expect(index.chat("chat-01", carries: Book.dwang))
        #expect(!index.chat("chat-01", carries: Book.fysiek))
        #expect(!index.chat("chat-01", carries: Book.bedreigingOpenbaar))
        #expect(index.chats(with: Book.bedreigingGeweld) == 1)   // chat-01
        #expect(index.chats(with: Book.bedreiging) == 1)         // chat-01, rolled up
        #expect(index.chats(with: Book.dwang) == 2)              // chat-01 and chat-02
        #expect(index.chatsWithCodeDirectly[Book.bedreiging, default: 0] == 0)  // nobody coded Bedreiging itself
        #expect(index.chatsWithCodeDirectly[Book.bedreigingGeweld] == 1)
        #expect(index.quotes(in: "chat-01", with: Book.bedreiging) == 0)       // quotes count the code itself
        #expect(index.quotes(in: "chat-01", with: Book.bedreigingGeweld) == 1)
        // Other category untouched.
        #expect(index.chats(with: Book.motief) == 0)
    }

    /// Both grandchildren of Bedreiging in one chat still make one chat for the Bedreiging bar.
    @Test func twoGrandchildrenInOneChatCountOnceForTheirBar() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 3, message: 1, [Book.bedreigingGeweld]))
        session.add(quote("q2", chat: 3, message: 2, [Book.bedreigingOpenbaar]))
        session.mark(3, .inProgress)
        let figure = try Analysis(session).figure(Book.dwang)
        // n = 1 (chat-03); Bedreiging = 1 chat (not 2), 100 × 1 / 1 = 100 %.
        #expect(figure.n == 1)
        #expect(figure.bar(Book.bedreiging)?.chats == 1)
        #expect(approx(figure.bar(Book.bedreiging)?.percent, 100))
    }

    /// Test 4: a chat coded only with the category code itself counts in n but in no bar.
    @Test func categoryCodeItselfCountsInNButInNoBar() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.dwang]))
        session.mark(1, .done)
        let analysis = try Analysis(session)
        let figure = analysis.figure(Book.dwang)
        // n = 1 (chat-01 carries Dwangmiddelen itself).
        #expect(figure.n == 1)
        // Every bar has 0 chats; percent = 100 × 0 / 1 = 0 (n is not 0, so not nil).
        #expect(figure.bars.count == 4)
        for bar in figure.bars {
            #expect(bar.chats == 0, "bar \(bar.label)")
            #expect(approx(bar.percent, 0), "bar \(bar.label)")
        }
        // share = 100 × 1 / 1 chat coded = 100 %.
        #expect(approx(figure.share, 100))
        // hideEmpty leaves a figure with n = 1 and no bars.
        let hidden = analysis.figure(Book.dwang, hideEmpty: true)
        #expect(hidden.n == 1)
        #expect(hidden.bars.isEmpty)
        // Nothing rolls *down*: the sub-codes are not carried.
        #expect(!analysis.index.chat("chat-01", carries: Book.bedreiging))
    }

    /// The category code plus one sub-code in the same chat: still one chat in n.
    @Test func categoryCodeAndSubCodeInOneChatCountOnceInN() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 1, [Book.dwang]))
        session.add(quote("q2", chat: 1, message: 2, [Book.chantage]))
        session.mark(1, .done)
        let figure = try Analysis(session).figure(Book.dwang)
        // n = 1 (chat-01); Chantage = 1 chat, 100 %.
        #expect(figure.n == 1)
        #expect(figure.bar(Book.chantage)?.chats == 1)
        #expect(approx(figure.bar(Book.chantage)?.percent, 100))
    }
}
