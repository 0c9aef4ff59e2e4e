import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// `u` and `Ctrl-r`: unlimited, across chats, and across restarts (the history lives in the journal).
@Suite struct UndoRedoTests {
    @Test func undoAndRedoAcrossTwoChats() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c bedreig Enter")               // chat-01 #1
        driver.keys("} c armoede Enter")             // chat-02 #1
        #expect(driver.state.chat?.id == "chat-02")
        #expect(driver.store.session.codingCount == 2)
        #expect(driver.status("chat-02") == .inProgress)

        driver.keys("u")
        #expect(driver.store.session.codings(in: "chat-02").isEmpty)
        #expect(driver.status("chat-02") == .notStarted)  // coding and status were one action
        #expect(driver.store.session.codings(in: "chat-01").count == 1)
        #expect(driver.state.notice?.text == "undid: code chat-02 #1 as Risicofactoren > Armoede/lage SES")
        #expect(driver.screen.contains("undid: code chat-02 #1"))

        // The next undo is in chat-01: the workbench goes there to show it.
        driver.keys("u")
        #expect(driver.state.chat?.id == "chat-01")
        #expect(driver.store.session.codingCount == 0)
        #expect(driver.status("chat-01") == .notStarted)
        driver.keys("u")
        #expect(driver.screen.contains("nothing to undo"))

        driver.send(.ctrl("r"))
        #expect(driver.store.session.codings(in: "chat-01").count == 1)
        #expect(driver.status("chat-01") == .inProgress)
        #expect(driver.state.notice?.text == "redid: code chat-01 #1 as Dwangmiddel > Bedreiging")
        driver.send(.ctrl("r"))
        #expect(driver.state.chat?.id == "chat-02")
        #expect(driver.store.session.codings(in: "chat-02").count == 1)
        driver.send(.ctrl("r"))
        #expect(driver.screen.contains("nothing to redo"))
        #expect(driver.store.session.codingCount == 2)
    }

    /// Closing and reopening the session keeps both stacks: what was undone can be redone in the next run,
    /// and the run after that can undo it again.
    @Test func historySurvivesClosingTheWorkbench() throws {
        let demo = try DemoCopy()
        do {
            let driver = try demo.driver()
            driver.keys("c bedreig Enter } c armoede Enter j c moeder Enter")
            #expect(driver.store.session.codingCount == 3)
            driver.keys("u")                          // takes back chat-02 #2 (Moeder)
            #expect(driver.store.session.codingCount == 2)
            try driver.close()
        }
        #expect(try demo.sessionOnDisk("tester").codingCount == 2)

        do {
            let driver = try demo.driver()
            #expect(driver.store.session.codingCount == 2)
            driver.send(.ctrl("r"))                   // redo across the restart
            #expect(driver.store.session.codingCount == 3)
            #expect(driver.state.chat?.id == "chat-02")
            let moeder = try driver.code("Pleger > Moeder")
            #expect(driver.store.session.codings(in: "chat-02").contains { $0.codes == [moeder] && $0.span.from.message == 2 })
            driver.keys("u u")                        // Moeder, then chat-02 #1
            #expect(driver.store.session.codingCount == 1)
            try driver.close()
        }

        do {
            let driver = try demo.driver()
            #expect(driver.store.session.codingCount == 1)
            driver.keys("u")                          // chat-01 #1, made two runs ago
            #expect(driver.store.session.codingCount == 0)
            #expect(driver.status("chat-01") == .notStarted)
            driver.keys("u")
            #expect(driver.screen.contains("nothing to undo"))
            driver.send(.ctrl("r"))
            driver.send(.ctrl("r"))
            #expect(driver.store.session.codingCount == 2)
            try driver.close()
        }
        let final = try demo.sessionOnDisk("tester")
        #expect(final.codingCount == 2)
        #expect(final.status(of: "chat-01") == .inProgress)
        #expect(final.status(of: "chat-02") == .inProgress)
    }

    /// A new action after an undo clears the redo stack (the usual rule).
    @Test func aNewActionClearsRedo() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c bedreig Enter u j c armoede Enter")
        driver.send(.ctrl("r"))
        #expect(driver.screen.contains("nothing to redo"))
        let codings = driver.store.session.codings(in: "chat-01")
        #expect(codings.count == 1)
        #expect(codings.first?.span.from.message == 2)
    }

    /// Undo covers relations, memos, done marks and proposals too, one action at a time.
    @Test func undoTakesBackEachKindOfAction() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c bedreig Enter a armoede Enter verband Enter m notitie Enter d")
        var coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.relation == "verband")
        #expect(coding.memo == "notitie")
        #expect(driver.status("chat-01") == .done)
        driver.keys("u")
        #expect(driver.status("chat-01") == .inProgress)
        driver.keys("u")
        coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.memo == nil)
        #expect(coding.relation == "verband")
        driver.keys("u")
        coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.relation == nil)
        #expect(coding.codes.count == 2)
        driver.keys("u")
        coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.codes.count == 1)
        driver.keys("u")
        #expect(driver.store.session.codingCount == 0)
    }
}
