import GlossTerminal

/// The screens of Gloss: each has its own key contexts.
public enum KeyScreen: String, CaseIterable, Sendable {
    case workbench = "Workbench (gloss open)"
    case compare = "Compare (gloss compare --tui, :compare B)"
    case review = "Review meeting (gloss review)"
}

/// Where a key binding applies: keys belong to the focused pane, the open list or prompt, or the screen
/// (lazygit's contexts). The most specific context that binds a key wins.
public enum KeyContext: String, CaseIterable, Sendable {
    case global = "Everywhere"
    case transcript = "Transcript"
    case selection = "Selection (after v or V)"
    case codebook = "Codebook tree"
    case figures = "Figures pane"
    case chatList = "Chat list (gl)"
    case codeView = "Code view (gq)"
    case searchResults = "Search results (g/)"
    case quoteChoice = "Choosing a quote (a, x or m where quotes overlap)"
    case caseSheet = "Case sheet (gc)"
    case figureManager = "Figures and groups (gf)"
    case picker = "Code picker (c)"
    case prompt = "Prompts (: / memo, relation, names)"
    case help = "Help (?)"
    case compare = "Compare"
    case compareHelp = "Compare: help (?)"
    case review = "Review: every item"
    case reviewDisagreement = "Review: a disagreement"
    case reviewProposal = "Review: a proposed code"
    case reviewPicker = "Review: choosing a code (e, m)"
    case reviewPrompt = "Review: prompts (n, r)"
    case reviewHelp = "Review: help (?)"
    case reviewConfirm = "Review: confirming a decision that loses codes"

    public var screen: KeyScreen {
        switch self {
        case .compare, .compareHelp: return .compare
        case .review, .reviewDisagreement, .reviewProposal, .reviewPicker, .reviewPrompt, .reviewHelp, .reviewConfirm: return .review
        default: return .workbench
        }
    }

    /// Whether typed characters go into a text field here (the keymap binds only keys that do not type).
    public var takesText: Bool {
        switch self {
        case .picker, .prompt, .chatList, .reviewPicker, .reviewPrompt: return true
        default: return false
        }
    }
}

/// One entry of the keymap: the keys, what they do, the words for help, and (if it belongs in the hint bar)
/// a short label for it.
public struct Binding: Sendable {
    public var context: KeyContext
    public var keys: [[Key]]
    public var action: Action
    public var help: String
    /// The hint bar's word for this binding, or nil when it is only in `?` and docs/keys.md.
    public var hint: String?

    public init(_ context: KeyContext, _ keys: [[Key]], _ action: Action, _ help: String, hint: String? = nil) {
        self.context = context
        self.keys = keys
        self.action = action
        self.help = help
        self.hint = hint
    }

    /// `gg`, `Ctrl-d`, `]q`, `za`: how a key sequence is written in help and docs.
    public static func name(_ sequence: [Key]) -> String {
        sequence.map { key in
            if case .char(let c) = key, c != " " { return String(c) }
            return sequence.count > 1 ? "\(key) " : key.description
        }.joined()
    }
}

/// The keymap: one table that drives key dispatch on every screen, the `?` help, the hint bar and
/// `docs/keys.md` (a test fails when that file differs), so they can never disagree.
public enum Keymap {
    static func k(_ s: String) -> [Key] { s.map { .char($0) } }
    static let digits = (1...9).map { k("\($0)") }
    static let cancelKeys: [[Key]] = [[.escape], [.ctrl("c")]]

    public static let bindings: [Binding] = [
        // Everywhere (when no text is being typed)
        Binding(.global, [k("?")], .help, "this help", hint: "help"),
        Binding(.global, [[.tab]], .focusNext, "focus the next pane"),
        Binding(.global, [[.backTab]], .focusPrevious, "focus the previous pane"),
        Binding(.global, [k("}")], .nextChat, "next chat (with a count: that many chats on)"),
        Binding(.global, [k("{")], .previousChat, "previous chat"),
        Binding(.global, [k(":")], .promptCommand, "command: :N or :chat NAME jumps to a chat; :compare B; :q"),
        Binding(.global, [k("gl")], .chatList, "chat list (type to filter by title, id or attribute)"),
        Binding(.global, [k("g/")], .searchAll, "search every chat (results list; n/N go on across chats)"),
        Binding(.global, [k("gc")], .caseSheet, "case sheet: this chat's attributes and their sources"),
        Binding(.global, [k("gf")], .figureManager, "figures and code groups: reorder, remove, add the tree's code to a group"),
        Binding(.global, [k("F")], .toggleFigures, "figures in place of the codebook (narrow screens)"),
        Binding(.global, digits, .count(1), "a count for the next motion (3j, 5}, 2]q; 0 continues a count)"),
        Binding(.global, [k(".")], .recentCode(1), "apply the most recent code again", hint: "repeat"),
        Binding(.global, digits.map { k("'") + $0 }, .recentCode(1), "apply recent code N ('1 = most recent; the status line numbers them)"),
        Binding(.global, [k("d")], .toggleDone, "mark the chat done / in progress", hint: "done"),
        Binding(.global, [k("u")], .undo, "undo (unlimited, across chats and restarts)", hint: "undo"),
        Binding(.global, [[.ctrl("r")]], .redo, "redo"),
        Binding(.global, [[.ctrl("b")]], .privacy, "privacy: blank the screen at once; any key brings it back"),
        Binding(.global, [[.ctrl("z")]], .suspend, "suspend (fg resumes)"),
        Binding(.global, [k("q"), [.ctrl("c")]], .quit, "quit (all is saved); with a count or prefix pending, cancels that"),

        // Transcript
        Binding(.transcript, [k("c"), [.enter]], .openPicker, "code the selection, or the current message", hint: "code"),
        Binding(.transcript, [k("v")], .selectCharacters, "select characters, from the word under the cursor", hint: "select"),
        Binding(.transcript, [k("V")], .selectLines, "select whole messages (extend with j/k)"),
        Binding(.transcript, [k("]q")], .nextQuote, "next quote (in text order)", hint: "quote"),
        Binding(.transcript, [k("[q")], .previousQuote, "previous quote"),
        Binding(.transcript, [k("a")], .addCode, "add a code to the quote under the cursor, then the relation", hint: "add"),
        Binding(.transcript, [k("x")], .removeCode, "remove a code from the quote under the cursor"),
        Binding(.transcript, [k("m")], .editMemo, "edit the memo of the quote under the cursor", hint: "memo"),
        Binding(.transcript, [k("j"), [.down]], .moveDown, "next message"),
        Binding(.transcript, [k("k"), [.up]], .moveUp, "previous message"),
        Binding(.transcript, [[.ctrl("d")], [.pageDown]], .halfPageDown, "half a page down"),
        Binding(.transcript, [[.ctrl("u")], [.pageUp]], .halfPageUp, "half a page up"),
        Binding(.transcript, [k("gg"), [.home]], .top, "first message (with a count: message N)"),
        Binding(.transcript, [k("G"), [.end]], .bottom, "last message (with a count: message N)"),
        Binding(.transcript, [k("/")], .search, "search this chat"),
        Binding(.transcript, [[.escape]], .cancel, "clear the search highlight"),
        Binding(.transcript, [k("n")], .searchNext, "next match (across chats after g/)"),
        Binding(.transcript, [k("N")], .searchPrevious, "previous match"),

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
        Binding(.selection, [k("o")], .swapEnds, "swap the ends", hint: "swap"),
        Binding(.selection, [k("c"), [.enter]], .openPicker, "code the selection", hint: "code"),
        Binding(.selection, [[.escape], k("q"), [.ctrl("c")]], .cancel, "cancel the selection (never quits)", hint: "cancel"),

        // Codebook tree
        Binding(.codebook, [k("j"), [.down]], .moveDown, "next code"),
        Binding(.codebook, [k("k"), [.up]], .moveUp, "previous code"),
        Binding(.codebook, [[.ctrl("d")], [.pageDown]], .halfPageDown, "half a page down"),
        Binding(.codebook, [[.ctrl("u")], [.pageUp]], .halfPageUp, "half a page up"),
        Binding(.codebook, [k("gg"), [.home]], .top, "first code"),
        Binding(.codebook, [k("G"), [.end]], .bottom, "last code"),
        Binding(.codebook, [[.enter]], .treeEnter, "open or close a category; on a code without sub-codes, apply it", hint: "open/apply"),
        Binding(.codebook, [k("l"), [.right]], .treeExpand, "open the category (or go to its first sub-code)"),
        Binding(.codebook, [k("h"), [.left]], .treeCollapse, "close the category (or go to the parent)", hint: "fold"),
        Binding(.codebook, [k("za")], .treeToggle, "open or close"),
        Binding(.codebook, [k("zM")], .treeCollapseAll, "close all"),
        Binding(.codebook, [k("zR")], .treeExpandAll, "open all"),
        Binding(.codebook, [k("gq")], .codeView, "every quote of this code, across chats", hint: "quotes"),
        Binding(.codebook, [k("A")], .addSubcode, "propose a new sub-code here (open coding)", hint: "propose"),
        Binding(.codebook, [k("r")], .renameCode, "rename the code (changes the shared codebook)"),
        Binding(.codebook, [k("P")], .pinFigure, "pin the category as a figure (changes project.json)"),
        Binding(.codebook, [k("x")], .cutCode, "cut the code to move or merge it (then p, T or M)", hint: "cut"),
        Binding(.codebook, [k("p")], .putCode, "put the cut code (with its sub-codes) under this code", hint: "put"),
        Binding(.codebook, [k("T")], .putCodeAtTop, "make the cut code (or this one) a main code"),
        Binding(.codebook, [k("M")], .mergeCutCode, "merge the cut code into this code (every coding follows)", hint: "merge"),
        Binding(.codebook, [k("K")], .codeUp, "move the code up among its siblings"),
        Binding(.codebook, [k("J")], .codeDown, "move the code down among its siblings"),
        Binding(.codebook, [k("e")], .editDefinition, "edit the code's operationalisation (shared codebook)"),
        Binding(.codebook, [k("E")], .editCodeMemo, "edit the code's memo (shared codebook)"),
        Binding(.codebook, [k("D")], .deleteCode, "delete the code: says how many codings use it and asks where they go"),
        Binding(.codebook, [k("S")], .splitCode, "split the code: new sub-codes, then move its quotes to them one by one"),
        Binding(.codebook, [k("c")], .treeApply, "apply the code to the selection or current message"),

        // Figures
        Binding(.figures, [k("j"), [.down]], .moveDown, "scroll down", hint: "scroll"),
        Binding(.figures, [k("k"), [.up]], .moveUp, "scroll up"),

        // Chat list, code view, search results, quote choice
        Binding(.chatList, [[.down], [.ctrl("n")]], .moveDown, "next chat"),
        Binding(.chatList, [[.up], [.ctrl("p")]], .moveUp, "previous chat"),
        Binding(.chatList, [[.tab]], .focusNext, "status filter: all, not started, in progress, done", hint: "status"),
        Binding(.chatList, [[.enter]], .confirm, "open the chat", hint: "open"),
        Binding(.chatList, cancelKeys, .cancel, "close (typed letters filter by title, id or attribute)", hint: "close"),
        Binding(.codeView, [k("j"), [.down]], .moveDown, "next quote"),
        Binding(.codeView, [k("k"), [.up]], .moveUp, "previous quote"),
        Binding(.codeView, [[.enter]], .confirm, "jump to the quote", hint: "jump"),
        Binding(.codeView, digits, .quoteToSubcode(1), "move the quote from this code to its sub-code N (numbered at the bottom)", hint: "to sub-code"),
        Binding(.codeView, [[.escape], k("q"), [.ctrl("c")]], .cancel, "close", hint: "close"),
        Binding(.searchResults, [k("j"), [.down]], .moveDown, "next match"),
        Binding(.searchResults, [k("k"), [.up]], .moveUp, "previous match"),
        Binding(.searchResults, [[.ctrl("d")], [.pageDown]], .halfPageDown, "a page down"),
        Binding(.searchResults, [[.ctrl("u")], [.pageUp]], .halfPageUp, "a page up"),
        Binding(.searchResults, [[.enter]], .confirm, "jump to the match (n/N then go on from it)", hint: "jump"),
        Binding(.searchResults, [[.escape], k("q"), [.ctrl("c")]], .cancel, "close", hint: "close"),
        Binding(.caseSheet, [k("j"), [.down]], .moveDown, "next variable"),
        Binding(.caseSheet, [k("k"), [.up]], .moveUp, "previous variable"),
        Binding(.caseSheet, [[.enter]], .confirm, "enter your value (Tab completes)", hint: "enter"),
        Binding(.caseSheet, [k("-")], .markUnknown, "mark unknown in this chat (over header and import)", hint: "unknown"),
        Binding(.caseSheet, [k("x")], .removeEntry, "remove your value (header or import counts again)", hint: "remove"),
        Binding(.caseSheet, [[.escape], k("q"), [.ctrl("c")]], .cancel, "close", hint: "close"),
        Binding(.figureManager, [k("j"), [.down]], .moveDown, "next line"),
        Binding(.figureManager, [k("k"), [.up]], .moveUp, "previous line"),
        Binding(.figureManager, [k("J")], .moveItemDown, "move the figure one place later in the report", hint: "later"),
        Binding(.figureManager, [k("K")], .moveItemUp, "move the figure one place earlier in the report", hint: "earlier"),
        Binding(.figureManager, [k("a")], .addToGroup, "add the tree's code to this group (on a figure: to a new group)", hint: "add code"),
        Binding(.figureManager, [k("x")], .removeEntry, "remove the figure, group or member (press twice)", hint: "remove"),
        Binding(.figureManager, [[.escape], k("q"), [.ctrl("c")]], .cancel, "close", hint: "close"),
        Binding(.quoteChoice, [k("j"), [.down]], .moveDown, "next quote"),
        Binding(.quoteChoice, [k("k"), [.up]], .moveUp, "previous quote"),
        Binding(.quoteChoice, [[.enter]], .confirm, "act on this quote", hint: "choose"),
        Binding(.quoteChoice, [[.escape], k("q"), [.ctrl("c")]], .cancel, "cancel", hint: "cancel"),

        // Picker and prompts (letters type)
        Binding(.picker, [[.down], [.ctrl("n")]], .moveDown, "next code; with no match, the next place for a new code"),
        Binding(.picker, [[.up], [.ctrl("p")]], .moveUp, "previous code; with no match, the previous place"),
        Binding(.picker, [[.pageDown]], .halfPageDown, "ten codes down"),
        Binding(.picker, [[.pageUp]], .halfPageUp, "ten codes up"),
        Binding(.picker, [[.enter]], .confirm, "apply the code; with no match, create it (open coding)", hint: "apply"),
        Binding(.picker, cancelKeys, .cancel, "cancel (before typing, recent codes are listed first)", hint: "cancel"),
        Binding(.prompt, [[.enter]], .confirm, "confirm", hint: "confirm"),
        Binding(.prompt, [[.tab]], .complete, "complete (a relation already used, a chat id)", hint: "complete"),
        Binding(.prompt, cancelKeys, .cancel, "cancel; the typed text is dropped only here, never by quitting", hint: "cancel"),
        Binding(.help, [k("j"), [.down]], .moveDown, "scroll down", hint: "scroll"),
        Binding(.help, [k("k"), [.up]], .moveUp, "scroll up"),
        Binding(.help, [[.ctrl("d")], [.pageDown]], .halfPageDown, "ten lines down"),
        Binding(.help, [[.ctrl("u")], [.pageUp]], .halfPageUp, "ten lines up"),
        Binding(.help, [[.escape], k("q"), k("?"), [.ctrl("c")], [.enter]], .close, "close (any other key closes too)", hint: "close"),

        // Compare
        Binding(.compare, digits, .count(1), "a count for the next motion (3j, 2]d; 0 continues a count)"),
        Binding(.compare, [k("j"), [.down]], .moveDown, "next message (with a count: that many)"),
        Binding(.compare, [k("k"), [.up]], .moveUp, "previous message"),
        Binding(.compare, [[.ctrl("d")], [.pageDown]], .halfPageDown, "five messages down"),
        Binding(.compare, [[.ctrl("u")], [.pageUp]], .halfPageUp, "five messages up"),
        Binding(.compare, [k("]d")], .nextDisagreement, "next disagreement, across chats", hint: "disagreement"),
        Binding(.compare, [k("[d")], .previousDisagreement, "previous disagreement"),
        Binding(.compare, [k("}")], .nextChat, "next chat", hint: "chat"),
        Binding(.compare, [k("{")], .previousChat, "previous chat"),
        Binding(.compare, [k("t"), [.tab]], .toggleTable, "per-code agreement table", hint: "table"),
        Binding(.compare, [k("J")], .tableDown, "scroll the table down"),
        Binding(.compare, [k("K")], .tableUp, "scroll the table up"),
        Binding(.compare, [[.ctrl("z")]], .suspend, "suspend (fg resumes)"),
        Binding(.compare, [k("?")], .help, "help", hint: "help"),
        Binding(.compare, [k("q"), [.escape], [.ctrl("c")]], .close, "close (back to the workbench, or end)", hint: "close"),
        Binding(.compareHelp, [k("j"), [.down]], .moveDown, "scroll down"),
        Binding(.compareHelp, [k("k"), [.up]], .moveUp, "scroll up"),
        Binding(.compareHelp, [[.escape], k("q"), k("?"), [.ctrl("c")], [.enter]], .close, "close (any other key closes too)", hint: "close"),

        // Review meeting
        Binding(.review, [k("j"), [.down], k("]")], .moveDown, "next agenda item"),
        Binding(.review, [k("k"), [.up], k("[")], .moveUp, "previous agenda item"),
        Binding(.review, [k("s")], .skip, "skip for later", hint: "skip"),
        Binding(.review, [k("u")], .undo, "undo the last decision", hint: "undo"),
        Binding(.review, [k("n")], .note, "add a note (goes with the next decision)", hint: "note"),
        Binding(.review, [[.ctrl("z")]], .suspend, "suspend (fg resumes)"),
        Binding(.review, [k("?")], .help, "help", hint: "help"),
        Binding(.review, [k("q"), [.ctrl("c")]], .quit, "end the meeting (every decision is saved; resume later)", hint: "end"),
        Binding(.reviewDisagreement, [k("a")], .takeA, "take A's version (A's quotes with the code, or its absence)", hint: "A"),
        Binding(.reviewDisagreement, [k("b")], .takeB, "take B's version", hint: "B"),
        Binding(.reviewDisagreement, [k("2")], .keepBoth, "keep both coders' quotes", hint: "both"),
        Binding(.reviewDisagreement, [k("0")], .keepNeither, "keep neither", hint: "neither"),
        Binding(.reviewDisagreement, [k("e")], .editDecision, "edit: choose another code for the quotes", hint: "edit"),
        Binding(.reviewDisagreement, [k("r")], .addRule, "record a coding rule on the code (in the codebook)", hint: "rule"),
        Binding(.reviewProposal, [k("a")], .accept, "accept the proposed code into the codebook", hint: "accept"),
        Binding(.reviewProposal, [k("r")], .renameAndAccept, "rename and accept", hint: "rename"),
        Binding(.reviewProposal, [k("m")], .mergeInto, "merge into an existing code", hint: "merge"),
        Binding(.reviewProposal, [k("x")], .reject, "reject (its quotes lose the code)", hint: "reject"),
        Binding(.reviewPicker, [[.down], [.ctrl("n")]], .moveDown, "next code"),
        Binding(.reviewPicker, [[.up], [.ctrl("p")]], .moveUp, "previous code"),
        Binding(.reviewPicker, [[.enter]], .confirm, "choose the code", hint: "choose"),
        Binding(.reviewPicker, cancelKeys, .cancel, "cancel", hint: "cancel"),
        Binding(.reviewPrompt, [[.enter]], .confirm, "confirm", hint: "confirm"),
        Binding(.reviewPrompt, cancelKeys, .cancel, "cancel", hint: "cancel"),
        Binding(.reviewConfirm, [k("y")], .confirm, "make the decision anyway", hint: "yes"),
        Binding(.reviewConfirm, [k("n"), [.escape], [.ctrl("c")]], .cancel, "do not make it (any other key too)", hint: "no"),
        Binding(.reviewHelp, [k("j"), [.down]], .moveDown, "scroll down"),
        Binding(.reviewHelp, [k("k"), [.up]], .moveUp, "scroll up"),
        Binding(.reviewHelp, [[.escape], k("q"), k("?"), [.ctrl("c")], [.enter]], .close, "close (any other key closes too)", hint: "close"),
    ]

    /// The bindings of a context, in table order.
    public static func bindings(for context: KeyContext) -> [Binding] { byContext[context] ?? [] }
    private static let byContext: [KeyContext: [Binding]] = Dictionary(grouping: bindings, by: \.context)

    /// Resolves typed keys in a context: an action, a prefix still waiting for more keys, or nothing.
    public enum Match: Equatable { case action(Action), prefix, none }

    public static func match(_ keys: [Key], in contexts: [KeyContext]) -> Match {
        var isPrefix = false
        for context in contexts {
            for binding in bindings(for: context) {
                for (index, sequence) in binding.keys.enumerated() {
                    if sequence == keys {
                        // Numbered bindings (counts, recent codes) tell which of their keys was typed.
                        switch binding.action {
                        case .recentCode where binding.keys.count == 9: return .action(.recentCode(index + 1))
                        case .quoteToSubcode: return .action(.quoteToSubcode(index + 1))
                        case .count: return .action(.count(index + 1))
                        default: return .action(binding.action)
                        }
                    }
                    if sequence.count > keys.count && Array(sequence.prefix(keys.count)) == keys { isPrefix = true }
                }
            }
            if isPrefix { return .prefix }
        }
        return .none
    }

    /// What can follow keys typed so far (a pending `g`): each next key with its help, for the which-key hint.
    public static func continuations(of keys: [Key], in contexts: [KeyContext]) -> [(key: String, help: String)] {
        var out: [(key: String, help: String)] = []
        var seen: Set<String> = []
        for context in contexts {
            for binding in bindings(for: context) {
                for sequence in binding.keys where sequence.count > keys.count && Array(sequence.prefix(keys.count)) == keys {
                    let rest = Binding.name(Array(sequence.dropFirst(keys.count)))
                    // The help without its parenthesis: the line must show every continuation.
                    let help = binding.help.components(separatedBy: " (").first ?? binding.help
                    if seen.insert(rest).inserted { out.append((rest, help)) }
                }
            }
        }
        return out
    }

    /// The hint bar for the contexts in force: `key word` for each binding that has a hint, most specific
    /// context first.
    public static func hints(for contexts: [KeyContext]) -> String {
        var parts: [String] = []
        var seen: Set<String> = []
        for context in contexts {
            for binding in bindings(for: context) {
                guard let hint = binding.hint, let first = binding.keys.first else { continue }
                let key = binding.action == .count(1) || binding.action == .quoteToSubcode(1) ? "1–9" : Binding.name(first)
                if seen.insert(key).inserted { parts.append("\(key) \(hint)") }
            }
        }
        return parts.joined(separator: " · ")
    }
}
