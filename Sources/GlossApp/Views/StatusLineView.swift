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
        case .help?: return "HELP"
        case nil: break
        }
        switch state.selection {
        case .lines?: return "V-LINE"
        case .characters?: return "VISUAL"
        case nil: return "NORMAL"
        }
    }

    static func hint(_ state: AppState) -> String {
        switch state.overlay {
        case .picker?: return "type to filter · Enter apply · Esc cancel"
        case .prompt?: return "Enter confirm · Esc cancel"
        case .chatList?: return "Enter open · Tab filter · Esc close"
        case .codeView?: return "Enter jump · Esc close"
        case .help?: return "j/k scroll · any key closes"
        case nil: break
        }
        if state.selection != nil { return "c code · o swap · Esc cancel" }
        switch state.focus {
        case .transcript: return "c code · V/v select · ]q quote · a add · d done · u undo · ? help"
        case .codebook: return "Enter open/apply · h/l fold · gq quotes · A propose · ? help"
        case .figures: return "j/k scroll · Tab focus · ? help"
        }
    }

    static func render(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let bar = theme.style(.statusBar)
        buffer.fill(area, style: bar)
        var x = area.x
        let pending = state.pendingKeys.isEmpty ? "" : " " + Binding.name(state.pendingKeys)
        x = buffer.write(" \(mode(state))\(pending) ", x: x, y: area.y, style: theme.style(.statusKey).adding(theme.useColor ? [] : .reverse), clip: area)
        if let chat = state.chat {
            x = buffer.write(" \(chat.id) \(state.chatIndex + 1)/\(state.project.chatCount) \(state.session.status(of: chat.id).label) ", x: x, y: area.y, style: bar, clip: area)
        }
        x = buffer.write("│ \(state.coder)\(state.blind ? " (blind)" : "") ", x: x, y: area.y, style: bar, clip: area)
        let recents = state.recentCodes.prefix(3).enumerated().map { "\($0.offset + 1) \(state.name($0.element))" }.joined(separator: "  ")
        let right = state.readOnly != nil ? "READ-ONLY" : state.saveError == nil ? "saved" : "NOT SAVED"
        let rightStyle = state.saveError == nil && state.readOnly == nil ? bar : theme.style(.statusWarning)
        let rightX = area.maxX - right.count - 1
        var middle: String
        var middleStyle = bar
        if let notice = state.notice {
            middle = notice.text
            middleStyle = notice.kind == .info ? bar : theme.style(.statusWarning)
        } else {
            middle = recents.isEmpty ? hint(state) : "│ \(recents) │ \(hint(state))"
        }
        if let error = state.saveError { middle = error; middleStyle = theme.style(.statusWarning) }
        let room = max(0, rightX - x - 1)
        buffer.write(TextFitting.end(middle, room), x: x, y: area.y, style: middleStyle, clip: area)
        buffer.write(right, x: rightX, y: area.y, style: rightStyle, clip: area)
    }
}
