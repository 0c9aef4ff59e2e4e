import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore
import GlossTerminal

/// The comparison's and the review meeting's `update` on their own: keys in, state and effects out, nothing
/// written. Their states are built as the drivers build them (which reads the project), then only
/// `update` runs.
@Suite struct CompareAndReviewUpdateTests {
    static func compareState(_ demo: DemoCopy) throws -> (CompareState, Project) {
        let (state, _) = try CompareScreen.open(projectRoot: demo.root, coders: ["anouk", "bram"], blindFor: nil, width: 120, height: 30)
        return (state, state.project)
    }

    static func send(_ keys: String, _ state: inout CompareState, project: Project) -> [CompareEffect] {
        var out: [CompareEffect] = []
        for word in keys.split(separator: " ") {
            let list: [Key] = Key(name: String(word)).map { [$0] } ?? word.map { .char($0) }
            for key in list {
                let effects = CompareScreen.update(&state, .key(key))
                for case .loadChat(let id) in effects { _ = CompareScreen.update(&state, .chatLoaded(try! project.loadChat(id))) }
                out += effects
            }
        }
        return out
    }

    @Test func compareAsksForItsChatAndMovesWithCounts() throws {
        let demo = try DemoCopy()
        var (state, project) = try Self.compareState(demo)
        // The first key asks for the chat on screen; the answer comes back as a message.
        let first = CompareScreen.update(&state, .resized(width: 120, height: 30))
        #expect(first == [.loadChat("chat-01")])
        _ = CompareScreen.update(&state, .chatLoaded(try project.loadChat("chat-01")))
        #expect(Self.send("3 j", &state, project: project) == [])
        #expect(state.cursor == 4)
        #expect(Self.send("}", &state, project: project) == [.loadChat("chat-02")])
        #expect(state.chat?.id == "chat-02")
        // ] waits for d; the status line says what can follow.
        _ = Self.send("[", &state, project: project)
        #expect(state.pendingKeys == [.char("[")])
        #expect(CompareScreen.view(state, theme: .monochrome).text.contains("[… d previous disagreement"))
        _ = Self.send("d", &state, project: project)
        #expect(state.chat?.id == "chat-01")
        // ? opens the compare keys from the keymap; any key closes them; q closes the comparison.
        _ = Self.send("?", &state, project: project)
        #expect(CompareScreen.view(state, theme: .monochrome).text.contains("next disagreement, across chats"))
        #expect(Self.send("x", &state, project: project) == [])
        #expect(state.help == nil)
        #expect(Self.send("q", &state, project: project) == [.quit])
    }

    @Test func aReviewDecisionIsAnEffectWithTheInjectedClock() throws {
        let demo = try DemoCopy()
        let driver = try ReviewDriver(projectRoot: demo.root, coders: ["anouk", "bram"], into: "consensus", present: ["anouk", "bram"],
                                      width: 100, height: 30, theme: .monochrome, environment: .fixed(start: Date(timeIntervalSince1970: 1_000_000_000)))
        defer { try? driver.close() }
        var state = driver.state
        let before = try FolderContents(demo.root)
        let effects = ReviewScreen.update(&state, .key(.char("b")))
        guard case .decide(let item, let changes, _, let record, nil)? = effects.first, effects.count == 1 else { Issue.record("no decision: \(effects)"); return }
        #expect(item == driver.state.agenda[0].key)
        #expect(record.decision == Review.Decision.takeB.rawValue)
        // The fixed clock started in 2001 and moves a second per reading: the live clock could not give this.
        #expect(record.time >= Date(timeIntervalSince1970: 1_000_000_000) && record.time < Date(timeIntervalSince1970: 1_000_001_000))
        let added = changes.compactMap { change -> Coding? in if case .coding(_, nil, let coding?) = change { return coding } else { return nil } }
        #expect(!added.isEmpty, "taking B's version adds B's quote")
        for coding in added {
            #expect(coding.id.rawValue.hasPrefix("00000000-0000-0000-0000-"), "a new consensus coding takes the injected id")
            #expect(coding.created < Date(timeIntervalSince1970: 1_000_001_000))
        }
        // Nothing was written by update.
        #expect(try FolderContents(demo.root) == before)
        #expect(state.decided.isEmpty)
    }

    @Test func reviewPromptsTypeQAndCancelOnCtrlCWithoutEndingTheMeeting() throws {
        let demo = try DemoCopy()
        let driver = try ReviewDriver(projectRoot: demo.root, coders: ["anouk", "bram"], into: "consensus", present: [],
                                      width: 100, height: 30, theme: .monochrome, environment: .fixed())
        defer { try? driver.close() }
        var state = driver.state
        _ = ReviewScreen.update(&state, .key(.char("n")))
        for c in "quick" { #expect(ReviewScreen.update(&state, .key(.char(c))) == []) }
        guard case .prompt(_, _, let field)? = state.overlay else { Issue.record("no prompt"); return }
        #expect(field.text == "quick")
        #expect(ReviewScreen.update(&state, .key(.ctrl("c"))) == [])
        #expect(state.overlay == nil)
        #expect(!state.quitRequested)
        // The hint bar is the keymap's for a disagreement.
        #expect(ReviewScreen.view(state, theme: .monochrome).text.contains("a A · b B · 2 both · 0 neither · e edit · r rule"))
        #expect(ReviewScreen.update(&state, .key(.char("q"))) == [.quit])
    }

    @Test func reviewHelpScrollsToItsLastLine() throws {
        let demo = try DemoCopy()
        let driver = try ReviewDriver(projectRoot: demo.root, coders: ["anouk", "bram"], into: "consensus", present: [],
                                      width: 100, height: 24, theme: .monochrome, environment: .fixed())
        defer { try? driver.close() }
        driver.send(.char("?"))
        #expect(!driver.render().text.contains("Typing (picker, chat list filter, prompts)"))
        for _ in 0..<60 { driver.send(.char("j")) }
        let screen = driver.render().text
        #expect(screen.contains("Typing (picker, chat list filter, prompts)"), "\(screen)")
        #expect(screen.contains("Review: help"))
        driver.send(.char("x"))
        guard case nil = driver.state.overlay else { Issue.record("the help stayed open"); return }
    }
}
