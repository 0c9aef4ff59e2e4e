import GlossAnalysis
import GlossCore
import GlossTerminal

/// The collapsible code tree with, per code, the number of chats in this session that carry it (with
/// roll-up), and below it the selected code's definition, example and rules: coders check them constantly.
enum CodebookView {
    static func render(_ state: AppState, layout: ScreenLayout, into buffer: inout ScreenBuffer, theme: Theme) {
        let area = layout.tree
        let rows = TreeRows.rows(state)
        let focused = state.focus == .codebook && state.overlay == nil
        for (i, row) in rows.dropFirst(state.treeTop).prefix(area.height).enumerated() {
            let y = area.y + i
            let isCursor = row.id == state.treeCursor
            var base = Style.plain
            if isCursor { base = focused ? theme.style(.selection).adding(theme.useColor ? [] : .reverse) : theme.style(.cursorLine) }
            if isCursor { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: base) }
            let count = state.index.chats(with: row.id)
            let countText = count > 0 ? String(count) : ""
            var x = area.x + 2 * row.depth
            let marker = row.hasChildren ? (row.expanded ? "▾ " : "▸ ") : "  "
            x = buffer.write(marker, x: x, y: y, style: base, clip: area)
            let color = state.hierarchy.code(row.id)?.color ?? Code.defaultColor
            x = buffer.write("●", x: x, y: y, style: isCursor && focused ? base : base.merging(theme.codeStyle(hex: color)), clip: area)
            let proposed = state.hierarchy.isProposed(row.id)
            let name = (proposed ? "*" : " ") + state.name(row.id)
            let room = max(1, area.maxX - x - countText.count - 1)
            buffer.write(TextFitting.end(name, room), x: x, y: y, style: proposed ? base.merging(theme.style(.proposed)) : base, clip: area)
            if !countText.isEmpty { buffer.write(countText, x: area.maxX - countText.count, y: y, style: base.merging(theme.style(.dim)), clip: area) }
        }
        if rows.count > area.height {
            let position = "\(min(rows.count, state.treeTop + area.height))/\(rows.count)"
            buffer.write(position, x: area.maxX - position.count, y: area.y - 1, style: theme.style(.dim))
        }
        renderDetail(state, area: layout.detail, into: &buffer, theme: theme)
    }

    static func renderDetail(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard area.height > 1, let id = state.treeCursor, let code = state.hierarchy.code(id) else { return }
        buffer.write(String(repeating: "─", count: area.width), x: area.x, y: area.y, style: theme.style(.border), clip: area)
        buffer.write(" " + TextFitting.middle(state.path(id), max(1, area.width - 2)) + " ", x: area.x, y: area.y, style: theme.style(.header), clip: area)
        var y = area.y + 1
        func paragraph(_ text: String, _ style: Style) {
            guard y < area.maxY, !text.isEmpty else { return }
            let p = Paragraph(text, style: style)
            let rect = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
            buffer.render(p, in: rect)
            y += min(rect.height, p.height(width: area.width))
        }
        paragraph(code.operationalisation.isEmpty ? "(no operationalisation)" : code.operationalisation, theme.style(.text))
        if !code.example.isEmpty { paragraph("Voorbeeld: \u{201C}\(code.example)\u{201D}", theme.style(.dim)) }
        for rule in code.rules { paragraph("Regel: \(rule)", theme.style(.notice)) }
        if state.hierarchy.isProposed(id) { paragraph("Proposed by \(state.coder); enters the codebook when accepted.", theme.style(.proposed)) }
    }
}

/// The live figures: the project's figures as bar charts, recounted on every keystroke that changes a
/// coding; scrolls when there are more bars than rows.
enum FiguresView {
    static func render(_ state: AppState, area fullArea: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !fullArea.isEmpty else { return }
        var area = fullArea
        if let provisional = state.provisional {
            // A consensus whose review has items left: its figures are not final (issue 14).
            let note = Paragraph("This consensus is \(provisional).", style: theme.style(.statusWarning))
            let rows = min(note.height(width: area.width), max(0, area.height - 1))
            buffer.render(note, in: Rect(x: area.x, y: area.y, width: area.width, height: rows))
            area = Rect(x: area.x, y: area.y + rows, width: area.width, height: area.height - rows)
        }
        let results = Figure.figures(for: state.project.config.figures, groups: state.project.config.groups, hierarchy: state.hierarchy, index: state.index,
                                     totalChats: state.project.chatCount)
        // The code figures first (they move as the coder codes), then the figures on variables; each kind in the
        // order of its numbers.
        var numbered: [(number: Int, chart: BarChart)] = []  // code figures, then variable figures
        var errors: [String] = []
        for result in results {
            switch result {
            case .success(let figure): numbered.append((figure.number ?? 0, FigureChart.chart(figure, hierarchy: state.hierarchy, useColor: theme.useColor)))
            case .failure(let error): errors.append(error.description)
            }
        }
        for result in state.variableFigures {
            switch result {
            case .success(let figure): numbered.append((figure.number, VariableFigureChart.chart(figure)))
            case .failure(let error): errors.append(error.description)
            }
        }
        let charts = numbered.map(\.chart)
        if charts.isEmpty && errors.isEmpty {
            buffer.render(Paragraph("No figures yet: P on a category pins one; gloss figure add DIR adds any (a category, a group, a variable).", style: theme.style(.dim)), in: area)
            return
        }
        let total = charts.reduce(0) { $0 + $1.height(width: area.width) + 1 } + errors.count
        var canvas = ScreenBuffer(width: area.width, height: max(1, total))
        var y = 0
        for chart in charts {
            var styled = chart
            styled.titleStyle = theme.style(.header)
            let height = chart.height(width: area.width)
            canvas.render(styled, in: Rect(x: 0, y: y, width: area.width, height: height))
            y += height + 1
        }
        for error in errors { canvas.write(error, x: 0, y: y, style: theme.style(.error)); y += 1 }
        let top = max(0, min(state.figuresTop, max(0, total - area.height)))
        for row in 0..<min(area.height, total - top) {
            for column in 0..<area.width { buffer[area.x + column, area.y + row] = canvas[column, top + row] }
        }
    }
}
