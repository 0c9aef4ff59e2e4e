import GlossCore

/// The crosstab's text, Markdown and CSV forms (`StatisticsText.crosstab`).
enum CrosstabText {
    typealias S = StatisticsText

    /// "20.2***": the column percentage with one decimal and its stars; "–" in an empty column.
    static func cell(_ result: CrosstabResult, _ i: Int, _ j: Int) -> (percent: String, stars: String) {
        guard let percent = result.columnPercent[i][j] else { return ("–", "") }
        return (S.fixed(percent, 1), SignificanceStars.marks(forP: result.cells[i][j]?.p))
    }

    static func heading(_ result: CrosstabResult, rowVariable: String?, columnVariable: String?, escape: (String) -> String) -> String {
        let names = [rowVariable, columnVariable].compactMap { $0 }.map(escape)
        let what = names.count == 2 ? "\(names[0]) by \(names[1]): " : ""
        return "\(what)column percentages (n = \(result.n); \(result.missing) unknown)"
    }

    /// The lines under the table: legend, tests, warnings, what was not tested.
    static func notes(_ result: CrosstabResult, escape: (String) -> String, chi: String) -> [String] {
        var lines = ["\(SignificanceStars.legend): adjusted standardized residual of the cell, two-sided."]
        if let chi2 = result.chi2 {
            lines.append("Pearson \(chi)(\(chi2.df)) = \(S.fixed(chi2.statistic, 2)); \(S.pValue(chi2.p))")
        } else {
            lines.append("No test: it needs at least two rows and two columns with cases.")
        }
        if let yates = result.chi2Yates {
            lines.append("Yates-corrected \(chi)(1) = \(S.fixed(yates.statistic, 2)); \(S.pValue(yates.p))")
        }
        if let fisher = result.fisher {
            lines.append("Fisher's exact test (two-sided): \(S.pValue(fisher.p))")
        }
        if let below = result.expectedBelow5, below > 0 {
            let tested = tableCells(result)
            let cells = "\(below) of \(tested) " + (below == 1 ? "cells has" : "cells have")
            let advice = result.fisher == nil
                ? "consider Fisher's exact test (Gloss computes it for 2 × 2 tables) or merging categories"
                : "use Fisher's exact test"
            lines.append("Warning: \(cells) an expected count below 5; the chi-square test may be unreliable: \(advice).")
        }
        let empty = result.emptyRows.map { "row " + escape($0) } + result.emptyColumns.map { "column " + escape($0) }
        if !empty.isEmpty {
            lines.append("Left out of the tests (no cases): \(empty.joined(separator: ", ")).")
        }
        return lines
    }

    /// Cells of the tested table (rows and columns with cases).
    static func tableCells(_ result: CrosstabResult) -> Int {
        (result.rows.count - result.emptyRows.count) * (result.columns.count - result.emptyColumns.count)
    }

    static func text(_ result: CrosstabResult, rowVariable: String?, columnVariable: String?) -> String {
        let rowLabels = result.rows.map(S.plain)
        let firstWidth = max(["n"].map(\.count).max()!, rowLabels.map(\.count).max() ?? 0, (rowVariable.map(S.plain) ?? "").count)
        let totals = result.columnTotals
        let columnLabels = result.columns.map(S.plain)
        // Each column: the number right-aligned, then room for three stars.
        let widths = columnLabels.indices.map { j in
            max(columnLabels[j].count, result.rows.indices.map { cell(result, $0, j).percent.count + 3 }.max() ?? 0, "\(totals[j])".count + 3)
        }
        var lines = [heading(result, rowVariable: rowVariable, columnVariable: columnVariable, escape: S.plain)]
        lines.append(S.pad(rowVariable.map(S.plain) ?? "", firstWidth) + columnLabels.indices.map { "  " + S.pad(columnLabels[$0], widths[$0], right: true) }.joined())
        for i in result.rows.indices {
            let cells = result.columns.indices.map { j -> String in
                let (percent, stars) = cell(result, i, j)
                return "  " + S.pad(percent, widths[j] - 3, right: true) + S.pad(stars, 3)
            }
            lines.append(S.pad(rowLabels[i], firstWidth) + cells.joined())
        }
        lines.append(S.pad("n", firstWidth) + result.columns.indices.map { "  " + S.pad("\(totals[$0])", widths[$0] - 3, right: true) + "   " }.joined())
        lines = lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        lines.append("")
        lines += notes(result, escape: { GlossError.quoted($0) }, chi: "chi2")
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(_ result: CrosstabResult, rowVariable: String?, columnVariable: String?) -> String {
        let totals = result.columnTotals
        var lines = ["**" + heading(result, rowVariable: rowVariable, columnVariable: columnVariable, escape: S.markdownCell) + "**", ""]
        lines.append("| " + S.markdownCell(rowVariable ?? "") + " | " + result.columns.map(S.markdownCell).joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: result.columns.count))
        for i in result.rows.indices {
            let cells = result.columns.indices.map { j -> String in
                let (percent, stars) = cell(result, i, j)
                return percent + stars.map { "\\" + String($0) }.joined()
            }
            lines.append("| " + S.markdownCell(result.rows[i]) + " | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("| n | " + totals.map { "\($0)" }.joined(separator: " | ") + " |")
        lines.append("")
        var notes = notes(result, escape: { "\"" + S.markdownCell($0) + "\"" }, chi: "χ²")
        notes[0] = notes[0].replacingOccurrences(of: "*", with: "\\*")   // the legend's stars, not emphasis
        lines.append("*Note.* " + notes.joined(separator: " "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per cell, rounded for people: count, column percentage (1 decimal), expected count (2),
    /// adjusted residual (2), its p (4 significant digits), stars. Labels spreadsheet-safe (`CSV.line`).
    static func csv(_ result: CrosstabResult) -> String {
        var out = CSV.line(["row", "column", "count", "column_percent", "expected", "adjusted_residual", "p", "stars"])
        for i in result.rows.indices {
            for j in result.columns.indices {
                let test = result.cells[i][j]
                out += CSV.line([
                    result.rows[i], result.columns[j], "\(result.counts[i][j])",
                    result.columnPercent[i][j].map { S.fixed($0, 1) } ?? "",
                    result.expected.map { S.fixed($0[i][j], 2) } ?? "",
                    test.map { S.fixed($0.adjustedResidual, 2) } ?? "",
                    test.map { String(format: "%.4g", $0.p) } ?? "",
                    SignificanceStars.marks(forP: test?.p),
                ])
            }
        }
        return out
    }
}
