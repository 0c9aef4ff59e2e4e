import Testing
@testable import GlossTerminal

/// Writing text into the cell buffer: wide characters take two cells and are never cut in half, combining
/// marks stay with their character, and clipping respects both.
@Suite struct ScreenBufferWideCharTests {
    /// The cell texts of row `y` (a continuation cell is "").
    func cells(_ buffer: ScreenBuffer, _ y: Int = 0) -> [String] { (0..<buffer.width).map { buffer[$0, y].text } }

    @Test func asciiTakesOneCellEach() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let end = buffer.write("abc", x: 1, y: 0)
        #expect(end == 4)
        #expect(cells(buffer) == [" ", "a", "b", "c", " ", " "])
        #expect(buffer.text == " abc")
        #expect(buffer.lines == [" abc  "])
    }

    @Test func cjkTakesTwoCells() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let end = buffer.write("中文", x: 0, y: 0)
        #expect(end == 4)
        #expect(cells(buffer) == ["中", "", "文", "", " ", " "])
        #expect(buffer[1, 0].isContinuation)
        #expect(DisplayWidth.of(buffer.lines[0]) == 6)   // a row is always the buffer's width
        #expect(buffer.text == "中文")
    }

    @Test func emojiTakesTwoCells() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        // U+1F600 has emoji presentation; U+2764 U+FE0F (❤️) becomes wide through the variation selector.
        let end = buffer.write("😀❤️x", x: 0, y: 0)
        #expect(end == 5)
        #expect(cells(buffer) == ["😀", "", "❤️", "", "x", " "])
    }

    @Test func combiningMarksStayWithTheirCharacter() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        // "e" + U+0301 is one character in one cell; so is "中" + U+0301 in its two cells.
        var end = buffer.write("e\u{301}中\u{301}", x: 0, y: 0)
        #expect(end == 3)
        #expect(buffer[0, 0].text.unicodeScalars.elementsEqual("e\u{301}".unicodeScalars))
        #expect(buffer[1, 0].text.unicodeScalars.elementsEqual("中\u{301}".unicodeScalars))
        #expect(buffer[2, 0].isContinuation)
        // A zero-width character that is its own grapheme (U+200B, a format character) attaches to the
        // previous cell, past a wide character's continuation cell, instead of taking a cell.
        buffer = ScreenBuffer(width: 5, height: 1)
        end = buffer.write("中\u{200B}a", x: 0, y: 0)
        #expect(end == 3)
        #expect(buffer[0, 0].text.unicodeScalars.elementsEqual("中\u{200B}".unicodeScalars))
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].text == "a")
        end = buffer.write("b\u{200B}", x: 3, y: 0)
        #expect(end == 4)
        #expect(buffer[3, 0].text.unicodeScalars.elementsEqual("b\u{200B}".unicodeScalars))
    }

    @Test func clippingNeverSplitsAWideCharacter() {
        // At the right edge of a clip: "中" would need columns 2–3 of a 3-column clip, so it is left out.
        var buffer = ScreenBuffer(width: 6, height: 1)
        var end = buffer.write("ab中", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(end == 2)
        #expect(cells(buffer) == ["a", "b", " ", " ", " ", " "])
        // At the right edge of the buffer.
        buffer = ScreenBuffer(width: 5, height: 1)
        end = buffer.write("abcd中", x: 0, y: 0)
        #expect(end == 4)
        #expect(cells(buffer) == ["a", "b", "c", "d", " "])
        // At the left edge of a clip: the half outside is not drawn and neither is the half inside.
        buffer = ScreenBuffer(width: 6, height: 1)
        end = buffer.write("中文", x: 0, y: 0, clip: Rect(x: 1, y: 0, width: 5, height: 1))
        #expect(end == 4)
        #expect(cells(buffer) == [" ", " ", "文", "", " ", " "])
        // Left of the buffer.
        buffer = ScreenBuffer(width: 4, height: 1)
        end = buffer.write("中b", x: -1, y: 0)
        #expect(end == 2)
        #expect(cells(buffer) == [" ", "b", " ", " "])
        // Rows outside the clip or the buffer are not written at all.
        buffer = ScreenBuffer(width: 4, height: 2)
        #expect(buffer.write("ab", x: 0, y: 2) == 0)
        #expect(buffer.write("ab", x: 0, y: 1, clip: Rect(x: 0, y: 0, width: 4, height: 1)) == 0)
        #expect(buffer.text == "\n")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.write("中文", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)          // over 中's right half
        #expect(cells(buffer) == [" ", "x", "文", ""])
        buffer.write("y", x: 2, y: 0)          // over 文's left half
        #expect(cells(buffer) == [" ", "x", "y", " "])
        buffer.write("中", x: 1, y: 0)         // a wide character over two narrow ones
        #expect(cells(buffer) == [" ", "中", "", " "])
        #expect(DisplayWidth.of(buffer.lines[0]) == 4)
    }

    @Test func controlCharactersShowAsDots() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        buffer.write("a\tb\u{7F}", x: 0, y: 0)
        #expect(buffer.text == "a·b·")
    }

    @Test func stylesAreKeptPerCell() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.write("中", x: 0, y: 0, style: .bold)
        #expect(buffer[0, 0].style == .bold)
        #expect(buffer[1, 0].style == .bold)     // the continuation carries the style too
        buffer.restyle(Rect(x: 0, y: 0, width: 4, height: 1)) { $0 = $0.adding(.underline) }
        #expect(buffer[0, 0].style.attributes == [.bold, .underline])
        #expect(buffer[3, 0].style.attributes == [.underline])
        #expect(buffer[0, 0].text == "中")       // restyling keeps the text
        buffer.fill(Rect(x: 2, y: 0, width: 5, height: 3), with: "·", style: .dim)   // clipped to the buffer
        #expect(buffer.text == "中··")
    }

    @Test func textTrimsTrailingSpacesPerRow() {
        var buffer = ScreenBuffer(width: 5, height: 3)
        buffer.write("ab", x: 0, y: 0)
        buffer.write("c", x: 4, y: 2)
        #expect(buffer.text == "ab\n\n    c")
        #expect(buffer.lines == ["ab   ", "     ", "    c"])
    }

    @Test func emptyBuffers() {
        var buffer = ScreenBuffer(width: 0, height: 0)
        #expect(buffer.write("abc", x: 0, y: 0) == 0)
        #expect(buffer.text == "")
        let negative = ScreenBuffer(width: -3, height: 2)
        #expect(negative.width == 0)
        #expect(negative.lines == ["", ""])
    }
}
