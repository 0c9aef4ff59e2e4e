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
