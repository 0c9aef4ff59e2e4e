/// One cell of the screen: a character (a grapheme cluster) and its style. A wide character occupies its
/// cell and the next one, which holds `continuation` (empty text), so wide glyphs are never cut in half.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { text.isEmpty }
}

/// An in-memory screen: widgets draw here, tests read it as text, and the terminal backend flushes only
/// the cells that changed since the last frame (the way ratatui's buffer works).
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from (x, y), clipped to `clip` (default: the whole buffer), never splitting a wide
    /// character; control characters (see `isControl`) are shown as `·`. Returns the column after the last one written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = clip ?? area
        guard y >= bounds.y, y < bounds.maxY, y >= 0, y < height else { return x }
        let limit = min(bounds.maxX, width)
        var column = x
        for character in text {
            var shown = character
            var w = DisplayWidth.of(character)
            if character.unicodeScalars.contains(where: Self.isControl) { shown = "·"; w = 1 }
            if w == 0 {
                // A lone combining mark: attach to the previous cell so it is not lost.
                if column > max(x, bounds.x), column - 1 < limit, column - 1 >= 0 {
                    var previous = self[column - 1, y]
                    if previous.isContinuation, column >= 2 { previous = self[column - 2, y]; previous.text += String(character); self[column - 2, y] = previous }
                    else { previous.text += String(character); self[column - 1, y] = previous }
                }
                continue
            }
            if column + w > limit { break }
            if column >= bounds.x && column >= 0 {
                clearWide(at: column, y: y)
                self[column, y] = Cell(String(shown), style: style)
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    self[column + 1, y] = Cell("", style: style)
                }
            }
            column += w
        }
        return column
    }

    /// Whether `scalar` would act on the terminal or reorder the text around it if it were written: C0, DEL,
    /// C1 (U+009B is a one-character CSI on some terminals) and the bidi controls. Such a character is drawn
    /// as `·`, never sent. This is the rule of `GlossCore.TerminalText.isControl` (which this layer cannot
    /// import); a test in GlossAppTests checks that the two agree on every code point.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Overwriting half of a wide character blanks the other half.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(" ", style: self[x - 1, y].style) }
        if x + 1 < width, self[x + 1, y].isContinuation, !self[x, y].isContinuation, DisplayWidth.of(self[x, y].text) == 2 {
            self[x + 1, y] = Cell(" ", style: self[x + 1, y].style)
        }
    }

    /// Fills a rectangle with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: String = " ", style: Style = .plain) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { self[x, y] = Cell(character, style: style) }
        }
    }

    /// Applies attributes or colours over a rectangle without changing its text (highlights, selections).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { change(&cells[y * width + x].style) }
        }
    }

    /// The screen as text, one string per row, trailing spaces kept (tests compare whole screens).
    public var lines: [String] {
        (0..<height).map { y in (0..<width).map { self[$0, y].text }.joined() }
    }

    /// The screen as text with trailing spaces removed, rows joined by newlines (goldens and `--format text`).
    public var text: String {
        lines.map { line in
            var trimmed = line
            while trimmed.hasSuffix(" ") { trimmed.removeLast() }
            return trimmed
        }.joined(separator: "\n")
    }
}
