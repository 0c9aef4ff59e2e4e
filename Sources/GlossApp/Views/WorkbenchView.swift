import GlossAnalysis
import GlossCore
import GlossTerminal

/// `view(state) -> buffer`: the whole screen as a pure function of the state and the theme.
public enum WorkbenchView {
    public static func render(_ state: AppState, theme: Theme) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        if state.privacy { return buffer }
        if state.isTooSmall {
            TooSmallView.render(state, into: &buffer, theme: theme)
            return buffer
        }
        let layout = ScreenLayout(state)
        for pane in state.visiblePanes {
            guard let area = layout.panes[pane] else { continue }
            let focused = state.focus == pane && state.overlay == nil
            let title: String
            switch pane {
            case .transcript: title = "Transcript"
            case .codebook: title = "Codebook"
            case .figures: title = state.provisional == nil ? "Figures" : "Figures · PROVISIONAL"
            }
            buffer.render(Block(title: title, focused: focused, borderStyle: theme.style(focused ? .borderFocused : .border),
                                titleStyle: theme.style(focused ? .titleFocused : .title)), in: area)
        }
        TranscriptView.render(state, layout: layout, into: &buffer, theme: theme)
        if state.visiblePanes.contains(.codebook) { CodebookView.render(state, layout: layout, into: &buffer, theme: theme) }
        if state.visiblePanes.contains(.figures) { FiguresView.render(state, area: layout.figures, into: &buffer, theme: theme) }
        StatusLineView.render(state, area: layout.status, into: &buffer, theme: theme)
        if let overlay = state.overlay { OverlayView.render(overlay, state, into: &buffer, theme: theme) }
        if state.overlay == nil, !state.pendingKeys.isEmpty {
            WhichKey.render(state.pendingKeys, in: Update.contexts(state), above: layout.status, into: &buffer, theme: theme)
        }
        return buffer
    }
}

/// Below 60×16 no screen of Gloss can be read; say so, wrapped to fit even 20×8.
public enum TooSmallView {
    static func render(_ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        render(into: &buffer, theme: theme)
    }

    /// Draws the message when `buffer` is below the minimum size; returns whether it did.
    @discardableResult
    public static func render(into buffer: inout ScreenBuffer, theme: Theme) -> Bool {
        guard buffer.width < AppState.minimumWidth || buffer.height < AppState.minimumHeight else { return false }
        let text = "Terminal too small (needs \(AppState.minimumWidth)×\(AppState.minimumHeight), have \(buffer.width)×\(buffer.height)). Enlarge the window; q quits."
        buffer.render(Paragraph(text, style: theme.style(.statusWarning)), in: buffer.area.inset(buffer.width > 24 ? 1 : 0))
        return true
    }
}
