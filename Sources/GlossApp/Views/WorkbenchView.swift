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
            case .figures: title = "Figures"
            }
            buffer.render(Block(title: title, focused: focused, borderStyle: theme.style(focused ? .borderFocused : .border),
                                titleStyle: theme.style(focused ? .titleFocused : .title)), in: area)
        }
        TranscriptView.render(state, layout: layout, into: &buffer, theme: theme)
        if state.visiblePanes.contains(.codebook) { CodebookView.render(state, layout: layout, into: &buffer, theme: theme) }
        if state.visiblePanes.contains(.figures) { FiguresView.render(state, area: layout.figures, into: &buffer, theme: theme) }
        StatusLineView.render(state, area: layout.status, into: &buffer, theme: theme)
        if let overlay = state.overlay { OverlayView.render(overlay, state, into: &buffer, theme: theme) }
        return buffer
    }
}

/// Below 60×16 the workbench cannot be read; say so, wrapped to fit even 20×8.
enum TooSmallView {
    static func render(_ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        let text = "Terminal too small (needs \(AppState.minimumWidth)×\(AppState.minimumHeight), have \(state.width)×\(state.height)). Enlarge the window; q quits."
        let paragraph = Paragraph(text, style: theme.style(.statusWarning))
        let area = buffer.area.inset(state.width > 24 ? 1 : 0)
        buffer.render(paragraph, in: area)
    }
}
