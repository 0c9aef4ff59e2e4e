/// An error a person can act on: which file, where in it, and what is wrong.
///
/// Every failure that reaches the user goes through this type, so messages have one shape:
/// `path:place: message`.
public struct GlossError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String?
    /// "line 3, column 5", "row 7", "codings[2].from" …
    public var place: String?
    public var message: String

    public init(file: String? = nil, place: String? = nil, _ message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    /// A value to quote in a message: in double quotes, controls shown escaped on one line (see
    /// `TerminalText`), and cut after `limit` code points with "… (N more characters)". A bad CSV cell can be
    /// a megabyte, and messages end up in terminals and logs.
    ///
    /// Only for names and references (a code path, a chat id, a column); transcript and memo text never
    /// belongs in a message: name its place (chat, message, offset) instead.
    public static func quoted(_ value: some StringProtocol, limit: Int = 100) -> String {
        let (head, more) = cut(value, limit: limit)
        return "\"" + head + (more > 0 ? "…\" (\(more) more characters)" : "\"")
    }

    /// Text from elsewhere (a decoder's description, a JSON key) made fit for a message the same way, without
    /// the quotes: controls escaped, cut after `limit` code points with "… (N more characters)".
    public static func shortened(_ text: some StringProtocol, limit: Int = 100) -> String {
        let (head, more) = cut(text, limit: limit)
        return head + (more > 0 ? "… (\(more) more characters)" : "")
    }

    private static func cut(_ value: some StringProtocol, limit: Int) -> (head: String, more: Int) {
        let scalars = value.unicodeScalars
        var head = String.UnicodeScalarView()
        head.append(contentsOf: scalars.prefix(limit))
        let more = head.count < limit ? 0 : scalars.count - limit
        return (TerminalText.escaped(String(head), layout: .singleLine), more)
    }

    /// The place is shortened like a quoted value: it can hold a key from the file (`codings[1].<key>`), and a
    /// key can be as long as the file.
    public var description: String {
        let shownPlace = place.map { Self.shortened($0) }
        return [file, shownPlace].compactMap { $0 }.joined(separator: ": ") + (file == nil && place == nil ? "" : ": ") + message
    }
}

/// Several errors found in one pass (an import reports every bad row, not just the first).
public struct GlossErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [GlossError]
    public init(_ errors: [GlossError]) { self.errors = errors }
    public var description: String {
        let shown = errors.prefix(50).map(\.description)
        let more = errors.count > 50 ? ["… and \(errors.count - 50) more"] : []
        return (shown + more).joined(separator: "\n")
    }
}
