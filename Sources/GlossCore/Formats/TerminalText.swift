/// Text from transcripts, codebooks, file names and the command line, made safe to write to a terminal.
///
/// A transcript comes from an anonymous chat user, and a project arrives by git or zip: either may hold an
/// ESC that starts a terminal command (OSC 52 writes the clipboard, OSC 0 the window title, `ESC[2J` clears
/// the screen), a BEL, a C1 control (U+009B is a one-character CSI on some terminals), or a bidi override that
/// makes text read differently from what it is. Everything Gloss prints for a person goes through `escaped`,
/// so such a character is shown, never obeyed.
///
/// The rule (one definition; `docs/formats.md` describes it):
/// - A *control* is C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F), or a bidi control: U+061C,
///   U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
/// - Each control is written as `\u{…}` with its code point in upper-case hex (`\u{1B}`, `\u{7}`, `\u{9B}`,
///   `\u{202E}`), the way Swift writes it: one form for all, readable, and it names the character exactly.
/// - In multi-line output, line feed and tab keep their meaning (`Layout.multiLine`); carriage return is
///   always escaped, because it sends the cursor back over a line that was already written.
/// - A backslash is not doubled: this is a way to show text, not an encoding to read back.
public enum TerminalText {
    /// What may keep its meaning in the output.
    public enum Layout: Sendable {
        /// Line feed and tab are kept: the output has lines (a report, a list of quotes, an error message).
        case multiLine
        /// Every control is escaped, line feed and tab too (a value shown inside one line).
        case singleLine
    }

    /// Whether `scalar` is a control in the sense above: it would act on the terminal or reorder text.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Whether `text` holds any control (line feed and tab included).
    public static func containsControl(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// `text` with every control shown as `\u{…}`; text without controls comes back unchanged.
    public static func escaped(_ text: String, layout: Layout = .multiLine) -> String {
        func kept(_ scalar: Unicode.Scalar) -> Bool {
            !isControl(scalar) || (layout == .multiLine && (scalar == "\n" || scalar == "\t"))
        }
        guard !text.unicodeScalars.allSatisfy(kept) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if kept(scalar) {
                out.append(scalar)
            } else {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// JSON text whose strings hold no raw control: DEL, C1 and bidi controls (which JSON allows raw inside
    /// strings) become `\uXXXX`, which every JSON reader decodes to the same string. C0 controls are escaped by
    /// the JSON encoder already; the line feeds, tabs and carriage returns left are the layout between values.
    public static func escapedJSON(_ json: String) -> String {
        func kept(_ scalar: Unicode.Scalar) -> Bool { !isControl(scalar) || scalar.value < 0x20 }
        guard !json.unicodeScalars.allSatisfy(kept) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if kept(scalar) {
                out.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(out)
    }

    /// The lines of `text` (1-based) that hold a control other than tab, each with its first such control.
    /// For `gloss import`'s warning, which must name the place, not the text.
    public static func linesWithControls(in text: String) -> [(line: Int, control: Unicode.Scalar)] {
        var found: [(line: Int, control: Unicode.Scalar)] = []
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; continue }
            if scalar != "\t" && isControl(scalar) && found.last?.line != line { found.append((line, scalar)) }
        }
        return found
    }
}
