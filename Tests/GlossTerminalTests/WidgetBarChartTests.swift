import Testing
@testable import GlossTerminal

/// The bar chart of the live figures and `gloss report --format text`: eighth-block bars, numbers, the empty
/// text, scrolling, and the two-row layout of narrow panes. Expected rows are counted by hand.
@Suite struct WidgetBarChartTests {
    func render(_ chart: BarChart, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        buffer.render(chart, in: buffer.area)
        return buffer
    }

    @Test func eighthBlocks() {
        // 0.5 of 10 columns = 40 eighths = 5 full blocks.
        #expect(BarChart.blocks(0.5, columns: 10) == "█████")
        // 0.0625 of 10 = 5 eighths = "▋" (eighths: ▏1 ▎2 ▍3 ▌4 ▋5 ▊6 ▉7).
        #expect(BarChart.blocks(0.0625, columns: 10) == "▋")
        // 0.05 of 10 = 4 eighths = "▌".
        #expect(BarChart.blocks(0.05, columns: 10) == "▌")
        // 0.75 of 31 = 186 eighths = 23 full + 2 eighths.
        #expect(BarChart.blocks(0.75, columns: 31) == String(repeating: "█", count: 23) + "▎")
        // 0.3 of 3 = 7.2 eighths → 7 = "▉"; 0.33 of 3 = 7.92 → 8 = one full block.
        #expect(BarChart.blocks(0.3, columns: 3) == "▉")
        #expect(BarChart.blocks(0.33, columns: 3) == "█")
        #expect(BarChart.blocks(1, columns: 10) == String(repeating: "█", count: 10))
        #expect(BarChart.blocks(0, columns: 10) == "")
        #expect(BarChart.blocks(0.01, columns: 10) == "▏")   // 0.8 eighth rounds to one: a non-zero bar shows
        #expect(BarChart.blocks(0.004, columns: 10) == "")   // 0.32 rounds to none
        // Out of range is clamped.
        #expect(BarChart.blocks(1.5, columns: 4) == "████")
        #expect(BarChart.blocks(-1, columns: 4) == "")
    }

    @Test func percentText() {
        #expect(BarChart.percentText(nil) == "–")
        #expect(BarChart.percentText(33.333) == "33 %")
        #expect(BarChart.percentText(66.5) == "67 %")
        #expect(BarChart.percentText(100) == "100 %")
    }

    /// 50 columns (one row per bar): numbers take 3 + 1 + 5 = 9 columns at the right (41–49); the label
    /// column is max(8, longest label 6) = 8, capped at (50 − 9 − 2) / 2 = 19; the bar starts at column 9 and
    /// has 50 − 8 − 9 − 2 = 31 columns. 75 % of 31 = 23 full blocks and "▎"; 25 % = 62 eighths = 7 and "▊".
    @Test func wideLayout() {
        let chart = BarChart(title: "Figuur 5. Pleger (n = 4)", bars: [
            .init(label: "Moeder", value: 3, percent: 75),
            .init(label: "Vader", value: 1, percent: 25),
            .init(label: "Oom", value: 0, percent: 0),
        ])
        let buffer = render(chart, width: 50, height: 5)
        let rows = buffer.lines
        #expect(rows[0] == TextFitting.left("Figuur 5. Pleger (n = 4)", 50))
        #expect(rows[1] == "Moeder   " + String(repeating: "█", count: 23) + "▎" + String(repeating: " ", count: 8) + "  3  75 %")
        #expect(rows[2] == "Vader    " + String(repeating: "█", count: 7) + "▊" + String(repeating: " ", count: 24) + "  1  25 %")
        #expect(rows[3] == "Oom      " + String(repeating: " ", count: 32) + "  0   0 %")
        #expect(rows[4] == String(repeating: " ", count: 50))
        #expect(rows.allSatisfy { DisplayWidth.of($0) == 50 })
        #expect(chart.height(width: 50) == 4)
        #expect(buffer[0, 0].style == .bold)          // the title style
    }

    /// Issue 12: labels are shortened at the end, never in the middle ("vrienden v…of familie" hid the words that
    /// name the bar).
    @Test func labelsAreShortenedAtTheEndAndMarkedBarsGetAStar() {
        let chart = BarChart(title: "T", bars: [
            .init(label: "Sleutelfiguren uit het gezin of familie", value: 2, percent: 100),
            .init(label: "Neef", value: 1, percent: 50, marked: true),
        ])
        let rows = render(chart, width: 46, height: 3).lines
        // 46 columns: numbers 9, label column min(39, (46 − 9 − 2) / 2) = 17; the 39-column label keeps its first 16
        // columns, "Sleutelfiguren u", then "…".
        #expect(rows[1].hasPrefix("Sleutelfiguren u… "))
        #expect(rows[1].hasSuffix("  2 100 %"))
        #expect(rows[2].hasPrefix("* Neef "))
        #expect(rows[2].hasSuffix("  1  50 %"))
    }

    @Test func emptyTextWhenNothingIsCoded() {
        let none = BarChart(title: "Figuur 4. Dwangmiddelen", bars: [])
        var rows = render(none, width: 50, height: 3).lines
        #expect(rows[0].hasPrefix("Figuur 4. Dwangmiddelen"))
        #expect(rows[1].hasPrefix("no chats coded"))
        // Bars whose percentages are undefined (n = 0) count as nothing to show too.
        let undefined = BarChart(title: "Figuur 4", bars: [.init(label: "Bedreiging", value: 0, percent: nil)],
                                 emptyText: "no chats with these codes")
        rows = render(undefined, width: 50, height: 3).lines
        #expect(rows[1].hasPrefix("no chats with these codes"))
        #expect(!rows.joined().contains("Bedreiging"))
        #expect(undefined.height(width: 50) == 2)
        // A title row only: nothing else is drawn, nothing crashes.
        #expect(render(none, width: 50, height: 1).text == "Figuur 4. Dwangmiddelen")
        #expect(render(none, width: 0, height: 0).text == "")
    }

    /// Five bars, room for two: the offset picks the first shown (clamped so the last page is full), and the
    /// title row says which are shown.
    @Test func scrollingOffset() {
        let bars = (1...5).map { BarChart.Bar(label: "Code \($0)", value: 6 - $0, percent: Double(6 - $0) * 20) }
        var chart = BarChart(title: "Figuur", bars: bars, offset: 2)
        var rows = render(chart, width: 50, height: 3).lines
        #expect(rows[1].hasPrefix("Code 3 "))
        #expect(rows[2].hasPrefix("Code 4 "))
        #expect(rows[0].hasSuffix("3–4/5"))
        chart.offset = 10
        rows = render(chart, width: 50, height: 3).lines
        #expect(rows[1].hasPrefix("Code 4 "))
        #expect(rows[2].hasPrefix("Code 5 "))
        #expect(rows[0].hasSuffix("4–5/5"))
        chart.offset = 0
        rows = render(chart, width: 50, height: 3).lines
        #expect(rows[1].hasPrefix("Code 1 "))
        #expect(rows[0].hasSuffix("1–2/5"))
        // Everything fits: no indicator.
        rows = render(chart, width: 50, height: 6).lines
        #expect(rows[0] == TextFitting.left("Figuur", 50))
        #expect(chart.height(width: 50) == 6)
    }

    /// From 24 to 43 columns each bar takes one row (issue 12: in the figures pane every bar took two, figure 6
    /// needed about 40 scroll steps); labels get 2/3 of what the numbers leave and are shortened at the END; a long
    /// title wraps. 30 columns: numbers 3 + 1 + 5 = 9; labels up to (30 − 9 − 2) × 2 / 3 = 12 (the longest is 29);
    /// bar 30 − 12 − 9 − 2 = 7 cells, so 50 % is 3.5 cells, "███▌"; "vrienden van gezin of familie" → 11 characters + "…".
    @Test func narrowLayout() {
        let chart = BarChart(title: "Figuur 5. Pleger (n = 2; 100 % of 2 chats)", bars: [
            .init(label: "Moeder", value: 1, percent: 50),
            .init(label: "Vader", value: 2, percent: 100),
            .init(label: "vrienden van gezin of familie", value: 0, percent: 0),
        ])
        let rows = render(chart, width: 30, height: 6).lines
        #expect(rows[0] == "Figuur 5. Pleger (n = 2; 100 %")
        #expect(rows[1] == TextFitting.left("of 2 chats)", 30))
        #expect(rows[2] == "Moeder" + String(repeating: " ", count: 7) + "███▌" + String(repeating: " ", count: 4) + "  1  50 %")
        #expect(rows[3] == "Vader" + String(repeating: " ", count: 8) + String(repeating: "█", count: 7) + " " + "  2 100 %")
        #expect(rows[4] == "vrienden va…" + String(repeating: " ", count: 9) + "  0   0 %")
        #expect(chart.height(width: 30) == 5)
    }

    /// Below 24 columns a label, a bar and the numbers do not fit on one row: each bar takes two (the label with
    /// the numbers, then the bar across the whole width). 20 columns: label 20 − 9 − 1 = 10; 50 % of 20 = 10 blocks.
    @Test func twoRowLayout() {
        let chart = BarChart(title: "Pleger", bars: [
            .init(label: "Moeder", value: 1, percent: 50),
            .init(label: "Vader", value: 2, percent: 100),
        ])
        let rows = render(chart, width: 20, height: 5).lines
        #expect(rows[0] == TextFitting.left("Pleger", 20))
        #expect(rows[1] == "Moeder" + String(repeating: " ", count: 5) + "  1  50 %")
        #expect(rows[2] == String(repeating: "█", count: 10) + String(repeating: " ", count: 10))
        #expect(rows[3] == "Vader" + String(repeating: " ", count: 6) + "  2 100 %")
        #expect(rows[4] == String(repeating: "█", count: 20))
        #expect(chart.height(width: 20) == 5)
    }

    @Test func barsTakeTheirColourOnlyWithColour() {
        let bar = BarChart.Bar(label: "A", value: 1, percent: 100, color: .rgb(1, 2, 3))
        var buffer = render(BarChart(title: "T", bars: [bar]), width: 50, height: 2)
        let x = buffer.lines[1].firstIndex(of: "█").map { buffer.lines[1].distance(from: buffer.lines[1].startIndex, to: $0) } ?? 0
        #expect(buffer[x, 1].style.foreground == .rgb(1, 2, 3))
        buffer = render(BarChart(title: "T", bars: [bar], useColor: false), width: 50, height: 2)
        #expect(buffer[x, 1].style.foreground == .default)
        #expect(buffer[x, 1].text == "█")
    }
}
