import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// The codebook tree: folding with `h`/`l`/`za`/`zM`/`zR`, applying codes from it, and its counts.
@Suite struct CodebookTreeTests {
    /// The demo's first main code is "Aard Uitbuiting" with six sub-codes, the first "Seksuele diensten thuis";
    /// the second main code is "Dwangmiddel".
    @Test func hAndLFoldAndMove() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.send(.tab)
        let aard = try driver.code("Aard Uitbuiting")
        let thuis = try driver.code("Aard Uitbuiting > Seksuele diensten thuis")
        #expect(driver.state.treeCursor == aard)
        #expect(driver.screen.contains("▸ ● Aard Uitbuiting"))
        #expect(!driver.screen.contains("Seksuele diensten thuis"))

        driver.keys("l")                 // opens
        #expect(driver.state.expanded.contains(aard))
        #expect(driver.state.treeCursor == aard)
        #expect(driver.screen.contains("▾ ● Aard Uitbuiting"))
        #expect(driver.screen.contains("  ● Seksuele diensten thuis"))
        driver.keys("l")                 // already open: to the first sub-code
        #expect(driver.state.treeCursor == thuis)
        #expect(driver.screen.contains("De gedwongen seksuele diensten vinden"))  // its definition below the tree
        driver.keys("h")                 // on a sub-code: to the parent
        #expect(driver.state.treeCursor == aard)
        #expect(driver.state.expanded.contains(aard))
        driver.keys("h")                 // open: closes
        #expect(!driver.state.expanded.contains(aard))
        #expect(!driver.screen.contains("Seksuele diensten thuis"))
        driver.send(.right)
        #expect(driver.state.expanded.contains(aard))
        driver.send(.left)
        #expect(!driver.state.expanded.contains(aard))
    }

    @Test func zaTogglesAndZMZRFoldEverything() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.send(.tab)
        let dwang = try driver.code("Dwangmiddel")
        let bedreiging = try driver.code("Dwangmiddel > Bedreiging")
        driver.keys("j z a")
        #expect(driver.state.expanded == [dwang])
        driver.keys("z a")
        #expect(driver.state.expanded.isEmpty)

        let roots = driver.state.project.codebook.roots.count
        #expect(TreeRows.rows(driver.state).count == roots)
        driver.keys("z R")
        #expect(TreeRows.rows(driver.state).count == driver.state.project.codebook.codes.count)
        #expect(driver.screen.contains("▾ ● Dwangmiddel"))
        // Down to a code two levels deep, then zM: everything closes and the cursor goes to its main code.
        driver.keys("j j j")
        let deep = try driver.code("Dwangmiddel > Bedreiging > Dreigen met fysiek geweld kind")
        #expect(driver.state.treeCursor == deep)
        #expect(driver.state.hierarchy.ancestors(of: deep) == [bedreiging, dwang])
        driver.keys("z M")
        #expect(driver.state.expanded.isEmpty)
        #expect(driver.state.treeCursor == dwang)
        #expect(TreeRows.rows(driver.state).count == roots)
        #expect(driver.screen.contains("▸ ● Dwangmiddel"))
        // A pending z shows on the status line.
        driver.keys("z")
        #expect(driver.screen.contains("NORMAL z"))
    }

    /// The tree shows per code the number of chats that carry it or a code below it (anouk: every chat done).
    @Test func countsRollUp() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        let dwang = try driver.code("Dwangmiddel")
        let count = driver.state.index.chats(with: dwang)
        #expect(count > 0)
        let row = try #require(rows(of: driver.screen, containing: "● Dwangmiddel").first)
        #expect(row.contains("Dwangmiddel") && row.hasSuffix("\(count)│"))
    }

    /// Enter on a code without sub-codes applies it; on a category it folds.
    @Test func enterInTheTreeAppliesALeafCode() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("j j Tab j")
        driver.send(.enter)                // Dwangmiddel has sub-codes: opens
        #expect(driver.store.session.codingCount == 0)
        driver.keys("j")                   // Gezagsverhouding
        driver.send(.enter)
        let coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.codes == [try driver.code("Dwangmiddel > Gezagsverhouding")])
        #expect(coding.span.from.message == 3)
        #expect(driver.state.focus == .codebook)
        // c applies any code, categories too.
        driver.keys("k c")
        #expect(driver.store.session.codings(in: "chat-01").first?.codes.count == 2)
    }

    /// Open coding from the tree: `A` proposes a sub-code of the code under the cursor.
    @Test func capitalAProposesASubcode() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("Tab j")
        let dwang = try driver.code("Dwangmiddel")
        driver.keys("A")
        #expect(driver.screen.contains("New code under Dwangmiddel:"))
        driver.keys("Chantage Enter")  // one word: keys() types words
        #expect(driver.screen.contains("Definition (may be empty)"))
        driver.type("Dreigen met beelden")
        driver.send(.enter)
        let (id, code) = try #require(driver.store.session.proposedCodes.first)
        #expect(driver.store.session.proposedCodes.count == 1)
        #expect(code.name == "Chantage")
        #expect(code.parent == dwang)
        #expect(code.operationalisation == "Dreigen met beelden")
        #expect(driver.state.path(id) == "Dwangmiddel > Chantage")
        #expect(driver.store.session.codingCount == 0)     // proposed, not applied
        // It is in the tree under Dwangmiddel, marked with *.
        driver.keys("l")
        #expect(driver.screen.contains("●*Chantage"))
        try driver.close()
        #expect(try demo.sessionOnDisk("tester").proposedCodes[id]?.name == "Chantage")
    }
}
