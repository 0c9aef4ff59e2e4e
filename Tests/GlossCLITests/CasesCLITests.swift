import Foundation
import Testing
import GlossCore

/// `gloss cases import/export`, `gloss variables`, `report --variable`, `--where`, and re-importing a transcript
/// whose header changed. Every expected count is worked out by hand from the fixture (stated beside it).
///
/// The fixture project (`Fixtures.makeCodedProject`): chats chat-01, chat-02, chat-03; coder ann has chat-01
/// done with codes under `Onderwerp` and `Toon`, chat-02 done with no codes, chat-03 not started. Variables:
/// leeftijd (number), groep (bins of leeftijd: jong ≤ 14, oud above), duur (ordinal: kort, lang), figure 1 on groep.
@Suite("cases and variables on the command line")
struct CasesCLITests {
    static func makeProject(in folder: TemporaryFolder) throws {
        try Fixtures.makeCodedProject(in: folder)
        let url = folder.project.appendingPathComponent("project.json")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        json["variables"] = [["name": "leeftijd", "type": "number"],
                             ["name": "groep", "from": "leeftijd", "bins": [["label": "jong", "up_to": 14], ["label": "oud"]]],
                             ["name": "duur", "type": "ordinal", "values": ["kort", "lang"]]]
        json["figures"] = [["number": 1, "title": "Leeftijd", "variable": "groep"]]
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    func importCases(_ folder: TemporaryFolder, _ csv: String, _ extra: String...) throws -> RunResult {
        let file = try folder.write("cases-\(UUID().uuidString).csv", csv)
        return try gloss(["cases", "import", folder.project.path, file.path] + extra)
    }

    @Test("a row whose chat is not in the project is refused with its line and chat, nothing written; --add-cases adds it")
    func unknownChat() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let refused = try importCases(folder, "chat,leeftijd\nchat-01,14\nvergelijk-1,15\n")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains(":line 3: no chat \"vergelijk-1\" in the project") || refused.stderr.contains(": line 3: no chat \"vergelijk-1\" in the project"), "\(refused)")
            expectUnchanged(before, try FolderSnapshot(folder.project), "after a refused cases import")

            let added = try importCases(folder, "chat,leeftijd\nchat-01,14\nvergelijk-1,15\n", "--add-cases")
            #expect(added.status == 0, "\(added)")
            // Two values (chat-01 leeftijd, vergelijk-1 leeftijd), one new case.
            #expect(added.stdout == "Imported 2 row(s) (merge): 2 value(s) changed (2 added, 0 replaced, 0 cleared); 1 attribute-only case(s) added.\n")
            let stored = folder.project.appendingPathComponent("cases.csv")
            #expect(try read(stored) == "chat,leeftijd\nchat-01,14\nvergelijk-1,15\n")
            #expect(try fileMode(stored) == 0o600)

            // Merge: chat-01 14 → 15 (replaced), duur kort (added), vergelijk-1 leeftijd cleared, duur lang (added).
            let again = try importCases(folder, "chat,leeftijd,duur\nchat-01,15,kort\nvergelijk-1,,lang\n")
            #expect(again.stdout == "Imported 2 row(s) (merge): 4 value(s) changed (2 added, 1 replaced, 1 cleared); 0 attribute-only case(s) added.\n", "\(again)")
            // Replace: only chat-02's leeftijd stays; chat-01 (2 values) and vergelijk-1 (1 value) cleared, 1 added.
            let replaced = try importCases(folder, "chat,leeftijd\nchat-02,12\n", "--replace")
            #expect(replaced.stdout == "Imported 1 row(s) (replace): 4 value(s) changed (1 added, 0 replaced, 3 cleared); 0 attribute-only case(s) added.\n", "\(replaced)")
            #expect(try read(stored) == "chat,leeftijd\nchat-02,12\n")
            // An attribute-only case the project has needs no --add-cases, with --replace too: x-2 3 → 4 (replaced),
            // chat-02's 12 cleared.
            #expect(try importCases(folder, "chat,leeftijd\nx-2,3\n", "--add-cases").status == 0)
            let kept = try importCases(folder, "chat,leeftijd\nx-2,4\n", "--replace")
            #expect(kept.stdout == "Imported 1 row(s) (replace): 2 value(s) changed (0 added, 1 replaced, 1 cleared); 0 attribute-only case(s) added.\n", "\(kept)")
        }
    }

    @Test("hostile cases files are refused with a clear error and nothing written", arguments: [
        ("chat,leeftijd\n../x,1\n", "line 2: the case id \"../x\""),
        ("chat,leeftijd\nchat-01,\"1\u{1B}]0;title\u{7}\"\n", "line 2, column 2 (leeftijd): a value may not contain control characters"),
        ("chat,leef\u{1B}[2Jtijd\nchat-01,1\n", "line 1, column 2: \"leef\\u{1B}[2Jtijd\": a variable name may not contain control characters"),
        ("chat,leeftijd\nchat-01,veertien\n", "\"veertien\" is not a number"),
        ("chat,duur\nchat-01,eeuwig\n", "\"eeuwig\" is not a value of \"duur\""),
        ("chat,leeftijd\nchat-01,1\nchat-02,2\nchat-01,3\n", "line 4: the case \"chat-01\" is also on line 2"),
        ("chat,leeftijd,leeftijd\n", "the column \"leeftijd\" is also column 2"),
        ("chat,groep\nchat-01,jong\n", "\"groep\" is derived from \"leeftijd\""),
        ("chat,leeftijd\nchat-01," + String(repeating: "9", count: 10 << 20) + "\n", "a value has at most 200 characters"),
    ])
    func hostile(csv: String, expected: String) throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let result = try importCases(folder, csv)
            #expect(result.status == 1)
            #expect(result.stderr.contains(expected), "\(result.stderr.prefix(500))")
            #expect(!result.stderr.contains("\u{1B}"))
            #expect(result.stderr.utf8.count < 1000)
            expectUnchanged(before, try FolderSnapshot(folder.project), "after a hostile cases import")
        }
    }

    @Test("export writes every case and variable, spreadsheet-safe, and imports back unchanged; --coder is checked")
    func exportRoundTrip() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            let result = try importCases(folder, "chat,leeftijd,notitie,duur\nchat-01,14,=cmd|' /C calc'!A0,kort\nchat-02,-3,\"a, b\",\nx-1,19,,lang\n", "--add-cases")
            try #require(result.status == 0, "\(result)")
            let export = try gloss("cases", "export", folder.project.path)
            // groep: chat-01 14 → jong, chat-02 -3 → jong, x-1 19 → oud. Declared variables first, then notitie.
            let expected = """
                chat,leeftijd,groep,duur,notitie
                chat-01,14,jong,kort,'=cmd|' /C calc'!A0
                chat-02,-3,jong,,"a, b"
                chat-03,,,,
                x-1,19,oud,lang,

                """
            #expect(export.stdout == expected, "\(export)")
            let file = try folder.write("export.csv", export.stdout)
            let back = try gloss("cases", "import", folder.project.path, file.path)
            #expect(back.status == 0, "\(back)")
            // Nothing changed: the same values came back (the derived column checked, not stored).
            #expect(back.stdout.contains("0 value(s) changed"), "\(back)")
            #expect(try gloss("cases", "export", folder.project.path).stdout == expected)
            // --output: owner-only file; --coder: an existing coder is fine, an unknown one refused.
            let out = folder.url.appendingPathComponent("out.csv")
            #expect(try gloss("cases", "export", folder.project.path, "--coder", "ann", "--output", out.path).status == 0)
            #expect(try read(out) == expected)
            #expect(try fileMode(out) == 0o600)
            let unknown = try gloss("cases", "export", folder.project.path, "--coder", "nobody")
            #expect(unknown.status == 1 && unknown.stderr.contains("no session for coder \"nobody\""), "\(unknown)")
        }
    }

    @Test("values a coder entered in the workbench count over imported ones with --coder, and only with it")
    func enteredValuesWithCoder() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            try #require(try importCases(folder, "chat,leeftijd\nchat-01,14\nchat-02,12\n").status == 0)
            // ann reads "ik ben 16" in chat-01 (over the imported 14) and marks chat-02's age unknown, as the case
            // sheet does: one journaled action each.
            let store = try SessionStore(projectRoot: folder.project, coder: "ann", codebookRevision: 1)
            try store.perform([.attribute(chat: "chat-01", variable: "leeftijd", before: nil, after: .some("16"))], label: "leeftijd = 16")
            try store.perform([.attribute(chat: "chat-02", variable: "leeftijd", before: nil, after: .some(nil))], label: "leeftijd unknown")
            try store.close()
            let plain = try gloss("cases", "export", folder.project.path)
            #expect(plain.stdout.contains("chat-01,14,jong,") && plain.stdout.contains("chat-02,12,jong,"), "\(plain)")
            let withAnn = try gloss("cases", "export", folder.project.path, "--coder", "ann")
            // 16 is above the bin "jong" (≤ 14): oud. chat-02 is unknown, so its group is too.
            #expect(withAnn.stdout.contains("chat-01,16,oud,") && withAnn.stdout.contains("chat-02,,,"), "\(withAnn)")
            // The report by variable: without --coder 2 of 3 cases known, both jong; with ann's values 1 known, oud.
            let report = try gloss("report", folder.project.path, "--variable", "groep", "--coder", "ann", "--format", "json")
            let object = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! [String: Any]
            #expect(object["n"] as? Int == 1 && object["missing"] as? Int == 2, "\(report)")
            let bars = object["bars"] as! [[String: Any]]
            #expect(bars.map { $0["cases"] as! Int } == [0, 1])
            let without = try gloss("report", folder.project.path, "--variable", "groep", "--format", "json")
            let plainObject = try JSONSerialization.jsonObject(with: Data(without.stdout.utf8)) as! [String: Any]
            #expect(plainObject["n"] as? Int == 2, "\(without)")
        }
    }

    @Test("gloss compare lists the case attributes two coders entered differently, in chats both marked done")
    func compareListsAttributeDisagreements() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            // ann has chat-01 and chat-02 done (fixture); ben marks the same two done.
            let ben = try SessionStore(projectRoot: folder.project, coder: "ben", codebookRevision: 1)
            try ben.perform([.status(chat: "chat-01", before: .notStarted, after: .done), .status(chat: "chat-02", before: .notStarted, after: .done)], label: "done")
            try ben.perform([.attribute(chat: "chat-01", variable: "leeftijd", before: nil, after: .some("15"))], label: "15")
            try ben.perform([.attribute(chat: "chat-02", variable: "duur", before: nil, after: .some("kort"))], label: "kort")
            try ben.close()
            let ann = try SessionStore(projectRoot: folder.project, coder: "ann", codebookRevision: 1)
            try ann.perform([.attribute(chat: "chat-01", variable: "leeftijd", before: nil, after: .some("14"))], label: "14")
            try ann.perform([.attribute(chat: "chat-02", variable: "duur", before: nil, after: .some("kort"))], label: "kort")  // agrees
            try ann.perform([.attribute(chat: "chat-03", variable: "duur", before: nil, after: .some(nil))], label: "unknown")  // not pairable
            try ann.close()
            let json = try gloss("compare", folder.project.path, "--coders", "ann", "ben", "--format", "json")
            try #require(json.status == 0, "\(json)")
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
            let items = object["attribute_disagreements"] as! [[String: Any]]
            #expect(items.count == 1)
            #expect(items.first?["chat"] as? String == "chat-01" && items.first?["variable"] as? String == "leeftijd")
            #expect((items.first?["a"] as? [String: Any])?["value"] as? String == "14")
            #expect((items.first?["b"] as? [String: Any])?["value"] as? String == "15")
            let text = try gloss("compare", folder.project.path, "--coders", "ann", "ben")
            #expect(text.stdout.contains("chat-01  leeftijd  ann: 14  ben: 15"), "\(text)")
        }
    }

    @Test("gloss variables lists type (declared or inferred), values and known counts")
    func variables() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            try #require(try importCases(folder, "chat,leeftijd,kleur\nchat-01,14,rood\nchat-02,16,\nx-1,,blauw\n", "--add-cases").status == 0)
            let json = try gloss("variables", folder.project.path, "--format", "json")
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
            // 4 cases: chat-01, chat-02, chat-03, x-1; 3 chats.
            #expect(object["cases"] as? Int == 4 && object["chats"] as? Int == 3)
            let variables = object["variables"] as! [[String: Any]]
            #expect(variables.map { $0["name"] as! String } == ["leeftijd", "groep", "duur", "kleur"])
            #expect(variables.map { $0["type"] as! String } == ["number", "ordinal", "ordinal", "category"])
            #expect(variables.map { $0["declared"] as! Bool } == [true, true, true, false])
            // leeftijd known in chat-01, chat-02; groep the same two; duur none; kleur chat-01, x-1.
            #expect(variables.map { $0["known"] as! Int } == [2, 2, 0, 2])
            #expect(variables[1]["values"] as? [String] == ["jong", "oud"])
            #expect(variables[3]["values"] as? [String] == ["blauw", "rood"])
            let text = try gloss("variables", folder.project.path)
            #expect(text.stdout.contains("kleur     category (inferred)    2 of 4 known  blauw | rood"), "\(text)")
            #expect(text.stdout.contains("groep     ordinal (declared)     2 of 4 known  bins of leeftijd: jong (≤ 14) | oud (above)"), "\(text)")
            let md = try gloss("variables", folder.project.path, "--format", "md")
            #expect(md.stdout.contains("| kleur | category (inferred) | 2 of 4 | blauw \\| rood |"), "\(md)")
        }
    }

    @Test("report --variable: JSON exactly {variable, n, missing, bars}, bars in declared order, every format")
    func reportVariable() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            try #require(try importCases(folder, "chat,leeftijd,duur\nchat-01,14,lang\nchat-02,16,lang\nchat-03,,kort\nx-1,12,lang\n", "--add-cases").status == 0)
            // duur over 4 cases: kort 1 (chat-03), lang 3; n = 4, missing 0; percent 25 and 75. Declared order: kort first.
            let json = try gloss("report", folder.project.path, "--variable", "duur", "--format", "json")
            #expect(json.stdout == """
                {
                  "bars" : [
                    {
                      "cases" : 1,
                      "label" : "kort",
                      "percent" : 25
                    },
                    {
                      "cases" : 3,
                      "label" : "lang",
                      "percent" : 75
                    }
                  ],
                  "missing" : 0,
                  "n" : 4,
                  "variable" : "duur"
                }

                """, "\(json)")
            // groep: jong = chat-01 (14), x-1 (12) = 2; oud = chat-02 (16) = 1; chat-03 missing. 2/3 at full precision.
            let groep = try gloss("report", folder.project.path, "--variable", "groep", "--format", "json")
            let object = try JSONSerialization.jsonObject(with: Data(groep.stdout.utf8)) as! [String: Any]
            #expect(object["n"] as? Int == 3 && object["missing"] as? Int == 1)
            let bars = object["bars"] as! [[String: Any]]
            #expect(bars.map { $0["label"] as! String } == ["jong", "oud"])
            #expect(bars[0]["percent"] as? Double == 200.0 / 3.0)
            #expect(Set(object.keys) == ["variable", "n", "missing", "bars"])
            let csv = try gloss("report", folder.project.path, "--variable", "groep", "--format", "csv")
            #expect(csv.stdout == "# groep: n = 3 cases, 1 missing; variable groep (ordinal)\nlabel,cases,percent\njong,2,66.67\noud,1,33.33\n", "\(csv)")
            let md = try gloss("report", folder.project.path, "--variable", "groep", "--format", "md")
            #expect(md.stdout.contains("| jong | 2 | 66.67 |"), "\(md)")
            let text = try gloss("report", folder.project.path, "--variable", "groep", "--width", "60")
            #expect(text.stdout.hasPrefix("groep (n = 3; 1 missing)\n"), "\(text)")
            // With --where: geslacht is not a variable here; the error names it.
            let bad = try gloss("report", folder.project.path, "--variable", "groep", "--where", "geslacht=meisje")
            #expect(bad.status == 1 && bad.stderr.contains("no variable \"geslacht\""), "\(bad)")
            let badValue = try gloss("report", folder.project.path, "--variable", "groep", "--where", "duur=middel")
            #expect(badValue.status == 1 && badValue.stderr.contains("\"middel\" is not a value of \"duur\"; its values are \"kort\", \"lang\""), "\(badValue)")
            let unknown = try gloss("report", folder.project.path, "--variable", "lengte")
            #expect(unknown.status == 1 && unknown.stderr.contains("no variable \"lengte\""), "\(unknown)")
        }
    }

    @Test("report --variable output is safe: formulas get a ' in CSV, Markdown escapes | and backticks")
    func safeOutput() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            try #require(try importCases(folder, "chat,a|b\nchat-01,\"=HYPERLINK(\"\"x\"\")\"\nchat-02,`x`\n").status == 0)
            let csv = try gloss("report", folder.project.path, "--variable", "a|b", "--format", "csv")
            // Labels alphabetically by code point: "=" (0x3D) before "`" (0x60).
            #expect(csv.stdout == "# a|b: n = 2 cases, 1 missing; variable a|b (category)\nlabel,cases,percent\n\"'=HYPERLINK(\"\"x\"\")\",1,50.00\n`x`,1,50.00\n", "\(csv)")
            let md = try gloss("report", folder.project.path, "--variable", "a|b", "--format", "md", "--where", "a|b=`x`")
            #expect(md.stdout.hasPrefix("**a\\|b: n = 1 cases, 0 missing; variable a\\|b (category); cases where a\\|b = \\`x\\`**"), "\(md)")
            #expect(md.stdout.contains("| \\`x\\` | 1 | 100.00 |"), "\(md)")
            let export = try gloss("cases", "export", folder.project.path)
            #expect(export.stdout.contains("chat-01,,,,\"'=HYPERLINK(\"\"x\"\")\""), "\(export)")
        }
    }

    @Test("--where limits report --variable, the figures and the matrix; code:PATH=1/0 reads the coder's session")
    func whereFilters() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            try #require(try importCases(folder, "chat,leeftijd,duur\nchat-01,14,lang\nchat-02,16,lang\nchat-03,,kort\nx-1,12,lang\n", "--add-cases").status == 0)
            func json(_ arguments: String...) throws -> [String: Any] {
                let result = try gloss(["report", folder.project.path, "--coder", "ann", "--format", "json"] + arguments)
                try #require(result.status == 0, "\(result)")
                return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
            }
            // duur=lang: chat-01, chat-02, x-1 → groep jong 2 (chat-01, x-1), oud 1.
            #expect((try json("--variable", "groep", "--where", "duur=lang")["bars"] as! [[String: Any]]).map { $0["cases"] as! Int } == [2, 1])
            // A bin label as the value: groep=jong → chat-01, x-1: duur lang 2.
            #expect((try json("--variable", "duur", "--where", "groep=jong")["bars"] as! [[String: Any]]).map { $0["cases"] as! Int } == [0, 2])
            // code:Onderwerp=1 → chat-01 only (ann coded it there). code:Onderwerp=0 → chat-02 (done, no codes);
            // chat-03 (not started) and x-1 (no transcript) are neither.
            #expect(try json("--variable", "duur", "--where", "code:Onderwerp=1")["n"] as? Int == 1)
            let zero = try json("--variable", "duur", "--where", "code:Onderwerp=0")
            #expect(zero["n"] as? Int == 1)
            #expect((zero["bars"] as! [[String: Any]]).map { $0["cases"] as! Int } == [0, 1])
            // The matrix with --where groep=oud: only chat-02's row.
            let matrix = try gloss("report", folder.project.path, "--coder", "ann", "--matrix", "--where", "groep=oud")
            #expect(matrix.stdout.split(separator: "\n").dropFirst().map { String($0.prefix(8)) } == ["chat-02,"], "\(matrix)")
            // A code figure with --where groep=jong: only chat-01 (coded) of the chats; Onderwerp n = 1 of 1 coded.
            let category = try json("--category", "Onderwerp", "--where", "groep=jong")
            #expect(category["n"] as? Int == 1 && category["chats_coded"] as? Int == 1)
            let status = category["status"] as! [String: Int]
            #expect(status == ["done": 1, "in_progress": 0, "not_started": 0])
            // The figures of project.json include figure 1 on groep: n = 3 (chat-01, chat-02, x-1), 1 missing.
            let all = try gloss("report", folder.project.path, "--coder", "ann", "--figure", "1", "--format", "json")
            let figure = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as! [String: Any]
            #expect(figure["figure"] as? Int == 1 && figure["variable"] as? String == "groep" && figure["n"] as? Int == 3 && figure["missing"] as? Int == 1)
        }
    }

    @Test("re-importing a transcript whose header changed updates it; codings stay valid; changed messages are still refused")
    func headerUpdate() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            let exportBefore = try gloss("codings", "export", folder.project.path, "--coder", "ann").stdout
            let changed = Fixtures.chat01.replacingOccurrences(of: "# title: Eerste gesprek\n", with: "# title: Eerste gesprek\n# leeftijd: 13\n# duur: kort\n")
            let file = try folder.write("new/chat-01.txt", changed)
            let result = try gloss("import", folder.project.path, file.path)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("chat-01: updated (header changed, messages unchanged)"), "\(result)")
            #expect(result.stdout.hasSuffix("0 chat(s) added, 1 updated (header only); the project has 3.\n"), "\(result)")
            #expect(try read(folder.project.appendingPathComponent("chats/chat-01.txt")) == changed)
            let duur = try gloss("report", folder.project.path, "--variable", "duur", "--format", "csv")
            #expect(duur.stdout.contains("kort,1,100.00"), "\(duur)")
            #expect(try gloss("validate", folder.project.path).status == 0)
            #expect(try gloss("codings", "export", folder.project.path, "--coder", "ann").stdout == exportBefore)
            // The same file again: unchanged.
            #expect(try gloss("import", folder.project.path, file.path).stdout.contains("chat-01: already present, unchanged"))
            // A header change together with a message change: refused, as before.
            let before = try FolderSnapshot(folder.project)
            let both = try folder.write("both/chat-01.txt", changed.replacingOccurrences(of: "thuis", with: "school"))
            let refused = try gloss("import", folder.project.path, both.path)
            #expect(refused.status == 1 && refused.stderr.contains("already exists with different text"), "\(refused)")
            expectUnchanged(before, try FolderSnapshot(folder.project), "after a refused import")
        }
    }

    @Test("cases.csv as a symbolic link is refused, never followed; validate reports it and values that do not fit")
    func linkAndValidate() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            let outside = try folder.write("outside.csv", "chat,leeftijd\nchat-01,1\n")
            let stored = folder.project.appendingPathComponent("cases.csv")
            try FileManager.default.createSymbolicLink(at: stored, withDestinationURL: outside)
            let result = try importCases(folder, "chat,leeftijd\nchat-02,2\n")
            #expect(result.status == 1 && result.stderr.contains("is a symbolic link"), "\(result)")
            #expect(try read(outside) == "chat,leeftijd\nchat-01,1\n")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: stored.path) == outside.path)
            let validate = try gloss("validate", folder.project.path)
            #expect(validate.status == 1 && (validate.stdout + validate.stderr).contains("cases.csv"), "\(validate)")
            try FileManager.default.removeItem(at: stored)
            // A header value that does not fit its declared type: a warning naming chat and variable, counted unknown.
            let changed = Fixtures.chat03.replacingOccurrences(of: "# speakers:", with: "# leeftijd: oud\n# speakers:")
            let file = try folder.write("new/chat-03.txt", changed)
            #expect(try gloss("import", folder.project.path, file.path).status == 0)
            let checked = try gloss("validate", folder.project.path)
            #expect(checked.status == 0, "\(checked)")
            #expect((checked.stdout + checked.stderr).contains("chats/chat-03.txt: header \"leeftijd\": \"oud\" is not a number"), "\(checked)")
            let report = try gloss("report", folder.project.path, "--variable", "leeftijd", "--format", "json")
            #expect(report.stderr.contains("warning: chats/chat-03.txt: header \"leeftijd\""), "\(report)")
            #expect(report.stdout.contains("\"missing\" : 3"), "\(report)")
        }
    }

    @Test("a figure on a variable in project.json that names no variable is an error naming the figure")
    func figureOnMissingVariable() throws {
        try withTemporaryFolder { folder in
            try Self.makeProject(in: folder)
            let url = folder.project.appendingPathComponent("project.json")
            let text = try read(url).replacingOccurrences(of: "\"variable\" : \"groep\"", with: "\"variable\" : \"nergens\"")
            try Data(text.utf8).write(to: url)
            let result = try gloss("report", folder.project.path, "--coder", "ann")
            #expect(result.status == 1 && result.stderr.contains("figure 1: no variable \"nergens\""), "\(result)")
        }
    }
}

/// The demo project's attributes and figure 1, counted by hand from `Samples/demo/chats/*.txt` headers and
/// `Samples/demo/import/cases/vergelijkingsgroep.csv` (in the comments of the test).
@Suite("the demo's case attributes", .enabled(if: CompareReferenceTests.demoAvailable, "no Samples/demo in this checkout"))
struct DemoCasesTests {
    @Test("figure 1 (age groups) over all cases, the chats only and the comparison group")
    func figureOne() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            func bars(_ arguments: String...) throws -> (n: Int, missing: Int, cases: [Int]) {
                let result = try gloss(["report", project.path, "--variable", "leeftijdsgroep", "--format", "json"] + arguments)
                try #require(result.status == 0, "\(result)")
                let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
                return (object["n"] as! Int, object["missing"] as! Int, (object["bars"] as! [[String: Any]]).map { $0["cases"] as! Int })
            }
            // Chats (headers): 14, 16, 13, 12, 15, 17, 11, 19, 16, –, 14, (empty) → ≤12: 12, 11; 13–15: 14, 13, 15, 14;
            // 16–17: 16, 17, 16; ≥18: 19. n = 10, missing 2 (chat-10, chat-12).
            let chats = try bars("--where", "groep=ouder")
            #expect(chats.n == 10 && chats.missing == 2 && chats.cases == [2, 4, 3, 1])
            // Comparison group (24 rows, 2 without age): ≤12: 12; 13–15: 15, 14, 13, 15, 14, 15, 14; 16–17: 17, 16, 16,
            // 17, 16, 17, 16, 17, 16, 16; ≥18: 18, 19, 20, 19.
            let others = try bars("--where", "groep=ander")
            #expect(others.n == 22 && others.missing == 2 && others.cases == [1, 7, 10, 4])
            let all = try bars()
            #expect(all.n == 32 && all.missing == 4 && all.cases == [3, 11, 13, 5])
            // The same numbers as figure 1 of project.json.
            let figure = try gloss("report", project.path, "--coder", "anouk", "--figure", "1", "--format", "csv")
            #expect(figure.stdout.hasPrefix("# Figuur 1. Leeftijd: n = 32 cases, 4 missing"), "\(figure)")
            #expect(try gloss("validate", project.path).status == 0)
        }
    }
}
