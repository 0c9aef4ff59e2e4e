import Foundation
import Testing
import GlossCore
@testable import GlossAnalysis

/// The renderers for people: the study's table layout, stars by the legend, the warning, the t-test line,
/// and labels that cannot break the terminal, the Markdown table or a spreadsheet.
@Suite("Statistics: text, Markdown and CSV")
struct StatisticsTextTests {
    static let ages = ["12 jaar of jonger", "13 tot 15", "16 tot 17", "18 jaar of ouder"]

    /// The study's table 1 shape: 4 age categories × 2 groups.
    static func tableOne() throws -> CrosstabResult {
        try Crosstab.compute(counts: [[21, 40], [45, 180], [26, 210], [12, 159]], rowLabels: ages,
                             columnLabels: ["ouders", "anders"], missing: 3)
    }

    @Test func starsFollowTheLegendExactly() {
        #expect(SignificanceStars.marks(forP: 0.05) == "")
        #expect(SignificanceStars.marks(forP: 0.0499999) == "*")
        #expect(SignificanceStars.marks(forP: 0.0100001) == "*")
        #expect(SignificanceStars.marks(forP: 0.01) == "**")
        #expect(SignificanceStars.marks(forP: 0.0010001) == "**")
        #expect(SignificanceStars.marks(forP: 0.001) == "***")
        #expect(SignificanceStars.marks(forP: 0) == "***")
        #expect(SignificanceStars.marks(forP: nil) == "")
        #expect(SignificanceStars.legend == "* p < 0.05, ** p ≤ 0.01, *** p ≤ 0.001")
    }

    @Test func pValuesAsTheStudyWritesThem() {
        #expect(StatisticsText.pValue(0.000999) == "p < 0.001")
        #expect(StatisticsText.pValue(1e-300) == "p < 0.001")
        #expect(StatisticsText.pValue(0.001) == "p = 0.001")
        #expect(StatisticsText.pValue(0.0344) == "p = 0.034")
        #expect(StatisticsText.pValue(1) == "p = 1.000")
        #expect(StatisticsText.fixed(-0.0001, 2) == "0.00")
        #expect(StatisticsText.fixed(-2.345, 1) == "-2.3")
    }

    @Test func textLooksLikeTheStudysTable() throws {
        let text = StatisticsText.crosstab(try Self.tableOne(), format: .text, rowVariable: "leeftijd", columnVariable: "groep")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "leeftijd by groep: column percentages (n = 693; 3 unknown)")
        #expect(lines[1] == "leeftijd            ouders   anders")
        #expect(lines[2] == "12 jaar of jonger  20.2***   6.8***")
        #expect(lines[3] == "13 tot 15          43.3*    30.6*")
        #expect(lines[6] == "n                   104      589")
        #expect(lines[8] == "* p < 0.05, ** p ≤ 0.01, *** p ≤ 0.001: adjusted standardized residual of the cell, two-sided.")
        #expect(lines[9] == "Pearson chi2(3) = 33.94; p < 0.001")
        #expect(!text.contains("Warning"))
        #expect(!text.contains("Fisher"))
    }

    @Test func markdownTable() throws {
        let text = StatisticsText.crosstab(try Self.tableOne(), format: .markdown, rowVariable: "leeftijd", columnVariable: "groep")
        #expect(text.contains("| leeftijd | ouders | anders |\n|---|---:|---:|\n| 12 jaar of jonger | 20.2\\*\\*\\* | 6.8\\*\\*\\* |\n"))
        #expect(text.contains("| n | 104 | 589 |\n"))
        #expect(text.contains("*Note.* \\* p < 0.05, \\*\\* p ≤ 0.01, \\*\\*\\* p ≤ 0.001"))
        #expect(text.contains("Pearson χ²(3) = 33.94; p < 0.001"))
    }

    /// Expected counts below 5: a warning that suggests Fisher (given for a 2 × 2 table).
    @Test func smallExpectedCountsWarn() throws {
        let small = try Crosstab.compute(counts: [[3, 1], [1, 3]], rowLabels: ["ja", "nee"], columnLabels: ["a", "b"])
        let text = StatisticsText.crosstab(small, format: .text)
        #expect(text.contains("Warning: 4 of 4 cells have an expected count below 5; the chi-square test may be unreliable: use Fisher's exact test."))
        #expect(text.contains("Fisher's exact test (two-sided): p = 0.486"))
        #expect(text.contains("Yates-corrected chi2(1) = 0.50; p = 0.480"))
        let wide = try Crosstab.compute(counts: [[1, 9, 20], [10, 10, 20]], rowLabels: ["ja", "nee"], columnLabels: ["a", "b", "c"])
        #expect(wide.expectedBelow5 == 1)
        #expect(StatisticsText.crosstab(wide, format: .markdown).contains("1 of 6 cells has an expected count below 5"))
        #expect(StatisticsText.crosstab(wide, format: .text).contains("consider Fisher's exact test (Gloss computes it for 2 × 2 tables)"))
    }

    /// A label is data from a project: it cannot send commands to the terminal or end a Markdown cell.
    @Test func labelsAreEscaped() throws {
        let result = try Crosstab.compute(counts: [[1, 2], [3, 4]], rowLabels: ["a\u{1B}]52;c;x\u{7}", "b|c\nd"],
                                          columnLabels: ["=HYPERLINK(\"x\")", "q\u{202E}r"])
        let text = StatisticsText.crosstab(result, format: .text, rowVariable: "v\u{1B}", columnVariable: "w")
        #expect(!text.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
        #expect(text.contains("a\\u{1B}]52;c;x\\u{7}"))
        #expect(text.contains("q\\u{202E}r"))
        let markdown = StatisticsText.crosstab(result, format: .markdown)
        #expect(markdown.contains("| b\\|c d |"))
        #expect(!markdown.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
        let csv = StatisticsText.crosstab(result, format: .csv)
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        #expect(csv.contains(",-0.")) // a negative residual stays a number, not '-0.…
        let records = try CSV.parse(csv, file: "t.csv")
        #expect(records.count == 5)
    }

    @Test func ttestPrintsTheStudysLineThenWelch() throws {
        let result = try TTest.compute(first: [2, 4, 6], second: [1, 2, 3, 4, 5], labels: ("ouders", "anders"), missing: 1)
        let text = StatisticsText.ttest(result, format: .text, variable: "leeftijd")
        #expect(text == """
            leeftijd
              ouders: n = 3, mean = 4.00, sd = 2.00
              anders: n = 5, mean = 3.00, sd = 1.58
            t(6) = 0.79; p = 0.459 (Student, equal variances; t = ouders − anders)
            t(3.53) = 0.74; p = 0.506 (Welch, unequal variances)
            1 unknown

            """)
        let csv = StatisticsText.ttest(result, format: .csv)
        #expect(csv == """
            test,t,df,p,group_1,n_1,mean_1,sd_1,group_2,n_2,mean_2,sd_2,missing
            Student,0.79,6,0.4593,ouders,3,4.00,2.00,anders,5,3.00,1.58,1
            Welch,0.74,3.53,0.5062,ouders,3,4.00,2.00,anders,5,3.00,1.58,1

            """)
        #expect(StatisticsText.ttest(result, format: .markdown).contains("| ouders | 3 | 4.00 | 2.00 |"))
        let big = TTestResult(groups: result.groups, student: .init(t: 4.2712, df: 589, p: 2.3e-5), welch: result.welch, missing: 0)
        #expect(StatisticsText.ttest(big, format: .text).contains("\nt(589) = 4.27; p < 0.001 (Student"))
    }

    @Test func crosstabCSVIsOneRowPerCell() throws {
        let csv = StatisticsText.crosstab(try Self.tableOne(), format: .csv)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines[0] == "row,column,count,column_percent,expected,adjusted_residual,p,stars")
        #expect(lines[1] == "12 jaar of jonger,ouders,21,20.2,9.15,4.45,8.711e-06,***")
        #expect(lines.count == 9)
    }

    /// docs/analysis.md, "Statistics", worked example: the text shown there.
    @Test func workedExampleAsInTheDocs() throws {
        let result = try Crosstab.compute(counts: [[12, 8], [4, 16]], rowLabels: ["ja", "nee"], columnLabels: ["ouders", "anders"], missing: 2)
        #expect(StatisticsText.crosstab(result, format: .text, rowVariable: "geslagen", columnVariable: "groep") == """
            geslagen by groep: column percentages (n = 40; 2 unknown)
            geslagen   ouders   anders
            ja        75.0**   33.3**
            nee       25.0**   66.7**
            n           16       24

            * p < 0.05, ** p ≤ 0.01, *** p ≤ 0.001: adjusted standardized residual of the cell, two-sided.
            Pearson chi2(1) = 6.67; p = 0.010
            Yates-corrected chi2(1) = 5.10; p = 0.024
            Fisher's exact test (two-sided): p = 0.022

            """)
    }
}
