import GlossCore
import GlossTerminal

extension OverlayView {
    /// Figures and groups (`gf`): figures in report order, then each group and its members (indented).
    static func renderFigureManager(_ manager: FigureManagerState, _ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        let rows = state.figureManagerRows
        let area = box(buffer, width: 96, height: min(buffer.height - 2, max(1, rows.count) + 4))
        let inner = frame("Figures and groups", area, into: &buffer, theme: theme)
        guard !rows.isEmpty else {
            buffer.write("No figures and no groups: P on a category pins one; gloss figure add and gloss group add make them.",
                         x: inner.x, y: inner.y, style: theme.style(.dim), clip: inner)
            return
        }
        let visible = max(1, inner.height - 2)
        let first = max(0, min(manager.highlighted - visible + 1, rows.count - visible))
        for (offset, row) in rows.enumerated().dropFirst(first).prefix(visible) {
            let y = inner.y + offset - first
            let selected = offset == manager.highlighted
            let style = selected ? theme.style(.selection).adding(theme.useColor ? [] : .reverse) : theme.style(.text)
            if selected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            let text: String
            switch row {
            case .figure(let number, let title, let subject):
                text = "Figuur \(number). \(title)  — \(subject)"
            case .group(let name, let members, let usedBy):
                let used = usedBy.isEmpty ? "in no figure" : "in figure " + usedBy.map(String.init).joined(separator: ", ")
                text = "Group \(name): \(members) code\(members == 1 ? "" : "s"), \(used)"
            case .member(_, _, let path):
                text = "    " + path
            }
            let line = (selected ? "▶ " : "  ") + TerminalText.escaped(text, layout: .singleLine)
            buffer.write(TextFitting.end(line, inner.width), x: inner.x, y: y, style: style, clip: inner)
        }
        let keys = Keymap.hints(for: [.figureManager])
        buffer.write(TextFitting.end(keys, inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style(.dim), clip: inner)
    }
}
