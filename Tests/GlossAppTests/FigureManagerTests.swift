import Foundation
import GlossCore
import Testing
@testable import GlossApp

/// `gf`: the figures and code groups, managed from the workbench. Every change lands in project.json and the
/// change log, as `gloss figure` and `gloss group` do it.
@Suite("figures and groups from the workbench (gf)")
struct FigureManagerTests {
    static func config(_ demo: DemoCopy) throws -> ProjectConfig {
        try ProjectConfig.read(try Data(contentsOf: demo.root.appendingPathComponent("project.json")), file: "p")
    }

    @Test("K moves figure 6 one place earlier (6 ↔ 5) on disk and in the pane; J moves it back; logged")
    func reorder() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 130, height: 40)
        let before = try Self.config(demo)
        let five = try #require(before.figures.first { $0.number == 5 }), six = try #require(before.figures.first { $0.number == 6 })
        driver.keys("g f")
        #expect(driver.state.overlay.map { if case .figureManager = $0 { true } else { false } } == true)
        // The demo's figures are 1, 2 (variables), 4, 5, 6: the fifth line is figure 6.
        driver.keys("j j j j")
        #expect(driver.screen.contains("▶ Figuur 6. \(six.title)"))
        driver.keys("K")
        let moved = try Self.config(demo)
        #expect(moved.figures.first { $0.number == 5 }?.subject == six.subject)
        #expect(moved.figures.first { $0.number == 6 }?.subject == five.subject)
        #expect(driver.state.project.config == moved)
        // The cursor follows the figure.
        #expect(driver.screen.contains("▶ Figuur 5. \(six.title)"))
        #expect(try demo.projectChanges().contains { $0.kind == .figure && $0.path == "figure 6" && $0.after?.contains("moved to 5") == true })
        driver.keys("J")
        #expect(try Self.config(demo).figures == before.figures)
        // K on the first figure does nothing.
        driver.keys("k k k k K")
        #expect(try Self.config(demo).figures == before.figures)
    }

    @Test("x asks first, x again removes the figure; Escape closes")
    func remove() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 130, height: 40)
        driver.keys("g f j j x")
        #expect(driver.state.notice?.text.hasPrefix("press x again to remove figure 4") == true)
        #expect(try Self.config(demo).figures.contains { $0.number == 4 })
        driver.keys("j x")  // another key in between: the first x is forgotten
        #expect(try Self.config(demo).figures.contains { $0.number == 5 })
        driver.keys("k x x")
        #expect(!(try Self.config(demo)).figures.contains { $0.number == 4 })
        #expect(driver.state.project.config.figures.allSatisfy { $0.number != 4 })
        driver.keys("Esc")
        #expect(driver.state.overlay == nil)
    }

    @Test("a on a figure makes a new group with the tree's code; a on the group adds another; x x takes a member out, then the group")
    func groups() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 130, height: 40)
        let threat = try driver.code("Dwangmiddel > Bedreiging")
        let violence = try driver.code("Dwangmiddel > Fysiek geweld kind")
        driver.keys("Tab")
        driver.moveTree(to: try driver.code("Dwangmiddel"))
        driver.keys("l")
        driver.moveTree(to: threat)
        driver.keys("g f a")
        driver.type("Geweld")
        driver.keys("Enter")
        #expect(try Self.config(demo).group("Geweld")?.codes == [threat])
        #expect(driver.screen.contains("Group Geweld: 1 code, in no figure"))
        driver.keys("Esc")
        driver.moveTree(to: violence)
        driver.keys("g f")
        let rows = driver.state.figureManagerRows
        let groupLine = try #require(rows.firstIndex { if case .group = $0 { true } else { false } })
        for _ in 0..<groupLine { driver.keys("j") }
        driver.keys("a")
        #expect(try Self.config(demo).group("Geweld")?.codes == [threat, violence])
        #expect(try demo.projectChanges().filter { $0.kind == .group }.count == 2)
        // The first member, then the group.
        driver.keys("j x x")
        #expect(try Self.config(demo).group("Geweld")?.codes == [violence])
        driver.keys("k x x")
        #expect(try Self.config(demo).group("Geweld") == nil)
    }

    @Test("a group a figure uses cannot be removed: the reason is shown and nothing changes")
    func groupInUse() throws {
        let demo = try DemoCopy()
        var project = try Project.load(demo.root, useCatalog: false)
        let threat = try #require(project.codebook.resolve("Dwangmiddel > Bedreiging")).id
        try project.changeConfig(by: "lead", kind: .group) { config, _ in
            try config.addToGroup("G", codes: [threat])
            try config.addFigure(FigureDefinition(number: 9, title: "G", subject: .group("G")))
            return ("group G", nil, nil, "test")
        }
        let driver = try demo.driver(width: 130, height: 40)
        driver.keys("g f")
        let line = try #require(driver.state.figureManagerRows.firstIndex { if case .group = $0 { true } else { false } })
        for _ in 0..<line { driver.keys("j") }
        #expect(driver.screen.contains("Group G: 1 code, in figure 9"))
        let before = try Data(contentsOf: demo.root.appendingPathComponent("project.json"))
        driver.keys("x x")
        #expect(driver.state.notice?.kind == .error && driver.state.notice?.text.contains("figure 9 uses the group") == true)
        #expect(try Data(contentsOf: demo.root.appendingPathComponent("project.json")) == before)
    }
}
