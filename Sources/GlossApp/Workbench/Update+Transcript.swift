import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

extension Update {
    static func performInTranscript(_ action: Action, _ state: inout AppState) -> [WorkbenchEffect] {
        guard let chat = state.chat else { return [] }
        let count = chat.messages.count
        switch action {
        case .moveDown, .moveUp:
            if case .characters = state.selection {
                state.notice = Notice(text: "a character selection stays in one message; V selects whole messages", kind: .info)
                return []
            }
            state.cursor = max(1, min(count, state.cursor + (action == .moveDown ? 1 : -1)))
        case .halfPageDown, .halfPageUp:
            let layout = ScreenLayout(state)
            let width = TranscriptLayout.textWidth(paneWidth: layout.messages.width)
            let half = max(1, layout.messages.height / 2)
            var moved = 0
            var n = state.cursor
            let step = action == .halfPageDown ? 1 : -1
            while moved < half, n + step >= 1, n + step <= count {
                n += step
                moved += TranscriptLayout.height(of: chat.messages[n - 1], chat: chat.id, number: n, width: width)
            }
            state.cursor = n
            if case .characters = state.selection { state.selection = nil }
        case .top: state.cursor = 1
        case .bottom: state.cursor = count
        case .nextQuote, .previousQuote: moveQuoteCursor(forward: action == .nextQuote, &state)
        case .selectLines:
            state.selection = state.selection == .lines(anchor: state.cursor) ? nil : .lines(anchor: state.cursor)
        case .selectCharacters: startCharacterSelection(&state, chat: chat)
        case .wordForward, .wordBackward, .wordEnd, .charLeft, .charRight, .lineStart, .lineEnd, .swapEnds:
            moveActiveEnd(action, &state, chat: chat)
        case .cancel:
            // Esc takes back one thing: the selection, or else the search highlight.
            if state.selection != nil { state.selection = nil } else { state.search = nil }
        case .search:
            // The prompt starts empty (vim's /); Up is not needed to clear the last pattern.
            state.overlay = .prompt(PromptState(purpose: .search, label: "/", field: TextField()))
        case .searchNext, .searchPrevious: jumpToMatch(forward: action == .searchNext, &state)
        case .openPicker:
            guard let target = selectionTarget(state) else {
                state.notice = Notice(text: "nothing to code here: the message is empty", kind: .info)
                return []
            }
            openPicker(target, &state)
        case .addCode, .removeCode, .editMemo:
            if let quote = state.quote { return act(action, on: quote, &state) }
            let here = state.quotesUnderCursor
            guard !here.isEmpty else {
                state.notice = Notice(text: "no quote on message #\(state.cursor): ]q and [q move to one", kind: .info)
                return []
            }
            state.overlay = .quoteChoice(QuoteChoiceState(action: action, quotes: here.map(\.id)))
        default:
            break
        }
        return []
    }

    /// `a`, `x` or `m` on a quote under the cursor: it becomes the current quote, and the prompt or picker
    /// names it, so the coder sees which quote changes.
    static func act(_ action: Action, on quote: Coding, _ state: inout AppState) -> [WorkbenchEffect] {
        state.currentQuote = quote.id
        let which = "\(describe(quote.span, chat: quote.chat)) \(quote.codes.map { state.name($0) }.joined(separator: " + "))"
        switch action {
        case .addCode:
            openPicker(.addTo(quote.id), &state)
        case .removeCode:
            if quote.codes.count == 1 { return removeCode(quote.codes[0], from: quote, &state) }
            openPicker(.removeFrom(quote.id), &state)
        default:
            state.overlay = .prompt(PromptState(purpose: .memo(quote.id), label: "Memo on \(TextFitting.end(which, 40)): ", field: TextField(quote.memo ?? "")))
        }
        if action != .editMemo { state.notice = Notice(text: "quote \(which)", kind: .info) }
        return []
    }

    // MARK: Quotes

    static func moveQuoteCursor(forward: Bool, _ state: inout AppState) {
        let quotes = state.chatCodings
        guard !quotes.isEmpty else {
            state.notice = Notice(text: "this chat has no quotes yet", kind: .info)
            return
        }
        let current = quotes.firstIndex { $0.id == state.currentQuote }
        let next: Int
        if let current {
            next = forward ? current + 1 : current - 1
        } else {
            // From the cursor message: the first quote at or after it (or before it, going back).
            next = forward ? (quotes.firstIndex { $0.span.from.message >= state.cursor } ?? quotes.count)
                           : (quotes.lastIndex { $0.span.from.message <= state.cursor } ?? -1)
        }
        guard quotes.indices.contains(next) else {
            state.notice = Notice(text: forward ? "no more quotes below" : "no more quotes above", kind: .info)
            return
        }
        state.currentQuote = quotes[next].id
        state.cursor = quotes[next].span.from.message
    }

    // MARK: Selections

    /// The span to code: the selection, or else the current message.
    static func selectionTarget(_ state: AppState) -> PickerTarget? {
        guard let chat = state.chat else { return nil }
        switch state.selection {
        case .lines(let anchor)?:
            guard let span = chat.wholeMessages(min(anchor, state.cursor), max(anchor, state.cursor)) else { return nil }
            return .span(chat: chat.id, span: span)
        case .characters(let message, let anchor, let active)?:
            // The ends sit on the first code point of a character; the span takes the last character whole.
            let end = characterEnd(at: max(anchor, active), in: chat.message(message)?.text ?? "")
            let span = Span(from: TextPosition(message: message, offset: min(anchor, active)),
                            to: TextPosition(message: message, offset: end))
            return chat.problem(with: span) == nil ? .span(chat: chat.id, span: span) : nil
        case nil:
            // An empty message has no text to quote (validation and CSV import would refuse the span).
            guard let span = chat.wholeMessages(state.cursor, state.cursor), chat.problem(with: span) == nil else { return nil }
            return .span(chat: chat.id, span: span)
        }
    }

    static func startCharacterSelection(_ state: inout AppState, chat: Chat) {
        guard let message = chat.message(state.cursor), message.length > 0 else { return }
        var start = 0
        if let match = state.search?.matches.first(where: { $0.message == state.cursor }) { start = match.offset }
        let scalars = Array(message.text.unicodeScalars)
        while start < scalars.count && isSpace(scalars[start]) { start += 1 }
        if start >= scalars.count { start = 0 }
        let starts = characterStarts(message.text)
        let end = characterStart(containing: wordEnd(scalars, from: start), starts)
        state.selection = .characters(message: state.cursor, anchor: characterStart(containing: start, starts), active: end)
    }

    /// Code-point offsets where the characters (grapheme clusters) of `text` start. Selection ends sit on
    /// these, so a quote never splits a decomposed accent ("e" + U+0301) or an emoji with a skin tone, while
    /// offsets stay in code points.
    static func characterStarts(_ text: String) -> [Int] {
        var starts: [Int] = []
        var offset = 0
        for character in text {
            starts.append(offset)
            offset += character.unicodeScalars.count
        }
        return starts
    }

    /// The start of the character that holds code point `offset`.
    static func characterStart(containing offset: Int, _ starts: [Int]) -> Int {
        starts.last { $0 <= offset } ?? 0
    }

    /// The code point just after the character that holds `offset`: where a span whose last character is
    /// there ends.
    static func characterEnd(at offset: Int, in text: String) -> Int {
        let starts = characterStarts(text)
        let index = starts.lastIndex { $0 <= offset } ?? 0
        return index + 1 < starts.count ? starts[index + 1] : text.unicodeScalars.count
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool { !s.properties.isWhitespace }

    /// The last code point of the word at or after `index`.
    static func wordEnd(_ scalars: [Unicode.Scalar], from index: Int) -> Int {
        var i = index
        while i < scalars.count && isSpace(scalars[i]) { i += 1 }
        while i + 1 < scalars.count && !isSpace(scalars[i + 1]) { i += 1 }
        return min(i, scalars.count - 1)
    }

    static func moveActiveEnd(_ action: Action, _ state: inout AppState, chat: Chat) {
        guard case .characters(let number, var anchor, var active)? = state.selection, let message = chat.message(number) else {
            return
        }
        let scalars = Array(message.text.unicodeScalars)
        let starts = characterStarts(message.text)
        let last = starts.last ?? 0
        // Moves go by characters as the coder sees them; `next` is the code point after the active one.
        let current = starts.lastIndex { $0 <= active } ?? 0
        let next = current + 1 < starts.count ? starts[current + 1] : scalars.count
        switch action {
        case .charLeft: active = starts.isEmpty ? 0 : starts[max(0, current - 1)]
        case .charRight: active = starts.isEmpty ? 0 : starts[min(starts.count - 1, current + 1)]
        case .lineStart: active = 0
        case .lineEnd: active = last
        case .swapEnds: swap(&anchor, &active)
        case .wordEnd:
            var i = min(max(0, scalars.count - 1), next)
            while i < scalars.count - 1 && isSpace(scalars[i]) { i += 1 }
            active = wordEnd(scalars, from: i)
        case .wordForward where active < anchor:
            // The start is the active end: it moves to the start of the next word, so the selection loses
            // whole words (as vim's w) instead of ending up inside one.
            var i = active
            while i < scalars.count && !isSpace(scalars[i]) { i += 1 }
            while i < scalars.count && isSpace(scalars[i]) { i += 1 }
            active = min(i, last)
        case .wordForward:
            // The end of the next word, so the selection grows by whole words.
            var i = next
            while i < scalars.count && !isSpace(scalars[i]) { i += 1 }
            while i < scalars.count && isSpace(scalars[i]) { i += 1 }
            active = i >= scalars.count ? last : wordEnd(scalars, from: i)
        case .wordBackward:
            var i = max(0, active - 1)
            while i > 0 && isSpace(scalars[i]) { i -= 1 }
            while i > 0 && !isSpace(scalars[i - 1]) { i -= 1 }
            active = i
        default: break
        }
        state.selection = .characters(message: number, anchor: anchor, active: characterStart(containing: active, starts))
    }

    // MARK: Search

    static func runSearch(_ pattern: String, _ state: inout AppState) {
        guard let chat = state.chat, !pattern.isEmpty else {
            state.search = nil
            return
        }
        // The same matching as the search across chats (`TextSearchPattern`): case and accents ignored.
        guard let compiled = TextSearchPattern(pattern) else {
            state.search = nil
            state.notice = Notice(text: "nothing to search for", kind: .warning)
            return
        }
        var buffers = TextSearchPattern.Buffers()
        var matches: [TextPosition] = []
        for (index, message) in chat.messages.enumerated() {
            for match in compiled.matches(in: message.text, using: &buffers) {
                matches.append(TextPosition(message: index + 1, offset: match.offset))
            }
        }
        state.search = SearchState(pattern: pattern, matches: matches)
        if matches.isEmpty {
            state.notice = Notice(text: "not found: \(pattern)", kind: .warning)
        } else if let first = matches.first(where: { $0.message >= state.cursor }) ?? matches.first {
            state.cursor = first.message
            state.notice = Notice(text: "\(matches.count) match(es) for \(pattern)", kind: .info)
        }
    }

    static func jumpToMatch(forward: Bool, _ state: inout AppState) {
        if let hits = state.search?.corpus, !hits.isEmpty {
            // Across chats: the next match after the cursor in chat order, wrapping round.
            let project = state.project
            let order = { (hit: CorpusHit) in (project.index(of: hit.chat) ?? 0, hit.message) }
            let here = (state.chatIndex, state.cursor)
            let next = forward ? (hits.firstIndex { order($0) > here } ?? 0)
                               : (hits.lastIndex { order($0) < here } ?? hits.count - 1)
            goToHit(next, of: hits, &state)
            return
        }
        guard let search = state.search, !search.matches.isEmpty else {
            state.notice = Notice(text: "no search: / starts one", kind: .info)
            return
        }
        let target = forward ? (search.matches.first { $0.message > state.cursor } ?? search.matches.first!)
                             : (search.matches.last { $0.message < state.cursor } ?? search.matches.last!)
        let index = search.matches.firstIndex(of: target) ?? 0
        state.cursor = target.message
        state.notice = Notice(text: "match \(index + 1) of \(search.matches.count)", kind: .info)
    }
}
