/// Text from codebooks, titles, variables and transcripts put into XML, SVG or HTML. It is untrusted, so every
/// character that markup gives a meaning (`& < > " '`) is written as an entity, and the characters XML 1.0
/// forbids even as references (most C0 controls, U+FFFE, U+FFFF) or that would move the text around unseen
/// (other controls, C1, the bidirectional marks, overrides and isolates) become U+FFFD, so a document always parses and shows where something was replaced.
/// Tab, line feed and carriage return become a space: every text here is a one-line label or a cell.
public enum MarkupText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += " "
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF || value == 0x061C
                    || value == 0x200E || value == 0x200F || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `text` cut to at most `limit` characters (grapheme clusters, so no accent or emoji is split): when longer,
    /// the END is dropped and "…" marks it, so the words that start a label, which name it, stay.
    public static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit >= 1 else { return text }
        let kept = text.prefix(limit - 1)
        return String(kept.last == " " ? kept.dropLast() : kept) + "…"
    }

    /// `text` broken into lines of at most `width` characters at spaces (a word longer than a line is cut
    /// into pieces), at most `maximumLines` of them, the last one shortened with "…" if text is left over:
    /// a note under a picture is read whole, so it wraps rather than loses its end.
    public static func wrapped(_ text: String, width: Int, maximumLines: Int) -> [String] {
        guard width >= 1, maximumLines >= 1 else { return [] }
        var lines: [String] = []
        var line = ""
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var index = 0
        while index < words.count {
            let word = words[index]
            if word.count > width {  // a word longer than a line: the part that fits, the rest as the next word
                words[index] = String(word.prefix(width))
                words.insert(String(word.dropFirst(width)), at: index + 1)
                continue
            }
            if line.isEmpty { line = word }
            else if line.count + 1 + word.count <= width { line += " " + word }
            else { lines.append(line); line = word }
            index += 1
        }
        if !line.isEmpty { lines.append(line) }
        guard lines.count > maximumLines else { return lines }
        var kept = Array(lines.prefix(maximumLines))
        kept[maximumLines - 1] = shortened(kept[maximumLines - 1] + " " + lines[maximumLines], to: width)
        return kept
    }
}
