import Foundation
import Testing
@testable import GlossCore

/// `project.json`'s figures (by id, by group, with order, zeros and joins) and groups: read, checked, written back.
@Suite("project.json: figures by id and code groups")
struct ProjectFiguresConfigTests {
    static func read(_ figures: String, groups: String = "[]") throws -> ProjectConfig {
        try ProjectConfig.read(Data(#"{"schema": 1, "name": "p", "figures": \#(figures), "groups": \#(groups)}"#.utf8), file: "project.json")
    }

    @Test("every figure form reads, and is written back in the same form (defaults left out)")
    func roundTrip() throws {
        let config = try Self.read(#"""
            [{"number": 4, "title": "D", "code": "c-d", "order": "declared", "declared": ["c-b", "c-a"], "zeros": "fold", "join": ["G"]},
             {"number": 5, "title": "P", "category": "Pleger"},
             {"number": 7, "title": "G", "group": "G"},
             {"number": 1, "title": "L", "variable": "leeftijd"}]
            """#, groups: #"[{"name": "G", "codes": ["c-x", "c-y"]}]"#)
        #expect(config.figures == [
            FigureDefinition(number: 4, title: "D", subject: .code(CodeID("c-d")), order: .declared, declared: [CodeID("c-b"), CodeID("c-a")], zeros: .fold, joins: ["G"]),
            FigureDefinition(number: 5, title: "P", subject: .categoryPath("Pleger")),
            FigureDefinition(number: 7, title: "G", subject: .group("G")),
        ])
        #expect(config.groups == [CodeGroup(name: "G", codes: [CodeID("c-x"), CodeID("c-y")])])
        let written = try JSONFormat.encode(config)
        #expect(try ProjectConfig.read(written, file: "p") == config)
        let text = String(decoding: written, as: UTF8.self)
        // Figure 7 has the default order and zeros: neither key is written for it; figure 4's are.
        #expect(text.components(separatedBy: "\"order\"").count == 2 && text.components(separatedBy: "\"zeros\"").count == 2)
        // No groups: no "groups" key.
        #expect(!String(decoding: try JSONFormat.encode(ProjectConfig(name: "p")), as: UTF8.self).contains("groups"))
    }

    @Test("bad figures and groups name the place", arguments: [
        (#"[{"number": 4, "title": "D", "code": "c", "category": "D"}]"#, "[]", "exactly one of"),
        (#"[{"number": 4, "title": "D"}]"#, "[]", "exactly one of"),
        (#"[{"number": 4, "title": "D", "variable": "v", "zeros": "hide"}]"#, "[]", "takes no"),
        (#"[{"number": 4, "title": "D", "group": "Nee"}]"#, "[]", "does not define"),
        (#"[{"number": 4, "title": "D", "code": "c", "join": ["G", "G"]}]"#, #"[{"name": "G", "codes": []}]"#, "joins a group twice"),
        ("[]", #"[{"name": "G", "codes": []}, {"name": "G", "codes": []}]"#, "group names must differ"),
        ("[]", #"[{"name": " ", "codes": []}]"#, "may not be empty"),
        ("[]", #"[{"name": "a\u001b[2J", "codes": []}]"#, "control characters"),
        ("[]", #"[{"name": "G", "codes": ["c", "c"]}]"#, "lists a code twice"),
        (#"[{"number": 4, "title": "D", "code": "c", "order": "random"}]"#, "[]", "order"),
    ])
    func rejected(figures: String, groups: String, message: String) throws {
        let error = try #require(throws: GlossError.self) { try Self.read(figures, groups: groups) }
        #expect(error.description.contains(message), "\(error)")
    }

    @Test("moving a figure onto a number in use rotates the numbers between; onto a free one renumbers")
    func move() throws {
        var config = ProjectConfig(name: "p", figures: [4, 5, 6].map { FigureDefinition(number: $0, title: "f\($0)", subject: .code(CodeID("c\($0)"))) },
                                   variableFigures: [VariableFigureDefinition(number: 1, title: "v", variable: "v")])
        try config.moveFigure(6, to: 4)
        #expect(config.figures.map(\.title) == ["f6", "f4", "f5"] && config.figures.map(\.number) == [4, 5, 6])
        try config.moveFigure(4, to: 6)
        #expect(config.figures.map(\.title) == ["f4", "f5", "f6"])
        try config.moveFigure(1, to: 9)
        #expect(config.variableFigures.map(\.number) == [9])
        try config.moveFigure(9, to: 4)  // a variable figure into the code figures' numbers: 9 → 4, 4 → 5, 5 → 6, 6 → 9
        #expect(config.figureNumbers == [4, 5, 6, 9] && config.variableFigures.map(\.number) == [4] && config.figures.map(\.title) == ["f4", "f5", "f6"])
        #expect(throws: GlossError.self) { try config.moveFigure(3, to: 4) }
        #expect(throws: GlossError.self) { try config.moveFigure(4, to: 0) }
    }
}

/// `project.json` travels by git between colleagues whose Gloss may be newer: what this Gloss does not know must
/// survive its rewrites, and a figure it cannot fully understand must not be drawn as if it could.
@Suite("project.json: keys this Gloss does not know")
struct ProjectConfigUnknownKeysTests {
    @Test("a top-level key a newer Gloss wrote survives a figure change made here, value for value")
    func unknownTopLevelKeyKept() throws {
        try withTemporaryDirectory { folder in
            let root = folder.appendingPathComponent("p")
            var project = try Project.create(at: root, name: "p", codebook: try Sample.codebook())
            var text = String(decoding: try Data(contentsOf: project.configURL), as: UTF8.self)
            let extra = #""later_setting": {"mode": "strict", "limit": 1152921504606846977, "share": 0.1, "tags": ["a", null, true]},"#
            text = text.replacingOccurrences(of: "{", with: "{" + extra, options: [], range: text.range(of: "{"))
            try Data(text.utf8).write(to: project.configURL)
            project = try Project.load(root, useCatalog: false)
            #expect(project.config.keysNotUnderstood == ["later_setting"])
            try project.changeConfig(by: "a", kind: .figure) { config, _ in
                try config.addFigure(FigureDefinition(number: 4, title: "Dwang", subject: .code(Sample.dwang)))
                return ("figure 4", Sample.dwang, nil, "Dwang")
            }
            let written = try JSONSerialization.jsonObject(with: Data(contentsOf: project.configURL)) as! [String: Any]
            let kept = try #require(written["later_setting"] as? [String: Any])
            #expect(kept["mode"] as? String == "strict")
            #expect((kept["limit"] as? NSNumber)?.int64Value == 1_152_921_504_606_846_977)
            #expect(kept["share"] as? Double == 0.1)
            #expect((kept["tags"] as? [Any])?.count == 3)
            #expect((written["figures"] as? [Any])?.count == 1)
        }
    }

    @Test("a key inside a figure that this Gloss does not know refuses the file, naming the figure and the key")
    func unknownFigureKeyRefused() throws {
        let error = try #require(throws: GlossError.self) {
            try ProjectFiguresConfigTests.read(#"[{"number": 4, "title": "D", "code": "c"}, {"number": 5, "title": "E", "code": "c", "filter": "x"}]"#)
        }
        #expect(error.description.contains("figures[1].filter"), "\(error)")
        #expect(error.description.contains("does not know"), "\(error)")
    }
}
