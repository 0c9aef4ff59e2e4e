import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GlossAnalysis

/// Issue 12, pictures: the SVG of a figure (`FigureSVG`) and the escaping every picture and report uses (`MarkupText`).
@Suite("figure SVG")
struct FigureSVGTests {
    static func chart(_ bars: [(String, Int)], n: Int, name: String = "Figuur 5. Pleger") -> ChartFigure {
        ChartFigure(number: 5, name: name, n: n, unit: "chats",
                    bars: bars.map { .init(label: $0.0, count: $0.1, percent: n == 0 ? nil : 100 * Double($0.1) / Double(n)) },
                    note: "Unit: chat.")
    }

    @Test("markup escaping: the five characters as entities, forbidden controls and bidi marks replaced, tab and line breaks as spaces")
    func escaping() {
        #expect(MarkupText.escape(#"<script>alert(1)</script> & "x" 'y'"#)
                == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;")
        #expect(MarkupText.escape("a\u{0}b\u{1}c\u{1B}d\u{7F}e\u{9B}f\u{FFFE}g") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g")
        #expect(MarkupText.escape("x\u{202E}y\u{2066}z") == "x\u{FFFD}y\u{FFFD}z")
        #expect(MarkupText.escape("a\tb\nc\rd") == "a b c d")
        #expect(MarkupText.escape("Ouders/verzorgers · ëcht 😀") == "Ouders/verzorgers · ëcht 😀")
    }

    @Test("labels are shortened at the end with …, never in the middle, and never split a character")
    func shortening() {
        #expect(MarkupText.shortened("Sleutelfiguren: vrienden van ouders of familie", to: 20) == "Sleutelfiguren: vri…")
        #expect(MarkupText.shortened("kort", to: 20) == "kort")
        #expect(MarkupText.shortened("abcdefghij", to: 10) == "abcdefghij")
        // A space before the cut is dropped, so "…" follows a word.
        #expect(MarkupText.shortened("vrienden van ouders", to: 10) == "vrienden…")
        // "e" + combining diaeresis is one character: kept whole.
        #expect(MarkupText.shortened("ee\u{308}e\u{308}e\u{308}", to: 3) == "ee\u{308}…")
    }

    @Test("the SVG parses as XML, escapes hostile labels and titles, and has no script")
    func hostileParses() throws {
        let evil = "<script>alert(1)</script> & \"x\" 'y'\u{1}\u{1B}]0;t\u{7}"
        let svg = FigureSVG.document(Self.chart([(evil, 2), ("b", 1)], n: 3, name: evil))
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;"))
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
    }

    @Test("bars are proportional to the counts: 4, 2, 1 of n = 5 on an axis to 80 % (80 %, 40 %, 20 % of 330 px)")
    func barWidths() throws {
        let svg = FigureSVG.element(Self.chart([("a", 4), ("b", 2), ("c", 1), ("d", 0)], n: 5))
        let widths = svg.split(separator: "\n").filter { $0.hasPrefix("<rect x=\"300\"") }.map { line -> String in
            let start = line.range(of: "width=\"")!.upperBound
            return String(line[start...].prefix { $0 != "\"" })
        }
        // axis maximum: largest 80 % → 80 (ticks of 20); 330 × 80/80 = 330, × 40/80 = 165, × 20/80 = 82.5; the zero bar has no rect.
        #expect(widths == ["330", "165", "82.5"])
        #expect(svg.contains(">4 (80 %)</text>") && svg.contains(">0 (0 %)</text>"))
        #expect(svg.contains(">80 %</text>") && !svg.contains(">100 %</text>"))
    }

    @Test("the same figure gives the same bytes; n = 0 draws no bars and says no percent")
    func deterministic() {
        let a = FigureSVG.document(Self.chart([("a", 1), ("b", 1)], n: 2))
        #expect(a == FigureSVG.document(Self.chart([("a", 1), ("b", 1)], n: 2)))
        let empty = FigureSVG.element(Self.chart([("a", 0)], n: 0))
        #expect(!empty.contains("fill=\"#262626\"") && empty.contains(">0</text>"))
        #expect(FigureSVG.f(82.5) == "82.5" && FigureSVG.f(330) == "330" && FigureSVG.f(0.04) == "0" && FigureSVG.f(12.96) == "13")
    }

    @Test("axis maximum: the largest percent rounded up to a tick, 10 % at least, 100 % at most")
    func axis() {
        #expect(FigureSVG.axisMaximum(Self.chart([("a", 1)], n: 50)) == 10)     // 2 %
        #expect(FigureSVG.axisMaximum(Self.chart([("a", 21)], n: 50)) == 50)    // 42 %
        #expect(FigureSVG.axisMaximum(Self.chart([("a", 26)], n: 50)) == 60)    // 52 % → 60
        #expect(FigureSVG.axisMaximum(Self.chart([("a", 31)], n: 50)) == 80)    // 62 % → 70 → 80
        #expect(FigureSVG.axisMaximum(Self.chart([("a", 5)], n: 5)) == 100)
    }
}

/// The note under a picture says what n is; it is read whole, so it wraps instead of losing its end.
@Suite("SVG note: wrapped, never cut")
struct FigureNoteTests {
    @Test("wrapping keeps every word, in order, each line within the width; a long word is cut into pieces")
    func wraps() {
        let text = "Unit: chat. n = chats with any code in the category or in a joined group; % of n. Not drawn: 12 codes without chats."
        let lines = MarkupText.wrapped(text, width: 40, maximumLines: 9)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(lines.joined(separator: " ") == text)
        #expect(MarkupText.wrapped("abcdefghij", width: 4, maximumLines: 9) == ["abcd", "efgh", "ij"])
        // More than the lines allowed: the last one ends in "…".
        let cut = MarkupText.wrapped(String(repeating: "word ", count: 60), width: 20, maximumLines: 2)
        #expect(cut.count == 2 && cut[1].hasSuffix("…") && cut[1].count <= 20)
    }

    @Test("a group figure's note says n is chats with any member; a long note is drawn on more lines, all of it")
    func groupNote() {
        var figure = ChartFigure(number: 3, name: "Figuur 3. Impact", n: 4, unit: "chats",
                                 bars: [.init(label: "Psychisch", count: 2, percent: 50)], note: "")
        figure.note = String(repeating: "Unit: chat and more words here. ", count: 8) + "END"
        let svg = FigureSVG.document(figure)
        #expect(svg.contains("END"))
        #expect(svg.components(separatedBy: "font-size=\"11\"").count - 1 == 3)
    }
}
