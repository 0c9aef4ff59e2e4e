import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be opened.
public struct TerminalError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The real terminal, through ncursesw: raw keys, only changed cells written, colour pairs allocated on
/// demand. One instance per process (ncurses has one current screen).
///
/// Frames: `draw` remembers the last frame and writes only the cells that differ. It repaints everything
/// (clearing the physical screen first) on the first frame, after `.resize`, after `suspend()` and after
/// `forceFullRedraw()` (use that for Ctrl-l).
///
/// While the screen is open, standard error (when it is the terminal) is kept in a temporary file and
/// written out at `shutdown()` or by `TerminalGuard`'s crash handlers, so stray messages cannot break the
/// screen and a crash message is not lost.
public final class CursesBackend: TerminalBackend {
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    /// Files opened for a headless screen (closed on shutdown).
    private var files: [UnsafeMutablePointer<FILE>] = []
    private var isShutDown = false
    private var capturesStandardError = false

    private var previous: ScreenBuffer?
    private var needsFullRedraw = true

    /// Whether cells are drawn in colour (the terminal has colours and the theme wants them).
    public private(set) var colorsEnabled = false
    /// The terminal's colour count (`COLORS`); 0 before `start_color` or without colours.
    public private(set) var colorCount = 0
    private var defaultColorsWork = false
    /// The terminal's own background as one of the eight colours (0 for a dark theme, 7 for a light one):
    /// what text in the default background is checked against on an eight-colour terminal.
    private var terminalBackground = 0
    private var maxPairs = 0
    private var pairs: [PairKey: Int16] = [:]
    private var pairList: [PairKey] = []
    /// Wide-character scratch space for `setcchar`.
    private var scratch: [wchar_t] = Array(repeating: 0, count: 8)

    private struct PairKey: Hashable { var fg: Int; var bg: Int }

    /// Opens the terminal on stdin/stdout. Throws when they are not a terminal or `TERM` is unknown.
    public init(theme: Theme, mouse: Bool = false) throws {
        CursesBackend.setUpLocale()
        guard isatty(0) == 1, isatty(1) == 1 else {
            // No program name here: the command-line tool puts its own `gloss: ` before the message.
            throw TerminalError("the workbench needs a terminal: standard input and output must be a terminal (use the command-line subcommands for scripts)")
        }
        guard let screen = gloss_newterm_std(nil) else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw TerminalError("cannot use the terminal type TERM=\(term)")
        }
        self.screen = screen
        // Messages on standard error would scribble over the screen: keep them until shutdown (or a crash).
        if isatty(2) == 1 { capturesStandardError = TerminalGuard.captureStandardError() }
        configure(theme: theme, mouse: mouse)
    }

    /// A headless screen on a device or file (tests: `/dev/null`), of `terminalType` (default: `TERM`).
    init(theme: Theme, mouse: Bool = false, devicePath: String, terminalType: String? = nil) throws {
        CursesBackend.setUpLocale()
        guard let output = fopen(devicePath, "w") else { throw TerminalError("cannot open \(devicePath)") }
        guard let input = fopen(devicePath, "r") else {
            fclose(output)
            throw TerminalError("cannot open \(devicePath)")
        }
        files = [output, input]
        guard let screen = newterm(terminalType, output, input) else {
            files.forEach { fclose($0) }
            files = []
            throw TerminalError("cannot open a screen of type \(terminalType ?? "TERM") on \(devicePath)")
        }
        self.screen = screen
        configure(theme: theme, mouse: mouse)
    }

    deinit { shutdown() }

    /// `setlocale(LC_ALL, "")`, falling back to C.UTF-8 for LC_CTYPE when the codeset is not UTF-8 (without a
    /// UTF-8 locale ncursesw drops every non-ASCII character).
    static func setUpLocale() {
        setlocale(LC_ALL, "")
        if isUTF8Locale() { return }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
            if setlocale(LC_CTYPE, name) != nil, isUTF8Locale() { return }
        }
    }

    static func isUTF8Locale() -> Bool {
        guard let codeset = gloss_codeset() else { return false }
        let name = String(cString: codeset).uppercased().filter { $0 != "-" && $0 != "_" }
        return name == "UTF8"
    }

    private func configure(theme: Theme, mouse: Bool) {
        window = gloss_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        if mouse {
            mousemask(KeyMapping.mouseMask, nil)
            mouseinterval(0)
        }
        apply(theme: theme)
        needsFullRedraw = true
    }

    /// Switches colours on or off for `theme` (`theme.useColor`); the next frame is drawn in full.
    public func apply(theme: Theme) {
        let wantColor = theme.useColor && has_colors()
        if wantColor && colorCount == 0 {
            start_color()
            defaultColorsWork = use_default_colors() == OK
            colorCount = Int(gloss_colors())
            maxPairs = max(0, min(Int(gloss_color_pairs()), Int(Int16.max)) - 1)
        }
        colorsEnabled = wantColor && colorCount > 0
        terminalBackground = EightColors.terminalBackground(for: theme)
        if colorsEnabled && colorCount < 16 {
            // Pairs made for another theme may no longer read on this one's background.
            pairs = [:]
            pairList = []
        }
        needsFullRedraw = true
    }

    /// Columns and rows of the terminal now.
    public var size: (width: Int, height: Int) {
        (Int(gloss_cols()), Int(gloss_lines()))
    }

    /// Makes the next `draw` clear the physical screen and write every cell (Ctrl-l, or after something else
    /// wrote to the terminal).
    public func forceFullRedraw() { needsFullRedraw = true }

    public func draw(_ buffer: ScreenBuffer) {
        guard !isShutDown, let window else { return }
        let full = needsFullRedraw || previous == nil || previous?.width != buffer.width
            || previous?.height != buffer.height
        if full {
            werase(window)
            clearok(window, true)
        }
        let rows = min(buffer.height, Int(gloss_lines()))
        let columns = min(buffer.width, Int(gloss_cols()))
        var cchar = cchar_t()
        for y in 0..<rows {
            var x = 0
            while x < columns {
                let cell = buffer[x, y]
                if !full, let previous, previous[x, y] == cell {
                    x += 1
                    continue
                }
                if cell.isContinuation, x > 0, DisplayWidth.of(buffer[x - 1, y].text) == 2 {
                    // The right half of a wide glyph: drawn with its left half. If only this half changed
                    // (style), the left half is rewritten.
                    if !full, let previous, previous[x - 1, y] == buffer[x - 1, y] {
                        put(buffer[x - 1, y], x: x - 1, y: y, into: &cchar, window: window)
                    }
                    x += 1
                    continue
                }
                put(cell, x: x, y: y, into: &cchar, window: window)
                x += 1
            }
        }
        previous = buffer
        needsFullRedraw = false
        wnoutrefresh(window)
        doupdate()
    }

    /// Writes one cell. Errors are ignored: the bottom-right cell returns ERR but is drawn.
    private func put(_ cell: Cell, x: Int, y: Int, into cchar: inout cchar_t, window: UnsafeMutablePointer<WINDOW>) {
        scratch.removeAll(keepingCapacity: true)
        var text = cell.text
        if text.isEmpty { text = " " }  // an orphaned continuation cell
        if let first = text.unicodeScalars.first, DisplayWidth.of(first) == 0 {
            // A cell starting with a control or combining character: ncurses needs a spacing character first.
            text = first.value < 32 || first.value == 0x7F ? "·" : " " + text
        }
        for scalar in text.unicodeScalars.prefix(Int(CCHARW_MAX)) { scratch.append(wchar_t(bitPattern: scalar.value)) }
        scratch.append(0)
        let (attributes, pair) = rendition(of: cell.style)
        scratch.withUnsafeBufferPointer { chars in
            _ = setcchar(&cchar, chars.baseAddress, attributes, pair, nil)
        }
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cchar)
    }

    private func rendition(of style: Style) -> (attr_t, Int16) {
        var attributes = attr_t(A_NORMAL)
        let a = style.attributes
        if a.contains(.bold) { attributes |= gloss_a_bold() }
        if a.contains(.dim) { attributes |= gloss_a_dim() }
        if a.contains(.reverse) { attributes |= gloss_a_reverse() }
        if a.contains(.underline) { attributes |= gloss_a_underline() }
        if a.contains(.italic) { attributes |= gloss_a_italic() }
        guard colorsEnabled else { return (attributes, 0) }
        return (attributes, pair(foreground: style.foreground, background: style.background))
    }

    /// The colour pair for a foreground and background, allocated on first use. When the terminal's pairs
    /// run out, the nearest allocated pair is reused.
    private func pair(foreground: Color, background: Color) -> Int16 {
        var key = PairKey(fg: ColorMapping.terminalColor(foreground, colors: colorCount),
                          bg: ColorMapping.terminalColor(background, colors: colorCount))
        if colorCount < 16 {
            // Eight colours: a code colour or two merged roles can land on a background they do not read on.
            let readable = EightColors.readablePair(foreground: key.fg, background: key.bg, terminalBackground: terminalBackground)
            key.fg = readable.foreground
        }
        if !defaultColorsWork {
            if key.fg < 0 { key.fg = 7 - terminalBackground }
            if key.bg < 0 { key.bg = terminalBackground }
        }
        if key.fg < 0 && key.bg < 0 { return 0 }
        if let known = pairs[key] { return known }
        if pairList.count < maxPairs {
            let number = Int16(pairList.count + 1)
            if init_pair(number, Int16(key.fg), Int16(key.bg)) == OK {
                pairs[key] = number
                pairList.append(key)
                return number
            }
        }
        var best: Int16 = 0
        var bestDistance = Int.max
        for (index, candidate) in pairList.enumerated() {
            let d = ColorMapping.distance(candidate.fg, key.fg) + ColorMapping.distance(candidate.bg, key.bg)
            if d < bestDistance { bestDistance = d; best = Int16(index + 1) }
        }
        pairs[key] = best
        return best
    }

    /// The next key; nil when `timeoutMilliseconds` passed (or a signal interrupted the wait: check
    /// `TerminalGuard.stopRequested`). Keys Gloss ignores are skipped while waiting without a timeout and
    /// give nil with one.
    public func readKey(timeoutMilliseconds: Int?) -> Key? {
        guard !isShutDown, let window else { return nil }
        let timeout = timeoutMilliseconds.map { Int32(clamping: max(0, $0)) } ?? -1
        wtimeout(window, timeout)
        while true {
            var code: wint_t = 0
            let result = wget_wch(window, &code)
            if result == ERR { return nil }
            let isFunctionKey = result == KEY_CODE_YES
            var key: Key?
            if isFunctionKey && UInt32(code) == KeyMapping.mouseCode {
                var event = MEVENT()
                if getmouse(&event) == OK {
                    key = KeyMapping.key(forMouseState: UInt32(event.bstate), x: Int(event.x), y: Int(event.y))
                }
            } else {
                key = KeyMapping.key(forWideChar: UInt32(code), isFunctionKey: isFunctionKey)
            }
            if key == .resize { needsFullRedraw = true }
            if key != nil || timeout >= 0 { return key }
        }
    }

    /// The text ncurses holds for a cell of the screen (tests: a headless round trip), or nil outside it.
    func storedText(x: Int, y: Int) -> String? {
        guard !isShutDown, let window else { return nil }
        var cchar = cchar_t()
        guard mvwin_wch(window, Int32(y), Int32(x), &cchar) == OK else { return nil }
        var chars = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var attributes = attr_t(0)
        var pair: Int16 = 0
        guard getcchar(&cchar, &chars, &attributes, &pair, nil) == OK else { return nil }
        var text = ""
        for char in chars.prefix(while: { $0 != 0 }) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: char)) { text.unicodeScalars.append(scalar) }
        }
        return text
    }

    /// Colour pairs allocated so far (tests).
    var allocatedPairs: Int { pairList.count }

    /// Ctrl-z: gives the terminal back, stops the process, and on `fg` restores the screen; the next frame
    /// is drawn in full.
    public func suspend() {
        guard !isShutDown, let window else { return }
        endwin()
        let saved = signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        // Continued (`fg`).
        signal(SIGTSTP, saved)
        clearok(window, true)
        wrefresh(window)
        needsFullRedraw = true
    }

    /// Restores the terminal (cursor shown, modes reset). Safe to call twice.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        curs_set(1)
        endwin()
        if capturesStandardError { TerminalGuard.releaseStandardError() }
        if !files.isEmpty, let screen {
            // Headless screens are freed; the real one stays so a crash handler's endwin stays harmless.
            delscreen(screen)
            files.forEach { fclose($0) }
            files = []
        }
        window = nil
        screen = nil
    }
}
