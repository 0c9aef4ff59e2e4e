import Foundation
import GlossCore
import Testing

/// `gloss figure` and `gloss group`: managed figures and code groups, each change logged and written atomically,
/// nothing written on an error.
@Suite("gloss figure and gloss group", .enabled(if: CompareReferenceTests.demoAvailable, "no Samples/demo in this checkout"))
struct FigureCommandTests {
    static func bytes(_ project: URL) throws -> (config: Data, log: Data?) {
        (try Data(contentsOf: project.appendingPathComponent("project.json")),
         try? Data(contentsOf: project.appendingPathComponent("codebook-changes.jsonl")))
    }

    static func list(_ project: URL) throws -> [[String: Any]] {
        let result = try gloss("figure", "list", project.path, "--format", "json")
        try #require(result.status == 0, "\(result)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
    }

    @Test("add, list, edit, move and remove figures; each change is in the log and project.json stays owner-only")
    func lifecycle() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            var result = try gloss("figure", "add", project.path, "--number", "7", "--title", "Impact", "--category", "Impact op welzijn en gezondheid",
                                   "--order", "codebook", "--zeros", "fold", "--by", "lead")
            #expect(result.status == 0, "\(result)")
            // A variable figure too.
            result = try gloss("figure", "add", project.path, "--number", "3", "--title", "Acuut", "--variable", "acuut", "--by", "lead")
            #expect(result.status == 0, "\(result)")
            var figures = try Self.list(project)
            #expect(figures.map { $0["number"] as! Int } == [1, 2, 3, 4, 5, 6, 7])
            let seven = figures.last!
            #expect(seven["path"] as? String == "Impact op welzijn en gezondheid" && seven["order"] as? String == "codebook" && seven["zeros"] as? String == "fold")
            #expect(figures[2]["kind"] as? String == "variable" && figures[2]["variable"] as? String == "acuut")
            // Stored by id.
            let config = try ProjectConfig.read(try Self.bytes(project).config, file: "p")
            let impact = try #require(Project.load(project, useCatalog: false).codebook.resolve("Impact op welzijn en gezondheid")).id
            #expect(config.figures.last?.subject == .code(impact))

            result = try gloss("figure", "edit", project.path, "7", "--title", "Impact op welzijn", "--zeros", "hide", "--by", "lead")
            #expect(result.status == 0, "\(result)")
            // 7 to 4: the old 4 becomes 5, the old 5 becomes 6, the old 6 becomes 7.
            result = try gloss("figure", "move", project.path, "7", "--to", "4", "--by", "lead")
            #expect(result.status == 0, "\(result)")
            figures = try Self.list(project)
            #expect(figures.map { $0["title"] as! String } == ["Leeftijd", "Duur van de uitbuiting", "Acuut", "Impact op welzijn", "Dwangmiddelen", "Pleger",
                                                               "Sleutelfiguren die de uitbuiting faciliteren"])
            #expect(figures.map { $0["number"] as! Int } == [1, 2, 3, 4, 5, 6, 7])
            #expect(figures[3]["zeros"] as? String == "hide")
            result = try gloss("figure", "remove", project.path, "3", "--by", "lead")
            #expect(result.status == 0, "\(result)")
            #expect(try Self.list(project).map { $0["number"] as! Int } == [1, 2, 4, 5, 6, 7])
            // Five changes, five lines in the log, by "lead".
            let log = try gloss("codebook", "log", project.path)
            #expect(log.stdout.split(separator: "\n").filter { $0.contains("  lead  figure ") }.count == 5, "\(log)")
            let mode = try FileManager.default.attributesOfItem(atPath: project.appendingPathComponent("project.json").path)[.posixPermissions] as! Int
            #expect(mode == 0o600)
            // The report draws the moved figure under its new number.
            let report = try gloss("report", project.path, "--coder", "anouk", "--figure", "4", "--format", "csv")
            #expect(report.status == 0 && report.stdout.hasPrefix("# \"Figuur 4. Impact op welzijn:"), "\(report)")
        }
    }

    @Test("errors name the problem and write nothing", arguments: [
        (["figure", "add", "--number", "8", "--title", "X", "--category", "Geen zulke code"], "no code"),
        (["figure", "add", "--number", "5", "--title", "X", "--category", "Pleger"], "figure 5 already exists"),
        (["figure", "add", "--number", "0", "--title", "X", "--category", "Pleger"], "1 or more"),
        (["figure", "add", "--number", "8", "--title", "X", "--category", "Pleger", "--group", "G"], "exactly one of"),
        (["figure", "add", "--number", "8", "--title", "X", "--group", "Bestaat niet"], "no code group"),
        (["figure", "add", "--number", "8", "--title", "X", "--variable", "onbekend"], "no declared variable"),
        (["figure", "add", "--number", "8", "--title", "X", "--category", "Pleger", "--order", "declared"], "--declare"),
        (["figure", "add", "--number", "8", "--title", "X", "--category", "Dwangmiddel > Sextortion"], "no sub-codes"),
        (["figure", "edit", "9", "--title", "X"], "there is no figure 9; the figures are 1, 2, 4, 5, 6"),
        (["figure", "edit", "4", "--number", "5"], "figure 5 already exists"),
        (["figure", "remove", "3"], "there is no figure 3"),
        (["figure", "move", "3", "--to", "4"], "there is no figure 3"),
        (["group", "add", "G", "Geen zulke code"], "no code"),
        (["group", "remove", "G"], "there is no code group"),
    ])
    func errorsWriteNothing(arguments: [String], message: String) throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let before = try Self.bytes(project)
            let result = try gloss([arguments[0], arguments[1], project.path] + arguments.dropFirst(2))
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains(message), "\(result)")
            let after = try Self.bytes(project)
            #expect(after.config == before.config && after.log == before.log)
        }
    }

    @Test("a project.json that is a link is refused, and what it points to is left alone")
    func linkRefused() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let config = project.appendingPathComponent("project.json")
            let elsewhere = folder.url.appendingPathComponent("elsewhere.json")
            try FileManager.default.moveItem(at: config, to: elsewhere)
            try FileManager.default.createSymbolicLink(at: config, withDestinationURL: elsewhere)
            let before = try Data(contentsOf: elsewhere)
            let result = try gloss("figure", "add", project.path, "--number", "8", "--title", "X", "--category", "Pleger")
            #expect(result.status == 1, "\(result)")
            #expect(try Data(contentsOf: elsewhere) == before)
        }
    }

    @Test("groups: add creates, add again adds members, remove takes members out or the whole group; a group in use stays")
    func groups() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            var result = try gloss("group", "add", project.path, "Fysiek geweld", "Dwangmiddel > Bedreiging > Dreigen met fysiek geweld kind", "--by", "lead")
            #expect(result.status == 0 && result.stdout.contains("New group Fysiek geweld: 1 code(s)."), "\(result)")
            result = try gloss("group", "add", project.path, "Fysiek geweld", "Dwangmiddel > Fysiek geweld kind", "--by", "lead")
            #expect(result.status == 0 && result.stdout.contains("Group Fysiek geweld: 2 code(s)."), "\(result)")
            result = try gloss("group", "add", project.path, "Fysiek geweld", "Dwangmiddel > Fysiek geweld kind")
            #expect(result.status == 1 && result.stderr.contains("already in the group"), "\(result)")
            result = try gloss("group", "list", project.path, "--format", "json")
            let groups = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
            #expect(groups.count == 1 && (groups[0]["codes"] as! [[String: Any]]).map { $0["path"] as! String }
                    == ["Dwangmiddel > Bedreiging > Dreigen met fysiek geweld kind", "Dwangmiddel > Fysiek geweld kind"])
            result = try gloss("figure", "add", project.path, "--number", "8", "--title", "Geweld", "--group", "Fysiek geweld")
            #expect(result.status == 0, "\(result)")
            let before = try Self.bytes(project)
            result = try gloss("group", "remove", project.path, "Fysiek geweld")
            #expect(result.status == 1 && result.stderr.contains("figure 8 uses the group"), "\(result)")
            #expect(try Self.bytes(project).config == before.config)
            result = try gloss("group", "remove", project.path, "Fysiek geweld", "Dwangmiddel > Fysiek geweld kind")
            #expect(result.status == 0, "\(result)")
            #expect(try ProjectConfig.read(try Self.bytes(project).config, file: "p").groups.first?.codes.count == 1)
            #expect(try gloss("figure", "remove", project.path, "8").status == 0)
            #expect(try gloss("group", "remove", project.path, "Fysiek geweld").status == 0)
            #expect(try ProjectConfig.read(try Self.bytes(project).config, file: "p").groups.isEmpty)
        }
    }
}
