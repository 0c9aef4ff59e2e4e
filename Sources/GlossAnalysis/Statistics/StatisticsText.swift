import Foundation
import GlossCore

/// How a statistic is shown to people. (JSON, for programs, is the result itself through `JSONFormat`, at
/// full precision; these forms round.)
public enum StatisticsFormat: Sendable {
    /// Aligned plain text for a terminal; labels with control characters shown escaped (`TerminalText`).
    case text
    /// A Markdown table with a note, for a report; `|`, backticks and `*` in labels escaped.
    case markdown
    /// Comma-separated, rounded, spreadsheet-safe (`CSV.line`).
    case csv
}

/// Renderers for people: the study's tables 1–2 and its t-test line. Pure functions of a result.
///
/// Usage: `StatisticsText.crosstab(result, format: .markdown, rowVariable: "leeftijd", columnVariable: "groep")`,
/// `StatisticsText.ttest(result, format: .text, variable: "leeftijd")`.
public enum StatisticsText {
    /// The crosstab as the study prints it: column percentages (one decimal) with the stars of the cell's
    /// adjusted residual, n per column, the legend as a note, the chi-square test, Fisher and Yates for a 2 × 2
    /// table, and a warning when expected counts are below 5. CSV is one line per cell instead.
    public static func crosstab(_ result: CrosstabResult, format: StatisticsFormat, rowVariable: String? = nil, columnVariable: String? = nil) -> String {
        switch format {
        case .text: CrosstabText.text(result, rowVariable: rowVariable, columnVariable: columnVariable)
        case .markdown: CrosstabText.markdown(result, rowVariable: rowVariable, columnVariable: columnVariable)
        case .csv: CrosstabText.csv(result)
        }
    }

    /// The t-test as the study prints it, `t(589) = 4.27; p < 0.001` (Student), then the same line for Welch,
    /// with each group's n, mean and sd. CSV is one line per test.
    public static func ttest(_ result: TTestResult, format: StatisticsFormat, variable: String? = nil) -> String {
        switch format {
        case .text: TTestText.text(result, variable: variable)
        case .markdown: TTestText.markdown(result, variable: variable)
        case .csv: TTestText.csv(result)
        }
    }

    /// `p < 0.001` below 0.001, else `p = 0.034` (three decimals), as the study and APA style write it.
    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : "p = " + fixed(p, 3)
    }

    /// `value` with `decimals` decimals, with a point whatever the locale, and never "-0.0".
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }

    /// A label in text output: controls shown escaped, on one line.
    static func plain(_ label: String) -> String {
        TerminalText.escaped(label, layout: .singleLine)
    }

    /// A label in a Markdown table cell: `|`, backtick, backslash and `*`/`_` escaped (they would end the cell or
    /// start emphasis), line breaks as spaces, other controls shown escaped.
    static func markdownCell(_ label: String) -> String {
        var out = ""
        for character in label {
            switch character {
            case "|", "`", "\\", "*", "_": out += "\\" + String(character)
            case "\n", "\r\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return TerminalText.escaped(out, layout: .singleLine)
    }

    /// Pads to `width` characters (on the left when `right`).
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}
