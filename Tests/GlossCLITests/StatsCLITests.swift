import Foundation
import Testing

/// `gloss stats` on the reference fixture (`StatsFixture`): every refusal (clear message after `gloss: `, exit 1,
/// nothing on standard output, the project unchanged) and the study's table look in text and Markdown. Counts
/// below are worked out by hand from `reference/stats/cases.csv` and `codings.csv` (stated beside them).
@Suite("gloss stats: errors and the study's tables")
struct StatsCLITests {
    /// Runs each refused command, expecting exit 1, `gloss: ` + `message` on stderr, empty stdout, no file changed.
    func expectRefused(_ project: URL, _ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try FolderSnapshot(project)
        let result = try StatsFixture.stats(project, arguments)
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("gloss: "), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "expected \(message)\n\(result)", sourceLocation: sourceLocation)
        expectUnchanged(before, try FolderSnapshot(project), "after \(arguments)")
    }

    @Test("a variable or code that does not exist is named in a clear error")
    func unknownNames() throws {
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            try expectRefused(project, ["crosstab", "nope", "--by", "groep"], "no variable \"nope\"; the variables are \"leeftijd\"")
            try expectRefused(project, ["crosstab", "duur", "--by", "nope"], "no variable \"nope\"")
            try expectRefused(project, ["ttest", "nope", "--by", "groep"], "no variable \"nope\"")
            try expectRefused(project, ["ttest", "score", "--by", "nope"], "no variable \"nope\"")
            try expectRefused(project, ["crosstab", "code:Nergens", "--by", "groep"], "no code \"Nergens\" in the codebook")
            try expectRefused(project, ["crosstab", "duur", "--by", "groep", "--where", "nope=1"], "--where: no variable \"nope\"")
            let noSession = try gloss("stats", "crosstab", project.path, "code:Toon", "--by", "groep", "--coder", "nobody")
            #expect(noSession.status == 1 && noSession.stdout.isEmpty && noSession.stderr.contains("no session for coder \"nobody\""), "\(noSession)")
        }
    }

    @Test("ttest refuses a variable that is not a number: category, binned, code")
    func ttestNeedsANumber() throws {
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            try expectRefused(project, ["ttest", "geslacht", "--by", "groep"], "\"geslacht\" is a category variable; a t-test compares the means of a number variable")
            try expectRefused(project, ["ttest", "duur", "--by", "groep"], "\"duur\" is an ordinal variable")
            try expectRefused(project, ["ttest", "leeftijdsgroep", "--by", "groep"], "\"leeftijdsgroep\" is a binned (ordinal) variable")
            try expectRefused(project, ["ttest", "code:Toon", "--by", "groep"], "\"code:Toon\" is a code (1 or 0 per chat)")
        }
    }

    @Test("ttest needs exactly two groups, or --groups A B naming two values")
    func ttestGroups() throws {
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            // duur takes kort, middel and lang among the cases ("onbekend lang" is declared but never given).
            try expectRefused(project, ["ttest", "leeftijd", "--by", "duur"],
                              "\"duur\" has 3 value(s) among the cases (\"kort\", \"middel\", \"lang\"); a t-test compares two groups: pick two with --groups A B")
            // Chats carrying Toon are all in groep ouder: one group left.
            try expectRefused(project, ["ttest", "score", "--by", "groep", "--where", "code:Toon=1"], "\"groep\" has 1 value(s) among the cases (\"ouder\")")
            try expectRefused(project, ["ttest", "leeftijd", "--by", "duur", "--groups", "lang", "nooit"],
                              "--groups: \"nooit\" is not a value of \"duur\"; its values are \"kort\", \"middel\", \"lang\", \"onbekend lang\"")
            try expectRefused(project, ["ttest", "leeftijd", "--by", "duur", "--groups", "lang"], "--groups takes two values of \"duur\"")
            try expectRefused(project, ["ttest", "leeftijd", "--by", "duur", "--groups", "lang", "lang"], "--groups names \"lang\" twice")
        }
    }

    @Test("ttest with fewer than two known values in a group is refused, naming the group")
    func ttestTooFewValues() throws {
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            // Only chats meet code:Toon=1, and no chat is in groep ander: ander has no case at all.
            try expectRefused(project, ["ttest", "score", "--by", "groep", "--groups", "ouder", "ander", "--where", "code:Toon=1"],
                              "group \"ander\" has 0 known values; a t-test needs at least 2 in each group")
            // "onbekend lang" is declared but no case has it.
            try expectRefused(project, ["ttest", "leeftijd", "--by", "duur", "--groups", "onbekend lang", "kort"],
                              "group \"onbekend lang\" has 0 known values")
        }
    }

    @Test("crosstab text: the study's table, with n per column, the legend, Fisher and the small-expected warning")
    func crosstabText() throws {
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            // Toon (or below) in chats 01 (meisje), 02, 05, 08 (jongen), 03 (meisje); coded without it: 04, 06, 07
            // (meisje), 09, 10 (geslacht unknown). 52 cases − 8 counted = 44 unknown.
            let result = try StatsFixture.stats(project, ["crosstab", "code:Toon", "--by", "geslacht"])
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "code:Toon by geslacht: column percentages (n = 8; 44 unknown)")
            #expect(matches(result.stdout, #"\ncode:Toon +meisje +jongen\n1 +40\.0 +100\.0 *\n0 +60\.0 +0\.0 *\nn +5 +3\n"#), "\(result.stdout)")
            #expect(result.stdout.contains("* p < 0.05, ** p ≤ 0.01, *** p ≤ 0.001"))
            #expect(result.stdout.contains("Fisher's exact test (two-sided): p = "))
            #expect(result.stdout.contains("Yates-corrected chi2(1) = "))
            // Expected counts 5·5/8, 5·3/8, 3·5/8, 3·3/8: all four below 5.
            #expect(result.stdout.contains("Warning: 4 of 4 cells have an expected count below 5"), "\(result.stdout)")

            // Stars: age 11 is two ouder chats (07, 09) and no ander case, its adjusted residual's p < 0.01 (scipy).
            let stars = try StatsFixture.stats(project, ["crosstab", "leeftijd", "--by", "groep"])
            #expect(matches(stars.stdout, #"\n11 +18\.2\*\* +0\.0\*\* *\n"#), "\(stars.stdout)")
            #expect(matches(stars.stdout, #"\nn +11 +36 *\n"#), "\(stars.stdout)")

            let filtered = try StatsFixture.stats(project, ["crosstab", "duur", "--by", "geslacht", "--where", "groep=ander"])
            #expect(filtered.stdout.hasPrefix("Cases where groep = ander: 40.\nduur by geslacht: column percentages"), "\(filtered.stdout)")
        }
    }

    @Test("crosstab Markdown: a table with stars escaped, n per column, the legend as a note; CSV one line per cell")
    func crosstabMarkdownAndCSV() throws {
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            let md = try StatsFixture.stats(project, ["crosstab", "leeftijd", "--by", "groep"], "--format", "md")
            #expect(md.status == 0, "\(md)")
            #expect(md.stdout.hasPrefix("**leeftijd by groep: column percentages (n = 47; 5 unknown)**\n\n| leeftijd | ouder | ander |\n|---|---:|---:|\n"), "\(md.stdout)")
            #expect(md.stdout.contains("| 11 | 18.2\\*\\* | 0.0\\*\\* |\n"), "\(md.stdout)")
            #expect(md.stdout.contains("| n | 11 | 36 |\n"))
            #expect(md.stdout.contains("*Note.* \\* p < 0.05, \\*\\* p ≤ 0.01"))
            #expect(md.stdout.contains("expected count below 5"))
            let csv = try StatsFixture.stats(project, ["crosstab", "code:Toon", "--by", "geslacht"], "--format", "csv")
            #expect(csv.stdout.hasPrefix("row,column,count,column_percent,expected,adjusted_residual,p,stars\n1,meisje,2,40.0,3.12,"), "\(csv.stdout)")  // E = 5·5/8 = 3.125, printed as printf rounds it
            #expect(csv.stdout.split(separator: "\n").count == 5)
        }
    }

    @Test("ttest text and Markdown print the study's line, t(df) = t; p, with each group's n, mean and sd")
    func ttestText() throws {
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            let reference = try CompareJSON.object(Data(contentsOf: StatsFixture.file("stats_cli_outputs.json")))
            let expected = try #require(reference["ttest_score_by_sex_unequal_variances"] as? [String: Any])
            let student = try #require(expected["student"] as? [String: Any]), welch = try #require(expected["welch"] as? [String: Any])
            let t = String(format: "%.2f", CompareJSON.number(student["t"])!), welchT = String(format: "%.2f", CompareJSON.number(welch["t"])!)
            let welchDF = String(format: "%.2f", CompareJSON.number(welch["df"])!)
            let text = try StatsFixture.stats(project, ["ttest", "score", "--by", "geslacht"])
            #expect(text.status == 0, "\(text)")
            // 27 meisjes and 11 jongens know their score: df = 27 + 11 − 2.
            #expect(text.stdout.hasPrefix("score by geslacht\n  meisje: n = 27, mean = "), "\(text.stdout)")
            #expect(text.stdout.contains("\nt(36) = \(t); p < 0.001 (Student"), "\(text.stdout)")
            #expect(text.stdout.contains("\nt(\(welchDF)) = \(welchT); p = 0.032 (Welch"), "\(text.stdout)")
            #expect(text.stdout.hasSuffix("14 unknown\n"))
            let md = try StatsFixture.stats(project, ["ttest", "score", "--by", "geslacht"], "--format", "md")
            #expect(md.stdout.contains("| group | n | mean | sd |\n|---|---:|---:|---:|\n| meisje | 27 |"), "\(md.stdout)")
        }
    }

    @Test("stats writes nothing into the project and no file anywhere: output goes to standard output")
    func writesNothing() throws {
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            let before = try FolderSnapshot(project)
            for format in ["text", "json", "csv", "md"] {
                #expect(try StatsFixture.stats(project, ["crosstab", "duur", "--by", "groep"], "--format", format).status == 0)
                #expect(try StatsFixture.stats(project, ["ttest", "leeftijd", "--by", "groep"], "--format", format).status == 0)
            }
            expectUnchanged(before, try FolderSnapshot(project), "after stats")
        }
    }
}
