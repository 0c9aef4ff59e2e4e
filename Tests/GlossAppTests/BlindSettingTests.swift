import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Issue 14: blind coding was opt-in per launch (a coder who opened without `--blind` saw everything); it is a
/// project setting now (`project.json` "blind": true). And `:compare B` opened on the corpus's first
/// disagreement (chat-01 on the demo) instead of the chat the coder was reading.
@Suite("Blind coding as a project setting; :compare on the current chat")
struct BlindSettingTests {
    /// `:compare B` typed in the workbench.
    static func compare(_ driver: AppDriver, with other: String) {
        driver.send(.char(":"))
        driver.send(Key.typing("compare \(other)"))
        driver.send(.enter)
    }

    /// `:chat-05`: straight to a chat.
    static func go(_ driver: AppDriver, to chat: String) {
        driver.send(.char(":"))
        driver.send(Key.typing(chat))
        driver.send(.enter)
    }

    /// anouk reopens chat-05 (in progress, as the workbench would write it).
    static func reopenChat05(_ demo: DemoCopy) throws {
        let project = try Project.load(demo.root)
        let store = try SessionStore(projectRoot: demo.root, coder: "anouk", codebookRevision: project.codebook.revision, create: false)
        try store.perform([.status(chat: "chat-05", before: .done, after: .inProgress)], label: "reopen chat-05")
        try store.close()
    }

    @Test func theProjectSettingKeepsTheComparisonClosedWithoutTheLaunchFlag() throws {
        let demo = try DemoCopy()
        try Self.reopenChat05(demo)
        var project = try Project.load(demo.root)
        try project.changeConfig(by: "test", kind: .setting) { config, _ in
            config.blind = true
            return ("blind coding", nil, "off", "on")
        }
        #expect(try Project.load(demo.root).config.blind)

        // No `blind:` at launch: the project's setting holds.
        let driver = try AppDriver(projectRoot: demo.root, coder: "anouk", width: 120, height: 30, theme: .monochrome)
        #expect(driver.state.blind)
        Self.go(driver, to: "chat-05")
        #expect(driver.state.chatID == "chat-05")
        Self.compare(driver, with: "bram")
        let comparison = try #require(driver.comparison, "\(driver.state.notice?.text ?? "")")
        #expect(comparison.chatID == "chat-05", ":compare opens on the chat being read")
        #expect(comparison.isClosed, "blind coding (the project's setting) keeps a chat anouk has not marked done closed")
        #expect(driver.store.session.seen["chat-05"] == nil, "a closed chat showed nothing: no seen mark")
        try driver.close()
    }

    @Test func compareOpensOnTheCurrentChat() throws {
        let demo = try DemoCopy()
        let driver = try AppDriver(projectRoot: demo.root, coder: "anouk", width: 120, height: 30, theme: .monochrome)
        #expect(!driver.state.blind)
        Self.go(driver, to: "chat-03")
        #expect(driver.state.chatID == "chat-03")
        Self.compare(driver, with: "bram")
        let comparison = try #require(driver.comparison, "\(driver.state.notice?.text ?? "")")
        #expect(comparison.chatID == "chat-03")
        try driver.close()
    }
}
