import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// What is on screen: privacy blanking, the help overlay, figures on narrow screens and pane focus.
@Suite struct ScreenModeTests {
    @Test func privacyBlanksEveryCellAndTheNextKeyOnlyRestores() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk", theme: .fallback)
        let normal = driver.render()
        driver.send(.ctrl("b"))
        #expect(driver.state.privacy)
        let blank = driver.render()
        #expect(blank.width == 100 && blank.height == 30)
        #expect(blank.cells.allSatisfy { $0 == .blank }, "every cell is a plain space: no text, no colours")
        // The key that brings the screen back does nothing else: `d` would have marked chat-01 in progress.
        driver.keys("d")
        #expect(!driver.state.privacy)
        #expect(driver.status("chat-01") == .done)
        #expect(driver.render() == normal)
        // Ctrl-b also works in an overlay and while keys are pending, and the overlay is still there after.
        driver.keys("c bedr")
        driver.send(.ctrl("b"))
        #expect(driver.render().cells.allSatisfy { $0 == .blank })
        driver.send(.enter)
        #expect(driver.store.session.codingCount == 78)  // Enter only restored the screen
        guard case .picker(let picker)? = driver.state.overlay else { Issue.record("the picker was closed"); return }
        #expect(picker.field.text == "bedr")
        driver.keys("Esc g")
        driver.send(.ctrl("b"))
        #expect(driver.state.pendingKeys.isEmpty)
        driver.keys("l")                             // restores; `gl` is not completed
        #expect(driver.state.overlay == nil)
    }

    /// The help overlay is the keymap: every binding's keys and words are on it, in every context, and
    /// scrolling reaches the last line.
    @Test func helpListsEveryBinding() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("?")
        #expect(driver.state.overlay == .help(scroll: 0))
        var seen: [String] = []
        var previous = ""
        for _ in 0..<200 {
            let screen = driver.screen
            seen.append(contentsOf: screen.split(separator: "\n").map(String.init))
            if screen == previous { break }
            previous = screen
            driver.keys("j")
        }
        #expect(driver.screen.contains("HELP"))
        let text = seen.map { $0.replacingOccurrences(of: "┃", with: " ") }
        for context in KeyContext.allCases where context.screen == .workbench {
            #expect(text.contains { $0.contains(context.rawValue) }, "heading \(context.rawValue)")
        }
        for binding in Keymap.bindings where binding.context.screen == .workbench {
            let keys = KeyReference.keysText(binding)
            #expect(text.contains { $0.contains("  " + keys + " ") && $0.contains(binding.help) }, "\(keys): \(binding.help)")
        }
        for entry in KeyReference.textEditing {
            #expect(text.contains { $0.contains(entry.keys) }, "\(entry.keys)")
            // Long descriptions wrap in the box rather than being cut off.
            let words = entry.help.split(separator: " ")
            #expect(text.contains { $0.contains(String(words.last!)) }, "\(entry.keys): \(entry.help)")
        }
        // After scrolling to the end, one k scrolls back at once.
        let bottom = driver.screen
        driver.keys("k")
        #expect(driver.screen != bottom, "k scrolls up right away, however far j went")
        driver.keys("x")                              // any other key closes, and does nothing else
        #expect(driver.state.overlay == nil)
        #expect(driver.store.session.codingCount == 0)
    }

    @Test func helpFitsTheSmallestScreen() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 60, height: 16)
        driver.keys("?")
        let screen = driver.render()
        #expect(screen.text.contains("Everywhere"))
        #expect(screen.text.contains("focus the next pane"))
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) == 60 })
    }

    /// Below 120 columns `F` shows the figures in place of the codebook, and back.
    @Test func figuresToggleOnNarrowScreens() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        var screen = driver.screen
        #expect(screen.contains("Codebook"))
        #expect(!screen.contains("Figures"))
        driver.keys("F")
        #expect(driver.state.visiblePanes == [.transcript, .figures])
        screen = driver.screen
        #expect(screen.contains("Figures"))
        #expect(!screen.contains("Codebook"))
        #expect(screen.contains("Figuur 4. Dwangmiddelen"))
        #expect(screen.contains("Hoi, fijn dat je er bent"))   // the transcript stays
        // Tab now goes to the figures, and j/k scroll them.
        driver.send(.tab)
        #expect(driver.state.focus == .figures)
        #expect(driver.screen.contains("┏ Figures"))
        driver.keys("j j")
        #expect(driver.state.figuresTop == 2)
        driver.keys("F")
        #expect(driver.state.visiblePanes == [.transcript, .codebook])
        #expect(driver.state.focus == .codebook)         // focus never stays on a hidden pane
        screen = driver.screen
        #expect(screen.contains("Codebook"))
        #expect(!screen.contains("Figures"))
    }

    @Test func wideScreensAlwaysShowTheFigures() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk", width: 130, height: 40)
        #expect(driver.state.visiblePanes == [.transcript, .codebook, .figures])
        let screen = driver.screen
        #expect(screen.contains("Codebook") && screen.contains("Figures") && screen.contains("Figuur 5. Pleger"))
        driver.keys("F")
        #expect(driver.state.visiblePanes == [.transcript, .codebook, .figures])
        #expect(driver.screen.contains("the figures are always shown from 120 columns"))
    }

    /// Tab cycles through the panes on screen; the focused pane has the heavy border.
    @Test func tabCyclesFocus() throws {
        let demo = try DemoCopy()
        let narrow = try demo.driver("anouk")
        #expect(narrow.state.focus == .transcript)
        #expect(narrow.screen.contains("┏ Transcript"))
        #expect(narrow.screen.contains("┌ Codebook"))
        narrow.send(.tab)
        #expect(narrow.state.focus == .codebook)
        #expect(narrow.screen.contains("┌ Transcript"))
        #expect(narrow.screen.contains("┏ Codebook"))
        narrow.send(.tab)
        #expect(narrow.state.focus == .transcript)
        narrow.send(.backTab)
        #expect(narrow.state.focus == .codebook)
        try narrow.close()

        let wide = try demo.driver("anouk", width: 130, height: 40)
        var order: [Pane] = []
        for _ in 0..<3 { wide.send(.tab); order.append(wide.state.focus) }
        #expect(order == [.codebook, .figures, .transcript])
        order = []
        for _ in 0..<3 { wide.send(.backTab); order.append(wide.state.focus) }
        #expect(order == [.figures, .codebook, .transcript])
        wide.send(.backTab)
        #expect(wide.screen.contains("┏ Figures"))
    }

    /// Keys mean different things per pane: `j` moves the message in the transcript and the code in the tree.
    @Test func keysBelongToTheFocusedPane() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        let firstCode = driver.state.treeCursor
        driver.keys("j")
        #expect(driver.state.cursor == 2)
        #expect(driver.state.treeCursor == firstCode)
        driver.keys("Tab j")
        #expect(driver.state.cursor == 2)
        #expect(driver.state.treeCursor == (try driver.code("Dwangmiddel")))
        driver.keys("Tab")
        #expect(driver.state.focus == .transcript)
    }

    @Test func unknownKeysSayWhatToDo() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("Z")
        #expect(driver.screen.contains("Z does nothing here; ? shows the keys"))
        driver.keys("g")
        #expect(driver.state.pendingKeys == [.char("g")])
        #expect(driver.screen.contains("NORMAL g"))
        driver.keys("x")
        #expect(driver.state.pendingKeys.isEmpty)
        #expect(driver.screen.contains("gx does nothing here"))
    }

    @Test func qQuits() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        let effects = driver.send(.char("q"))
        #expect(effects == .quit)
        #expect(driver.state.quitRequested)
    }
}
