import Foundation
import Testing

// `gloss stats crosstab|ttest --format json` against an independent computation:
// Tests/GlossCLITests/reference/stats/stats_cli_reference.py (plain Python and scipy, no Gloss code) reads the
// fixture's cases and codings exports, builds every table itself (declared orders, bins, --where, missing values,
// code presence) and computes chi2_contingency (with and without Yates), fisher_exact, the adjusted residuals and
// ttest_ind (equal_var True and False). Its outputs are committed (stats_cli_outputs.json); every number gloss
// prints must match to 1e-9 relative, every label, count and null exactly.

/// The synthetic project of the stats reference: 12 chats (6 with `geslacht` in their header), 40 attribute-only
/// cases (the comparison group), coder ann with chats 01–10 coded and 11–12 not started.
enum StatsFixture {
    static let folder = PackagePaths.root.appendingPathComponent("Tests/GlossCLITests/reference/stats")
    static func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// `gloss init`, `import` the chats, declare the variables, `cases import --add-cases`, `codings import` for ann.
    static func makeProject(in temporary: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let project = temporary.project
        let created = try gloss("init", project.path, "--codebook", file("codebook.tsv").path)
        try #require(created.status == 0, "\(created)", sourceLocation: sourceLocation)
        let chats = try FileManager.default.contentsOfDirectory(atPath: file("chats").path).filter { $0.hasSuffix(".txt") }.sorted()
        let imported = try gloss(["import", project.path] + chats.map { file("chats/\($0)").path })
        try #require(imported.status == 0, "\(imported)", sourceLocation: sourceLocation)
        let configURL = project.appendingPathComponent("project.json")
        var config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as? [String: Any])
        config["variables"] = try JSONSerialization.jsonObject(with: Data(contentsOf: file("variables.json")))
        try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys]).write(to: configURL)
        let cases = try gloss("cases", "import", project.path, file("cases.csv").path, "--add-cases")
        try #require(cases.status == 0, "\(cases)", sourceLocation: sourceLocation)
        let codings = try gloss("codings", "import", project.path, "--coder", "ann", file("codings.csv").path)
        try #require(codings.status == 0, "\(codings)", sourceLocation: sourceLocation)
        return project
    }

    /// `gloss stats SUB DIR REST… --coder ann` plus `extra`.
    static func stats(_ project: URL, _ arguments: [String], _ extra: String...) throws -> RunResult {
        try gloss(["stats", arguments[0], project.path] + arguments.dropFirst() + ["--coder", "ann"] + extra)
    }
}

@Suite("gloss stats against the Python reference")
struct StatsCLIReferenceTests {
    struct Query: Decodable { var name: String; var args: [String] }

    @Test("the reference reads exactly what gloss exports from the fixture project")
    func exportsAreTheReferenceInputs() throws {
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            let cases = try gloss("cases", "export", project.path)
            #expect(cases.status == 0, "\(cases)")
            #expect(cases.stdout == (try read(StatsFixture.file("cases-export.csv"))))
            let codings = try gloss("codings", "export", project.path, "--coder", "ann")
            #expect(codings.status == 0, "\(codings)")
            #expect(codings.stdout == (try read(StatsFixture.file("codings-export.csv"))))
        }
    }

    /// Crosstabs: 4 × 2 with bins and missing values; an ordinal with an empty row; 2 × 2; code:PATH by a variable
    /// (small counts: Fisher and Yates); code by code; a filter, two filters, a code filter leaving one column (no
    /// test, nulls); a number variable as an axis. T-tests: missing values, unequal variances, --groups, a filter,
    /// code:PATH as the group.
    @Test("every crosstab and t-test of queries.json matches scipy to 1e-9 relative")
    func everyQueryMatchesTheReference() throws {
        let queries = try JSONDecoder().decode([Query].self, from: Data(contentsOf: StatsFixture.file("queries.json")))
        let expected = try CompareJSON.object(Data(contentsOf: StatsFixture.file("stats_cli_outputs.json")))
        #expect(queries.count >= 15 && Set(expected.keys) == Set(queries.map(\.name)))
        try withTemporaryFolder { folder in
            let project = try StatsFixture.makeProject(in: folder)
            for query in queries {
                let result = try StatsFixture.stats(project, query.args, "--format", "json")
                guard result.status == 0 else {
                    Issue.record("\(query.name): \(result)")
                    continue
                }
                let actual = try JSONSerialization.jsonObject(with: result.stdoutData)
                Self.expectSame(actual, expected[query.name], query.name)
            }
        }
    }

    /// Same shape, same keys, same strings and nulls; numbers within 1e-9 relative.
    static func expectSame(_ actual: Any?, _ expected: Any?, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        switch expected {
        case let object as [String: Any]:
            guard let got = actual as? [String: Any] else { Issue.record("\(path): expected an object, got \(String(describing: actual))"); return }
            #expect(Set(got.keys) == Set(object.keys), "\(path): keys \(got.keys.sorted()) vs \(object.keys.sorted())")
            for (key, value) in object { expectSame(got[key], value, "\(path).\(key)") }
        case let array as [Any]:
            guard let got = actual as? [Any], got.count == array.count else {
                Issue.record("\(path): expected \(array.count) elements, got \(String(describing: actual))"); return
            }
            for (i, value) in array.enumerated() { expectSame(got[i], value, "\(path)[\(i)]") }
        case let text as String:
            #expect(actual as? String == text, "\(path): \(String(describing: actual)) vs \(text)")
        case is NSNull:
            #expect(actual is NSNull, "\(path): \(String(describing: actual)) vs null")
        default:
            guard let r = CompareJSON.number(expected), let g = CompareJSON.number(actual) else {
                Issue.record("\(path): \(String(describing: actual)) vs \(String(describing: expected))"); return
            }
            #expect(abs(g - r) <= 1e-9 * max(abs(g), abs(r)), "\(path): gloss \(g), scipy \(r)")
        }
    }
}
