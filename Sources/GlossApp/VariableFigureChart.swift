import GlossAnalysis
import GlossCore
import GlossTerminal

/// How a figure on a variable looks, on screen and in `gloss report --format text` (as `FigureChart` for code
/// figures): the bars in the variable's order, the bar's full width 100 % of n, missing in the title.
public enum VariableFigureChart {
    /// "Figuur 1. Leeftijd (n = 10; 2 missing)"; without a number (`--variable`), the title alone.
    public static func title(_ figure: VariableFigure) -> String {
        let name = figure.number > 0 ? "Figuur \(figure.number). \(figure.title)" : figure.title
        return "\(name) (n = \(figure.distribution.n); \(figure.distribution.missing) missing)"
    }

    public static func chart(_ figure: VariableFigure, offset: Int = 0) -> BarChart {
        BarChart(title: title(figure),
                 bars: figure.distribution.bars.map { BarChart.Bar(label: $0.label, value: $0.cases, percent: $0.percent) },
                 emptyText: "no case knows \(figure.distribution.variable)", offset: offset, useColor: false)
    }
}
