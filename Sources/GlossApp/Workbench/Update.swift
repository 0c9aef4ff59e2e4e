import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The workbench's logic: a key in, the state changed, effects out. No I/O happens here (the driver runs
/// the effects), so every key sequence can be tested by feeding keys and reading the screen buffer.
public enum Update {
    /// Handles one key.
    public static func handle(_ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        if key == .resize { return [] }
        if state.privacy {
            state.privacy = false  // the key that brings the screen back does nothing else
            return []
        }
        // Privacy works everywhere, over any list or prompt: its binding is looked up before the overlay's.
        let everywhere = Keymap.match([key], in: [.global])
        if everywhere == .action(.privacy) {
            state.privacy = true
            state.pendingKeys = []
            return []
        }
        if state.isTooSmall {
            // Nothing can be seen, so nothing is done blind: only quitting and suspending work until the
            // terminal is large enough again (the screen says "q quits").
            state.pendingKeys = []
            // Quitting never drops typed text: with a prompt or a picker open, the screen must grow first.
            if case .action(.quit) = everywhere, state.hasTypedText { return [] }
            switch everywhere {
            case .action(.quit):
                state.quitRequested = true
                return [.quit]
            case .action(.suspend): return [.suspend]
            default: return []
            }
        }
        state.notice = nil
        let effects: [WorkbenchEffect]
        if let overlay = state.overlay {
            effects = handleOverlay(overlay, key, &state)
        } else {
            effects = handleNormal(key, &state)
        }
        syncViewports(&state)
        return effects
    }

    /// The terminal changed size.
    public static func resize(_ state: inout AppState, width: Int, height: Int) {
        state.width = width
        state.height = height
        // A pane that no longer fits (the figures below 120 columns) gives the focus back to the transcript.
        if !state.visiblePanes.contains(state.focus) { state.focus = .transcript }
        syncViewports(&state)
    }

    /// Contexts that apply now, most specific first: the open overlay's alone, or the focused pane's, then
    /// the keys that work everywhere.
    static func contexts(_ state: AppState) -> [KeyContext] {
        switch state.overlay {
        case .picker?: return [.picker]
        case .prompt?: return [.prompt]
        case .chatList?: return [.chatList]
        case .codeView?: return [.codeView]
        case .searchResults?: return [.searchResults]
        case .quoteChoice?: return [.quoteChoice]
        case .caseSheet?: return [.caseSheet]
        case .figureManager?: return [.figureManager]
        case .help?: return [.help]
        case nil: break
        }
        switch state.focus {
        case .transcript: return state.selection != nil ? [.selection, .transcript, .global] : [.transcript, .global]
        case .codebook: return [.codebook, .global]
        case .figures: return [.figures, .global]
        }
    }

    /// The most a count can be: enough for any chat, small enough that a mistyped count costs nothing.
    static let maximumCount = 9_999

    static func handleNormal(_ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        if case .click(let x, let y) = key {
            click(x: x, y: y, &state)
            return []
        }
        if key == .scrollDown || key == .scrollUp {
            return perform(key == .scrollDown ? .moveDown : .moveUp, &state)
        }
        // `0` continues a count once one has begun (`10j`); on its own it is the selection's line start.
        if key == .char("0"), let count = state.count, state.pendingKeys.isEmpty {
            state.count = min(maximumCount, count * 10)
            return []
        }
        let keys = state.pendingKeys + [key]
        switch Keymap.match(keys, in: contexts(state)) {
        case .prefix:
            state.pendingKeys = keys
            return []
        case .action(.count(let digit)):
            state.pendingKeys = []
            state.count = min(maximumCount, (state.count ?? 0) * 10 + digit)
            return []
        case .action(let action):
            state.pendingKeys = []
            let count = state.count
            state.count = nil
            if count != nil, action == .quit {
                return []  // q after a count cancels the count, as Esc does; it never quits with keys pending
            }
            return perform(action, count: count, &state)
        case .none:
            let hadPending = !state.pendingKeys.isEmpty || state.count != nil
            state.pendingKeys = []
            state.count = nil
            // The quit keys after a pending prefix cancel it (`g` then `q` in the transcript).
            if hadPending, Keymap.match([key], in: [.global]) == .action(.quit) { return [] }
            state.notice = Notice(text: "\(Binding.name(keys)) does nothing here; ? shows the keys", kind: .warning)
            return []
        }
    }

    /// Carries out an action `count` times where a count means "that many" (motions), or once; `gg` and
    /// `G` with a count go to that message, as in vim.
    static func perform(_ action: Action, count: Int?, _ state: inout AppState) -> [WorkbenchEffect] {
        guard let count, count > 1 || action == .top || action == .bottom else { return perform(action, &state) }
        switch action {
        case .top, .bottom:
            if state.focus == .transcript {
                guard let chat = state.chat else { return [] }
                state.cursor = max(1, min(chat.messages.count, count))
                if case .characters = state.selection { state.selection = nil }
                return []
            }
            return perform(action, &state)
        case .nextChat, .previousChat:
            openChat(state.chatIndex + (action == .nextChat ? count : -count), &state)
            return []
        case .searchNext, .searchPrevious:
            // Across chats the next match may be in a chat not read yet: the jumps need only positions.
            for _ in 0..<count { jumpToMatch(forward: action == .searchNext, &state) }
            return []
        case .moveDown, .moveUp, .halfPageDown, .halfPageUp, .nextQuote, .previousQuote,
             .wordForward, .wordBackward, .wordEnd, .charLeft, .charRight:
            var effects: [WorkbenchEffect] = []
            for _ in 0..<count { effects += perform(action, &state) }
            return effects
        default:
            return perform(action, &state)
        }
    }

    /// Carries out an action in the panes (no overlay open).
    static func perform(_ action: Action, _ state: inout AppState) -> [WorkbenchEffect] {
        if state.readOnly != nil, action.changesProject {
            state.notice = readOnlyNotice(state)
            return []
        }
        switch action {
        case .quit:
            state.quitRequested = true
            return [.quit]
        case .suspend: return [.suspend]
        case .privacy:
            state.privacy = true
            return []
        case .help:
            state.overlay = .help(scroll: 0)
            return []
        case .undo: return [.undo]
        case .redo: return [.redo]
        case .focusNext, .focusPrevious:
            let panes = state.visiblePanes
            let index = panes.firstIndex(of: state.focus) ?? 0
            state.focus = panes[(index + (action == .focusNext ? 1 : panes.count - 1)) % panes.count]
            return []
        case .toggleFigures:
            state.figuresInsteadOfCodebook.toggle()
            if !state.visiblePanes.contains(state.focus) { state.focus = state.visiblePanes.last ?? .transcript }
            if state.isWide { state.notice = Notice(text: "the figures are always shown from 120 columns", kind: .info) }
            return []
        case .nextChat: openChat(state.chatIndex + 1, &state); return []
        case .previousChat: openChat(state.chatIndex - 1, &state); return []
        case .promptCommand:
            state.overlay = .prompt(PromptState(purpose: .command, label: ":", field: TextField()))
            return []
        case .chatList:
            state.overlay = .chatList(ChatListState(filter: .all, highlighted: state.chatIndex))
            return []
        case .searchAll:
            state.overlay = .prompt(PromptState(purpose: .searchAll, label: "search every chat: ", field: TextField()))
            return []
        case .caseSheet: return openCaseSheet(&state)
        case .figureManager: return openFigureManager(&state)
        case .toggleDone: return toggleDone(&state)
        case .recentCode(let number): return applyRecent(number, &state)
        default:
            switch state.focus {
            case .transcript: return performInTranscript(action, &state)
            case .codebook: return performInTree(action, &state)
            case .figures:
                if action == .moveDown { state.figuresTop += 1 }
                if action == .moveUp { state.figuresTop = max(0, state.figuresTop - 1) }
                return []
            }
        }
    }

    /// The mouse is optional: a click focuses the pane under it, picks the code under it in the tree, or
    /// puts the cursor on the message under it in the transcript.
    static func click(x: Int, y: Int, _ state: inout AppState) {
        state.pendingKeys = []
        let layout = ScreenLayout(state)
        guard let pane = state.visiblePanes.first(where: { layout.panes[$0].map { x >= $0.x && x < $0.maxX && y >= $0.y && y < $0.maxY } ?? false }) else { return }
        state.focus = pane
        if pane == .codebook, y >= layout.tree.y, y < layout.tree.maxY {
            let rows = TreeRows.rows(state)
            let index = state.treeTop + (y - layout.tree.y)
            if rows.indices.contains(index) { state.treeCursor = rows[index].id }
        }
        if pane == .transcript, y >= layout.messages.y, y < layout.messages.maxY, let chat = state.chat {
            // Walk the messages on screen to the clicked row.
            let width = TranscriptLayout.textWidth(paneWidth: layout.messages.width)
            var row = layout.messages.y - state.topLine
            var number = state.topMessage
            while number <= chat.messages.count {
                let height = TranscriptLayout.height(of: chat.messages[number - 1], chat: chat.id, number: number, width: width)
                if y < row + height { state.cursor = number; break }
                row += height
                number += 1
            }
        }
    }

    /// What a read-only workbench says when asked to change something.
    static func readOnlyNotice(_ state: AppState) -> Notice {
        Notice(text: "read-only: nothing can be changed here (\(state.readOnly ?? "the project cannot be written"))", kind: .warning)
    }

    // MARK: Chats

    static func openChat(_ index: Int, _ state: inout AppState) {
        guard state.project.chatCount > 0 else { return }
        let clamped = max(0, min(state.project.chatCount - 1, index))
        if clamped != index {
            state.notice = Notice(text: index < 0 ? "this is the first chat" : "this is the last chat", kind: .info)
            return
        }
        if clamped != state.chatIndex || state.chat == nil {
            state.chatIndex = clamped
            state.chat = nil
            state.unreadableChat = nil
        }
        state.cursor = 1
        state.topMessage = 1
        state.topLine = 0
        state.selection = nil
        state.currentQuote = nil
        state.search = nil
    }

    static func toggleDone(_ state: inout AppState) -> [WorkbenchEffect] {
        guard let chat = state.chat else { return [] }
        let before = state.session.status(of: chat.id)
        let after: ChatStatus = before == .done ? .inProgress : .done
        return [.persist([.status(chat: chat.id, before: before, after: after)], label: "mark \(chat.id) \(after.label)")]
    }

    // MARK: Viewports

    /// Keeps the transcript cursor, the tree cursor and scroll offsets on screen.
    static func syncViewports(_ state: inout AppState) {
        guard let chat = state.chat, !chat.messages.isEmpty else { return }
        state.cursor = max(1, min(chat.messages.count, state.cursor))
        let layout = ScreenLayout(state)
        let rows = max(1, layout.messages.height)
        let width = TranscriptLayout.textWidth(paneWidth: layout.messages.width)
        func height(_ n: Int) -> Int { TranscriptLayout.height(of: chat.messages[n - 1], chat: chat.id, number: n, width: width) }
        state.topMessage = max(1, min(chat.messages.count, state.topMessage))
        state.topLine = max(0, min(height(state.topMessage) - 1, state.topLine))
        if state.cursor < state.topMessage || (state.cursor == state.topMessage && state.topLine > 0) {
            state.topMessage = state.cursor
            state.topLine = 0
        } else {
            // Rows from the top of the screen to the end of the cursor message.
            var used = height(state.topMessage) - state.topLine
            var n = state.topMessage
            while n < state.cursor { n += 1; used += height(n) }
            if used > rows {
                // Scroll so the cursor message ends on the last row (or starts on the first, if taller).
                let cursorHeight = height(state.cursor)
                if cursorHeight >= rows {
                    state.topMessage = state.cursor
                    state.topLine = 0
                } else {
                    var top = state.cursor
                    var total = cursorHeight
                    while top > 1 && total + height(top - 1) <= rows { top -= 1; total += height(top) }
                    let spare = rows - total
                    if top > 1 && spare > 0 {
                        state.topMessage = top - 1
                        state.topLine = height(top - 1) - spare
                    } else {
                        state.topMessage = top
                        state.topLine = 0
                    }
                }
            }
        }
        syncTree(&state, rows: max(1, layout.tree.height))
    }

    static func syncTree(_ state: inout AppState, rows: Int) {
        let visible = TreeRows.rows(state)
        guard !visible.isEmpty else { return }
        if state.treeCursor == nil || !visible.contains(where: { $0.id == state.treeCursor }) {
            // The cursor's code was folded away: move to its nearest visible ancestor.
            let ancestors = state.treeCursor.map { state.hierarchy.ancestors(of: $0) } ?? []
            state.treeCursor = ancestors.first { id in visible.contains { $0.id == id } } ?? visible[0].id
        }
        let index = visible.firstIndex { $0.id == state.treeCursor } ?? 0
        if index < state.treeTop { state.treeTop = index }
        if index >= state.treeTop + rows { state.treeTop = index - rows + 1 }
        state.treeTop = max(0, min(state.treeTop, max(0, visible.count - rows)))
    }
}
