import GlossAnalysis
import GlossCore
import GlossTerminal

/// The current chat: numbered messages with speaker and time, text wrapped at word boundaries, coded text
/// marked in its code's colour and underlined, and a gutter that shows which lines quotes cover (so the
/// marks read in monochrome too).
enum TranscriptView {
    static func render(_ state: AppState, layout: ScreenLayout, into buffer: inout ScreenBuffer, theme: Theme) {
        guard let chat = state.chat else {
            buffer.write("No chats in this project: gloss import DIR FILES…", x: layout.messages.x, y: layout.messages.y, style: theme.style(.dim), clip: layout.messages)
            return
        }
        renderHeader(state, chat: chat, area: layout.chatHeader, into: &buffer, theme: theme)
        renderMessages(state, chat: chat, area: layout.messages, into: &buffer, theme: theme)
        renderQuoteInfo(state, chat: chat, area: layout.quoteInfo, into: &buffer, theme: theme)
    }

    static func renderHeader(_ state: AppState, chat: Chat, area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let status = state.session.status(of: chat.id)
        var parts = [chat.id]
        if let title = chat.attribute("title") { parts.append(title) }
        if let date = chat.attribute("date") { parts.append(date) }
        let left = parts.joined(separator: " · ")
        let right = "\(state.chatIndex + 1)/\(state.project.chatCount) · \(status.label)"
        buffer.write(TextFitting.end(left, max(1, area.width - right.count - 1)), x: area.x, y: area.y, style: theme.style(.header), clip: area)
        buffer.write(right, x: area.maxX - DisplayWidth.of(right), y: area.y, style: theme.style(status == .done ? .notice : .dim), clip: area)
    }

    /// Per code point of a message: which codings cover it (innermost last).
    static func coverage(of number: Int, message: Message, codings: [Coding]) -> [(range: Range<Int>, coding: Coding)] {
        codings.compactMap { coding in
            guard coding.span.from.message <= number, coding.span.to.message >= number else { return nil }
            let lower = coding.span.from.message == number ? coding.span.from.offset : 0
            let upper = coding.span.to.message == number ? coding.span.to.offset : message.length
            return lower < upper || message.length == 0 ? (lower..<upper, coding) : nil
        }
    }

    static func selectedRange(_ state: AppState, number: Int, message: Message) -> Range<Int>? {
        switch state.selection {
        case .lines(let anchor)?:
            return (min(anchor, state.cursor)...max(anchor, state.cursor)).contains(number) ? 0..<message.length : nil
        case .characters(let m, let anchor, let active)? where m == number:
            return min(anchor, active)..<(max(anchor, active) + 1)
        default:
            return nil
        }
    }

    static func renderMessages(_ state: AppState, chat: Chat, area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let textWidth = TranscriptLayout.textWidth(paneWidth: area.width)
        let codings = state.chatCodings
        let speakers = orderedSpeakers(chat.messages.map(\.speaker))
        var y = area.y
        var number = state.topMessage
        var skip = state.topLine
        while y < area.maxY, number <= chat.messages.count {
            let message = chat.messages[number - 1]
            let covered = coverage(of: number, message: message, codings: codings)
            let selected = selectedRange(state, number: number, message: message)
            let isCursor = number == state.cursor
            let lines = TranscriptLayout.lines(of: message, chat: chat.id, number: number, width: textWidth)
            // Row 0 is the header; rows 1… the text lines.
            for row in 0...lines.count {
                if skip > 0 { skip -= 1; continue }
                guard y < area.maxY else { break }
                if isCursor { buffer.restyle(Rect(x: area.x, y: y, width: area.width, height: 1)) { $0 = $0.merging(theme.style(.cursorLine)) } }
                if row == 0 {
                    drawHeader(number: number, message: message, speakerIndex: speakers.firstIndex(of: message.speaker) ?? 0,
                               isCursor: isCursor, covered: covered, x: area.x, y: y, area: area, into: &buffer, theme: theme, state: state)
                } else {
                    let range = lines[row - 1]
                    drawGutter(covered.filter { $0.range.overlaps(range) || ($0.range.isEmpty && range.isEmpty) }, x: area.x, y: y,
                               into: &buffer, theme: theme, state: state, isCursor: isCursor)
                    drawText(message, range: range, covered: covered, selected: selected, number: number,
                             x: area.x + TranscriptLayout.gutterWidth + TranscriptLayout.textIndent, y: y, area: area, into: &buffer, theme: theme, state: state)
                }
                y += 1
            }
            number += 1
        }
        if y < area.maxY, number > chat.messages.count, y > area.y {
            buffer.write("── end of chat ──", x: area.x + TranscriptLayout.gutterWidth, y: y, style: theme.style(.dim), clip: area)
        }
    }

    static func drawHeader(number: Int, message: Message, speakerIndex: Int, isCursor: Bool, covered: [(range: Range<Int>, coding: Coding)],
                           x: Int, y: Int, area: Rect, into buffer: inout ScreenBuffer, theme: Theme, state: AppState) {
        let base = isCursor ? theme.style(.cursorLine) : Style.plain
        buffer.write(isCursor ? "▶" : " ", x: x, y: y, style: theme.style(.titleFocused).merging(base), clip: area)
        var column = x + TranscriptLayout.gutterWidth
        column = buffer.write("\(number) ", x: column, y: y, style: theme.style(.dim).merging(base), clip: area)
        column = buffer.write(message.speaker, x: column, y: y, style: theme.style(speakerIndex % 2 == 0 ? .speakerVictim : .speakerHelper).merging(base), clip: area)
        if let time = message.timestamp { column = buffer.write(" · \(time)", x: column, y: y, style: theme.style(.dim).merging(base), clip: area) }
        let quotes = covered.filter { $0.coding.span.from.message == number }.count
        if quotes > 0 { buffer.write("  ◆\(quotes > 1 ? String(quotes) : "")", x: column, y: y, style: theme.style(.notice).merging(base), clip: area) }
    }

    static func drawGutter(_ covering: [(range: Range<Int>, coding: Coding)], x: Int, y: Int, into buffer: inout ScreenBuffer,
                           theme: Theme, state: AppState, isCursor: Bool) {
        guard let first = covering.first else { return }
        let codes = covering.reduce(0) { $0 + $1.coding.codes.count }
        let color = state.hierarchy.code(first.coding.codes[0])?.color ?? Code.defaultColor
        let isCurrent = covering.contains { $0.coding.id == state.currentQuote }
        buffer.write(isCurrent ? "┃" : "│", x: x + 1, y: y, style: theme.codeStyle(hex: color).adding(isCurrent ? .bold : []))
        if codes > 1 { buffer.write(codes > 9 ? "+" : String(codes), x: x + 2, y: y, style: theme.style(.gutter)) }
    }

    static func drawText(_ message: Message, range: Range<Int>, covered: [(range: Range<Int>, coding: Coding)], selected: Range<Int>?,
                         number: Int, x: Int, y: Int, area: Rect, into buffer: inout ScreenBuffer, theme: Theme, state: AppState) {
        var column = x
        var offset = range.lowerBound
        let scalars = message.text.unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: range.lowerBound)
        let end = scalars.index(scalars.startIndex, offsetBy: range.upperBound)
        let text = String(scalars[start..<end])
        let matches = state.search.map { search in search.matches.filter { $0.message == number }.map { $0.offset..<($0.offset + search.pattern.unicodeScalars.count) } } ?? []
        let activeEnd: Int? = { if case .characters(let m, _, let active)? = state.selection, m == number { return active } else { return nil } }()
        for character in text {
            var style = number == state.cursor ? theme.style(.cursorLine) : Style.plain
            let inside = covered.filter { $0.range.contains(offset) }
            if let innermost = inside.last {
                let color = state.hierarchy.code(innermost.coding.codes[0])?.color ?? Code.defaultColor
                style = style.merging(theme.codeStyle(hex: color)).adding(.underline)
                if inside.contains(where: { $0.coding.id == state.currentQuote }) { style = style.merging(theme.style(.quoteCurrent)) }
            }
            if matches.contains(where: { $0.contains(offset) }) { style = style.merging(theme.style(.match)) }
            if let selected, selected.contains(offset) { style = style.merging(theme.style(.selection)).adding(theme.useColor ? [] : .reverse) }
            if offset == activeEnd { style = style.adding(.reverse) }
            column = buffer.write(String(character), x: column, y: y, style: style, clip: area)
            offset += character.unicodeScalars.count
        }
    }

    static func renderQuoteInfo(_ state: AppState, chat: Chat, area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard area.height > 0 else { return }
        buffer.write(String(repeating: "─", count: area.width), x: area.x, y: area.y, style: theme.style(.border), clip: area)
        let quotes = state.chatCodings
        var line1 = ""
        var line2 = ""
        if let quote = state.quote, let position = quotes.firstIndex(where: { $0.id == quote.id }) {
            let where_ = Update.describe(quote.span, chat: chat.id)
            let head = "Quote \(position + 1)/\(quotes.count) · \(where_) · "
            let paths = quote.codes.map { state.path($0) }.joined(separator: " + ")
            // Full paths when they fit; otherwise the names, which tell codes apart in fewer columns.
            line1 = head + (DisplayWidth.of(head + paths) <= area.width ? paths : quote.codes.map { state.name($0) }.joined(separator: " + "))
            var extras: [String] = []
            if let relation = quote.relation { extras.append("relation: \(relation)") }
            if let memo = quote.memo { extras.append("memo: \(memo.replacingOccurrences(of: "\n", with: " / "))") }
            line2 = extras.joined(separator: " · ")
            if line2.isEmpty { line2 = "a add a code · x remove · m memo · ]q/[q next/previous quote" }
        } else if let selection = state.selection {
            switch selection {
            case .lines(let anchor): line1 = "Selecting messages \(min(anchor, state.cursor))–\(max(anchor, state.cursor)) · j/k extend · c code · Esc cancel"
            case .characters(let m, let a, let b):
                // The span as it will be coded: it ends after the last character's last code point.
                let end = Update.characterEnd(at: max(a, b), in: chat.message(m)?.text ?? "")
                line1 = "Selecting #\(m), characters \(min(a, b))–\(end) · w/b/e/h/l/0/$ move · o swap · c code · Esc cancel"
            }
        } else if case let here = state.quotesUnderCursor, here.count > 1 {
            line1 = "\(here.count) quotes overlap on #\(state.cursor) · a/x/m ask which one · ]q/[q visit them"
        } else {
            line1 = quotes.isEmpty ? "No quotes in this chat yet · c codes the current message · V/v select" : "\(quotes.count) quote(s) in this chat · ]q/[q visit them · c codes the current message"
        }
        // The quote line sits on the separator row so two rows stay free for long codes.
        if area.height >= 2 {
            buffer.write(TextFitting.end(line1, area.width), x: area.x, y: area.y + 1, style: theme.style(.text), clip: area)
        }
        if !line2.isEmpty {
            let shown = " " + TextFitting.end(line2, max(1, area.width - 4)) + " "
            buffer.write(shown, x: area.x + 1, y: area.y, style: theme.style(.dim), clip: area)
        }
    }
}

/// Speakers in order of first appearance (the first gets the first speaker colour).
func orderedSpeakers(_ speakers: [String]) -> [String] {
    var seen: [String] = []
    for speaker in speakers where !seen.contains(speaker) { seen.append(speaker) }
    return seen
}
