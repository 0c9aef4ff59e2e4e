import GlossAnalysis
import GlossCore
import GlossTerminal

/// The coder's screen as a program for the one runtime: `update` takes keys and the results of effects,
/// `view` draws transcript, codebook and figures. Keys go to `Update.handle`; this file handles what comes
/// back from the outside world (an action saved or not, an undo, a chat read) and asks for the chat on
/// screen when it is not loaded yet.
public enum Workbench: ScreenProgram {
    public typealias State = AppState

    public static func update(_ state: inout AppState, _ message: WorkbenchMessage) -> [WorkbenchEffect] {
        var effects: [WorkbenchEffect] = []
        switch message {
        case .key(let key):
            if state.comparison != nil {
                effects = comparison(&state, .key(key))
            } else {
                effects = Update.handle(key, &state)
            }
        case .resized(let width, let height):
            Update.resize(&state, width: width, height: height)
            if state.comparison != nil { effects = comparison(&state, .resized(width: width, height: height)) }
        case .idle:
            guard state.readOnly == nil else { break }
            effects.append(.checkpoint)
            if let place = state.place, place != state.savedPlace { effects.append(.savePlace(place)) }
        case .persisted(let changes, let session):
            state.applied(changes, session: session)
            state.saveError = nil
            if let warning = Update.exclusiveWarning(after: changes, state) { state.notice = Notice(text: warning, kind: .warning) }
        case .notSaved(let error, let session):
            state.adopt(session)
            // A read-only workbench refuses rather than fails: it says why, with nothing to save.
            if state.readOnly != nil { state.notice = Notice(text: error, kind: .warning) } else { state.saveError = "NOT SAVED: \(error)" }
        case .historyMoved(let undo, let record, let session):
            state.adopt(session)
            guard let record else {
                state.notice = Notice(text: undo ? "nothing to undo" : "nothing to redo", kind: .info)
                break
            }
            state.applied(record.changes, session: session)
            state.saveError = nil
            state.notice = Notice(text: "\(undo ? "undid" : "redid"): \(record.label)", kind: .info)
            showChange(record.changes, &state)
            Update.syncViewports(&state)
        case .codebookChanged(let codebook, let notice):
            state.replaceCodebook(codebook)
            state.notice = Notice(text: notice, kind: .info)
        case .codebookStepped(let codebook, let session, let notice):
            state.replaceCodebook(codebook, session: session)
            state.saveError = nil
            if !notice.isEmpty { state.notice = Notice(text: notice, kind: .info) }
            if let cursor = state.treeCursor { state.expanded.formUnion(state.hierarchy.ancestors(of: cursor)) }
        case .usesCounted(let id, let uses):
            let total = uses.reduce(0) { $0 + $1.count }
            let counted = uses.filter { $0.count > 0 }.map { "\($0.coder) \($0.count)" }.joined(separator: ", ")
            let label = total == 0 ? "Delete \(state.path(id)) (no coding uses it)? Enter deletes, Esc keeps it: "
                : "Delete \(state.path(id)): \(total) coding(s) use it (\(counted)). Give them to (a code; - drops them): "
            state.overlay = .prompt(PromptState(purpose: .deleteTarget(id, uses: total), label: label, field: TextField()))
        case .configChanged(let config, let notice):
            state.project.config = config
            // Figures on variables are drawn from the case table: a figure added, moved or removed shows at once.
            if state.caseTable != nil { state.refreshVariableFigures() } else if !config.variableFigures.isEmpty { state.refreshCases() }
            if case .figureManager(var manager)? = state.overlay {
                manager.highlighted = min(manager.highlighted, max(0, state.figureManagerRows.count - 1))
                state.overlay = .figureManager(manager)
            }
            state.notice = Notice(text: notice, kind: .info)
        case .failed(let reason):
            state.notice = Notice(text: reason, kind: .error)
        case .chatLoaded(let chat):
            // Only the answer to the request in flight clears it, so a stray answer never leads to asking again.
            if state.requestedChat == chat.id { state.requestedChat = nil }
            guard chat.id == state.chatID else { break }  // the coder moved on meanwhile
            state.chat = chat
            Update.syncViewports(&state)
        case .chatUnreadable(let id, let reason):
            if state.requestedChat == id { state.requestedChat = nil }
            guard id == state.chatID else { break }
            state.chat = nil
            state.unreadableChat = id
            state.notice = Notice(text: reason, kind: .error)
        case .corpusSearched(let pattern, let hits, let truncated):
            guard !hits.isEmpty else {
                state.notice = Notice(text: "not found in any chat: \(pattern)", kind: .warning)
                break
            }
            state.search = SearchState(pattern: pattern, matches: [], corpus: hits)
            state.overlay = .searchResults(SearchResultsState(pattern: pattern, hits: hits, truncated: truncated))
            let chats = Set(hits.map(\.chat)).count
            state.notice = Notice(text: "\(truncated ? "more than " : "")\(hits.count) matches in \(chats) chat(s) for \(pattern)", kind: .info)
        case .checkpointed:
            break
        case .placeSaved(let place):
            state.savedPlace = place
        case .comparisonOpened(var comparison):
            // `:compare` opens on the chat the coder is reading, not on the first disagreement of the corpus.
            if state.project.chatIDs.indices.contains(state.chatIndex) { comparison.chatIndex = state.chatIndex }
            state.comparison = comparison
            effects = self.comparison(&state, .resized(width: state.width, height: state.height))
        case .comparison(let message):
            effects = comparison(&state, message)
        }
        // The chat on screen is read by an effect: ask for it once.
        if let id = state.chatID, state.chat?.id != id, state.requestedChat != id, state.unreadableChat != id {
            state.requestedChat = id
            effects.append(.loadChat(id))
        }
        // The store changes its session in place only when it is the session's one owner: the state lends
        // it until the result comes back (`AppState.applied`).
        if state.readOnly == nil, effects.contains(where: \.writesSession) { state.releaseSession() }
        return effects
    }

    public static func view(_ state: AppState, theme: Theme) -> ScreenBuffer {
        if let comparison = state.comparison { return CompareScreen.view(comparison, theme: theme) }
        return WorkbenchView.render(state, theme: theme)
    }

    public static func key(_ key: Key) -> WorkbenchMessage { .key(key) }
    public static func resized(width: Int, height: Int) -> WorkbenchMessage { .resized(width: width, height: height) }
    public static var idle: WorkbenchMessage { .idle }

    public static func outcome(of effect: WorkbenchEffect) -> ProgramOutcome? {
        switch effect {
        case .quit: return .quit
        case .suspend: return .suspend
        default: return nil
        }
    }

    /// After an undo or redo, show where it happened: its chat, its message and its quote, as a coder
    /// expects after undoing across chats.
    static func showChange(_ changes: [SessionChange], _ state: inout AppState) {
        let place = changes.lazy.compactMap { change -> (chat: String, message: Int?, quote: CodingID?)? in
            switch change {
            case .coding(let id, let before, let after):
                guard let coding = after ?? before else { return nil }
                return (coding.chat, coding.span.from.message, after == nil ? nil : id)
            case .status(let chat, _, _), .attribute(let chat, _, _, _): return (chat, nil, nil)
            case .proposal, .seen: return nil
            }
        }.first
        guard let place, let index = state.project.index(of: place.chat) else { return }
        if place.chat != state.chatID { Update.openChat(index, &state) }
        if let message = place.message { state.cursor = message }
        if let quote = place.quote { state.currentQuote = quote }
    }

    /// Passes a message to the comparison open over the workbench; closes it when it asks to quit.
    static func comparison(_ state: inout AppState, _ message: CompareMessage) -> [WorkbenchEffect] {
        guard var comparison = state.comparison else { return [] }
        let effects = CompareScreen.update(&comparison, message)
        state.comparison = comparison
        var out: [WorkbenchEffect] = []
        for effect in effects {
            switch effect {
            case .quit: state.comparison = nil  // closing the comparison goes back to the workbench
            case .suspend: out.append(.suspend)
            default: out.append(.comparison(effect))
            }
        }
        return out
    }
}

extension WorkbenchEffect {
    /// Effects the store runs on the session: the state lends its session for them.
    var writesSession: Bool {
        switch self {
        case .persist, .undo, .redo, .codebook, .renameCode: return true
        default: return false
        }
    }
}
