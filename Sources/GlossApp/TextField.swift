import GlossTerminal

/// A one-line text editor with the usual keys: Left/Right, Home/End and Ctrl-a/Ctrl-e, Backspace and
/// Delete, Ctrl-w (delete a word), Ctrl-u (delete to the start). Positions are in Characters.
public struct TextField: Equatable, Sendable {
    public private(set) var text: String
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Handles an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        var characters = Array(text)
        switch key {
        case .char(let c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("w"):
            var start = cursor
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        text = String(characters)
        return true
    }

    public mutating func set(_ value: String) {
        text = value
        cursor = value.count
    }
}
