import Testing
@testable import GlossTerminal

/// Fitting text to columns (used by every widget): cutting in the middle or at the end, padding, and word
/// wrapping that returns code-point ranges. Expectations are counted by hand in the comments.
@Suite struct WidgetTextFittingTests {
    /// The texts of wrapped lines.
    func wrapped(_ text: String, _ columns: Int) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return TextFitting.wrap(text, columns).map { range in
            var line = String.UnicodeScalarView()
            line.append(contentsOf: scalars[range])
            return String(line)
        }
    }

    @Test func middleKeepsBothEnds() {
        // 30 columns into 15: 14 kept around the "…", 7 at the start ("Dreigen") and 7 at the end ("ld kind").
        #expect(TextFitting.middle("Dreigen met fysiek geweld kind", 15) == "Dreigen…ld kind")
        // 16: 15 kept, the start gets the odd one: 8 ("Dreigen ") and 7.
        #expect(TextFitting.middle("Dreigen met fysiek geweld kind", 16) == "Dreigen …ld kind")
        #expect(TextFitting.middle("kort", 4) == "kort")
        #expect(TextFitting.middle("kort", 10) == "kort")
        #expect(TextFitting.middle("lang", 1) == "…")
        #expect(TextFitting.middle("lang", 0) == "")
        // Wide characters: "中文中文中文" is 12 columns; into 7, 6 are kept: 3 at the start holds one "中"
        // (a second would make 4), 3 at the end one "文"; the result is 5 columns, never more than 7.
        #expect(TextFitting.middle("中文中文中文", 7) == "中…文")
    }

    @Test func endCutsWithAnEllipsis() {
        #expect(TextFitting.end("Transcript", 5) == "Tran…")
        #expect(TextFitting.end("Transcript", 10) == "Transcript")
        #expect(TextFitting.end("Transcript", 1) == "…")
        #expect(TextFitting.end("Transcript", 0) == "")
        // "中文字" is 6 columns; into 4: "中" (2) fits before the "…", "文" would make 4 + 1.
        #expect(TextFitting.end("中文字", 4) == "中…")
        #expect(DisplayWidth.of(TextFitting.end("中文字", 4)) == 3)
    }

    @Test func padding() {
        #expect(TextFitting.right("7", 3) == "  7")
        #expect(TextFitting.left("ab", 4) == "ab  ")
        #expect(TextFitting.left("中", 4) == "中  ")      // by columns, not characters
        #expect(TextFitting.right("toolong", 3) == "toolong")
    }

    @Test func wrapAtWordBoundaries() {
        // "Hoi, fijn dat je er bent." at 10: "Hoi, fijn " (10) then "dat je er " (10) then "bent." (5).
        // Each line keeps the space it broke after, so the ranges cover the text without gaps.
        let text = "Hoi, fijn dat je er bent."
        #expect(TextFitting.wrap(text, 10) == [0..<10, 10..<20, 20..<25])
        #expect(wrapped(text, 10) == ["Hoi, fijn ", "dat je er ", "bent."])
        // A line that ends exactly at the width before a space keeps its last word: "aaa bbb" is 7 columns.
        #expect(wrapped("aaa bbb ccc", 7) == ["aaa bbb ", "ccc"])
        #expect(TextFitting.wrap("aaa bbb ccc", 7) == [0..<8, 8..<11])
        #expect(wrapped("aaa bbb ccc", 6) == ["aaa ", "bbb ", "ccc"])
        #expect(wrapped("kort", 10) == ["kort"])
    }

    @Test func wrapBreaksLongWordsAndNewlines() {
        // A word longer than the line is broken: 10 letters at 4 → 4 + 4 + 2.
        #expect(TextFitting.wrap("abcdefghij", 4) == [0..<4, 4..<8, 8..<10])
        // "\n" ends a line and belongs to none.
        #expect(TextFitting.wrap("een\ntwee", 10) == [0..<3, 4..<8])
        #expect(TextFitting.wrap("een\n\ntwee", 10) == [0..<3, 4..<4, 5..<9])
        #expect(TextFitting.wrap("", 5) == [0..<0])
        // Zero or negative widths still make progress (one column).
        #expect(TextFitting.wrap("ab", 0) == [0..<1, 1..<2])
    }

    @Test func wrapCountsColumnsAndReturnsCodePoints() {
        // "中文字" at 4 columns: two wide characters per line.
        #expect(TextFitting.wrap("中文字", 4) == [0..<2, 2..<3])
        // A decomposed "é" is one column but two code points: "e\u{301}tè" (4 code points: e, U+0301, t, è)
        // then " ok". At 3 columns: "étè" fills the line; the space after it hangs there; "ok" is next.
        let text = "e\u{301}tè ok"
        #expect(text.unicodeScalars.count == 7)
        #expect(TextFitting.wrap(text, 3) == [0..<5, 5..<7])
        // Emoji with a skin tone: one character, two code points, two columns.
        #expect(TextFitting.wrap("\u{1F44D}\u{1F3FD}\u{1F44D}\u{1F3FD}", 2) == [0..<2, 2..<4])
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("❤") == 1)
    }
}
