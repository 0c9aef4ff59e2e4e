import CNcursesw

/// Turns what `wget_wch` returns into `Key`s. Pure, so it is tested without a terminal.
public enum KeyMapping {
    /// The ncurses key code for a resize (`KEY_RESIZE`), for tests and scripted input.
    public static let resizeCode = UInt32(gloss_key_resize())
    /// The ncurses key code for a mouse event (`KEY_MOUSE`); `key(forWideChar:isFunctionKey:)` returns nil
    /// for it because the event itself must be read with `getmouse`.
    public static let mouseCode = UInt32(gloss_key_mouse())

    /// The key for one `wget_wch` result: `isFunctionKey` is true when it returned `KEY_CODE_YES` (then `code`
    /// is a `KEY_*` code), false for a character. Nil for codes Gloss ignores (and for `KEY_MOUSE`).
    ///
    /// Characters: 27 Esc, 9 Tab, 10/13 Enter, 127/8 Backspace, 1–26 Ctrl-a…Ctrl-z, 28–31 Ctrl-\ ] ^ _;
    /// other control characters are ignored; every other valid scalar is `.char`.
    public static func key(forWideChar code: UInt32, isFunctionKey: Bool) -> Key? {
        if isFunctionKey { return functionKey(Int32(truncatingIfNeeded: code)) }
        switch code {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 127, 8: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + code))))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        case 0..<32, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case gloss_key_resize(): return .resize
        default:
            let f0 = gloss_key_f0()
            if code > f0, code <= f0 + 63 { return .function(Int(code - f0)) }
            return nil
        }
    }

    /// The key for a mouse event read with `getmouse`: button 1 press or click -> `.click`, wheel up
    /// (button 4) -> `.scrollUp`, wheel down (button 5) -> `.scrollDown`; nil otherwise.
    public static func key(forMouseState state: UInt32, x: Int, y: Int) -> Key? {
        if state & UInt32(gloss_button4_pressed()) != 0 { return .scrollUp }
        if state & UInt32(gloss_button5_pressed()) != 0 { return .scrollDown }
        if state & UInt32(gloss_button1_pressed() | gloss_button1_clicked()) != 0 { return .click(x: x, y: y) }
        return nil
    }

    /// The mouse events `CursesBackend` asks for.
    static var mouseMask: mmask_t {
        gloss_button1_pressed() | gloss_button1_clicked() | gloss_button4_pressed() | gloss_button5_pressed()
    }
}
