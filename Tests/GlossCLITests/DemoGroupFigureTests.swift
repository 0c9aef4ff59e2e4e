import Foundation
import GlossCore
import Testing

/// The study's figure 4 with its joined bar "(dreigen met) fysiek geweld kind", and Table 3 as three groups, on
/// a copy of the demo. Expected bars are recounted from the chat × code matrix (another counting path: one
/// 0/1 cell per chat and leaf code), not read off the figure code.
@Suite("the demo's figure 4 with a joined bar, Table 3 as groups", .enabled(if: CompareReferenceTests.demoAvailable, "no Samples/demo in this checkout"))
struct DemoGroupFigureTests {
    /// Leaf path → chats with a 1 in its column.
    static func matrix(_ project: URL) throws -> [String: Set<String>] {
        let result = try gloss("report", project.path, "--coder", "anouk", "--matrix")
        try #require(result.status == 0, "\(result)")
        let records = try CSV.parse(result.stdout, file: "matrix").filter { !($0.fields.first?.hasPrefix("#") ?? false) }
        let header = records[0].fields
        var columns: [String: Set<String>] = [:]
        for record in records.dropFirst() {
            for (column, cell) in record.fields.enumerated().dropFirst() where cell == "1" { columns[header[column], default: []].insert(record.fields[0]) }
        }
        return columns
    }

    static func figure(_ project: URL, _ number: Int) throws -> (n: Int, bars: [(label: String, chats: Int)]) {
        let result = try gloss("report", project.path, "--coder", "anouk", "--figure", String(number), "--format", "json")
        try #require(result.status == 0, "\(result)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        return (object["n"] as! Int, (object["bars"] as! [[String: Any]]).map { ($0["label"] as! String, $0["chats"] as! Int) })
    }

    @Test("figure 4 with the joined bar: the two codes from two branches count as one bar, each chat once")
    func figureFour() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let threat = "Dwangmiddel > Bedreiging > Dreigen met fysiek geweld kind", violence = "Dwangmiddel > Fysiek geweld kind"
            let before = try Self.figure(project, 4)
            var result = try gloss("group", "add", project.path, "(dreigen met) fysiek geweld kind", threat, violence)
            #expect(result.status == 0, "\(result)")
            result = try gloss("figure", "edit", project.path, "4", "--join", "(dreigen met) fysiek geweld kind")
            #expect(result.status == 0, "\(result)")
            // Both members are inside Dwangmiddel: nothing to warn about.
            #expect(!result.stdout.contains("Note:"), "\(result)")
            let after = try Self.figure(project, 4)
            let columns = try Self.matrix(project)
            let joined = columns[threat, default: []].union(columns[violence, default: []])
            #expect(!joined.isEmpty)
            #expect(after.bars.first { $0.label == "(dreigen met) fysiek geweld kind" }?.chats == joined.count)
            // Fysiek geweld kind is inside the joined bar now; every other bar and n are as before (both codes are in Dwangmiddel).
            #expect(!after.bars.contains { $0.label == "Fysiek geweld kind" })
            #expect(after.n == before.n)
            let others = before.bars.filter { $0.label != "Fysiek geweld kind" }
            #expect(Dictionary(uniqueKeysWithValues: others.map { ($0.label, $0.chats) })
                    == Dictionary(uniqueKeysWithValues: after.bars.filter { $0.label != "(dreigen met) fysiek geweld kind" }.map { ($0.label, $0.chats) }))
        }
    }

    @Test("joining a group with a member outside the category says that those chats count in n")
    func outsideMemberNote() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let outside = "Impact op welzijn en gezondheid > Angst, paniek, angststoornis"
            var result = try gloss("group", "add", project.path, "Mix", "Dwangmiddel > Fysiek geweld kind", outside)
            #expect(result.status == 0, "\(result)")
            result = try gloss("figure", "edit", project.path, "4", "--join", "Mix")
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("Note: the group Mix has members outside Dwangmiddel (\(outside)); chats with them count in figure 4's n."), "\(result)")
        }
    }

    @Test("Table 3: the impact codes as three groups, joined into one figure on the impact category")
    func tableThree() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let impact = "Impact op welzijn en gezondheid"
            let groups: [(String, [String])] = [
                ("Psychisch", ["Angst, paniek, angststoornis", "Traumatische stressklachten, PTSS", "Slecht zelfbeeld/waardering", "Depressie/suïcidale gedachten"]),
                ("Fysiek", ["Fysieke gezondheidsklachten", "Slaapproblemen", "Vies gevoel"]),
                ("Sociaal", ["Schooluitval", "Eenzaamheid", "Pesten"]),
            ]
            for (name, codes) in groups {
                let result = try gloss(["group", "add", project.path, name] + codes.map { "\(impact) > \($0)" })
                #expect(result.status == 0, "\(result)")
            }
            let result = try gloss("figure", "add", project.path, "--number", "3", "--title", "Impact", "--category", impact,
                                   "--join", "Psychisch", "--join", "Fysiek", "--join", "Sociaal", "--order", "codebook", "--zeros", "hide")
            #expect(result.status == 0, "\(result)")
            let figure = try Self.figure(project, 3)
            let columns = try Self.matrix(project)
            func chats(_ codes: [String]) -> Set<String> { codes.reduce(into: Set<String>()) { $0.formUnion(columns["\(impact) > \($1)", default: []]) } }
            // Codebook order: Psychisch's first member (Depressie) comes before Fysiek's and Sociaal's; the other
            // impact codes (not in a group) stay bars of their own but have no chats, so they are hidden.
            #expect(figure.bars.map(\.label) == ["Psychisch", "Fysiek", "Sociaal"])
            #expect(figure.bars.map(\.chats) == groups.map { chats($0.1).count })
            let all = columns.filter { $0.key.hasPrefix(impact + " > ") }.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            #expect(figure.n == all.count)
        }
    }
}

/// `gloss report --matrix` on the demo: chat-07's coding on `Dwangmiddel > Bedreiging` itself is in a column.
@Suite("the demo's matrix hides no coding", .enabled(if: CompareReferenceTests.demoAvailable, "no Samples/demo in this checkout"))
struct DemoMatrixTests {
    @Test("chat-07's direct Bedreiging coding has a column; a recount of Bedreiging from the matrix equals the report")
    func bedreiging() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            // chat-07 has a quote coded with Bedreiging itself (the demo session, checked through quotes --no-roll-up).
            let direct = try gloss("quotes", project.path, "--coder", "anouk", "--code", "Dwangmiddel > Bedreiging", "--no-roll-up", "--format", "csv")
            #expect(direct.stdout.contains("\nchat-07,"), "\(direct)")
            let result = try gloss("report", project.path, "--coder", "anouk", "--matrix")
            #expect(result.status == 0 && result.stderr.contains("\"Dwangmiddel > Bedreiging (itself)\""), "\(result)")
            let columns = try DemoGroupFigureTests.matrix(project)
            #expect(columns["Dwangmiddel > Bedreiging (itself)"]?.contains("chat-07") == true)
            let bedreiging = columns.filter { $0.key.hasPrefix("Dwangmiddel > Bedreiging") }.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            let figure = try DemoGroupFigureTests.figure(project, 4)
            // The report says 3 for Bedreiging; the leaf columns alone gave 2.
            #expect(figure.bars.first { $0.label == "Bedreiging" }?.chats == 3)
            #expect(bedreiging.count == 3)
        }
    }

    @Test("a code named like a category's direct-coding column gets a header of its own: no header is used twice")
    func headersDistinct() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            // A leaf "Bedreiging (itself)" beside the category Bedreiging: both columns would be "Dwangmiddel > Bedreiging (itself)".
            let url = project.appendingPathComponent("codebook.json")
            var book = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            var codes = book["codes"] as! [[String: Any]]
            let parent = codes.first { $0["name"] as? String == "Dwangmiddel" && $0["parent"] == nil }!["id"] as! String
            codes.append(["id": "code-look-alike", "name": "Bedreiging (itself)", "parent": parent, "operationalisation": "", "example": "",
                          "rules": [String](), "color": "#000000"])
            book["codes"] = codes
            try JSONSerialization.data(withJSONObject: book).write(to: url)
            let result = try gloss("report", project.path, "--coder", "anouk", "--matrix")
            #expect(result.status == 0, "\(result)")
            let header = try #require(result.stdout.split(separator: "\n").first).split(separator: ",").map(String.init)
            #expect(Set(header).count == header.count, "\(header)")
            #expect(header.contains { $0.contains("Dwangmiddel > Bedreiging (itself) [id code-look-alike]") }, "\(header)")
            #expect(header.contains { $0.hasPrefix("Dwangmiddel > Bedreiging (itself) [id ") && !$0.contains("code-look-alike") }, "\(header)")
        }
    }
}

/// A crash between a merge's codebook write and its `project.json` must not break the report until the next change.
@Suite("figures after an interrupted merge", .enabled(if: CompareReferenceTests.demoAvailable, "no Samples/demo in this checkout"))
struct InterruptedMergeFigureTests {
    @Test("project.json from before the merge: figure 4's category is read through the log, and report draws it")
    func staleProjectFile() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let config = project.appendingPathComponent("project.json")
            let before = try Data(contentsOf: config)
            let merge = try gloss("codebook", "merge", project.path, "Dwangmiddel", "--into", "Pleger", "--reason", "test")
            #expect(merge.status == 0, "\(merge)")
            #expect(try Data(contentsOf: config) != before)  // figure 4 followed to Pleger
            try before.write(to: config)  // as if the process died before writing it
            let report = try gloss("report", project.path, "--coder", "anouk")
            #expect(report.status == 0, "\(report)")
            #expect(report.stdout.contains("Dwangmiddelen"), "\(report.stdout)")
        }
    }
}
