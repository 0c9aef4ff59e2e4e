import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore
import GlossTerminal

/// The side-by-side comparison (`gloss compare --tui`) of anouk (A) and bram (B) on a private copy of
/// Samples/demo: jumping between disagreements, changing chat, the per-code table, and blind coding.
///
/// In the demo, the first disagreement is in chat-01, message 9: A applied Schuldgevoel aangepraat, B
/// Emotioneel geweld (same parent: "different"). The next one in chat-01 is Gevaar vrezen (only A) on
/// message 13. chat-11 is done by anouk and not started by bram.
@Suite("Compare view (driver)")
struct CompareDriverTests {
    static func open(_ demo: DemoCopy, blindFor: String? = nil) throws -> CompareDriver {
        try CompareDriver(projectRoot: demo.root, coders: ["anouk", "bram"], blindFor: blindFor, width: 120, height: 30, theme: .monochrome)
    }

    static func chatIndex(_ driver: CompareDriver, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        try #require(driver.state.project.index(of: id), "no chat \(id)", sourceLocation: sourceLocation)
    }

    /// `]d` / `[d`.
    static func next(_ driver: CompareDriver) { driver.send(.char("]")); driver.send(.char("d")) }
    static func previous(_ driver: CompareDriver) { driver.send(.char("[")); driver.send(.char("d")) }

    @Test func nextDisagreementGoesToTheFirstDisagreementsChatAndMessage() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        #expect(driver.state.chat?.id == "chat-01")
        #expect(driver.state.cursor == 1)
        Self.next(driver)
        #expect(driver.state.chat?.id == "chat-01")
        #expect(driver.state.cursor == 9)
        let screen = driver.render().text
        let row = rows(of: screen, containing: "▶9 ")
        #expect(row.count == 1, "\(screen)")
        #expect(row.first?.contains("A Schuldgevoel aangepraat") == true, "\(screen)")
        #expect(row.first?.contains("B Emotioneel geweld") == true, "\(screen)")
        #expect(screen.contains("Compare · chat-01 1/12 · A anouk vs B bram"))

        Self.next(driver)
        #expect(driver.state.chat?.id == "chat-01")
        #expect(driver.state.cursor == 13)
        #expect(rows(of: driver.render().text, containing: "▶13 ").first?.contains("A Gevaar vrezen") == true, "\(driver.render().text)")
        Self.previous(driver)
        #expect(driver.state.cursor == 9)
        Self.previous(driver)
        #expect(driver.state.cursor == 9)
        #expect(driver.state.notice?.text == "no disagreement before this one")
    }

    @Test func nextDisagreementCrossesIntoTheNextChatWithOne() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        // Every disagreement of chat-01 in turn, then the first chat after it that has one.
        let chatsWithDisagreements = Set(driver.state.agreement.disagreements.map(\.chat))
        let laterChat = try #require(driver.state.project.chatIDs.first { $0 > "chat-01" && chatsWithDisagreements.contains($0) })
        var visited: [String] = []
        for _ in 0..<40 where driver.state.chat?.id == "chat-01" || visited.isEmpty {
            Self.next(driver)
            visited.append(driver.state.chat?.id ?? "?")
        }
        #expect(visited.last == laterChat)
        #expect(driver.state.chatIndex == (try Self.chatIndex(driver, laterChat)))
        // `[d` goes back into chat-01, to its last disagreement (message 13 or later).
        Self.previous(driver)
        #expect(driver.state.chat?.id == "chat-01")
        #expect(driver.state.cursor >= 13)
    }

    @Test func bracesChangeChat() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        driver.send(.char("j"))
        driver.send(.char("j"))
        #expect(driver.state.cursor == 3)
        driver.send(.char("}"))
        #expect(driver.state.chat?.id == "chat-02")
        #expect(driver.state.cursor == 1, "a new chat opens at its first message")
        #expect(driver.render().text.contains("Compare · chat-02 2/12"))
        driver.send(.char("}"))
        #expect(driver.state.chat?.id == "chat-03")
        driver.send(.char("{"))
        driver.send(.char("{"))
        #expect(driver.state.chat?.id == "chat-01")
        driver.send(.char("{"))
        #expect(driver.state.chat?.id == "chat-01", "no chat before the first")
        for _ in 0..<20 { driver.send(.char("}")) }
        #expect(driver.state.chat?.id == "chat-12", "no chat after the last")
    }

    @Test func tShowsThePerCodeTable() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        #expect(!driver.render().text.contains("Per code"))
        driver.send(.char("t"))
        #expect(driver.state.showTable)
        let screen = driver.render().text
        #expect(screen.contains("Per code (chat × code, 11 pairable chats)"), "\(screen)")
        #expect(screen.contains("n11 n10 n01"), "\(screen)")
        #expect(screen.contains("positive agreement 74 %"), "\(screen)")
        // A row with a disagreement: Schuldgevoel aangepraat (name shortened in the middle) is 3 both, 1 only
        // A, 0 only B, κ 0.79.
        let row = rows(of: screen, containing: "aangepraat")
        #expect(row.contains { compareMatches($0, "│Schuldgevo…aangepraat +3 +1 +0 +0\\.79 ") }, "\(row)")
        // Open, the chat view shows its first message too.
        #expect(screen.contains("▶1 "), "\(screen)")
        driver.send(.char("t"))
        #expect(!driver.state.showTable)
        #expect(!driver.render().text.contains("Per code"))
    }

    @Test func qCloses() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        #expect(driver.send(.char("j")) == .continue)
        #expect(driver.send(.char("q")) == .quit)
    }

    // MARK: Blind coding

    @Test func blindModeKeepsAChatTheCoderHasNotMarkedDoneClosed() throws {
        let demo = try DemoCopy()
        // anouk reopens chat-05: in progress in her own session (written as the workbench would).
        do {
            let project = try Project.load(demo.root)
            let store = try SessionStore(projectRoot: demo.root, coder: "anouk", codebookRevision: project.codebook.revision, create: false)
            #expect(store.session.status(of: "chat-05") == .done)
            try store.perform([.status(chat: "chat-05", before: .done, after: .inProgress)], label: "reopen chat-05")
            try store.close()
        }
        let driver = try Self.open(demo, blindFor: "anouk")
        #expect(!driver.state.agreement.pairable.contains("chat-05"))
        // chat-04 is done for anouk: open as usual.
        for _ in 0..<3 { driver.send(.char("}")) }
        #expect(driver.state.chat?.id == "chat-04")
        #expect(!driver.state.isClosed)
        #expect(!driver.render().text.contains("Blind coding"))
        // chat-05 is not: closed, with the reason and no codes of the other coder.
        driver.send(.char("}"))
        #expect(driver.state.chat?.id == "chat-05")
        #expect(driver.state.isClosed)
        let screen = driver.render().text
        #expect(compareJoined(screen).contains("Blind coding: mark this chat done in your own session before comparing it."), "\(screen)")
        #expect(screen.contains("Not pairable: anouk in progress, bram done"), "\(screen)")
        #expect(!screen.contains("B · bram"), "the closed chat shows the coders' columns:\n\(screen)")
        #expect(!screen.contains("┃= ") && !screen.contains("┃A ") && !screen.contains("┃B "), "the closed chat shows codes:\n\(screen)")
        #expect(!screen.contains("▶1 "), "the closed chat shows its messages:\n\(screen)")
        // Without blind mode the same chat is open.
        let open = try Self.open(demo)
        for _ in 0..<4 { open.send(.char("}")) }
        #expect(open.state.chat?.id == "chat-05")
        #expect(!open.state.isClosed)
        #expect(!open.render().text.contains("Blind coding"))
    }

    @Test func blindForBClosesTheChatBHasNotStarted() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo, blindFor: "bram")
        for _ in 0..<10 { driver.send(.char("}")) }
        #expect(driver.state.chat?.id == "chat-11")
        #expect(driver.state.isClosed)
        #expect(compareJoined(driver.render().text).contains("Blind coding"))
        // For anouk (who marked chat-11 done) it is open.
        let forA = try Self.open(demo, blindFor: "anouk")
        for _ in 0..<10 { forA.send(.char("}")) }
        #expect(forA.state.chat?.id == "chat-11")
        #expect(!forA.state.isClosed)
    }
}

/// Joins the rows of a screen with spaces (a wrapped sentence reads as one).
private func compareJoined(_ screen: String) -> String {
    screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "┃" }).joined(separator: " ")
}

/// Whether `text` contains a match of the regular expression `pattern`.
private func compareMatches(_ text: String, _ pattern: String) -> Bool {
    text.range(of: pattern, options: .regularExpression) != nil
}

/// Effects of the workbench that reach beyond its own session: the comparison opened over it and a shared rename.
@Suite struct WorkbenchSubProgramTests {
    @Test func compareOpensOverTheWorkbenchAndClosesBackToIt() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk", width: 120, height: 30)
        defer { try? driver.close() }
        driver.keys(": compare Space bram Enter")
        let comparison = try #require(driver.comparison)
        #expect(comparison.chat?.id == "chat-01", "the comparison reads its chat through the workbench's runner")
        #expect(driver.screen.contains("Compare · chat-01"))
        driver.keys("] d")
        #expect(driver.comparison?.cursor ?? 0 > 1)
        driver.keys("q")
        #expect(driver.comparison == nil)
        #expect(!driver.state.quitRequested)
        #expect(driver.screen.contains("Transcript"))
    }

    @Test func renamingASharedCodeReachesTheCodebookFileAndTheTree() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        defer { try? driver.close() }
        let id = try driver.code("Dwangmiddel")
        driver.keys("Tab")
        driver.moveTree(to: id)
        driver.keys("r Ctrl-u Dwangmiddelen Enter")
        #expect(driver.state.path(id) == "Dwangmiddelen")
        #expect(driver.screen.contains("renamed to Dwangmiddelen in the shared codebook"))
        let onDisk = try Project.load(demo.root, useCatalog: false)
        #expect(onDisk.codebook.path(of: id) == "Dwangmiddelen")
    }
}
