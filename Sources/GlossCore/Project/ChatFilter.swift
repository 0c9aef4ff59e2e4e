/// Filtering the chat list as the coder types: a chat stays when every word typed occurs in its id or in
/// one of its header values (title, date, any attribute), case- and accent-insensitively
/// (`TextSearchPattern`). Works on summaries, so no transcript is read.
public struct ChatFilter: Sendable {
    private let words: [TextSearchPattern]

    /// A filter for `query`; words are separated by white space. An empty query keeps every chat.
    public init(_ query: String) {
        words = query.split(whereSeparator: \.isWhitespace).compactMap { TextSearchPattern(String($0)) }
    }

    /// Whether the filter keeps every chat.
    public var keepsAll: Bool { words.isEmpty }

    /// Whether `chat` matches: each word in its id or in one of its header values.
    public func matches(_ chat: ChatSummary) -> Bool {
        var buffers = TextSearchPattern.Buffers()
        return matches(chat, using: &buffers)
    }

    /// The positions in `chats` of the chats that match, in order.
    public func indices(in chats: [ChatSummary]) -> [Int] {
        var buffers = TextSearchPattern.Buffers()
        return chats.indices.filter { matches(chats[$0], using: &buffers) }
    }

    private func matches(_ chat: ChatSummary, using buffers: inout TextSearchPattern.Buffers) -> Bool {
        words.allSatisfy { word in
            word.occurs(in: chat.id, using: &buffers) || chat.attributes.contains { word.occurs(in: $0.value, using: &buffers) }
        }
    }
}
