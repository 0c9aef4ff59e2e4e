import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Open coding: a code the codebook does not have is proposed in the coder's session and usable at once.
@Suite struct OpenCodingTests {
    /// Typing a name that matches nothing and pressing Enter asks for a definition, then proposes the code
    /// and applies it, as one action.
    @Test func pickerCreatesAProposedCodeAndAppliesIt() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver(width: 130, height: 40)
        let pleger = try driver.code("Pleger")
        driver.keys("j j j j c Loverboy")
        guard case .picker(var picker)? = driver.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.matches.isEmpty)
        #expect(driver.screen.contains("No code matches. Enter creates “Loverboy” as a new code under"))
        // Up/Down choose the category: the top level or any code with sub-codes, in codebook order.
        let categories: [CodeID?] = [nil] + driver.state.project.codebook.codes.map(\.id).filter { !driver.state.hierarchy.children(of: $0).isEmpty }
        let start = try #require(categories.firstIndex(of: picker.newCodeParent))
        driver.send(.down)
        guard case .picker(let moved)? = driver.state.overlay else { Issue.record("no picker"); return }
        #expect(moved.newCodeParent == categories[(start + 1) % categories.count])
        picker = moved
        var steps = 0
        while picker.newCodeParent != pleger && steps < categories.count {
            driver.send(.down)
            guard case .picker(let next)? = driver.state.overlay else { Issue.record("no picker"); return }
            picker = next
            steps += 1
        }
        #expect(picker.newCodeParent == pleger)
        #expect(driver.screen.contains("as a new code under Pleger"))

        driver.send(.enter)
        #expect(driver.screen.contains("New code “Loverboy” under Pleger. Definition (may be empty):"))
        #expect(driver.store.session.proposedCodes.isEmpty)   // nothing yet: Esc here would cancel
        driver.keys("Jongen Space die Space het Space kind Space inpalmt Enter")

        let (id, code) = try #require(driver.store.session.proposedCodes.first)
        #expect(driver.store.session.proposedCodes.count == 1)
        #expect(code.name == "Loverboy")
        #expect(code.parent == pleger)
        #expect(code.operationalisation == "Jongen die het kind inpalmt")
        #expect(code.color == driver.state.hierarchy.code(pleger)?.color)   // a sub-code takes its category's colour
        let coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.codes == [id])
        #expect(coding.span == Span(from: TextPosition(message: 5, offset: 0), to: TextPosition(message: 5, offset: 107)))
        #expect(driver.status("chat-01") == .inProgress)
        #expect(driver.state.recentCodes.first == id)
        #expect(driver.screen.contains("Quote 1/1 · chat-01 #5 · Pleger > Loverboy"))

        // In the tree it is marked with *, and in the figure of its category too.
        driver.keys("Tab")
        driver.moveTree(to: pleger)
        driver.keys("l")
        var screen = driver.screen
        #expect(screen.contains("●*Loverboy"))
        #expect(screen.contains("* Loverboy"))
        driver.keys("G")
        #expect(driver.state.treeCursor == (try driver.code("Signalen/zorgen")))
        driver.moveTree(to: id, key: "k")
        screen = driver.screen
        #expect(screen.contains("Proposed by tester;"))

        // The picker finds it like any other code, marked *.
        driver.keys("Shift-Tab j c lover")
        #expect(driver.screen.contains("●*Pleger > Loverboy"))
        driver.send(.escape)

        // Proposal and coding were one action: one undo takes back both.
        driver.keys("u")
        #expect(driver.store.session.proposedCodes.isEmpty)
        #expect(driver.store.session.codingCount == 0)
        #expect(driver.status("chat-01") == .notStarted)
        driver.send(.ctrl("r"))
        #expect(driver.store.session.proposedCodes[id] != nil)
        #expect(driver.store.session.codingCount == 1)

        try driver.close()
        let session = try demo.sessionOnDisk("tester")
        #expect(session.proposedCodes[id]?.name == "Loverboy")
        #expect(session.codings(in: "chat-01").first?.codes == [id])
        // The CSV writes a proposed code by id: it has no place in the shared codebook (docs/formats.md).
        #expect(try demo.csv("tester").contains("chat-01,5,,5,,\(id.rawValue),,"))
    }

    @Test func escapeAtTheDefinitionProposesNothing() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c Loverboy Enter Esc")
        #expect(driver.state.overlay == nil)
        #expect(driver.store.session.proposedCodes.isEmpty)
        #expect(driver.store.session.codingCount == 0)
    }

    @Test func aNameWithTheSeparatorIsRefused() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c")
        driver.type("Pleger > Neef")
        // "Pleger > Neef" may fuzzily match nothing; either way no code with '>' in its name is made.
        guard case .picker(let picker)? = driver.state.overlay else { Issue.record("no picker"); return }
        if picker.matches.isEmpty {
            driver.send(.enter)
            #expect(driver.screen.contains("a code name cannot contain '>'"))
        }
        #expect(driver.store.session.proposedCodes.isEmpty)
    }

    /// A name taken by a sibling is not proposed twice.
    @Test func aSiblingNameIsNotProposedTwice() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("Tab j A Bedreiging Enter Enter")
        #expect(driver.store.session.proposedCodes.isEmpty)
        #expect(driver.screen.contains("Bedreiging already exists there"))
    }
}
