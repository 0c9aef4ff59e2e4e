import GlossCore
import GlossTerminal

/// The bottom line: mode, pending keys, chat k/N and its status, coder, recent codes, save state, and a
/// short hint for the focused pane (lazygit's bottom bar). A notice replaces the hint while it is fresh.
enum StatusLineView {
    static func mode(_ state: AppState) -> String {
        switch state.overlay {
        case .picker?: return "PICK"
        case .prompt?: return "INPUT"
        case .chatList?: return "CHATS"
        case .codeView?: return "QUOTES"
        case .searchResults?: return "FOUND"
        case .quoteChoice?: return "WHICH"
        case .caseSheet?: return "CASE"
        case .figureManager?: return "FIGURES"
        case .help?: return "HELP"
        case nil: break
        }
        switch state.selection {
        case .lines?: return "V-LINE"
        case .characters?: return "VISUAL"
        case nil: return "NORMAL"
        }
    }

    /// The hint bar: the keymap's hints for the contexts in force (lazygit's bottom bar), or, after a
    /// prefix key, what can follow it (which-key).
    static func hint(_ state: AppState) -> String {
        if !state.pendingKeys.isEmpty { return WhichKey.line(state.pendingKeys, in: Update.contexts(state)) }
        return Keymap.hints(for: Update.contexts(state))
    }

    static func render(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let bar = theme.style(.statusBar)
        buffer.fill(area, style: bar)
        var x = area.x
        let typed = (state.count.map(String.init) ?? "") + Binding.name(state.pendingKeys)
        let pending = typed.isEmpty ? "" : " " + typed
        x = buffer.write(" \(mode(state))\(pending) ", x: x, y: area.y, style: theme.style(.statusKey).adding(theme.useColor ? [] : .reverse), clip: area)
        if let chat = state.chat {
            x = buffer.write(" \(chat.id) \(state.chatIndex + 1)/\(state.project.chatCount) \(state.session.status(of: chat.id).label) ", x: x, y: area.y, style: bar, clip: area)
        }
        x = buffer.write("│ \(state.coder)\(state.blind ? " (blind)" : "") ", x: x, y: area.y, style: bar, clip: area)
        let recents = state.recentCodes.prefix(3).enumerated().map { "'\($0.offset + 1) \(TextFitting.end(state.name($0.element), 14))" }.joined(separator: " ")
        let right = state.readOnly != nil ? "READ-ONLY" : state.saveError == nil ? "saved" : "NOT SAVED"
        let rightStyle = state.saveError == nil && state.readOnly == nil ? bar : theme.style(.statusWarning)
        let rightX = area.maxX - right.count - 1
        var middle: String
        var middleStyle = bar
        if let notice = state.notice {
            middle = notice.text
            middleStyle = notice.kind == .info ? bar : theme.style(.statusWarning)
        } else {
            // The hints come first: recent codes take only the room left after them.
            middle = hint(state)
            if !recents.isEmpty, state.pendingKeys.isEmpty, state.overlay == nil {
                let room = max(0, rightX - x - 1) - DisplayWidth.of(middle) - 3
                if room >= 12 { middle += " │ " + TextFitting.end(recents, room) }
            }
        }
        if let error = state.saveError { middle = error; middleStyle = theme.style(.statusWarning) }
        let room = max(0, rightX - x - 1)
        buffer.write(TextFitting.end(middle, room), x: x, y: area.y, style: middleStyle, clip: area)
        buffer.write(right, x: rightX, y: area.y, style: rightStyle, clip: area)
    }
}
