/// What span arithmetic needs of a chat: its id and the length of each message in code points.
///
/// Both a parsed `Chat` and a catalog's `ChatSummary` have a shape, so checking a coding's span, the
/// whole-message test of a CSV export and the segment arithmetic of agreement work on summaries alone,
/// without reading a transcript.
public protocol ChatShape {
    var id: String { get }
    var messageCount: Int { get }
    /// The length in code points of message `number` (1-based); `number` is in `1...messageCount`.
    func length(ofMessage number: Int) -> Int
}

extension ChatShape {
    /// Whether the chat has a message numbered `number` (1-based).
    public func hasMessage(_ number: Int) -> Bool { number >= 1 && number <= messageCount }

    /// Checks that `span` lies inside this chat and is not empty; returns why not, or nil.
    public func problem(with span: Span) -> String? {
        guard hasMessage(span.from.message) else {
            return "message \(span.from.message) does not exist (the chat has \(messageCount) messages)"
        }
        guard hasMessage(span.to.message) else {
            return "message \(span.to.message) does not exist (the chat has \(messageCount) messages)"
        }
        let first = length(ofMessage: span.from.message), last = length(ofMessage: span.to.message)
        if span.from.offset < 0 || span.from.offset > first {
            return "offset \(span.from.offset) is past the end of message \(span.from.message) (\(first) characters)"
        }
        if span.to.offset < 0 || span.to.offset > last {
            return "offset \(span.to.offset) is past the end of message \(span.to.message) (\(last) characters)"
        }
        if span.to < span.from || span.to == span.from { return "the span is empty or runs backwards" }
        return nil
    }

    /// The span that covers messages `first...last` completely.
    public func wholeMessages(_ first: Int, _ last: Int) -> Span? {
        guard first >= 1, first <= last, last <= messageCount else { return nil }
        return Span(from: TextPosition(message: first, offset: 0), to: TextPosition(message: last, offset: length(ofMessage: last)))
    }

    /// Whether `span` covers whole messages (starts at a message start and ends at a message end).
    public func coversWholeMessages(_ span: Span) -> Bool {
        span.from.offset == 0 && hasMessage(span.to.message) && length(ofMessage: span.to.message) == span.to.offset
    }

    /// Position of a point in the chat's text when its messages are joined by one newline, in code points.
    /// Segment agreement compares spans on this line.
    public func linearOffset(of position: TextPosition) -> Int {
        var total = 0
        // Clamped to the chat, so a position in an edited transcript never indexes past its messages.
        for number in 1..<max(1, min(position.message, messageCount + 1)) { total += length(ofMessage: number) + 1 }
        return total + position.offset
    }
}
