import Testing
@testable import GlossTerminal

/// Pane borders: heavy lines when focused (so focus reads without colour), light otherwise; titles are cut
/// to fit. And `Paragraph`, the wrapped text inside them.
@Suite struct WidgetBlockTests {
    @Test func focusedBordersAreHeavy() {
        var buffer = ScreenBuffer(width: 12, height: 4)
        buffer.render(Block(title: "Codebook", focused: true), in: buffer.area)
        #expect(buffer.lines == [
            "┏ Codebook ┓",
            "┃          ┃",
            "┃          ┃",
            "┗━━━━━━━━━━┛",
        ])
    }

    @Test func unfocusedBordersAreLight() {
        var buffer = ScreenBuffer(width: 12, height: 3)
        buffer.render(Block(title: "Figures", focused: false), in: buffer.area)
        #expect(buffer.lines == [
            "┌ Figures ─┐",
            "│          │",
            "└──────────┘",
        ])
    }

    @Test func titlesAreCutToFit() {
        // 8 columns: the title gets 8 − 4 = 4 ("Tra…") with a space either side.
        var buffer = ScreenBuffer(width: 8, height: 2)
        buffer.render(Block(title: "Transcript"), in: buffer.area)
        #expect(buffer.lines == ["┌ Tra… ┐", "└──────┘"])
        // Too narrow for a title (4 columns or less): only the border.
        buffer = ScreenBuffer(width: 4, height: 2)
        buffer.render(Block(title: "Transcript"), in: buffer.area)
        #expect(buffer.lines == ["┌──┐", "└──┘"])
        // Smaller than 2×2: nothing.
        buffer = ScreenBuffer(width: 5, height: 1)
        buffer.render(Block(title: "X"), in: buffer.area)
        #expect(buffer.text == "")
    }

    @Test func stylesOfBorderAndTitle() {
        var buffer = ScreenBuffer(width: 10, height: 3)
        let border = Style(foreground: .indexed(75), attributes: .bold)
        let title = Style(foreground: .indexed(250))
        buffer.render(Block(title: "Ab", focused: true, borderStyle: border, titleStyle: title), in: Rect(x: 1, y: 0, width: 8, height: 3))
        #expect(buffer[1, 0].style == border)                 // ┏
        #expect(buffer[3, 0].style == title)                  // A
        #expect(buffer[8, 1].style == border)                 // ┃ on the right
        #expect(buffer[0, 1] == .blank)                       // outside the area
        #expect(buffer[9, 2] == .blank)
        #expect(buffer.lines[0] == " ┏ Ab ━━┓ ")
    }

    @Test func paragraphWrapsAndClips() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        let paragraph = Paragraph("Hoi, fijn dat je er bent.")
        buffer.render(paragraph, in: buffer.area)
        // Three lines at 10 columns ("Hoi, fijn ", "dat je er ", "bent."); two rows show.
        #expect(buffer.lines == ["Hoi, fijn ", "dat je er "])
        #expect(paragraph.height(width: 10) == 3)
        buffer = ScreenBuffer(width: 12, height: 3)
        buffer.render(Paragraph("中文中文中文中文"), in: Rect(x: 1, y: 0, width: 5, height: 3))
        // Two wide characters (4 columns) per 5-column line; nothing past column 5.
        #expect(buffer.lines == [" 中文       ", " 中文       ", " 中文       "])
    }
}
