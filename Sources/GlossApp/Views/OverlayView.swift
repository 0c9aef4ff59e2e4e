import GlossAnalysis
import GlossCore
import GlossTerminal

/// Pickers, prompts and lists drawn over the panes.
enum OverlayView {
    static func box(_ buffer: ScreenBuffer, width: Int, height: Int) -> Rect {
        let w = min(width, buffer.width - 2)
        let h = min(height, buffer.height - 2)
        return Rect(x: (buffer.width - w) / 2, y: max(0, (buffer.height - 1 - h) / 2), width: w, height: h)
    }

    static func frame(_ title: String, _ area: Rect, into buffer: inout ScreenBuffer, theme: Theme) -> Rect {
        buffer.fill(area)
        buffer.render(Block(title: title, focused: true, borderStyle: theme.style(.borderFocused), titleStyle: theme.style(.titleFocused)), in: area)
        return area.inset(1)
    }

    static func render(_ overlay: Overlay, _ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        switch overlay {
        case .picker(let picker): renderPicker(picker, state, into: &buffer, theme: theme)
        case .prompt(let prompt): renderPrompt(prompt, completions: Update.completions(of: prompt, state, limit: 8), into: &buffer, theme: theme)
        case .chatList(let list): renderChatList(list, state, into: &buffer, theme: theme)
        case .codeView(let view): renderCodeView(view, state, into: &buffer, theme: theme)
        case .searchResults(let results): renderSearchResults(results, state, into: &buffer, theme: theme)
        case .quoteChoice(let choice): renderQuoteChoice(choice, state, into: &buffer, theme: theme)
        case .caseSheet(let sheet): renderCaseSheet(sheet, state, into: &buffer, theme: theme)
        case .figureManager(let manager): renderFigureManager(manager, state, into: &buffer, theme: theme)
        case .help(let scroll): renderHelp(scroll, into: &buffer, theme: theme)
        }
    }

    /// The case sheet: a line per variable, its value and where the value comes from.
    static func renderCaseSheet(_ sheet: CaseSheetState, _ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        let rows = state.caseSheetRows
        let area = box(buffer, width: 90, height: min(buffer.height - 2, max(1, rows.count) + 4))
        let inner = frame("Case \(TerminalText.escaped(state.chatID ?? "", layout: .singleLine))", area, into: &buffer, theme: theme)
        guard !rows.isEmpty else {
            buffer.write("No variables: declare them in project.json or import a cases CSV (gloss cases import).", x: inner.x, y: inner.y,
                         style: theme.style(.dim), clip: inner)
            return
        }
        let nameWidth = min(28, rows.map { DisplayWidth.of($0.variable.name) }.max() ?? 8) + 2
        let valueWidth = 26
        let visible = max(1, inner.height - 2)
        let first = max(0, min(sheet.highlighted - visible + 1, rows.count - visible))
        for (offset, row) in rows.enumerated().dropFirst(first).prefix(visible) {
            let y = inner.y + offset - first
            let selected = offset == sheet.highlighted
            let style = selected ? theme.style(.selection).adding(theme.useColor ? [] : .reverse) : theme.style(.text)
            if selected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            let value = row.value.map { CaseTable.label(of: $0) } ?? "unknown"
            func column(_ text: String, _ width: Int) -> String {
                TextFitting.left(TextFitting.end(TerminalText.escaped(text, layout: .singleLine), width - 1), width)
            }
            let line = (selected ? "▶ " : "  ") + column(row.variable.name, nameWidth) + column(value, valueWidth) + Self.source(of: row)
            buffer.write(TextFitting.end(line, inner.width), x: inner.x, y: y, style: style, clip: inner)
        }
        let keys = Keymap.hints(for: [.caseSheet])
        buffer.write(TextFitting.end(keys, inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style(.dim), clip: inner)
    }

    /// Where the value on a case sheet line comes from, in words.
    static func source(of row: CaseSheetRow) -> String {
        if row.isDerived { return "from \(row.variable.from ?? "")" }
        switch row.entered {
        case .some(.none): return "marked unknown by you"
        case .some(.some): return "entered by you"
        case .none: break
        }
        switch row.value?.source {
        case .header?: return "transcript header"
        case .imported?: return "imported (cases.csv)"
        case .coder?: return "entered by you"
        case nil: return "—"
        }
    }

    static func fieldLine(_ label: String, _ field: TextField, x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer, theme: Theme) {
        let area = Rect(x: x, y: y, width: width, height: 1)
        var column = buffer.write(label, x: x, y: y, style: theme.style(.header), clip: area)
        let characters = Array(field.text)
        // Keep the cursor in view when the text is longer than the line.
        let room = max(1, area.maxX - column - 1)
        let start = max(0, field.cursor - room + 1)
        for (i, c) in characters.enumerated().dropFirst(start) {
            column = buffer.write(String(c), x: column, y: y, style: i == field.cursor ? Style.reverse : theme.style(.text), clip: area)
        }
        if field.cursor >= characters.count { buffer.write(" ", x: column, y: y, style: .reverse, clip: area) }
    }

    static func renderPicker(_ picker: PickerState, _ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        let area = box(buffer, width: 90, height: max(12, buffer.height - 4))
        let title: String
        switch picker.target {
        case .span(let chat, let span): title = "Code \(Update.describe(span, chat: chat))"
        case .addTo: title = "Add a code to the current quote"
        case .removeFrom: title = "Remove which code?"
        }
        let inner = frame(title, area, into: &buffer, theme: theme)
        fieldLine("> ", picker.field, x: inner.x, y: inner.y, width: inner.width, into: &buffer, theme: theme)
        let detailHeight = min(6, max(3, inner.height / 3))
        let listArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 2 - detailHeight))
        if picker.matches.isEmpty {
            if case .removeFrom = picker.target {
                buffer.write("No code of this quote matches.", x: listArea.x, y: listArea.y, style: theme.style(.dim), clip: listArea)
            } else if !picker.field.text.isEmpty {
                let place = picker.newCodeParent.map { state.path($0) } ?? "the top level"
                buffer.render(Paragraph("No code matches. Enter creates \u{201C}\(picker.field.text)\u{201D} as a new code under \(place) (Up/Down change where). It is a proposal in your session until the team accepts it.",
                                        style: theme.style(.proposed)), in: listArea)
            }
        }
        let top = max(0, picker.highlighted - listArea.height + 1)
        for (row, id) in picker.matches.dropFirst(top).prefix(listArea.height).enumerated() {
            let index = top + row
            let selected = index == picker.highlighted
            let style = selected ? theme.style(.selection).adding(theme.useColor ? [] : .reverse) : theme.style(.text)
            let y = listArea.y + row
            if selected { buffer.fill(Rect(x: listArea.x, y: y, width: listArea.width, height: 1), style: style) }
            var x = buffer.write(selected ? "▶ " : "  ", x: listArea.x, y: y, style: style, clip: listArea)
            x = buffer.write("●", x: x, y: y, style: selected ? style : theme.codeStyle(hex: state.hierarchy.code(id)?.color ?? Code.defaultColor), clip: listArea)
            let proposed = state.hierarchy.isProposed(id) ? "*" : " "
            buffer.write(proposed + TextFitting.middle(state.path(id), listArea.maxX - x - 1), x: x, y: y, style: style, clip: listArea)
        }
        // Definition of the highlighted code, and the recent codes.
        let detail = Rect(x: inner.x, y: listArea.maxY, width: inner.width, height: inner.maxY - listArea.maxY - 1)
        buffer.write(String(repeating: "─", count: detail.width), x: detail.x, y: detail.y, style: theme.style(.border), clip: detail)
        if picker.matches.indices.contains(picker.highlighted), let code = state.hierarchy.code(picker.matches[picker.highlighted]) {
            var text = code.operationalisation.isEmpty ? "(no operationalisation)" : code.operationalisation
            if !code.rules.isEmpty { text += "  Regel: " + code.rules.joined(separator: " · ") }
            buffer.render(Paragraph(text, style: theme.style(.text)), in: Rect(x: detail.x, y: detail.y + 1, width: detail.width, height: max(0, detail.height - 1)))
        }
        let recents = state.recentCodes.enumerated().map { "'\($0.offset + 1) \(state.name($0.element))" }.joined(separator: "  ")
        buffer.write(TextFitting.end(recents.isEmpty ? "Recent codes are listed first here; outside the picker . and '1–'9 apply them." : "Recent: " + recents, inner.width),
                     x: inner.x, y: inner.maxY - 1, style: theme.style(.dim), clip: inner)
    }

    static func renderPrompt(_ prompt: PromptState, completions: [String], into buffer: inout ScreenBuffer, theme: Theme) {
        let labelWidth = DisplayWidth.of(prompt.label)
        let width = min(buffer.width - 2, max(60, labelWidth + 30))
        let lines = completions.isEmpty ? 1 : 2
        let area = Rect(x: (buffer.width - width) / 2, y: max(0, buffer.height - 3 - lines - 1), width: width, height: 2 + lines)
        let inner = frame("", area, into: &buffer, theme: theme)
        if labelWidth > inner.width / 2 {
            // A long label goes above the text (when there is room) so the text keeps its width.
            buffer.write(TextFitting.end(prompt.label, inner.width), x: inner.x, y: inner.y - 1 < area.y ? inner.y : area.y, style: theme.style(.titleFocused), clip: area)
            fieldLine("> ", prompt.field, x: inner.x, y: inner.y, width: inner.width, into: &buffer, theme: theme)
        } else {
            fieldLine(prompt.label, prompt.field, x: inner.x, y: inner.y, width: inner.width, into: &buffer, theme: theme)
        }
        if !completions.isEmpty {
            buffer.write(TextFitting.end("Tab: " + completions.joined(separator: " · "), inner.width), x: inner.x, y: inner.y + 1, style: theme.style(.dim), clip: inner)
        }
    }

    static func renderChatList(_ list: ChatListState, _ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        let area = box(buffer, width: 90, height: buffer.height - 2)
        let rows = Update.chatListRows(list, state)
        let framed = frame("Chats · \(list.filter.rawValue) · \(rows.count) of \(state.project.chatCount) (type to filter · Tab status)", area, into: &buffer, theme: theme)
        fieldLine("> ", list.field, x: framed.x, y: framed.y, width: framed.width, into: &buffer, theme: theme)
        let inner = Rect(x: framed.x, y: framed.y + 1, width: framed.width, height: max(1, framed.height - 1))
        if rows.isEmpty { buffer.write((list.field.text.isEmpty ? "No chats \(list.filter.rawValue)." : list.filter == .all ? "No chats match." : "No chats \(list.filter.rawValue) match.") , x: inner.x, y: inner.y, style: theme.style(.dim), clip: inner) }
        let top = max(0, list.highlighted - inner.height + 1)
        for (row, index) in rows.dropFirst(top).prefix(inner.height).enumerated() {
            let chat = state.project.summaries[index]
            let status = state.session.status(of: chat.id)
            let quotes = state.session.codings(in: chat.id).count
            let selected = top + row == list.highlighted
            let style = selected ? theme.style(.selection).adding(theme.useColor ? [] : .reverse) : theme.style(.text)
            let y = inner.y + row
            if selected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            let right = TextFitting.right(status.label, 12) + TextFitting.right("\(quotes) quotes", 11)
            let left = "\(selected ? "▶" : " ") \(TextFitting.right(String(index + 1), 4))  \(chat.id)  \(chat.attribute("title") ?? "")"
            buffer.write(TextFitting.end(left, max(1, inner.width - right.count - 1)), x: inner.x, y: y, style: style, clip: inner)
            buffer.write(right, x: inner.maxX - right.count, y: y, style: style, clip: inner)
        }
    }

    static func renderSearchResults(_ results: SearchResultsState, _ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        let area = box(buffer, width: 110, height: buffer.height - 2)
        let chats = Set(results.hits.map(\.chat)).count
        let count = (results.truncated ? "more than " : "") + "\(results.hits.count)"
        let inner = frame("\u{201C}\(TextFitting.end(results.pattern, 30))\u{201D} · \(results.highlighted + 1) of \(count) in \(chats) chat(s)", area, into: &buffer, theme: theme)
        let top = max(0, results.highlighted - inner.height + 1)
        for (row, hit) in results.hits.enumerated().dropFirst(top).prefix(inner.height) {
            let selected = row == results.highlighted
            let style = selected ? theme.style(.selection).adding(theme.useColor ? [] : .reverse) : theme.style(.text)
            let y = inner.y + row - top
            if selected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            let head = "\(selected ? "▶" : " ") \(hit.chat) #\(hit.message)  "
            let x = buffer.write(TextFitting.end(head, inner.width / 3), x: inner.x, y: y, style: selected ? style : theme.style(.header), clip: inner)
            buffer.write(TextFitting.end(hit.context.replacingOccurrences(of: "\n", with: " / "), max(1, inner.maxX - x)), x: x, y: y, style: style, clip: inner)
        }
    }

    static func renderQuoteChoice(_ choice: QuoteChoiceState, _ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        let what: String
        switch choice.action {
        case .addCode: what = "Add a code to which quote?"
        case .removeCode: what = "Remove a code from which quote?"
        default: what = "Memo on which quote?"
        }
        let area = box(buffer, width: 90, height: min(buffer.height - 2, choice.quotes.count + 2))
        let inner = frame(what, area, into: &buffer, theme: theme)
        for (row, id) in choice.quotes.enumerated().prefix(inner.height) {
            guard let coding = state.session.coding(id) else { continue }
            let selected = row == choice.highlighted
            let style = selected ? theme.style(.selection).adding(theme.useColor ? [] : .reverse) : theme.style(.text)
            if selected { buffer.fill(Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1), style: style) }
            let line = "\(selected ? "▶" : " ") \(Update.describe(coding.span, chat: coding.chat)) · " + coding.codes.map { state.name($0) }.joined(separator: " + ")
            buffer.write(TextFitting.end(line, inner.width), x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
    }

    static func renderCodeView(_ view: CodeViewState, _ state: AppState, into buffer: inout ScreenBuffer, theme: Theme) {
        let area = box(buffer, width: 100, height: buffer.height - 2)
        let chats = view.chats
        var inner = frame("\(state.path(view.code)) · \(view.quotes.count) quote(s) in \(chats) chat(s)", area, into: &buffer, theme: theme)
        // A split in progress: the sub-codes a quote can move to with 1–9, on the last line.
        let subcodes = state.hierarchy.children(of: view.code).prefix(9)
        if !subcodes.isEmpty, inner.height > 3 {
            let line = "move to: " + subcodes.enumerated().map { "\($0.offset + 1) \(state.name($0.element))" }.joined(separator: " · ")
            buffer.write(TextFitting.end(line, inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style(.dim), clip: inner)
            inner = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        }
        if view.quotes.isEmpty {
            buffer.write("No quotes with this code (or the codes below it) yet.", x: inner.x, y: inner.y, style: theme.style(.dim), clip: inner)
            return
        }
        // Each quote: a header line and up to three lines of its text.
        var y = inner.y
        let first = max(0, view.highlighted - max(0, inner.height / 4 - 1))
        for index in view.quotes.indices.dropFirst(first) {
            guard y < inner.maxY, let coding = state.session.coding(view.quotes[index]) else { break }
            let selected = index == view.highlighted
            let header = "\(selected ? "▶" : " ") \(Update.describe(coding.span, chat: coding.chat)) · " + coding.codes.map { state.name($0) }.joined(separator: " + ")
            let style = selected ? theme.style(.selection).adding(theme.useColor ? [] : .reverse) : theme.style(.header)
            if selected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            buffer.write(TextFitting.end(header, inner.width), x: inner.x, y: y, style: style, clip: inner)
            y += 1
            let text = coding.text.replacingOccurrences(of: "\n", with: " / ")
            let scalars = Array(text.unicodeScalars)
            for range in TextFitting.wrap(text, inner.width - 4).prefix(selected ? 5 : 2) where y < inner.maxY {
                var line = String.UnicodeScalarView()
                line.append(contentsOf: scalars[range])
                buffer.write("  │ " + String(line), x: inner.x, y: y, style: theme.style(.text), clip: inner)
                y += 1
            }
            if selected, let memo = coding.memo, y < inner.maxY {
                buffer.write(TextFitting.end("  memo: " + memo.replacingOccurrences(of: "\n", with: " / "), inner.width), x: inner.x, y: y, style: theme.style(.dim), clip: inner)
                y += 1
            }
        }
    }

    /// The help box on a screen of this size (update needs it too, to stop scrolling at the last page).
    static func helpBox(width: Int, height: Int) -> Rect {
        box(ScreenBuffer(width: width, height: height), width: 96, height: height - 2)
    }

    /// The furthest the help can scroll on a screen of this size.
    static func helpMaxScroll(width: Int, height: Int) -> Int {
        let inner = helpBox(width: width, height: height).inset(1)
        return max(0, KeyReference.fit(KeyReference.lines(for: .workbench), width: inner.width).count - inner.height)
    }

    static func renderHelp(_ scroll: Int, into buffer: inout ScreenBuffer, theme: Theme) {
        renderKeyHelp(KeyReference.lines(for: .workbench), scroll: scroll, title: "Keys (from the keymap) · j/k scroll · any other key closes", into: &buffer, theme: theme)
    }

    /// A screen's key help: headings for contexts, one line per binding, fitted to the box.
    static func renderKeyHelp(_ lines: [String], scroll: Int, title: String, into buffer: inout ScreenBuffer, theme: Theme) {
        let area = helpBox(width: buffer.width, height: buffer.height)
        let inner = frame(title, area, into: &buffer, theme: theme)
        let lines = KeyReference.fit(lines, width: inner.width)
        let top = max(0, min(scroll, max(0, lines.count - inner.height)))
        for (row, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            let isHeading = !line.hasPrefix(" ") && !line.isEmpty
            buffer.write(line, x: inner.x, y: inner.y + row, style: isHeading ? theme.style(.header) : theme.style(.help), clip: inner)
        }
    }
}
