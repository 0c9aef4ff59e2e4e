import GlossTerminal

/// Where a key binding applies: keys belong to the focused pane or the open overlay (lazygit's contexts).
public enum KeyContext: String, CaseIterable, Sendable {
    case global = "Everywhere"
    case transcript = "Transcript"
    case selection = "Selection (after v or V)"
    case codebook = "Codebook tree"
    case chatList = "Chat list (gl)"
    case codeView = "Code view (gq)"
}

/// One entry of the keymap: the keys, what they do, and the words for help.
public struct Binding: Sendable {
    public var context: KeyContext
    public var keys: [[Key]]
    public var action: Action
    public var help: String

    public init(_ context: KeyContext, _ keys: [[Key]], _ action: Action, _ help: String) {
        self.context = context
        self.keys = keys
        self.action = action
        self.help = help
    }

    /// `gg`, `Ctrl-d`, `]q`, `za`: how a key sequence is written in help and docs.
    public static func name(_ sequence: [Key]) -> String {
        sequence.map { key in
            if case .char(let c) = key, c != " " { return String(c) }
            return sequence.count > 1 ? "\(key) " : key.description
        }.joined()
    }
}

/// The keymap: one table that drives key dispatch, the `?` help screen, the status line hints and
/// `docs/keys.md` (a test fails when that file differs), so they can never disagree.
public enum Keymap {
    static func k(_ s: String) -> [Key] { s.map { .char($0) } }

    public static let bindings: [Binding] = [
        // Everywhere (when no text is being typed)
        Binding(.global, [[.tab]], .focusNext, "focus the next pane"),
        Binding(.global, [[.backTab]], .focusPrevious, "focus the previous pane"),
        Binding(.global, [k("}")], .nextChat, "next chat"),
        Binding(.global, [k("{")], .previousChat, "previous chat"),
        Binding(.global, [k(":")], .promptCommand, "command: :N or :chat-id jumps to a chat"),
        Binding(.global, [k("gl")], .chatList, "chat list"),
        Binding(.global, [k("F")], .toggleFigures, "figures in place of the codebook (narrow screens)"),
        Binding(.global, [k("1"), k("2"), k("3"), k("4"), k("5"), k("6"), k("7"), k("8"), k("9")], .recentCode(1), "apply a recent code (1 = most recent)"),
        Binding(.global, [k("d")], .toggleDone, "mark the chat done / in progress"),
        Binding(.global, [k("u")], .undo, "undo (unlimited, across chats and restarts)"),
        Binding(.global, [[.ctrl("r")]], .redo, "redo"),
        Binding(.global, [[.ctrl("b")]], .privacy, "privacy: blank the screen at once; any key brings it back"),
        Binding(.global, [[.ctrl("z")]], .suspend, "suspend (fg resumes)"),
        Binding(.global, [k("?")], .help, "this help"),
        Binding(.global, [k("q"), [.ctrl("c")]], .quit, "quit (everything is already saved)"),

        // Transcript
        Binding(.transcript, [k("j"), [.down]], .moveDown, "next message"),
        Binding(.transcript, [k("k"), [.up]], .moveUp, "previous message"),
        Binding(.transcript, [[.ctrl("d")], [.pageDown]], .halfPageDown, "half a page down"),
        Binding(.transcript, [[.ctrl("u")], [.pageUp]], .halfPageUp, "half a page up"),
        Binding(.transcript, [k("gg"), [.home]], .top, "first message"),
        Binding(.transcript, [k("G"), [.end]], .bottom, "last message"),
        Binding(.transcript, [k("]q")], .nextQuote, "next quote (in text order)"),
        Binding(.transcript, [k("[q")], .previousQuote, "previous quote"),
        Binding(.transcript, [k("/")], .search, "search the chat"),
        Binding(.transcript, [k("n")], .searchNext, "next match"),
        Binding(.transcript, [k("N")], .searchPrevious, "previous match"),
        Binding(.transcript, [k("V")], .selectLines, "select whole messages (extend with j/k)"),
        Binding(.transcript, [k("v")], .selectCharacters, "select characters, from the word under the cursor"),
        Binding(.transcript, [k("c"), [.enter]], .openPicker, "code the selection, or the current message"),
        Binding(.transcript, [k("a")], .addCode, "add a code to the current quote (double coding), then its relation"),
        Binding(.transcript, [k("x")], .removeCode, "remove a code from the current quote"),
        Binding(.transcript, [k("m")], .editMemo, "edit the current quote's memo"),

        // Selection
        Binding(.selection, [k("j"), [.down]], .moveDown, "extend by a message (V)"),
        Binding(.selection, [k("k"), [.up]], .moveUp, "shrink by a message (V)"),
        Binding(.selection, [k("w")], .wordForward, "active end to the next word"),
        Binding(.selection, [k("b")], .wordBackward, "active end to the previous word"),
        Binding(.selection, [k("e")], .wordEnd, "active end to the end of the word"),
        Binding(.selection, [k("h"), [.left]], .charLeft, "active end one character left"),
        Binding(.selection, [k("l"), [.right]], .charRight, "active end one character right"),
        Binding(.selection, [k("0")], .lineStart, "active end to the start of the message"),
        Binding(.selection, [k("$")], .lineEnd, "active end to the end of the message"),
        Binding(.selection, [k("o")], .swapEnds, "swap the ends"),
        Binding(.selection, [k("c"), [.enter]], .openPicker, "code the selection"),
        Binding(.selection, [[.escape]], .cancel, "cancel the selection"),

        // Codebook tree
        Binding(.codebook, [k("j"), [.down]], .moveDown, "next code"),
        Binding(.codebook, [k("k"), [.up]], .moveUp, "previous code"),
        Binding(.codebook, [[.ctrl("d")], [.pageDown]], .halfPageDown, "half a page down"),
        Binding(.codebook, [[.ctrl("u")], [.pageUp]], .halfPageUp, "half a page up"),
        Binding(.codebook, [k("gg"), [.home]], .top, "first code"),
        Binding(.codebook, [k("G"), [.end]], .bottom, "last code"),
        Binding(.codebook, [[.enter]], .treeEnter, "open or close a category; on a code without sub-codes, apply it"),
        Binding(.codebook, [k("l"), [.right]], .treeExpand, "open the category (or go to its first sub-code)"),
        Binding(.codebook, [k("h"), [.left]], .treeCollapse, "close the category (or go to the parent)"),
        Binding(.codebook, [k("za")], .treeToggle, "open or close"),
        Binding(.codebook, [k("zM")], .treeCollapseAll, "close all"),
        Binding(.codebook, [k("zR")], .treeExpandAll, "open all"),
        Binding(.codebook, [k("gq")], .codeView, "every quote of this code, across chats"),
        Binding(.codebook, [k("A")], .addSubcode, "propose a new sub-code here (open coding)"),
        Binding(.codebook, [k("r")], .renameCode, "rename the code (changes the shared codebook)"),
        Binding(.codebook, [k("c")], .treeApply, "apply the code to the selection or current message"),

        // Chat list and code view
        Binding(.chatList, [k("j"), [.down]], .moveDown, "next chat"),
        Binding(.chatList, [k("k"), [.up]], .moveUp, "previous chat"),
        Binding(.chatList, [[.tab]], .focusNext, "filter: all, not started, in progress, done"),
        Binding(.chatList, [[.enter]], .treeApply, "open the chat"),
        Binding(.chatList, [[.escape], k("q"), [.ctrl("c")]], .cancel, "close"),
        Binding(.codeView, [k("j"), [.down]], .moveDown, "next quote"),
        Binding(.codeView, [k("k"), [.up]], .moveUp, "previous quote"),
        Binding(.codeView, [[.enter]], .treeApply, "jump to the quote"),
        Binding(.codeView, [[.escape], k("q"), [.ctrl("c")]], .cancel, "close"),
    ]

    /// The bindings of a context, in table order.
    public static func bindings(for context: KeyContext) -> [Binding] { bindings.filter { $0.context == context } }

    /// Resolves typed keys in a context: an action, a prefix still waiting for more keys, or nothing.
    public enum Match: Equatable { case action(Action), prefix, none }

    public static func match(_ keys: [Key], in contexts: [KeyContext]) -> Match {
        var isPrefix = false
        for context in contexts {
            for binding in bindings(for: context) {
                for (index, sequence) in binding.keys.enumerated() {
                    if sequence == keys {
                        if case .recentCode = binding.action { return .action(.recentCode(index + 1)) }
                        return .action(binding.action)
                    }
                    if sequence.count > keys.count && Array(sequence.prefix(keys.count)) == keys { isPrefix = true }
                }
            }
            if isPrefix { return .prefix }
        }
        return .none
    }
}
