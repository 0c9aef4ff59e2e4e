#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import GlossTerminal

/// A headless ncurses round trip: `newterm` on /dev/null (no TTY needed), serialized because ncurses has one
/// current screen per process.
@Suite(.serialized) struct BackendRoundTripTests {
    @Test func drawsWideAndCombinedCharactersHeadless() throws {
        setenv("TERM", "xterm-256color", 1)
        let backend = try CursesBackend(theme: .fallback, devicePath: "/dev/null", terminalType: "xterm-256color")
        #expect(CursesBackend.isUTF8Locale())
        let size = backend.size
        #expect(size.width > 0 && size.height > 0)
        #expect(backend.colorsEnabled)
        #expect(backend.colorCount == 256)

        var buffer = ScreenBuffer(width: 20, height: 4)
        buffer.fill(buffer.area, with: " ", style: Theme.fallback.style(.text))
        buffer.write("ë 漢 😔 e\u{0308}!", x: 1, y: 1, style: Theme.fallback.style(.borderFocused))
        buffer.write("status", x: 0, y: 3, style: Theme.fallback.style(.statusBar))
        buffer.write("rgb", x: 10, y: 3, style: Style(foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 0), attributes: [.italic, .underline]))
        backend.draw(buffer)

        #expect(backend.storedText(x: 1, y: 1) == "ë")
        #expect(backend.storedText(x: 3, y: 1) == "漢")
        #expect(backend.storedText(x: 6, y: 1) == "😔")
        #expect(backend.storedText(x: 9, y: 1) == "e\u{0308}")
        #expect(backend.storedText(x: 10, y: 1) == "!")
        #expect(backend.storedText(x: 0, y: 3) == "s")
        #expect(backend.allocatedPairs == 3)

        // An incremental frame: a wide glyph replaced by two narrow ones, and a style-only change.
        var next = buffer
        next.write("ab", x: 3, y: 1, style: Theme.fallback.style(.borderFocused))
        next.restyle(Rect(x: 0, y: 3, width: 6, height: 1)) { $0 = Theme.fallback.style(.statusWarning) }
        backend.draw(next)
        #expect(backend.storedText(x: 3, y: 1) == "a")
        #expect(backend.storedText(x: 4, y: 1) == "b")
        #expect(backend.storedText(x: 6, y: 1) == "😔")
        #expect(backend.allocatedPairs == 4)

        // The bottom-right cell (ERR from ncurses, but drawn) and a full redraw.
        let full = ScreenBuffer(width: size.width, height: size.height)
        var corner = full
        corner.write("Z", x: size.width - 1, y: size.height - 1)
        backend.forceFullRedraw()
        backend.draw(corner)
        #expect(backend.storedText(x: size.width - 1, y: size.height - 1) == "Z")

        #expect(backend.readKey(timeoutMilliseconds: 0) == nil)
        backend.shutdown()
        backend.shutdown()
        backend.draw(buffer)  // after shutdown: ignored, no crash
    }

    @Test func monochromeThemeDrawsWithoutColourPairs() throws {
        let backend = try CursesBackend(theme: Theme(name: "m", useColor: false, styles: [:]), devicePath: "/dev/null", terminalType: "xterm-256color")
        defer { backend.shutdown() }
        #expect(!backend.colorsEnabled)
        var buffer = ScreenBuffer(width: 10, height: 2)
        buffer.write("漢字", x: 0, y: 0, style: Style(foreground: .indexed(196), attributes: .reverse))
        backend.draw(buffer)
        #expect(backend.storedText(x: 2, y: 0) == "字")
        #expect(backend.allocatedPairs == 0)
    }

    @Test func eightColourTerminalFallsBack() throws {
        let backend = try CursesBackend(theme: .fallback, devicePath: "/dev/null", terminalType: "xterm")
        defer { backend.shutdown() }
        #expect(backend.colorCount == 8)
        var buffer = ScreenBuffer(width: 10, height: 2)
        for (i, n) in [196, 46, 21, 240, 252, 117].enumerated() {
            buffer.write("x", x: i, y: 0, style: Style(foreground: .indexed(UInt8(n)), background: .rgb(10, 10, 10)))
        }
        backend.draw(buffer)
        #expect(backend.storedText(x: 5, y: 0) == "x")
        #expect(backend.allocatedPairs <= 6)
    }

    @Test func unknownTerminalTypeThrows() {
        #expect(throws: TerminalError.self) {
            _ = try CursesBackend(theme: .fallback, devicePath: "/dev/null", terminalType: "no-such-terminal-gloss")
        }
    }
}
