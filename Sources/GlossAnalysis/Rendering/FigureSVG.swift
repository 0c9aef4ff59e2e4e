/// A figure as a standalone SVG picture, drawn as the study draws them: horizontal bars, the title with n, an
/// axis in percent of n, the count and percent beside each bar.
///
/// - Readable anywhere: a generic sans-serif font stack, near-black bars on a white ground, grey grid; no
///   meaning is carried by colour, so it prints in greyscale.
/// - Deterministic: the same figure gives the same bytes (no dates, no ids, coordinates with one fixed rule:
///   rounded to 0.1 and written without a trailing ".0").
/// - Untrusted text (titles, labels, notes) goes through `MarkupText.escape`; long labels are shortened at the end
///   with "…", the whole label kept in a `<title>` (a tooltip in browsers).
/// - Bar length = percent / axis maximum × plot width, so lengths are proportional to the counts (all bars share n).
public enum FigureSVG {
    static let width = 720.0
    static let labelRight = 292.0
    static let plotLeft = 300.0
    static let plotWidth = 330.0
    static let top = 46.0
    static let rowHeight = 24.0
    static let barHeight = 16.0
    static let labelLimit = 44
    static let titleLimit = 80
    /// The note under the chart wraps at this many characters (11 px text across the 720 px picture), on at most
    /// `noteLines` lines.
    static let noteWidth = 118
    static let noteLines = 4
    static let fontFamily = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"

    /// A file of its own: the XML declaration, the `<svg>` element, a final line break.
    public static func document(_ chart: ChartFigure) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(chart) + "\n"
    }

    /// The `<svg>` element alone, for putting inline in an HTML page (it carries no ids, so several can share one page).
    public static func element(_ chart: ChartFigure) -> String {
        let axis = axisMaximum(chart)
        let rows = max(chart.bars.count, 1)
        let plotBottom = top + Double(rows) * rowHeight
        let note = MarkupText.wrapped(chart.note, width: noteWidth, maximumLines: noteLines)
        let height = plotBottom + 44 + 14 * Double(max(note.count, 1))
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" "
            + "font-family=\"\(fontFamily)\" font-size=\"12\" role=\"img\">\n"
        out += "<title>\(MarkupText.escape(chart.title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>\n"
        let name = MarkupText.shortened(chart.name, to: titleLimit)
        out += "<text x=\"12\" y=\"24\" font-size=\"15\" font-weight=\"bold\" fill=\"#000000\">\(MarkupText.escape("\(name) (n = \(chart.n))"))</text>\n"
        // Grid and axis: a light line per tick (under the bars), its percent below the plot.
        let step = axis <= 50 ? 10 : 20
        for tick in stride(from: 0, through: axis, by: step) {
            let x = plotLeft + Double(tick) / Double(axis) * plotWidth
            let colour = tick == 0 ? "#666666" : "#cccccc"
            out += "<line x1=\"\(f(x))\" y1=\"\(f(top - 6))\" x2=\"\(f(x))\" y2=\"\(f(plotBottom))\" stroke=\"\(colour)\" stroke-width=\"1\"/>\n"
            out += "<text x=\"\(f(x))\" y=\"\(f(plotBottom + 16))\" text-anchor=\"middle\" fill=\"#000000\">\(tick) %</text>\n"
        }
        out += "<line x1=\"\(f(plotLeft))\" y1=\"\(f(plotBottom))\" x2=\"\(f(plotLeft + plotWidth))\" y2=\"\(f(plotBottom))\" stroke=\"#666666\" stroke-width=\"1\"/>\n"
        out += "<text x=\"\(f(plotLeft + plotWidth / 2))\" y=\"\(f(plotBottom + 32))\" text-anchor=\"middle\" fill=\"#000000\">% of n (n = \(chart.n) \(MarkupText.escape(chart.unit)))</text>\n"
        if chart.bars.isEmpty {
            out += "<text x=\"\(f(plotLeft + 8))\" y=\"\(f(top + rowHeight / 2 + 4))\" fill=\"#000000\">no bars</text>\n"
        }
        for (row, bar) in chart.bars.enumerated() {
            let y = top + Double(row) * rowHeight + (rowHeight - barHeight) / 2
            let middle = y + barHeight / 2 + 4
            let length = (bar.percent ?? 0) / Double(axis) * plotWidth
            out += "<g>\n<title>\(MarkupText.escape(bar.label)): \(bar.count)</title>\n"
            out += "<text x=\"\(f(labelRight))\" y=\"\(f(middle))\" text-anchor=\"end\" fill=\"#000000\">\(MarkupText.escape(MarkupText.shortened(bar.label, to: labelLimit)))</text>\n"
            if length > 0 {
                out += "<rect x=\"\(f(plotLeft))\" y=\"\(f(y))\" width=\"\(f(length))\" height=\"\(f(barHeight))\" fill=\"#262626\"/>\n"
            }
            let percent = bar.percent.map { " (\(Int($0.rounded())) %)" } ?? ""
            out += "<text x=\"\(f(plotLeft + length + 6))\" y=\"\(f(middle))\" fill=\"#000000\">\(bar.count)\(percent)</text>\n"
            out += "</g>\n"
        }
        for (number, line) in note.enumerated() {
            let y = plotBottom + 44 + 14 * Double(number + 1) - 8
            out += "<text x=\"12\" y=\"\(f(y))\" font-size=\"11\" fill=\"#333333\">\(MarkupText.escape(line))</text>\n"
        }
        out += "</svg>"
        return out
    }

    /// The axis runs to the largest percent rounded up to a tick (ticks of 10 up to 50 %, of 20 above), at least
    /// 10 % and at most 100 %, so short bars are not lost on a 100 % axis.
    static func axisMaximum(_ chart: ChartFigure) -> Int {
        let largest = chart.bars.compactMap(\.percent).max() ?? 0
        let tens = max(10, min(100, Int((largest / 10).rounded(.up)) * 10))
        return tens <= 50 ? tens : min(100, Int((Double(tens) / 20).rounded(.up)) * 20)
    }

    /// A coordinate rounded to 0.1, without a trailing ".0" ("300", "312.5"): one rule, so the bytes never vary.
    static func f(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
