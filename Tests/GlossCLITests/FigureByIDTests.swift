import Foundation
import GlossCore
import Testing

/// Figures name their category by id: renaming or moving it (as the workbench does, through `CodebookChanges`)
/// keeps the figure and its counts. Before, figures named categories by path and `gloss report` exited 1.
@Suite("figures refer to codes by id", .enabled(if: CompareReferenceTests.demoAvailable, "no Samples/demo in this checkout"))
struct FigureByIDTests {
    /// (title, n, bars as label = chats) of every figure the report shows.
    static func figures(_ project: URL) throws -> [String: [String]] {
        let result = try gloss("report", project.path, "--coder", "anouk", "--format", "json")
        try #require(result.status == 0, "\(result)")
        let all = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        var out: [String: [String]] = [:]
        for figure in all where figure["bars"] != nil && figure["category"] != nil {
            let number = figure["figure"] as! Int
            out["\(number)"] = ["n=\(figure["n"] as! Int)"] + (figure["bars"] as! [[String: Any]]).map { "\($0["label"] as! String)=\($0["chats"] as! Int)" }
        }
        return out
    }

    @Test("rename figure 4's category and move figure 5's: the report is unchanged, project.json names them by id")
    func renameAndMove() throws {
        try withTemporaryFolder { folder in
            let path = try compareDemoCopy(in: folder)
            let before = try Self.figures(path)
            #expect(before.keys.sorted() == ["4", "5", "6"])
            var project = try Project.load(path, useCatalog: false)
            let dwang = try #require(project.codebook.resolve("Dwangmiddel")).id
            let pleger = try #require(project.codebook.resolve("Pleger")).id
            let aard = try #require(project.codebook.resolve("Aard Uitbuiting")).id
            try project.renameCode(dwang, to: "Dwangmiddelen (hernoemd)", by: "lead")
            try project.moveCode(pleger, under: aard, by: "lead")
            #expect(project.codebook.path(of: pleger) == "Aard Uitbuiting > Pleger")
            let after = try Self.figures(path)
            #expect(after == before)
            // project.json now names both categories by id, no longer by path.
            let written = try ProjectConfig.read(try Data(contentsOf: path.appendingPathComponent("project.json")), file: "p")
            #expect(written.figures.map(\.subject).contains(.code(dwang)) && written.figures.map(\.subject).contains(.code(pleger)))
            let text = try String(contentsOf: path.appendingPathComponent("project.json"), encoding: .utf8)
            #expect(!text.contains("\"category\" :") && text.contains("\"code\" : \"\(dwang.rawValue)\""), "\(text)")
            #expect(try gloss("validate", path.path).status == 0)
            let log = try gloss("codebook", "log", path.path)
            #expect(log.stdout.contains("moved Pleger to Aard Uitbuiting > Pleger"), "\(log)")
        }
    }

    @Test("an old project.json (category by path) is read, and written with the id the next time")
    func oldFileMigrates() throws {
        try withTemporaryFolder { folder in
            let path = try compareDemoCopy(in: folder)
            // The demo names its figures by id; write figure 4 the old way, by path.
            let file = path.appendingPathComponent("project.json")
            let current = try String(contentsOf: file, encoding: .utf8)
            let dwangID = try #require(Project.load(path, useCatalog: false).codebook.resolve("Dwangmiddel")).id.rawValue
            #expect(current.contains("\"code\" : \"\(dwangID)\""))
            try current.replacingOccurrences(of: "\"code\" : \"\(dwangID)\"", with: "\"category\" : \"Dwangmiddel\"").write(to: file, atomically: true, encoding: .utf8)
            let old = try String(contentsOf: file, encoding: .utf8)
            #expect(old.contains("\"category\" : \"Dwangmiddel\""))
            let project = try Project.load(path, useCatalog: false)
            let dwang = try #require(project.codebook.resolve("Dwangmiddel")).id
            #expect(project.config.figures.first { $0.number == 4 }?.subject == .code(dwang))
            // Loading alone writes nothing.
            #expect(try String(contentsOf: path.appendingPathComponent("project.json"), encoding: .utf8) == old)
            // The next write of project.json (a group added) stores the id.
            #expect(try gloss("group", "add", path.path, "G", "Dwangmiddel > Sextortion").status == 0)
            var written = try String(contentsOf: file, encoding: .utf8)
            #expect(!written.contains("\"category\" :") && written.contains("\"code\" : \"\(dwangID)\""), "\(written)")
            // Old form again, then a rename: the codebook change stores the id first, so the figure survives it.
            try old.write(to: file, atomically: true, encoding: .utf8)
            let before = try Self.figures(path)
            var renamed = try Project.load(path, useCatalog: false)
            try renamed.renameCode(dwang, to: "Dwang", by: "lead")
            #expect(try Self.figures(path) == before)
            written = try String(contentsOf: file, encoding: .utf8)
            #expect(written.contains("\"code\" : \"\(dwangID)\""), "\(written)")
        }
    }
}
