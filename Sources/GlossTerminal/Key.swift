/// A key press as the app sees it, independent of the terminal library.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Ctrl with a letter (`ctrl("d")`), as sent by the terminal (bytes 1–26).
    case ctrl(Character)
    case escape, enter, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// The terminal changed size; the app re-lays out.
    case resize
    /// A mouse click at a cell (button 1), when the mouse is enabled.
    case click(x: Int, y: Int)
    case scrollUp, scrollDown

    /// The name used in the keymap, help and docs: `j`, `Ctrl-d`, `Enter`, `Shift-Tab`.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c)"
        case .escape: return "Esc"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PageUp"
        case .pageDown: return "PageDown"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        case .resize: return "Resize"
        case .click(let x, let y): return "Click(\(x),\(y))"
        case .scrollUp: return "ScrollUp"
        case .scrollDown: return "ScrollDown"
        }
    }

    /// Parses a key name as `description` writes it (for scripted keys in tests and benchmarks).
    public init?(name: String) {
        switch name {
        case "Space": self = .char(" ")
        case "Esc": self = .escape
        case "Enter": self = .enter
        case "Tab": self = .tab
        case "Shift-Tab": self = .backTab
        case "Backspace": self = .backspace
        case "Delete": self = .delete
        case "Up": self = .up
        case "Down": self = .down
        case "Left": self = .left
        case "Right": self = .right
        case "PageUp": self = .pageUp
        case "PageDown": self = .pageDown
        case "Home": self = .home
        case "End": self = .end
        case "Resize": self = .resize
        default:
            if name.hasPrefix("Ctrl-"), name.count == 6 { self = .ctrl(name.last!); return }
            if name.hasPrefix("F"), let n = Int(name.dropFirst()) { self = .function(n); return }
            guard name.count == 1 else { return nil }
            self = .char(name.first!)
        }
    }

    /// Turns a typed string into keys, one per character (for tests: `Key.typing("bedreig")`).
    public static func typing(_ text: String) -> [Key] { text.map { .char($0) } }
}

/// What the app needs from a terminal: its size, a way to show a frame and to read keys.
/// `CursesBackend` is the real one; tests use `ScreenBuffer` directly and feed keys to `update`.
public protocol TerminalBackend: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows `buffer` (the backend writes only the cells that changed since the last frame).
    func draw(_ buffer: ScreenBuffer)
    /// The next key, or nil when `timeoutMilliseconds` passed without one (nil timeout waits).
    func readKey(timeoutMilliseconds: Int?) -> Key?
    /// Gives the terminal back to the shell and stops the process (Ctrl-z); on `fg` the next frame is
    /// drawn in full.
    func suspend()
    /// Restores the terminal. Safe to call twice.
    func shutdown()
}
