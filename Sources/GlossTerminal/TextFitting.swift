/// Making text fit a number of columns, by display width.
public enum TextFitting {
    /// Shortens `text` to `columns` by cutting out its middle ("Dreigen met…geweld kind"), so both the start
    /// and the distinguishing end stay visible.
    public static func middle(_ text: String, _ columns: Int) -> String {
        guard DisplayWidth.of(text) > columns else { return text }
        guard columns > 1 else { return columns == 1 ? "…" : "" }
        let characters = Array(text)
        let keep = columns - 1
        let tailWidth = keep / 2
        let headWidth = keep - tailWidth
        var head = ""
        var used = 0
        for c in characters {
            let w = DisplayWidth.of(c)
            if used + w > headWidth { break }
            head.append(c)
            used += w
        }
        var tail = ""
        used = 0
        for c in characters.reversed() {
            let w = DisplayWidth.of(c)
            if used + w > tailWidth { break }
            tail.insert(c, at: tail.startIndex)
            used += w
        }
        return head + "…" + tail
    }

    /// Cuts `text` to `columns`, ending with "…" when cut.
    public static func end(_ text: String, _ columns: Int) -> String {
        guard DisplayWidth.of(text) > columns else { return text }
        guard columns > 0 else { return "" }
        var out = ""
        var used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > columns - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Pads with spaces on the left to `columns`.
    public static func right(_ text: String, _ columns: Int) -> String {
        String(repeating: " ", count: max(0, columns - DisplayWidth.of(text))) + text
    }

    /// Pads with spaces on the right to `columns`.
    public static func left(_ text: String, _ columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - DisplayWidth.of(text)))
    }

    /// Word-wraps `text` to `columns`; a word longer than a line is broken. `\n` starts a new line.
    /// Returns each line's range as code-point offsets into `text`, so callers can style spans after wrapping.
    /// A line keeps the space it broke at; when that space falls just past a full line it is one column
    /// wider than `columns` (callers clip it).
    public static func wrap(_ text: String, _ columns: Int) -> [Range<Int>] {
        let width = max(1, columns)
        var lines: [Range<Int>] = []
        let characters = Array(text)
        var offsets: [Int] = [0]
        for c in characters { offsets.append(offsets.last! + c.unicodeScalars.count) }
        var lineStart = 0        // character index
        var lineWidth = 0
        var lastBreak: Int?      // character index after a space
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "\n" {
                lines.append(offsets[lineStart]..<offsets[i])
                i += 1
                lineStart = i; lineWidth = 0; lastBreak = nil
                continue
            }
            let w = DisplayWidth.of(c)
            if lineWidth + w > width && i > lineStart && c == " " {
                // A space just past a full line ends it: the words that fill the line stay on it ("aaa bbb"
                // in 7 columns) instead of the last one moving down, and the next line does not start with
                // the space. The space stays in this line's range, one column past the width.
                i += 1
                if i < characters.count {
                    lines.append(offsets[lineStart]..<offsets[i])
                    lineStart = i; lineWidth = 0; lastBreak = nil
                }
                continue
            }
            if lineWidth + w > width && i > lineStart {
                if let b = lastBreak, b > lineStart {
                    lines.append(offsets[lineStart]..<offsets[b])
                    lineStart = b
                } else {
                    lines.append(offsets[lineStart]..<offsets[i])
                    lineStart = i
                }
                lineWidth = characters[lineStart..<i].reduce(0) { $0 + DisplayWidth.of($1) }
                lastBreak = nil
                continue
            }
            lineWidth += w
            if c == " " { lastBreak = i + 1 }
            i += 1
        }
        lines.append(offsets[lineStart]..<offsets[characters.count])
        return lines
    }
}
