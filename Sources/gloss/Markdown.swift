/// Text placed inside Markdown written by `gloss`, so that a code name or title cannot change the table or
/// the markup around it.
enum Markdown {
    /// A table cell (or a heading or emphasis): `|` and backticks escaped, line breaks as spaces. A `|` would end
    /// the cell, a backtick open a code span that swallows the cell ends after it, a line break end the table.
    static func cell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "`": out += "\\`"
            case "\\": out += "\\\\"
            case "\n", "\r\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// Untrusted text in Markdown a browser may render (reports): a table cell as above, and `& < >` as entities
    /// and `[ ]` escaped, so no code name or title can open raw HTML or a link. Controls are left to the writer
    /// (`Output` shows them escaped; the report document replaces them).
    static func inline(_ text: String) -> String {
        cell(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "[", with: "\\[")
            .replacingOccurrences(of: "]", with: "\\]")
    }
}
