import GlossAnalysis
import GlossCore

/// `gloss report --html`: one self-contained page a researcher can attach to a report. Written by hand with one
/// escaping function (`MarkupText.escape`, for every text that is not a fixed string) rather than with an HTML
/// library: the page is small and fixed, and a dependency would add to every offline build.
///
/// Self-contained and inert: every figure is inline SVG, the style is inline, there is no script, and a strict
/// Content-Security-Policy forbids loading anything (`default-src 'none'`), so opening it never reaches the network.
enum ReportHTML {
    static let policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    static let style = """
    body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #000; background: #fff; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
    figure { margin: 2em 0; page-break-inside: avoid; }
    figure svg { max-width: 100%; height: auto; }
    table { border-collapse: collapse; margin: 0.5em 0 1em; }
    th, td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
    td.number, th.number { text-align: right; }
    .code { margin: 0.8em 0; }
    .code h4 { margin: 0; }
    .code p { margin: 0.2em 0; }
    """

    static func document(_ context: ReportDocumentContext, date: String, rounds: [ReportDocument.RoundRow]) -> String {
        let e = MarkupText.escape
        let name = context.project.config.name.isEmpty ? "Gloss report" : context.project.config.name
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(e(name))</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
        out += "<h1>\(e(name))</h1>\n"
        out += "<p>\(e(ReportDocument.dataLine(context)))</p>\n<p>Data as of \(e(date)).</p>\n"
        out += "<h2>Figures</h2>\n"
        if context.figures.isEmpty { out += "<p>No figures defined.</p>\n" }
        for figure in context.figures {
            let chart = ReportDocument.chart(figure)
            out += "<figure>\n" + FigureSVG.element(chart) + "\n<figcaption>\(e(chart.title)). \(e(chart.note))</figcaption>\n"
            out += "<table>\n<tr><th>\(chart.unit == "cases" ? "value" : "code")</th><th class=\"number\">\(e(chart.unit))</th><th class=\"number\">% of n</th></tr>\n"
            for bar in chart.bars {
                out += "<tr><td>\(e(bar.label))</td><td class=\"number\">\(bar.count)</td><td class=\"number\">\(FigureWriter.number(bar.percent))</td></tr>\n"
            }
            out += "</table>\n</figure>\n"
        }
        if !rounds.isEmpty {
            out += "<h2>Agreement rounds</h2>\n<p>Unit: chat × code presence, chats both coders marked done. Percentages are agreement, not reliability; Krippendorff's alpha ≥ .800 is reliable, ≥ .667 allows tentative conclusions.</p>\n"
            out += "<table>\n<tr><th>round</th><th>coders</th><th class=\"number\">chats</th><th class=\"number\">positive agreement</th><th class=\"number\">all cells</th><th class=\"number\">alpha</th><th class=\"number\">kappa</th><th class=\"number\">forgotten/different</th></tr>\n"
            for r in rounds {
                out += "<tr><td>\(e(r.name))</td><td>\(e(r.coders))</td><td class=\"number\">\(r.chats)</td><td class=\"number\">\(e(r.positive))</td><td class=\"number\">\(e(r.overall))</td><td class=\"number\">\(e(r.alpha))</td><td class=\"number\">\(e(r.kappa))</td><td class=\"number\">\(e(r.forgottenDifferent))</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "<h2>Appendix: codebook</h2>\n"
        for (code, path, depth) in ReportDocument.appendixCodes(context.project.codebook) {
            out += "<div class=\"code\" style=\"margin-left: \(depth * 2)em\">\n<h4>\(e(code.name))</h4>\n"
            if depth > 0 { out += "<p><small>\(e(path))</small></p>\n" }
            if !code.operationalisation.isEmpty { out += "<p>\(e(code.operationalisation))</p>\n" }
            if !code.example.isEmpty { out += "<p><em>Example:</em> \(e(code.example))</p>\n" }
            if !code.rules.isEmpty { out += "<ul>\n" + code.rules.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n" }
            out += "</div>\n"
        }
        out += "<footer><p><small>Made by gloss report.</small></p></footer>\n</body>\n</html>\n"
        return out
    }
}
