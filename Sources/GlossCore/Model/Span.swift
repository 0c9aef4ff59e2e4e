/// A point in a chat: a message number (1-based, as on screen and in CSV files) and an offset in
/// Unicode code points within that message's text (0-based).
public struct TextPosition: Hashable, Comparable, Codable, Sendable {
    public var message: Int
    public var offset: Int

    public init(message: Int, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public static func < (a: TextPosition, b: TextPosition) -> Bool {
        (a.message, a.offset) < (b.message, b.offset)
    }
}

/// A stretch of one chat's text, from `from` to `to` (end-exclusive, the REFI-QDA rule); it may cross
/// messages.
public struct Span: Hashable, Comparable, Codable, Sendable {
    public var from: TextPosition
    public var to: TextPosition

    public init(from: TextPosition, to: TextPosition) {
        self.from = from
        self.to = to
    }

    public static func < (a: Span, b: Span) -> Bool { (a.from, a.to) < (b.from, b.to) }

    /// Whether the two spans share at least one code point.
    public func overlaps(_ other: Span) -> Bool { from < other.to && other.from < to }
}
