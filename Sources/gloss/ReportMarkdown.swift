import Foundation
import GlossAnalysis
import GlossCore

/// `gloss report --md`: the report as Markdown. Each figure is an image link to its SVG file (written by
/// `ReportDocument` into a folder beside the document) followed by its numbers as a table, so the document reads
/// well both where Markdown shows images and where it does not.
enum ReportMarkdown {
    /// Untrusted text inside Markdown: table-safe (`Markdown.cell`), markup characters and controls as in HTML
    /// (`MarkupText.escape`: Markdown shows entities as the characters), and `[ ]` escaped, so that no text can
    /// open raw HTML or a link.
    static func text(_ value: String) -> String {
        MarkupText.escape(Markdown.cell(value)).replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }

    static func document(_ context: ReportDocumentContext, date: String, rounds: [ReportDocument.RoundRow], figureFolder: String) -> String {
        let name = context.project.config.name.isEmpty ? "Gloss report" : context.project.config.name
        let folder = figureFolder.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? figureFolder
        var out = "# \(text(name))\n\n\(text(ReportDocument.dataLine(context)))\n\nData as of \(text(date)).\n\n## Figures\n\n"
        if context.figures.isEmpty { out += "No figures defined.\n\n" }
        for figure in context.figures {
            let chart = ReportDocument.chart(figure)
            out += "![\(text(chart.title))](\(folder)/\(ReportDocument.fileName(figure)))\n\n"
            out += "| \(chart.unit == "cases" ? "value" : "code") | \(chart.unit) | % of n |\n|---|---:|---:|\n"
            for bar in chart.bars { out += "| \(text(bar.label)) | \(bar.count) | \(FigureWriter.number(bar.percent)) |\n" }
            out += "\n\(text(chart.note))\n\n"
        }
        if !rounds.isEmpty {
            out += "## Agreement rounds\n\n| round | coders | chats | positive agreement | all cells | alpha | kappa | forgotten/different |\n|---|---|---:|---:|---:|---:|---:|---:|\n"
            for r in rounds {
                out += "| \(text(r.name)) | \(text(r.coders)) | \(r.chats) | \(r.positive) | \(r.overall) | \(r.alpha) | \(r.kappa) | \(r.forgottenDifferent) |\n"
            }
            out += "\nPercentages are agreement, not reliability; Krippendorff's alpha ≥ .800 is reliable, ≥ .667 allows tentative conclusions.\n\n"
        }
        out += "## Appendix: codebook\n"
        for (code, path, _) in ReportDocument.appendixCodes(context.project.codebook) {
            out += "\n### \(text(path))\n\n"
            if !code.operationalisation.isEmpty { out += "\(text(code.operationalisation))\n\n" }
            if !code.example.isEmpty { out += "_Example:_ \(text(code.example))\n\n" }
            for rule in code.rules { out += "- \(text(rule))\n" }
            if !code.rules.isEmpty { out += "\n" }
        }
        return out
    }
}
