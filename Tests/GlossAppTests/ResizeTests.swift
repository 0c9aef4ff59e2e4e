import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Terminals of any size: below 60×16 the workbench says so (and does nothing blind); back at a usable size
/// the normal screen returns.
@Suite struct ResizeTests {
    @Test func tooSmallAndBack() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        let normal = driver.render()
        driver.resize(width: 20, height: 8)
        driver.send(.resize)
        let small = driver.render()
        #expect(small.width == 20 && small.height == 8)
        #expect(small.lines.count == 8)
        for line in small.lines {
            #expect(DisplayWidth.of(line) == 20, "a row is exactly the buffer's width: \(line)")
        }
        let rows = small.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 20 })
        let joined = rows.joined(separator: " ")
        #expect(joined.hasPrefix("Terminal too small (needs 60×16, have 20×8)."), "\(small.text)")
        #expect(!small.text.contains("Transcript"))
        #expect(!small.text.contains("Codebook"))

        driver.resize(width: 100, height: 30)
        driver.send(.resize)
        #expect(driver.render() == normal)
        #expect(driver.screen.contains("Transcript"))
    }

    /// The limits themselves: 60×16 is usable, one less in either direction is not.
    @Test func limits() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        for (width, height, small) in [(60, 16, false), (59, 16, true), (60, 15, true), (200, 60, false)] {
            driver.resize(width: width, height: height)
            let screen = driver.render()
            #expect(screen.text.contains("Terminal too small") == small, "\(width)×\(height)")
            #expect(screen.lines.allSatisfy { DisplayWidth.of($0) == width }, "\(width)×\(height)")
            if !small {
                #expect(screen.text.contains("Transcript"))
                #expect(screen.text.contains("Hoi, fijn dat je er bent"))
            }
        }
    }

    /// Nothing can be seen on a screen that is too small, so keys do nothing there but quit: a `d` typed
    /// blind does not mark the chat done.
    @Test func keysDoNothingBlindWhileTooSmall() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.resize(width: 20, height: 8)
        driver.keys("d c bedreig Enter")
        #expect(driver.status("chat-01") == .notStarted)
        #expect(driver.store.session.codingCount == 0)
        #expect(driver.state.overlay == nil)
        #expect(driver.send(.char("q")) == .quit)
    }

    /// Focus on the figures survives a resize only while the figures are on screen.
    @Test func narrowingMovesFocusOffTheFigures() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 130, height: 40)
        driver.keys("Tab Tab")
        #expect(driver.state.focus == .figures)
        driver.resize(width: 100, height: 30)
        #expect(driver.state.visiblePanes.contains(driver.state.focus))
        #expect(driver.screen.contains("┏ Transcript"))
    }

    /// A resize keeps the cursor message on screen.
    @Test func cursorStaysVisibleAfterShrinking() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 130, height: 50)
        driver.keys("G")
        driver.resize(width: 60, height: 16)
        #expect(driver.screen.contains("oké. dank je"))
        driver.resize(width: 130, height: 50)
        #expect(driver.screen.contains("oké. dank je"))
    }
}
