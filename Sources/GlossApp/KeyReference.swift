import GlossTerminal

/// Help generated from the keymap itself, so `?` on every screen and `docs/keys.md` are never out of date.
public enum KeyReference {
    /// Keys that edit text in the picker, the chat list's filter and prompts: not keymap entries, because
    /// there every key that is not bound types.
    public static let textEditing: [(keys: String, help: String)] = [
        ("letters, digits", "type (the picker and the chat list filter as you type)"),
        ("Left/Right, Ctrl-a/Ctrl-e", "move in the text; start / end"),
        ("Backspace, Delete, Ctrl-w, Ctrl-u", "delete a character, a word, to the start"),
    ]

    public static func keysText(_ binding: Binding) -> String {
        switch binding.action {
        case .recentCode where binding.keys.count == 9: return "'1–'9"
        case .count, .quoteToSubcode: return "1–9"
        default: return binding.keys.map(Binding.name).joined(separator: ", ")
        }
    }

    /// The help lines of one screen: a heading per context, a line per binding.
    public static func lines(for screen: KeyScreen) -> [String] {
        var out: [String] = []
        for context in KeyContext.allCases where context.screen == screen {
            out.append(context.rawValue)
            for binding in Keymap.bindings(for: context) {
                out.append("  " + TextFitting.left(keysText(binding), 18) + " " + binding.help)
            }
            out.append("")
        }
        if screen != .compare {
            out.append("Typing (picker, chat list filter, prompts)")
            for entry in textEditing { out.append("  " + TextFitting.left(entry.keys, 18) + " " + entry.help) }
        }
        return out
    }

    /// Column where the actions start in `lines(for:)`.
    static let actionColumn = 21

    /// Help lines fitted to `width` columns: an entry too long for the line continues on the next rows,
    /// indented under the actions, so nothing is cut off on a narrow screen.
    public static func fit(_ lines: [String], width: Int) -> [String] {
        let indent = width >= actionColumn + 20 ? actionColumn : 4
        return lines.flatMap { line -> [String] in
            guard DisplayWidth.of(line) > width, width > indent else { return [line] }
            let scalars = Array(line.unicodeScalars)
            let first = TextFitting.wrap(line, width)[0]
            let rest = String(String.UnicodeScalarView(scalars[first.upperBound...])).drop { $0 == " " }
            let restScalars = Array(rest.unicodeScalars)
            return [String(String.UnicodeScalarView(scalars[first]))]
                + TextFitting.wrap(String(rest), width - indent).map { String(repeating: " ", count: indent) + String(String.UnicodeScalarView(restScalars[$0])) }
        }
    }

    /// `docs/keys.md`: every screen, every context.
    public static func markdown() -> String {
        var out = """
        # Key reference

        Generated from the keymap (`Sources/GlossApp/Keymap.swift`) by `swift run gloss keys`; a test fails when this
        file and the keymap differ. The same table drives every screen's keys, its `?` help and its hint bar. Keys
        belong to the focused pane or the open list (like lazygit's contexts): `h`/`l` fold the codebook tree when it
        has focus and move the selection end in the transcript. Digits are counts for motions, as in vim (`3j`,
        `5}`, `12G`); recent codes are applied with `.` (the last one again) and `'1`–`'9`. In a selection, a list or
        a prompt, `q` (where it does not type), `Esc` and `Ctrl-c` cancel that alone and never quit. After a prefix
        key (`g`, `]`, `z`), the status line lists what can follow.


        """
        for screen in KeyScreen.allCases {
            out += "# \(screen.rawValue)\n\n"
            for context in KeyContext.allCases where context.screen == screen {
                out += "## \(context.rawValue)\n\n| keys | action |\n|---|---|\n"
                for binding in Keymap.bindings(for: context) {
                    out += "| \(code(keysText(binding))) | \(binding.help) |\n"
                }
                out += "\n"
            }
        }
        out += "## Typing (picker, chat list filter, prompts)\n\n| keys | action |\n|---|---|\n"
        for entry in textEditing { out += "| \(code(entry.keys)) | \(entry.help) |\n" }
        return out
    }

    static func code(_ keys: String) -> String {
        keys.split(separator: ",").map { "`\($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "|", with: "\\|"))`" }.joined(separator: ", ")
    }
}

/// The which-key hint: after a prefix key, what can follow it.
enum WhichKey {
    /// "g… g first message · l chat list · / search every chat".
    static func line(_ pending: [Key], in contexts: [KeyContext]) -> String {
        let next = Keymap.continuations(of: pending, in: contexts)
        return "\(Binding.name(pending))… " + next.map { "\($0.key) \($0.help)" }.joined(separator: " · ")
    }

    /// The which-key box: one line per key that can follow, drawn just above the status line at the left.
    static func render(_ pending: [Key], in contexts: [KeyContext], above status: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let next = Keymap.continuations(of: pending, in: contexts)
        guard !next.isEmpty else { return }
        let lines = next.map { "\(Binding.name(pending))\($0.key)  \($0.help)" }
        let width = min(buffer.width - 2, (lines.map(DisplayWidth.of).max() ?? 0) + 2)
        let height = min(status.y, lines.count + 2)
        guard width > 4, height > 2 else { return }
        let area = Rect(x: status.x + 1, y: status.y - height, width: width, height: height)
        let inner = OverlayView.frame("after \(Binding.name(pending))", area, into: &buffer, theme: theme)
        for (row, line) in lines.prefix(inner.height).enumerated() {
            buffer.write(TextFitting.end(line, inner.width), x: inner.x, y: inner.y + row, style: theme.style(.help), clip: inner)
        }
    }
}
