import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// The chat status: `d` marks done and back, coding starts a chat, and looking changes nothing.
@Suite struct ChatStatusTests {
    @Test func doneTogglesFromNotStartedAndBackToInProgress() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        #expect(driver.status("chat-01") == .notStarted)
        driver.keys("d")                           // done with no codes is a real answer
        #expect(driver.status("chat-01") == .done)
        #expect(driver.store.session.codingCount == 0)
        #expect(driver.screen.contains("1/12 · done"))
        driver.keys("d")                           // done → in progress, never back to not started
        #expect(driver.status("chat-01") == .inProgress)
        #expect(driver.screen.contains("1/12 · in progress"))
        driver.keys("d")
        #expect(driver.status("chat-01") == .done)
        try driver.close()
        #expect(try demo.sessionOnDisk("tester").status(of: "chat-01") == .done)
        // Done with no codes: the CSV has a row with only the chat.
        #expect(try demo.csv("tester").split(separator: "\n").contains("chat-01,,,,,,,,"))
    }

    @Test func doneOnAnExistingSession() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        #expect(driver.status("chat-01") == .done)
        driver.keys("d")
        #expect(driver.status("chat-01") == .inProgress)
        driver.keys("g l")
        #expect(rows(of: driver.screen, containing: "chat-01").first?.contains("in progress") == true)
    }

    /// Every way of looking around, and nothing is journalled: no codings, no statuses, no undo history.
    @Test func merelyLookingChangesNothing() throws {
        for coder in ["tester", "anouk"] {
            let demo = try DemoCopy()
            let before = coder == "tester" ? Session(coder: coder) : try demo.sessionOnDisk(coder)
            let driver = try demo.driver(coder)
            driver.keys("j j k G g g } } { ] q [ q / thuis Enter n N Esc v w e Esc V j Esc")
            driver.keys("g l j j Esc g l Tab Tab Esc : 3 Enter : 1 Enter ? j k Esc F F")
            driver.keys("Tab j j l l h h z a z R z M g q Esc Tab")
            driver.send(.ctrl("b"))
            driver.keys("x")
            driver.resize(width: 130, height: 40)
            driver.send(.resize)
            driver.resize(width: 100, height: 30)
            _ = driver.render()
            #expect(driver.store.session == before, "\(coder): looking changed the session")
            #expect(driver.store.pendingRecords == 0, "\(coder): looking wrote to the journal")
            #expect(driver.store.canUndo == false, "\(coder): looking made something to undo")
            #expect(driver.state.saveError == nil)
            try driver.close()
            let after = try demo.sessionOnDisk(coder)
            #expect(after == before, "\(coder): the session on disk changed")
            for chat in driver.state.project.chatIDs {
                #expect(after.status(of: chat) == before.status(of: chat))
            }
        }
    }

    /// Opening a chat that was not started leaves it not started; only coding or `d` changes that.
    @Test func openingAChatDoesNotStartIt() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("bram")
        #expect(driver.state.chat?.id == "chat-11")
        driver.keys("j j j } {")
        #expect(driver.status("chat-11") == .notStarted)
        driver.keys("c bedreig Enter")
        #expect(driver.status("chat-11") == .inProgress)
    }
}

/// A coder who works for hours comes back to where they stopped.
@Suite struct ResumePositionTests {
    @Test func reopeningReturnsToTheChatAndMessageOfTheLastClose() throws {
        let demo = try DemoCopy()
        let first = try demo.driver("anouk")
        first.send(Key.typing(":3"))
        first.send(.enter)
        first.send([.char("j"), .char("j"), .char("j")])
        #expect(first.state.chat?.id == "chat-03")
        #expect(first.state.cursor == 4)
        try first.close()
        let second = try demo.driver("anouk")
        defer { try? second.close() }
        #expect(second.state.chat?.id == "chat-03")
        #expect(second.state.cursor == 4)
    }
}
