import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Getting around: the chat list (`gl`), the code view (`gq`), search (`/`, `n`, `N`) and `:N`.
@Suite struct NavigationTests {
    @Test func chatListOpensTheHighlightedChat() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        driver.keys("g l")
        guard case .chatList(let list)? = driver.state.overlay else { Issue.record("no chat list"); return }
        #expect(list.highlighted == 0)
        let screen = driver.screen
        #expect(screen.contains("Chats · all · 12 of 12"))
        #expect(screen.contains("chat-01  Geld voor de huur"))
        #expect(screen.contains("chat-12"))
        #expect(rows(of: screen, containing: "chat-01").first?.contains("done") == true)
        #expect(rows(of: screen, containing: "chat-01").first?.contains("7 quotes") == true)
        #expect(screen.contains("CHATS"))
        driver.keys("Down Ctrl-n Enter")
        #expect(driver.state.overlay == nil)
        #expect(driver.state.chat?.id == "chat-03")
        #expect(driver.state.cursor == 1)
        #expect(driver.screen.contains("chat-03 ·"))
    }

    @Test func chatListFiltersByStatusAndClosesWithEscape() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("bram")
        // bram has every chat done except chat-11, so the workbench starts there.
        #expect(driver.state.chat?.id == "chat-11")
        driver.keys("g l")
        driver.send(.tab)                          // not started
        guard case .chatList(let list)? = driver.state.overlay else { Issue.record("no chat list"); return }
        #expect(list.filter == .notStarted)
        let screen = driver.screen
        #expect(screen.contains("Chats · not started"))
        #expect(screen.contains("chat-11"))
        #expect(!screen.contains("chat-01 "))
        driver.send(.tab)                          // in progress: none
        #expect(driver.screen.contains("No chats in progress."))
        driver.send(.escape)
        #expect(driver.state.overlay == nil)
        #expect(driver.state.chat?.id == "chat-11")
        driver.keys("g l Ctrl-c")
        #expect(driver.state.overlay == nil)
        #expect(driver.state.quitRequested == false)  // Ctrl-c closes the list, it does not quit
        driver.keys("g l q")  // q types into the filter: no chat id or title holds a q
        #expect(driver.screen.contains("No chats match"))
        #expect(driver.state.quitRequested == false)
    }

    /// `gq` on a code in the tree lists its quotes (and those of the codes below it) across chats; Enter
    /// opens the chat at the quote.
    @Test func codeViewJumpsToTheQuote() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        driver.send(.tab)
        #expect(driver.state.focus == .codebook)
        let pleger = try driver.code("Pleger")
        driver.moveTree(to: pleger)
        driver.keys("g q")
        guard case .codeView(let view)? = driver.state.overlay else { Issue.record("no code view"); return }
        #expect(view.code == pleger)
        let expected = driver.store.session.orderedCodings.filter { coding in
            coding.codes.contains { driver.state.hierarchy.ancestors(of: $0).contains(pleger) || $0 == pleger }
        }
        #expect(view.quotes == expected.map(\.id))
        #expect(view.quotes.count > 3)
        let chats = Set(expected.map(\.chat)).count
        #expect(driver.screen.contains("Pleger · \(expected.count) quote(s) in \(chats) chat(s)"))

        driver.keys("j j j")
        let target = expected[3]
        driver.send(.enter)
        #expect(driver.state.overlay == nil)
        #expect(driver.state.chat?.id == target.chat)
        #expect(driver.state.cursor == target.span.from.message)
        #expect(driver.state.currentQuote == target.id)
        #expect(driver.state.focus == .transcript)
        let path = driver.state.path(target.codes[0])
        #expect(driver.screen.contains(Update.describe(target.span, chat: target.chat)))
        #expect(driver.render().lines.contains { $0.contains("Quote ") && $0.contains(String(path.split(separator: ">").last!.trimmingCharacters(in: .whitespaces))) })
    }

    @Test func codeViewOfAnUnusedCodeSaysSo() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("Tab g q")
        #expect(driver.screen.contains("No quotes with this code (or the codes below it) yet."))
        driver.send(.escape)
        #expect(driver.state.overlay == nil)
    }

    /// "thuis" is in messages 3 ("het gaat over thuis"), 14 and 16 ("Veilig Thuis"; search ignores case).
    /// Offsets by hand: "het gaat over " is 14 code points; "Ik snap dat je bang bent. " (26) + "Er is een
    /// organisatie die " (26) + "Veilig " (7) = 59; "Dat is een goed plan. " (22) + "Veilig " (7) = 29.
    @Test func searchAndNextMatch() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("/ thuis")
        #expect(driver.screen.contains("/thuis"))
        driver.send(.enter)
        #expect(driver.state.search?.matches == [TextPosition(message: 3, offset: 14), TextPosition(message: 14, offset: 59), TextPosition(message: 16, offset: 29)])
        #expect(driver.state.cursor == 3)
        #expect(driver.screen.contains("3 match(es) for thuis"))
        driver.keys("n")
        #expect(driver.state.cursor == 14)
        driver.keys("n")
        #expect(driver.state.cursor == 16)
        driver.keys("n")                           // wraps to the first
        #expect(driver.state.cursor == 3)
        driver.keys("N")                           // and back to the last
        #expect(driver.state.cursor == 16)
        driver.keys("N")
        #expect(driver.state.cursor == 14)
        // The matched message is on screen.
        #expect(driver.screen.contains("Ik snap dat je bang bent."))
        driver.send(.escape)                       // Esc ends the search
        #expect(driver.state.search == nil)
        driver.keys("n")
        #expect(driver.screen.contains("no search: / starts one"))
    }

    @Test func searchWithoutMatchesSaysSo() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("/ zwembad Enter")
        #expect(driver.state.search?.matches == [])
        #expect(driver.state.cursor == 1)
        #expect(driver.screen.contains("not found: zwembad"))
    }

    @Test func colonJumpsToAChat() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys(": 3 Enter")
        #expect(driver.state.chat?.id == "chat-03")
        #expect(driver.screen.contains("3/12"))
        driver.keys(": chat-07 Enter")
        #expect(driver.state.chat?.id == "chat-07")
        driver.keys(": 13 Enter")
        #expect(driver.state.chat?.id == "chat-07")
        #expect(driver.screen.contains("there are chats 1–12"))
        driver.keys(": nergens Enter")
        #expect(driver.screen.contains("no chat or command"))
        driver.keys(": 3 Esc")
        #expect(driver.state.chat?.id == "chat-07")
        #expect(driver.state.overlay == nil)
    }

    @Test func nextAndPreviousChatStopAtTheEnds() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("{")
        #expect(driver.state.chat?.id == "chat-01")
        #expect(driver.screen.contains("this is the first chat"))
        driver.keys(": 12 Enter }")
        #expect(driver.state.chat?.id == "chat-12")
        #expect(driver.screen.contains("this is the last chat"))
        driver.keys("{")
        #expect(driver.state.chat?.id == "chat-11")
    }

    /// `G` goes to the last message and the transcript scrolls so it is on screen; `gg` back to the top.
    @Test func transcriptScrollsWithTheCursor() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("G")
        #expect(driver.state.cursor == 17)
        var screen = driver.screen
        #expect(screen.contains("oké. dank je"))
        #expect(!screen.contains("Hoi, fijn dat je er bent"))
        driver.keys("g g")
        #expect(driver.state.cursor == 1)
        screen = driver.screen
        #expect(screen.contains("Hoi, fijn dat je er bent"))
        driver.send(.ctrl("d"))
        #expect(driver.state.cursor > 1)
        driver.send(.ctrl("u"))
        #expect(driver.state.cursor == 1)
    }
}

/// `g/` with the real search engine behind the workbench's runner.
@Suite struct SearchEveryChatTests {
    @Test func resultsListTheMatchesWithTheTextAroundThem() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        defer { try? driver.close() }
        driver.keys("g / huur Enter")
        guard case .searchResults(let results)? = driver.state.overlay else { Issue.record("no results: \(driver.screen)"); return }
        let pattern = try #require(TextSearchPattern("huur"))
        let expected = try CorpusSearch.search(pattern, in: try Project.load(demo.root, useCatalog: false))
        #expect(results.hits == expected.hits)
        #expect(results.hits.count >= 2)
        #expect(Set(results.hits.map(\.chat)).count >= 2, "the demo mentions the rent in more than one chat")
        let first = results.hits[0]
        #expect(first.context.count > first.length, "the context holds text around the match")
        #expect(driver.screen.contains("1 of \(results.hits.count)"))
        driver.keys("Enter")
        #expect(driver.state.chat?.id == first.chat)
        #expect(driver.state.cursor == first.message)
        #expect(driver.screen.contains("match 1 of \(results.hits.count)"))
    }
}
