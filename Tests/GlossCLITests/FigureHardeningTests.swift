import Foundation
import Testing
import GlossCore

/// Hostile project.json and names against the figure paths (found by a stranger's review): a figure number that
/// would overflow the next one, a group figure with a join nobody honours, a title or group name that would be a
/// formula in the CSV caption or raw HTML in the Markdown report.
@Suite("figures: hostile numbers and names")
struct FigureHardeningTests {
    @Test("a figure number above 9,999 and a group figure that joins a group are refused when read")
    func badConfigsAreRefused() {
        let huge = #"{"schema":1,"name":"x","figures":[{"number":9223372036854775807,"title":"T","category":"A"}]}"#
        #expect(throws: GlossError.self) { try ProjectConfig.read(Data(huge.utf8), file: "project.json") }
        let join = #"{"schema":1,"name":"x","figures":[{"number":1,"title":"T","group":"G","join":["H"]}],"groups":[{"name":"G","codes":["a"]},{"name":"H","codes":["b"]}]}"#
        #expect(throws: GlossError.self) { try ProjectConfig.read(Data(join.utf8), file: "project.json") }
        let fine = #"{"schema":1,"name":"x","figures":[{"number":9999,"title":"T","category":"A"}]}"#
        #expect((try? ProjectConfig.read(Data(fine.utf8), file: "project.json")) != nil)
    }

    @Test("a title with commas and = stays one quoted, spreadsheet-safe cell in the CSV caption; Markdown escapes raw HTML")
    func captionsAreSafe() throws {
        try withTemporaryFolder { folder in
            let project = folder.url.appendingPathComponent("demo")
            try FileManager.default.copyItem(at: PackagePaths.demo, to: project)
            try check(project)
        }
    }

    private func check(_ project: URL) throws {
        let edit = try gloss("figure", "edit", project.path, "5", "--title", "T,=HYPERLINK(\"x\") <img src=x>")
        try #require(edit.status == 0, "\(edit)")
        let csv = try gloss("report", project.path, "--coder", "anouk", "--figure", "5", "--format", "csv")
        let first = try #require(csv.stdout.split(separator: "\n").first.map(String.init))
        #expect(first.hasPrefix("# \"Figuur 5. T,=HYPERLINK(\"\"x\"\") <img src=x>"), "\(first)")
        let md = try gloss("report", project.path, "--coder", "anouk", "--figure", "5", "--format", "md")
        #expect(!md.stdout.contains("<img"), "\(md)")
        #expect(md.stdout.contains("&lt;img"), "\(md)")
    }
}
