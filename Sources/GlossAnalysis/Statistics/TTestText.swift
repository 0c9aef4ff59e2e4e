import Foundation
import GlossCore

/// The t-test's text, Markdown and CSV forms (`StatisticsText.ttest`).
enum TTestText {
    typealias S = StatisticsText

    /// `t(589) = 4.27; p < 0.001`: df whole for Student, two decimals for Welch.
    static func line(_ test: TTestResult.Test, wholeDF: Bool) -> String {
        let df = wholeDF ? "\(Int(test.df.rounded()))" : S.fixed(test.df, 2)
        return "t(\(df)) = \(S.fixed(test.t, 2)); \(S.pValue(test.p))"
    }

    static func groupLine(_ group: TTestResult.Group, escape: (String) -> String) -> String {
        "\(escape(group.label)): n = \(group.n), mean = \(S.fixed(group.mean, 2)), sd = \(S.fixed(group.sd, 2))"
    }

    static func lines(_ result: TTestResult, escape: (String) -> String) -> [String] {
        let difference = result.groups.map { escape($0.label) }.joined(separator: " − ")
        return [
            line(result.student, wholeDF: true) + " (Student, equal variances; t = \(difference))",
            line(result.welch, wholeDF: false) + " (Welch, unequal variances)",
        ]
    }

    static func text(_ result: TTestResult, variable: String?) -> String {
        var out = variable.map { S.plain($0) + "\n" } ?? ""
        for group in result.groups { out += "  " + groupLine(group, escape: S.plain) + "\n" }
        out += lines(result, escape: S.plain).joined(separator: "\n") + "\n"
        out += "\(result.missing) unknown\n"
        return out
    }

    static func markdown(_ result: TTestResult, variable: String?) -> String {
        var out = variable.map { "**" + S.markdownCell($0) + "**\n\n" } ?? ""
        out += "| group | n | mean | sd |\n|---|---:|---:|---:|\n"
        for group in result.groups {
            out += "| \(S.markdownCell(group.label)) | \(group.n) | \(S.fixed(group.mean, 2)) | \(S.fixed(group.sd, 2)) |\n"
        }
        out += "\n" + lines(result, escape: S.markdownCell).map { $0 + "  " }.joined(separator: "\n") + "\n"
        out += "\n\(result.missing) unknown\n"
        return out
    }

    /// One line per test with both groups: t and Welch's df to 2 decimals, p to 4 significant digits.
    static func csv(_ result: TTestResult) -> String {
        var out = CSV.line(["test", "t", "df", "p", "group_1", "n_1", "mean_1", "sd_1", "group_2", "n_2", "mean_2", "sd_2", "missing"])
        let groups = result.groups.flatMap { [$0.label, "\($0.n)", S.fixed($0.mean, 2), S.fixed($0.sd, 2)] }
        for (name, test, wholeDF) in [("Student", result.student, true), ("Welch", result.welch, false)] {
            let df = wholeDF ? "\(Int(test.df.rounded()))" : S.fixed(test.df, 2)
            out += CSV.line([name, S.fixed(test.t, 2), df, String(format: "%.4g", test.p)] + groups + ["\(result.missing)"])
        }
        return out
    }
}
