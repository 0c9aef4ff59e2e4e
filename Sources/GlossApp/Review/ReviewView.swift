import GlossAnalysis
import GlossCore
import GlossTerminal

/// The review meeting's screen: progress, the item, the code's definition and rules, and the two coders'
/// quotes side by side with the chat around them, then the keys that decide.
public enum ReviewView {
    public static func render(_ state: ReviewState, theme: Theme) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        if TooSmallView.render(into: &buffer, theme: theme) { return buffer }
        let (main, status) = buffer.area.splitBottom(1)
        let decidedCount = state.agenda.count - state.left
        let title = "Review \(state.coders[0]) (A) × \(state.coders[1]) (B) → \(state.into) · \(decidedCount) decided, \(state.left) left of \(state.agenda.count)"
        buffer.render(Block(title: title, focused: true, borderStyle: theme.style(.borderFocused), titleStyle: theme.style(.titleFocused)), in: main)
        let inner = main.inset(1)
        var y = inner.y
        if !state.present.isEmpty {
            buffer.write("Present: " + state.present.joined(separator: ", "), x: inner.x, y: y, style: theme.style(.dim), clip: inner)
            y += 1
        }
        guard let item = state.item else {
            buffer.write("Nothing to review: the two coders agree on every chat × code of the chats both marked done.", x: inner.x, y: y, style: theme.style(.notice), clip: inner)
            renderStatus(state, area: status, into: &buffer, theme: theme)
            return buffer
        }
        let decision = state.decided[item.key]
        let position = "Item \(state.position + 1)/\(state.agenda.count)"
        switch item {
        case .disagreement(let chat, let code), .spans(let chat, let code):
            let event = state.agreement.disagreements.first { $0.chat == chat && ($0.code == code || $0.otherCode == code) }
            let aHas = !Review.quotes(state.a, chat: chat, code: code).isEmpty
            let bHas = !Review.quotes(state.b, chat: chat, code: code).isEmpty
            var what: String
            if case .spans = item { what = "both applied it; their spans differ" }
            else if let event, event.kind == .different, let other = event.code == code ? event.otherCode : event.code {
                what = "different: only \(aHas ? "A" : "B") applied it; \(aHas ? "B" : "A") applied \(state.name(other)) (same parent)"
            } else {
                what = "forgotten: only \(aHas ? "A (\(state.coders[0]))" : "B (\(state.coders[1]))") applied it"
            }
            _ = bHas
            buffer.write(TextFitting.end("\(position) · \(chat) · \(state.path(code))", inner.width), x: inner.x, y: y, style: theme.style(.header), clip: inner)
            y += 1
            buffer.write(TextFitting.end(what, inner.width), x: inner.x, y: y, style: theme.style(.statusWarning).merging(Style(attributes: .bold)), clip: inner)
            y += 1
            y = renderDefinition(code, state: state, x: inner.x, y: y, width: inner.width, maxY: inner.y + inner.height / 3 + 2, into: &buffer, theme: theme)
            if let decision { y = renderDecision(decision, x: inner.x, y: y, width: inner.width, into: &buffer, theme: theme) }
            let columns = Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y - 1)
            renderColumns(state, chat: chat, codes: (code, code), area: columns, into: &buffer, theme: theme)
            let keys = "Decide: " + Keymap.hints(for: [.reviewDisagreement])
            buffer.write(TextFitting.end(keys, inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style(.statusKey), clip: inner)
        case .different(let chat, let codeA, let codeB):
            // One item, both codes: the decision settles the pair (a keeps A's code, b B's, 2 both, 0 neither).
            let parent = state.hierarchy.code(codeA)?.parent.map { state.path($0) + " > " } ?? ""
            buffer.write(TextFitting.end("\(position) · \(chat) · \(parent)A: \(state.name(codeA)) · B: \(state.name(codeB))", inner.width),
                         x: inner.x, y: y, style: theme.style(.header), clip: inner)
            y += 1
            let what = "different codes, same parent: a keeps A's code, b B's, 2 both, 0 neither, e another code for both"
            buffer.write(TextFitting.end(what, inner.width), x: inner.x, y: y, style: theme.style(.statusWarning).merging(Style(attributes: .bold)), clip: inner)
            y += 1
            let share = max(2, inner.height / 6)
            for code in [codeA, codeB] {
                buffer.write(TextFitting.end((code == codeA ? "A · " : "B · ") + state.name(code), inner.width), x: inner.x, y: y, style: theme.style(.notice), clip: inner)
                y = renderDefinition(code, state: state, x: inner.x, y: y + 1, width: inner.width, maxY: y + 1 + share, into: &buffer, theme: theme)
            }
            if let decision { y = renderDecision(decision, x: inner.x, y: y, width: inner.width, into: &buffer, theme: theme) }
            let columns = Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y - 1)
            renderColumns(state, chat: chat, codes: (codeA, codeB), area: columns, into: &buffer, theme: theme)
            let keys = "Decide: " + Keymap.hints(for: [.reviewDisagreement])
            buffer.write(TextFitting.end(keys, inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style(.statusKey), clip: inner)
        case .attribute(let chat, let variable):
            func shown(_ value: String??) -> String {
                switch value {
                case .none: return "no value entered"
                case .some(.none): return "marked unknown"
                case .some(.some(let text)): return TerminalText.escaped(text, layout: .singleLine)
                }
            }
            buffer.write(TextFitting.end("\(position) · \(chat) · case attribute \(TerminalText.escaped(variable, layout: .singleLine))", inner.width),
                         x: inner.x, y: y, style: theme.style(.header), clip: inner)
            y += 1
            buffer.write(TextFitting.end("The coders entered different values while reading the chat.", inner.width), x: inner.x, y: y,
                         style: theme.style(.statusWarning).merging(Style(attributes: .bold)), clip: inner)
            y += 2
            for (label, session) in [("A (\(state.coders[0]))", state.a), ("B (\(state.coders[1]))", state.b), ("consensus", state.consensus)] {
                buffer.write(TextFitting.end("\(label): \(shown(session.attribute(variable, in: chat)))", inner.width), x: inner.x, y: y,
                             style: theme.style(.text), clip: inner)
                y += 1
            }
            if let decision { y = renderDecision(decision, x: inner.x, y: y + 1, width: inner.width, into: &buffer, theme: theme) }
            let keys = "Decide: a A's value · b B's value · 0 neither (the header's or imported value counts)"
            buffer.write(TextFitting.end(keys, inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style(.statusKey), clip: inner)
        case .proposal(let code):
            let who = state.a.proposedCodes[code] != nil ? "A (\(state.coders[0]))" : "B (\(state.coders[1]))"
            buffer.write(TextFitting.end("\(position) · proposed code · \(state.path(code))", inner.width), x: inner.x, y: y, style: theme.style(.header), clip: inner)
            y += 1
            buffer.write("Proposed by \(who) during open coding.", x: inner.x, y: y, style: theme.style(.proposed), clip: inner)
            y += 1
            y = renderDefinition(code, state: state, x: inner.x, y: y, width: inner.width, maxY: inner.maxY - 6, into: &buffer, theme: theme)
            if let decision { y = renderDecision(decision, x: inner.x, y: y, width: inner.width, into: &buffer, theme: theme) }
            var uses = Set<String>()
            for session in [state.a, state.b] { session.forEachCoding { if $0.codes.contains(code) { uses.insert($0.chat) } } }
            buffer.write("Used in: " + (uses.isEmpty ? "no chat yet" : uses.sorted().joined(separator: ", ")), x: inner.x, y: y + 1, style: theme.style(.dim), clip: inner)
            let keys = "Decide: " + Keymap.hints(for: [.reviewProposal])
            buffer.write(TextFitting.end(keys, inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style(.statusKey), clip: inner)
        }
        renderStatus(state, area: status, into: &buffer, theme: theme)
        if let overlay = state.overlay { renderOverlay(overlay, state, into: &buffer, theme: theme) }
        return buffer
    }

    static func renderDefinition(_ code: CodeID, state: ReviewState, x: Int, y start: Int, width: Int, maxY: Int,
                                 into buffer: inout ScreenBuffer, theme: Theme) -> Int {
        var y = start
        guard let definition = state.hierarchy.code(code) else { return y }
        var text = definition.operationalisation.isEmpty ? "(no operationalisation)" : definition.operationalisation
        if !definition.example.isEmpty { text += "  Voorbeeld: \u{201C}\(definition.example)\u{201D}" }
        let paragraph = Paragraph(text, style: theme.style(.text))
        let rows = min(paragraph.height(width: width), max(1, maxY - y))
        buffer.render(paragraph, in: Rect(x: x, y: y, width: width, height: rows))
        y += rows
        for rule in definition.rules where y < maxY {
            buffer.write(TextFitting.end("Regel: \(rule)", width), x: x, y: y, style: theme.style(.notice))
            y += 1
        }
        return y
    }

    static func renderDecision(_ record: DecisionRecord, x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer, theme: Theme) -> Int {
        var text = "Decided: " + (record.decision.map(describe) ?? "?")
        if let other = record.otherCode { text += " (\(other))" }
        if let note = record.note { text += " · note: \(note)" }
        buffer.write(TextFitting.end(text, width), x: x, y: y, style: theme.style(.notice).adding(.bold))
        return y + 1
    }

    public static func describe(_ decision: String) -> String {
        switch decision {
        case "a": return "take A"
        case "b": return "take B"
        case "both": return "keep both"
        case "neither": return "keep neither"
        case "edit": return "edited"
        default: return decision
        }
    }

    /// A's quotes with its code on the left, B's on the right (the same code, or each coder's code of a
    /// "different" pair), each with the message before and after.
    static func renderColumns(_ state: ReviewState, chat chatID: String, codes: (CodeID, CodeID), area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard area.height > 1, let chat = state.chat, chat.id == chatID else { return }
        let (left, right) = area.splitLeft(area.width / 2)
        for (index, (session, column)) in [(state.a, left), (state.b, right)].enumerated() {
            let label = index == 0 ? "A · \(state.coders[0])" : "B · \(state.coders[1])"
            let code = index == 0 ? codes.0 : codes.1
            let quotes = Review.quotes(session, chat: chatID, code: code)
            buffer.write(TextFitting.end("── \(label): " + (quotes.isEmpty ? "no quote with this code" : "\(quotes.count) quote(s)") + " " + String(repeating: "─", count: column.width), column.width),
                         x: column.x, y: column.y, style: theme.style(.border), clip: column)
            var y = column.y + 1
            let width = max(10, column.width - 2)
            func line(_ text: String, _ style: Style) {
                let scalars = Array(text.unicodeScalars)
                for range in TextFitting.wrap(text, width) where y < column.maxY {
                    var piece = String.UnicodeScalarView()
                    piece.append(contentsOf: scalars[range])
                    buffer.write(String(piece), x: column.x + 1, y: y, style: style, clip: column)
                    y += 1
                }
            }
            if quotes.isEmpty {
                // What this coder did on the other coder's quotes instead.
                let other = index == 0 ? state.b : state.a
                let spans = Review.quotes(other, chat: chatID, code: code).map(\.span)
                let there = session.codings(in: chatID).filter { c in spans.contains { $0.overlaps(c.span) } }
                if there.isEmpty {
                    line("Nothing coded on those messages.", theme.style(.dim))
                } else {
                    line("On the same text: " + Array(Set(there.flatMap(\.codes))).sorted().map { state.name($0) }.joined(separator: ", "), theme.style(.text))
                }
                continue
            }
            for quote in quotes where y < column.maxY {
                if quote.span.from.message > 1, let before = chat.message(quote.span.from.message - 1) {
                    line("#\(quote.span.from.message - 1) \(before.speaker): \(before.text)", theme.style(.dim))
                }
                let speaker = chat.message(quote.span.from.message)?.speaker ?? ""
                let messages = quote.span.from.message == quote.span.to.message ? "#\(quote.span.from.message)" : "#\(quote.span.from.message)–\(quote.span.to.message)"
                line("▌\(messages) \(speaker): \u{201C}\(quote.text.replacingOccurrences(of: "\n", with: " / "))\u{201D}", theme.style(.text).adding(.bold))
                let others = quote.codes.filter { $0 != code }
                if !others.isEmpty { line("  also: " + others.map { state.name($0) }.joined(separator: ", ") + (quote.relation.map { " (\($0))" } ?? ""), theme.style(.notice)) }
                if let memo = quote.memo { line("  memo: \(memo.replacingOccurrences(of: "\n", with: " / "))", theme.style(.dim)) }
                if let after = chat.message(quote.span.to.message + 1) {
                    line("#\(quote.span.to.message + 1) \(after.speaker): \(after.text)", theme.style(.dim))
                }
                y += 1
            }
        }
    }

    static func renderStatus(_ state: ReviewState, area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let bar = theme.style(.statusBar)
        buffer.fill(area, style: bar)
        var x = buffer.write(" REVIEW ", x: area.x, y: area.y, style: theme.style(.statusKey).adding(theme.useColor ? [] : .reverse), clip: area)
        let text = state.notice?.text ?? (state.pendingNote.map { "note for the next decision: \($0)" } ?? Keymap.hints(for: state.contexts))
        x = buffer.write(" " + TextFitting.end(text, max(1, area.width - x - (state.saveError == nil ? 8 : 12))), x: x, y: area.y, style: state.notice?.kind == .error ? theme.style(.statusWarning) : bar, clip: area)
        // Every decision is on disk before the next key; a failed write says so until a write succeeds again.
        if state.saveError == nil {
            buffer.write("saved", x: area.maxX - 6, y: area.y, style: bar, clip: area)
        } else {
            buffer.write("NOT SAVED", x: area.maxX - 10, y: area.y, style: theme.style(.statusWarning), clip: area)
        }
    }

    static func renderOverlay(_ overlay: ReviewOverlay, _ state: ReviewState, into buffer: inout ScreenBuffer, theme: Theme) {
        switch overlay {
        case .confirm(_, let question):
            let area = Rect(x: 2, y: max(0, buffer.height - 6), width: buffer.width - 4, height: 4)
            let inner = OverlayView.frame("Confirm", area, into: &buffer, theme: theme)
            buffer.write(TextFitting.end(question, inner.width), x: inner.x, y: inner.y, style: theme.style(.statusWarning), clip: inner)
            buffer.write(TextFitting.end(Keymap.hints(for: [.reviewConfirm]), inner.width), x: inner.x, y: inner.y + 1, style: theme.style(.statusKey), clip: inner)
        case .help(let scroll):
            OverlayView.renderKeyHelp(KeyReference.lines(for: .review), scroll: scroll, title: "Review keys (from the keymap) · j/k scroll · any other key closes", into: &buffer, theme: theme)
        case .prompt(_, let label, let field):
            let area = Rect(x: 2, y: max(0, buffer.height - 5), width: buffer.width - 4, height: 3)
            let inner = OverlayView.frame("", area, into: &buffer, theme: theme)
            OverlayView.fieldLine(label, field, x: inner.x, y: inner.y, width: inner.width, into: &buffer, theme: theme)
        case .picker(_, let field, let matches, let highlighted):
            let area = OverlayView.box(buffer, width: 80, height: buffer.height - 4)
            let inner = OverlayView.frame("Choose a code", area, into: &buffer, theme: theme)
            OverlayView.fieldLine("> ", field, x: inner.x, y: inner.y, width: inner.width, into: &buffer, theme: theme)
            let top = max(0, highlighted - inner.height + 2)
            for (row, id) in matches.dropFirst(top).prefix(inner.height - 1).enumerated() {
                let selected = top + row == highlighted
                buffer.write((selected ? "▶ " : "  ") + TextFitting.middle(state.path(id), inner.width - 2), x: inner.x, y: inner.y + 1 + row,
                             style: selected ? theme.style(.selection).adding(.reverse) : theme.style(.text), clip: inner)
            }
        }
    }
}
