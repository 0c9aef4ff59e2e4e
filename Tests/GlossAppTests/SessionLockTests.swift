import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// One writer per session: a second workbench on the same coder is refused while the first is open.
@Suite struct SessionLockTests {
    @Test func secondDriverOnTheSameCoderIsRefused() throws {
        let demo = try DemoCopy()
        let first = try demo.driver("anouk")
        do {
            _ = try demo.driver("anouk")
            Issue.record("a second driver opened the session of anouk")
        } catch {
            #expect("\(error)".contains("already open"), "\(error)")
            #expect("\(error)".contains("anouk"), "\(error)")
        }
        // Another coder is fine at the same time.
        let other = try demo.driver("bram")
        try other.close()
        // The first one still works and saves.
        first.keys("d")
        try first.close()
        // Once closed, the session opens again, with the change.
        let again = try demo.driver("anouk")
        #expect(again.status("chat-01") == .inProgress)
        try again.close()
    }

    @Test func aNewCoderIsLockedToo() throws {
        let demo = try DemoCopy()
        let first = try demo.driver("tester")
        #expect(throws: (any Error).self) { _ = try demo.driver("tester") }
        try first.close()
        let second = try demo.driver("tester")
        try second.close()
    }
}
