/// What a picture of a figure shows, whichever kind of figure it came from: the title with n, one bar per
/// sub-code or value (label, count, percent of n), and the unit. `FigureSVG` draws it; the HTML report lists it.
public struct ChartFigure: Equatable, Sendable {
    public struct Bar: Equatable, Sendable {
        public var label: String
        public var count: Int
        /// 100 × count / n; nil when n = 0.
        public var percent: Double?
    }

    public var number: Int?
    /// The figure's name without n ("Figuur 4. Dwangmiddelen").
    public var name: String
    public var n: Int
    /// "chats" or "cases".
    public var unit: String
    public var bars: [Bar]
    /// One line under the chart: what a bar counts, and what n is.
    public var note: String

    public init(number: Int?, name: String, n: Int, unit: String, bars: [Bar], note: String) {
        self.number = number
        self.name = name
        self.n = n
        self.unit = unit
        self.bars = bars
        self.note = note
    }

    /// "Figuur 4. Dwangmiddelen (n = 5)".
    public var title: String { "\(name) (n = \(n))" }

    /// A figure on a code category: bars in the figure's order, a proposed code marked with "*".
    public init(_ figure: Figure) {
        let proposed = figure.bars.contains(where: \.proposed)
        self.init(number: figure.number, name: figure.number.map { "Figuur \($0). \(figure.title)" } ?? figure.title, n: figure.n,
                  unit: "chats",
                  bars: figure.bars.map { Bar(label: $0.label + ($0.proposed ? " *" : ""), count: $0.chats, percent: $0.percent) },
                  note: "Unit: chat. n = chats with " + (figure.group != nil ? "any member of the group"
                        : figure.bars.contains { $0.group != nil } ? "any code in the category or in a joined group" : "any code in the category")
                      + "; % of n. A chat can count in several bars."
                      + (figure.foldedLine.map { " Not drawn: \($0)." } ?? "")
                      + (proposed ? " * proposed code." : ""))
    }

    /// A figure on a variable: n = cases whose value is known, the missing ones said in the note.
    public init(_ figure: VariableFigure) {
        let d = figure.distribution
        self.init(number: figure.number > 0 ? figure.number : nil,
                  name: figure.number > 0 ? "Figuur \(figure.number). \(figure.title)" : figure.title, n: d.n, unit: "cases",
                  bars: d.bars.map { Bar(label: $0.label, count: $0.cases, percent: $0.percent) },
                  note: "Unit: case. n = cases whose value is known (\(d.missing) missing); % of n.")
    }
}
