import Foundation
import GlossCore
import Testing

/// `gloss init --codebook ckm.json` gives the study's figures 4–6 at once (the codebook JSON carries them, by
/// id); a codebook without figures gives none, and a hint on adding one.
@Suite("figures carried by a codebook")
struct CodebookFiguresTests {
    static let ckmJSON = PackagePaths.samples.appendingPathComponent("codebooks/ckm.json")

    @Test("init from ckm.json, then report: figures 4, 5 and 6, counted")
    func ckmFigures() throws {
        try withTemporaryFolder { folder in
            try Fixtures.writeSources(in: folder)
            let made = try gloss("init", folder.project.path, "--codebook", Self.ckmJSON.path)
            #expect(made.status == 0 && made.stdout.contains("Figures from the codebook: 4. Dwangmiddelen, 5. Pleger, 6."), "\(made)")
            #expect(try gloss("import", folder.project.path, folder.source("chat-01.txt").path, folder.source("chat-03.txt").path).status == 0)
            // chat-01: a threat (under Dwangmiddel > Bedreiging) and the mother (Pleger); chat-03: done, no codes.
            let csv = try folder.write("codings.csv", Fixtures.csvHeader + """
                chat-01,2,,2,,Dwangmiddel > Bedreiging > Dreigen met fysiek geweld kind,,
                chat-01,3,,3,,Pleger > Moeder,,
                chat-03,,,,,,,

                """)
            let imported = try gloss("codings", "import", folder.project.path, "--coder", "ann", csv.path)
            try #require(imported.status == 0, "\(imported)")
            let report = try gloss("report", folder.project.path, "--coder", "ann", "--format", "json")
            try #require(report.status == 0, "\(report)")
            let figures = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! [[String: Any]]
            #expect(figures.map { $0["figure"] as! Int } == [4, 5, 6])
            // Figure 4: n = 1 (chat-01) of 2 chats coded = 50 %; Bedreiging 1 chat = 100 % of n.
            #expect(figures[0]["n"] as? Int == 1 && figures[0]["chats_coded"] as? Int == 2 && figures[0]["share"] as? Double == 50)
            #expect((figures[0]["bars"] as! [[String: Any]]).first?["label"] as? String == "Bedreiging")
            #expect((figures[1]["bars"] as! [[String: Any]]).first?["label"] as? String == "Moeder")
            #expect(figures[2]["n"] as? Int == 0)
            // project.json holds them by id; validate agrees.
            let config = try ProjectConfig.read(try Data(contentsOf: folder.project.appendingPathComponent("project.json")), file: "p")
            #expect(config.figures.allSatisfy { $0.categoryID != nil })
            #expect(try gloss("validate", folder.project.path).status == 0)
        }
    }

    @Test("a TSV codebook carries no figures: none, and the hint names gloss figure add")
    func noFigures() throws {
        try withTemporaryFolder { folder in
            let made = try gloss("init", folder.project.path, "--codebook", PackagePaths.ckmCodebook.path)
            #expect(made.status == 0 && made.stdout.contains("No figures yet; add one with: gloss figure add"), "\(made)")
            let list = try gloss("figure", "list", folder.project.path)
            #expect(list.stdout.contains("No figures. Add one with: gloss figure add"), "\(list)")
            #expect(try ProjectConfig.read(try Data(contentsOf: folder.project.appendingPathComponent("project.json")), file: "p").figures.isEmpty)
            // The report says so too (once a coder has a session).
            try folder.write("chat-03.txt", Fixtures.chat03)
            #expect(try gloss("import", folder.project.path, folder.source("chat-03.txt").path).status == 0)
            let csv = try folder.write("codings.csv", Fixtures.csvHeader + "chat-03,,,,,,,\n")
            #expect(try gloss("codings", "import", folder.project.path, "--coder", "ann", csv.path).status == 0)
            let report = try gloss("report", folder.project.path, "--coder", "ann")
            #expect(report.status == 0 && report.stderr.contains("project.json has no figures; add one with: gloss figure add"), "\(report)")
        }
    }

    @Test("a codebook's figures are checked: a code not in it, a path instead of an id, a variable figure; nothing is created")
    func badFigures() throws {
        let codebook = try String(contentsOf: Self.ckmJSON, encoding: .utf8)
        let cases: [(String, String)] = [
            (#""code" : "f2da905b-2499-46ff-85cd-2c2a688aba7c""#, #""code" : "not-a-code""#),
            (#""code" : "f2da905b-2499-46ff-85cd-2c2a688aba7c""#, #""category" : "Dwangmiddel""#),
            (#""code" : "f2da905b-2499-46ff-85cd-2c2a688aba7c""#, #""variable" : "leeftijd""#),
            (#""number" : 5,"#, #""number" : 4,"#),
        ]
        for (from, to) in cases {
            try withTemporaryFolder { folder in
                #expect(codebook.contains(from))
                let file = try folder.write("book.json", codebook.replacingOccurrences(of: from, with: to))
                let made = try gloss("init", folder.project.path, "--codebook", file.path)
                #expect(made.status == 1 && made.stderr.contains("book.json"), "\(made)")
                #expect(!exists(folder.project.appendingPathComponent("project.json")))
            }
        }
    }
}
