import GlossAnalysis
import GlossCore
import GlossTerminal

/// How a figure looks, on screen and in `gloss report --format text`: one mapping, so both agree.
public enum FigureChart {
    /// "Figuur 4. Dwangmiddelen (n = 5; 42 % of 12 chats)".
    public static func title(_ figure: Figure) -> String {
        let name = figure.number.map { "Figuur \($0). \(figure.title)" } ?? figure.title
        let share = figure.share.map { "; \(Int($0.rounded())) % of \(figure.chatsCoded) chats" } ?? ""
        // Zero bars folded into one line (`zeros: fold`) are said after the title, never dropped silently.
        return "\(name) (n = \(figure.n)\(share))" + (figure.foldedLine.map { " · \($0)" } ?? "")
    }

    public static func chart(_ figure: Figure, hierarchy: CodeHierarchy, offset: Int = 0, useColor: Bool = true) -> BarChart {
        let prefix = commonLeadingWords(figure.bars.map(\.label))
        let bars = figure.bars.map { bar in
            BarChart.Bar(label: String(bar.label.dropFirst(prefix.count)), value: bar.chats, percent: bar.percent,
                         color: hierarchy.code(bar.code).flatMap { Color(hex: $0.color) } ?? .default, marked: bar.proposed)
        }
        return BarChart(title: title(figure), bars: bars, emptyText: figure.chatsCoded == 0 ? "no chats coded" : "no chats with these codes",
                        offset: offset, useColor: useColor)
    }

    /// Whole leading words that every label shares ("Sleutelfiguren "), dropped from the bars so the words
    /// that tell them apart fit; never a whole label.
    static func commonLeadingWords(_ labels: [String]) -> String {
        guard labels.count >= 2, var prefix = labels.first else { return "" }
        for label in labels.dropFirst() {
            while !label.hasPrefix(prefix) { prefix.removeLast() }
        }
        guard let lastSpace = prefix.lastIndex(of: " ") else { return "" }
        let words = String(prefix[...lastSpace])
        return labels.contains { $0.count <= words.count } ? "" : words
    }
}
