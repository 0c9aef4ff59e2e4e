/// One message of a chat transcript.
public struct Message: Equatable, Sendable {
    public var speaker: String
    /// As written in the transcript: `HH:MM` or `YYYY-MM-DD HH:MM`.
    public var timestamp: String?
    /// The message text; continuation lines are joined with a single `\n`.
    public var text: String
    /// The line of the transcript file where the message starts (1-based), for messages about the source.
    public var line: Int
    /// Length in Unicode code points, the unit of every offset.
    public let length: Int

    public init(speaker: String, timestamp: String? = nil, text: String, line: Int = 0) {
        self.speaker = speaker
        self.timestamp = timestamp
        self.text = text
        self.line = line
        self.length = text.unicodeScalars.count
    }
}

/// A chat transcript: its id is the file name without extension.
public struct Chat: Equatable, Sendable, Identifiable {
    public var id: String
    /// Key/value pairs from the file header, in file order.
    public var attributes: [(key: String, value: String)]
    public var messages: [Message]

    public init(id: String, attributes: [(key: String, value: String)] = [], messages: [Message]) {
        self.id = id
        self.attributes = attributes
        self.messages = messages
    }

    public static func == (a: Chat, b: Chat) -> Bool {
        a.id == b.id && a.messages == b.messages
            && a.attributes.map(\.key) == b.attributes.map(\.key) && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    public func attribute(_ key: String) -> String? { attributes.first { $0.key == key }?.value }

    /// The message numbered `number` as on screen and in CSV files (1-based).
    public func message(_ number: Int) -> Message? {
        number >= 1 && number <= messages.count ? messages[number - 1] : nil
    }

    /// Checks that `span` lies inside this chat and is not empty; returns why not, or nil.
    public func problem(with span: Span) -> String? {
        guard let first = message(span.from.message) else {
            return "message \(span.from.message) does not exist (the chat has \(messages.count) messages)"
        }
        guard let last = message(span.to.message) else {
            return "message \(span.to.message) does not exist (the chat has \(messages.count) messages)"
        }
        if span.from.offset < 0 || span.from.offset > first.length {
            return "offset \(span.from.offset) is past the end of message \(span.from.message) (\(first.length) characters)"
        }
        if span.to.offset < 0 || span.to.offset > last.length {
            return "offset \(span.to.offset) is past the end of message \(span.to.message) (\(last.length) characters)"
        }
        if span.to < span.from || span.to == span.from { return "the span is empty or runs backwards" }
        return nil
    }

    /// The text a span covers; messages are joined with a single `\n`.
    public func text(of span: Span) -> String {
        guard problem(with: span) == nil else { return "" }
        if span.from.message == span.to.message {
            return ScalarText.slice(messages[span.from.message - 1].text, from: span.from.offset, to: span.to.offset)
        }
        var parts: [String] = []
        for number in span.from.message...span.to.message {
            let message = messages[number - 1]
            let lower = number == span.from.message ? span.from.offset : 0
            let upper = number == span.to.message ? span.to.offset : message.length
            parts.append(ScalarText.slice(message.text, from: lower, to: upper))
        }
        return parts.joined(separator: "\n")
    }

    /// The span that covers messages `first...last` completely.
    public func wholeMessages(_ first: Int, _ last: Int) -> Span? {
        guard let end = message(last), message(first) != nil, first <= last else { return nil }
        return Span(from: TextPosition(message: first, offset: 0), to: TextPosition(message: last, offset: end.length))
    }

    /// Whether `span` covers whole messages (starts at a message start and ends at a message end).
    public func coversWholeMessages(_ span: Span) -> Bool {
        span.from.offset == 0 && message(span.to.message).map { $0.length == span.to.offset } == true
    }

    /// Position of a point in the chat's text when its messages are joined by one newline, in code points.
    /// Segment agreement compares spans on this line.
    public func linearOffset(of position: TextPosition) -> Int {
        var total = 0
        // Clamped to the chat, so a position in an edited transcript never indexes past its messages.
        for number in 1..<max(1, min(position.message, messages.count + 1)) { total += messages[number - 1].length + 1 }
        return total + position.offset
    }
}
