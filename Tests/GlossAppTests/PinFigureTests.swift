import Foundation
import GlossCore
import Testing
@testable import GlossApp

/// `P` in the codebook pane pins the category under the cursor as a figure: written to project.json (by id,
/// the next free number, logged), and the figures pane has it at once.
@Suite("pin a category as a figure from the workbench")
struct PinFigureTests {
    @Test("P on Motieven ouder adds figure 7; P on a code without sub-codes says why and adds nothing")
    func pin() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 130, height: 40)
        let motieven = try driver.code("Motieven ouder")
        driver.keys("Tab")
        driver.moveTree(to: motieven)
        driver.keys("P")
        // The demo's figures are 1, 2, 4, 5, 6: the next is 7.
        let figure = try #require(driver.state.project.config.figures.first { $0.number == 7 })
        #expect(figure.subject == .code(motieven) && figure.title == "Motieven ouder")
        let onDisk = try ProjectConfig.read(try Data(contentsOf: demo.root.appendingPathComponent("project.json")), file: "p")
        #expect(onDisk.figures.first { $0.number == 7 }?.subject == .code(motieven))
        #expect(try demo.projectChanges().contains { $0.kind == .figure && $0.path == "figure 7" })

        // A leaf: an error notice, nothing written.
        let before = try Data(contentsOf: demo.root.appendingPathComponent("project.json"))
        let leaf = try driver.code("Motieven ouder > Drugs")
        driver.keys("l")
        driver.moveTree(to: leaf)
        #expect(driver.state.hierarchy.children(of: leaf).isEmpty)
        driver.keys("P")
        #expect(driver.state.notice?.kind == .error)
        #expect(try Data(contentsOf: demo.root.appendingPathComponent("project.json")) == before)
    }
}

extension DemoCopy {
    func projectChanges() throws -> [CodebookChange] { try Project.load(root, useCatalog: false).codebookChanges() }
}
