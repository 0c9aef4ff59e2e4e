import GlossTerminal

/// Help generated from the keymap itself, so `?` and `docs/keys.md` are never out of date.
public enum KeyReference {
    /// Keys that edit text in the picker and in prompts (not part of the keymap table: they type).
    public static let textEditing: [(keys: String, help: String)] = [
        ("letters", "type (the picker filters as you type)"),
        ("Enter", "apply / confirm; in the picker with no match: create the code (open coding)"),
        ("Esc", "cancel"),
        ("Up/Down, Ctrl-p/Ctrl-n", "move in the picker's list; with no match, choose where the new code goes"),
        ("1–9", "in the picker, before typing: apply a recent code"),
        ("Tab", "complete a relation already used"),
        ("Left/Right, Ctrl-a/Ctrl-e", "move in the text; start / end"),
        ("Backspace, Delete, Ctrl-w, Ctrl-u", "delete a character, a word, to the start"),
    ]

    public static func keysText(_ binding: Binding) -> String {
        if case .recentCode = binding.action { return "1–9" }
        return binding.keys.map(Binding.name).joined(separator: ", ")
    }

    /// Lines for the help overlay.
    public static func lines() -> [String] {
        var out: [String] = []
        for context in KeyContext.allCases {
            out.append(context.rawValue)
            for binding in Keymap.bindings(for: context) {
                out.append("  " + TextFitting.left(keysText(binding), 18) + " " + binding.help)
            }
            out.append("")
        }
        out.append("Typing (picker and prompts)")
        for entry in textEditing { out.append("  " + TextFitting.left(entry.keys, 18) + " " + entry.help) }
        return out
    }

    /// Column where the actions start in `lines()`.
    static let actionColumn = 21

    /// `lines()` fitted to `width` columns for the help overlay: an entry too long for the line continues
    /// on the next rows, indented under the actions, so nothing is cut off on a narrow screen.
    public static func lines(width: Int) -> [String] {
        let indent = width >= actionColumn + 20 ? actionColumn : 4
        return lines().flatMap { line -> [String] in
            guard DisplayWidth.of(line) > width, width > indent else { return [line] }
            let scalars = Array(line.unicodeScalars)
            let first = TextFitting.wrap(line, width)[0]
            let rest = String(String.UnicodeScalarView(scalars[first.upperBound...])).drop { $0 == " " }
            let restScalars = Array(rest.unicodeScalars)
            return [String(String.UnicodeScalarView(scalars[first]))]
                + TextFitting.wrap(String(rest), width - indent).map { String(repeating: " ", count: indent) + String(String.UnicodeScalarView(restScalars[$0])) }
        }
    }

    /// `docs/keys.md`.
    public static func markdown() -> String {
        var out = """
        # Key reference

        Generated from the keymap (`Sources/GlossApp/Keymap.swift`) by `swift run gloss keys`; a test fails when this
        file and the keymap differ. Keys belong to the focused pane or the open list (like lazygit's contexts):
        `h`/`l` fold the codebook tree when it has focus and move the selection end in the transcript. `]` and `[`
        are only ever prefixes. There are no counts: digits apply recent codes. In the workbench, `?` shows the same
        table.


        """
        for context in KeyContext.allCases {
            out += "## \(context.rawValue)\n\n| keys | action |\n|---|---|\n"
            for binding in Keymap.bindings(for: context) {
                out += "| \(code(keysText(binding))) | \(binding.help) |\n"
            }
            out += "\n"
        }
        out += "## Typing (picker and prompts)\n\n| keys | action |\n|---|---|\n"
        for entry in textEditing { out += "| \(code(entry.keys)) | \(entry.help) |\n" }
        return out
    }

    static func code(_ keys: String) -> String {
        keys.split(separator: ",").map { "`\($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "|", with: "\\|"))`" }.joined(separator: ", ")
    }
}
