import Foundation
import GlossCore
import GlossTerminal
import Testing
@testable import GlossApp

/// The mouse is optional, but a click does what a coder expects: focus the pane, pick the code or the message.
@Suite struct MouseTests {
    @Test func clickFocusesTheTreeAndPicksTheCodeUnderIt() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 100, height: 30)
        defer { try? driver.close() }
        let layout = ScreenLayout(driver.state)
        // The third main code's row: the tree starts at layout.tree.y with the first main code.
        driver.send(.click(x: layout.tree.x + 5, y: layout.tree.y + 2))
        #expect(driver.state.focus == .codebook)
        #expect(driver.state.treeCursor == driver.state.project.codebook.roots[2].id)
        // The screen shows it: the detail area names the picked code.
        #expect(driver.render().text.contains(driver.state.project.codebook.roots[2].name))
    }

    @Test func clickInTheTranscriptPutsTheCursorOnThatMessage() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 100, height: 30)
        defer { try? driver.close() }
        driver.send(.tab)  // focus away, so the click must bring it back
        let layout = ScreenLayout(driver.state)
        // Rows from the top: message 1 header and its wrapped text, then message 2's header…
        let screen = driver.render().lines
        let row = try #require(screen.firstIndex { $0.contains(" 3 Slachtoffer") || $0.contains(" 3 Chathulpverlener") })
        driver.send(.click(x: layout.messages.x + 8, y: row))
        #expect(driver.state.focus == .transcript)
        #expect(driver.state.cursor == 3)
    }
}
