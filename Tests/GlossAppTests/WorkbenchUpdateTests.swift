import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// `Workbench.update` on its own: a key or a result in, state and effects out. No runner runs here, so
/// nothing is written; the test plays the outside world by answering `loadChat` from the project it
/// loaded, and by sending back `persisted` for a `persist`. The clock and ids are the fixed environment's.
@Suite struct WorkbenchUpdateTests {
    /// The workbench's state on a demo copy, built as the driver builds it but with no store.
    struct Bench {
        var state: AppState
        let project: Project
        let demo: DemoCopy
        var effects: [WorkbenchEffect] = []
        /// The session as a store would hold it: `persist` effects are applied here and answered.
        var stored: Session

        init(_ coder: String = "tester", width: Int = 100, height: Int = 30) throws {
            demo = try DemoCopy()
            project = try Project.load(demo.root, useCatalog: false)
            let session = coder == "tester" ? Session(coder: coder, codebookRevision: project.codebook.revision)
                                            : try SessionStore.read(projectRoot: demo.root, coder: coder)
            state = AppState(project: project, session: session, width: width, height: height, environment: .fixed())
            stored = session
            send(.resized(width: width, height: height))
            effects = []
        }

        /// Sends a message; answers the chat reads it asks for, and plays an in-memory store for `persist`.
        mutating func send(_ message: WorkbenchMessage) {
            let out = Workbench.update(&state, message)
            effects += out
            for effect in out {
                switch effect {
                case .loadChat(let id): send(.chatLoaded(try! project.loadChat(id)))
                case .persist(let changes, _) where answersPersist:
                    stored.apply(changes)
                    send(.persisted(changes, session: stored))
                default: break
                }
            }
        }

        /// Whether `persist` effects are answered (off where a test checks the effect itself).
        var answersPersist = true

        mutating func keys(_ script: String) {
            for word in script.split(separator: " ") {
                if let key = Key(name: String(word)) { send(.key(key)) } else { for c in word { send(.key(.char(c))) } }
            }
        }

        /// The effects since the last call.
        mutating func take() -> [WorkbenchEffect] { defer { effects = [] }; return effects }

        func code(_ path: String) throws -> CodeID { try #require(state.hierarchy.resolve(path)) }
    }

    @Test func codingIsAnEffectStampedByTheInjectedClockAndIDs() throws {
        var bench = try Bench()
        bench.answersPersist = false
        let before = try FolderContents(bench.demo.root)
        bench.keys("c bedreig Enter")
        let effects = bench.take()
        guard case .persist(let changes, let label)? = effects.first else { Issue.record("no persist: \(effects)"); return }
        #expect(label == "code chat-01 #1 as Dwangmiddel > Bedreiging")
        guard case .coding(let id, nil, let coding?)? = changes.first else { Issue.record("no new coding: \(changes)"); return }
        #expect(id == CodingID("00000000-0000-0000-0000-000000000001"))
        #expect(coding.created == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(coding.codes == [try bench.code("Dwangmiddel > Bedreiging")])
        // Update wrote nothing: the project's files are as they were.
        #expect(try FolderContents(bench.demo.root) == before)
        // Until the result comes back the session is lent to the store; the result gives it back, and the figures count it.
        #expect(bench.state.session.codingCount == 0)
        var session = Session(coder: "tester", codebookRevision: bench.project.codebook.revision)
        session.apply(changes)
        bench.send(.persisted(changes, session: session))
        #expect(bench.state.session.codingCount == 1)
        #expect(bench.state.index.chats(with: try bench.code("Dwangmiddel")) == 1)
    }

    @Test func anotherChatIsAskedForByAnEffect() throws {
        var bench = try Bench()
        var state = bench.state
        let effects = Workbench.update(&state, .key(.char("}")))
        #expect(effects == [.loadChat("chat-02")])
        #expect(state.chat == nil)
        #expect(state.chatID == "chat-02")
        // Asked once: another key before the answer does not ask again.
        #expect(Workbench.update(&state, .key(.char("j"))) == [])
        _ = Workbench.update(&state, .chatLoaded(try bench.project.loadChat("chat-02")))
        #expect(state.chat?.id == "chat-02")
        bench.state = state
    }

    @Test func countsRepeatMotionsAndDigitsNeverCode() throws {
        var bench = try Bench()
        // With a recent code (the old `1` would apply it), digits are counts and code nothing.
        bench.keys("c bedreig Enter")
        #expect(bench.stored.codingCount == 1)
        bench.keys("3 j")
        #expect(bench.state.cursor == 4)
        bench.keys("1 0 j")
        #expect(bench.state.cursor == 14)
        bench.keys("2 G")
        #expect(bench.state.cursor == 2)
        bench.keys("2 }")
        #expect(bench.state.chat?.id == "chat-03")
        #expect(bench.state.cursor == 1)
        bench.keys("G")
        let last = try #require(bench.state.chat).messages.count
        #expect(bench.state.cursor == last)
        #expect(bench.stored.codingCount == 1, "a digit coded something")
        // A count shows on the status line while it is typed.
        bench.keys("4")
        #expect(WorkbenchView.render(bench.state, theme: .monochrome).text.contains(" NORMAL 4 "))
        // q after a count cancels the count; it does not quit.
        bench.keys("q")
        #expect(bench.state.count == nil)
        #expect(!bench.take().contains(.quit))
    }

    @Test func qAndCtrlCCancelASelectionOrAPendingKeyAndNeverQuit() throws {
        var bench = try Bench()
        for cancel in ["q", "Ctrl-c", "Esc"] {
            bench.keys("V j \(cancel)")
            #expect(bench.state.selection == nil, "\(cancel) left the selection")
            bench.keys("v \(cancel)")
            #expect(bench.state.selection == nil)
            bench.keys("g \(cancel)")
            #expect(bench.state.pendingKeys.isEmpty)
        }
        #expect(!bench.state.quitRequested)
        #expect(!bench.take().contains(.quit))
        // The help closes on Ctrl-c; a prompt drops its text on Ctrl-c and Esc, never quitting.
        bench.keys("? Ctrl-c / abc Ctrl-c : q Esc")
        #expect(bench.state.overlay == nil)
        #expect(!bench.take().contains(.quit))
        bench.keys("q")
        #expect(bench.take() == [.quit])
    }

    @Test func aXAndMActOnTheQuoteUnderTheCursor() throws {
        var bench = try Bench("anouk")
        // Visit the first quote (#5), then move to #7, whose one quote is off the last visited one.
        bench.keys(": chat-01 Enter ] q")
        #expect(bench.state.cursor == 5)
        bench.keys("j j m")
        guard case .prompt(let prompt)? = bench.state.overlay, case .memo(let id) = prompt.purpose else { Issue.record("no memo prompt"); return }
        let atSeven = try #require(bench.state.session.codings(in: "chat-01").first { $0.span.from.message == 7 })
        #expect(id == atSeven.id)
        #expect(prompt.label.hasPrefix("Memo on chat-01 #7 Sleutelfiguren uit het gezin"))
        bench.keys("Esc")
        // On #9 two quotes overlap: m asks which.
        bench.keys("j j m")
        guard case .quoteChoice(let choice)? = bench.state.overlay else { Issue.record("no choice: \(String(describing: bench.state.overlay))"); return }
        #expect(choice.quotes.count == 2)
        bench.keys("Down Enter")
        guard case .prompt(let second)? = bench.state.overlay, case .memo(let secondID) = second.purpose else { Issue.record("no memo prompt"); return }
        #expect(bench.state.session.codings[secondID]?.span.from.offset == 92)
        bench.keys("Esc")
        // Once chosen, it is the current quote: m acts on it at once.
        bench.keys("m")
        guard case .prompt(let again)? = bench.state.overlay, case .memo(secondID) = again.purpose else { Issue.record("m did not keep the choice"); return }
        bench.keys("Esc k x")
        #expect(bench.state.overlay == nil)
        #expect(bench.state.notice?.text == "no quote on message #8: ]q and [q move to one")
    }

    @Test func undoAcrossChatsShowsTheMessageItChanged() throws {
        var bench = try Bench("anouk")
        let coding = try #require(bench.state.session.codings(in: "chat-05").first { $0.span.from.message == 4 })
        let record = JournalRecord(seq: 1, time: Date(timeIntervalSince1970: 0), kind: .do, label: "code chat-05 #4", changes: [.coding(id: coding.id, before: nil, after: coding)])
        bench.send(.historyMoved(undo: false, record: record, session: bench.state.session))
        #expect(bench.state.chat?.id == "chat-05")
        #expect(bench.state.cursor == 4)
        #expect(bench.state.currentQuote == coding.id)
    }

    @Test func aQuietMomentSavesThePlaceOnlyWhenItMoved() throws {
        var bench = try Bench()
        bench.keys("4 j")
        bench.send(.idle)
        let place = WorkbenchPlace(chat: "chat-01", message: 5, topMessage: 1, topLine: 0, recentCodes: [])
        #expect(bench.take() == [.checkpoint, .savePlace(place)])
        bench.send(.placeSaved(place))
        bench.send(.idle)
        #expect(bench.take() == [.checkpoint])
    }

    @Test func aPendingGShowsWhatCanFollow() throws {
        var bench = try Bench()
        bench.keys("g")
        let screen = WorkbenchView.render(bench.state, theme: .monochrome).text
        let status = screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.contains("g… g first message · l chat list"))
        // The which-key box lists every key that can follow, whole.
        for line in ["gg  first message", "gl  chat list", "g/  search every chat"] { #expect(screen.contains(line), "\(line)") }
    }

    @Test func searchAcrossChatsListsMatchesAndNGoesOnIntoTheNextChat() throws {
        var bench = try Bench()
        bench.keys("g /")
        guard case .prompt(let prompt)? = bench.state.overlay, prompt.field.text.isEmpty else { Issue.record("no empty prompt"); return }
        bench.keys("huur Enter")
        #expect(bench.take() == [.searchCorpus("huur")])
        let hits = [CorpusHit(chat: "chat-01", message: 5, offset: 36, length: 4, context: "de huur", contextMatch: 3..<7),
                    CorpusHit(chat: "chat-07", message: 2, offset: 0, length: 4, context: "huur", contextMatch: 0..<4)]
        bench.send(.corpusSearched(pattern: "huur", hits: hits, truncated: false))
        guard case .searchResults(let results)? = bench.state.overlay else { Issue.record("no results"); return }
        #expect(results.hits == hits)
        #expect(WorkbenchView.render(bench.state, theme: .monochrome).text.contains("1 of 2 in 2 chat(s)"))
        bench.keys("Enter")
        #expect(bench.state.chat?.id == "chat-01")
        #expect(bench.state.cursor == 5)
        bench.keys("n")
        #expect(bench.state.chat?.id == "chat-07")
        #expect(bench.state.cursor == 2)
        #expect(bench.state.notice?.text == "match 2 of 2 · chat-07 #2")
        bench.keys("n")
        #expect(bench.state.chat?.id == "chat-01")
        // A count goes on across chats too.
        bench.keys("2 n")
        #expect(bench.state.chat?.id == "chat-01")
        #expect(bench.state.notice?.text == "match 1 of 2 · chat-01 #5")
        bench.keys("3 n")
        #expect(bench.state.chat?.id == "chat-07")
    }

    @Test func aTooSmallScreenNeverQuitsOverTypedText() throws {
        var bench = try Bench()
        bench.keys("m")  // no quote: a notice; open a prompt instead
        bench.keys(": chat-0")
        bench.send(.resized(width: 30, height: 10))
        bench.keys("q")
        #expect(!bench.take().contains(.quit))
        guard case .prompt(let prompt)? = bench.state.overlay else { Issue.record("the prompt went away"); return }
        #expect(prompt.field.text == "chat-0")
        bench.send(.resized(width: 100, height: 30))
        bench.keys("Esc")
        bench.send(.resized(width: 30, height: 10))
        bench.keys("q")
        #expect(bench.take() == [.quit])
    }

    @Test func chatCommandAndTheChatListFindChatsByTitle() throws {
        var bench = try Bench()
        bench.keys(": chat Space telefoon Enter")
        #expect(bench.state.chat?.id == "chat-03")
        bench.keys("g l pleeg")
        #expect(Update.chatListRows(try #require({ if case .chatList(let l)? = bench.state.overlay { return l } else { return nil } }()), bench.state)
                == [3])
        bench.keys("Enter")
        #expect(bench.state.chat?.id == "chat-04")
        // Tab completes a chat id after ":chat ", looked up as typed; the prompt lists what fits.
        bench.keys(": c Tab")
        guard case .prompt(let prompt)? = bench.state.overlay else { Issue.record("no prompt"); return }
        #expect(prompt.field.text == "chat ")
        bench.keys("chat-1")
        #expect(WorkbenchView.render(bench.state, theme: .monochrome).text.contains("Tab: chat chat-10 · chat chat-11 · chat chat-12"))
        bench.keys("Tab Enter")
        #expect(bench.state.chat?.id == "chat-10")
    }
}
