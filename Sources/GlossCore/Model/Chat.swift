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
        self.length = ScalarText.length(text)
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
}

extension Chat: ChatShape {
    public var messageCount: Int { messages.count }
    public func length(ofMessage number: Int) -> Int { messages[number - 1].length }
}
