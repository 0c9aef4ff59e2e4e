import GlossCore

/// Typed text that filters the chat list (`gl`) and finds a chat for `:chat NAME`: a chat matches when its
/// id, or the value of one of its header attributes (title, date, …), contains the text, ignoring case and
/// diacritics as the picker does.
public struct ChatFilter: Sendable {
    private let folded: String

    public init(_ text: String) { folded = CodeSearch.fold(text.trimmingCharacters(in: .whitespaces)) }

    public var isEmpty: Bool { folded.isEmpty }

    public func matches(_ summary: ChatSummary) -> Bool {
        matches(id: summary.id) || summary.attributes.contains { CodeSearch.fold($0.value).contains(folded) }
    }

    public func matches(id: String) -> Bool { isEmpty || CodeSearch.fold(id).contains(folded) }
}

/// One match of a search across every chat: where it is, and a little of the text around it.
public struct CorpusHit: Equatable, Sendable {
    public var chat: String
    public var message: Int
    /// Code-point offset of the match in the message, and its length in code points.
    public var offset: Int
    public var length: Int
    /// The text around the match, on one line.
    public var context: String

    public init(chat: String, message: Int, offset: Int, length: Int, context: String) {
        self.chat = chat
        self.message = message
        self.offset = offset
        self.length = length
        self.context = context
    }
}
