import GlossCore
import GlossTerminal

/// Everything a user can ask the workbench to do. The keymap turns keys into these; `update` carries
/// them out. Names say what happens, so the help screen and `docs/keys.md` read well.
public enum Action: Hashable, Sendable {
    // Moving
    case moveDown, moveUp, halfPageDown, halfPageUp, top, bottom, nextChat, previousChat
    case nextQuote, previousQuote, focusNext, focusPrevious, promptCommand, search, searchNext, searchPrevious
    // Selecting
    case selectLines, selectCharacters, cancel
    case wordForward, wordBackward, wordEnd, charLeft, charRight, lineStart, lineEnd, swapEnds
    // Coding
    case openPicker, addCode, removeCode, editMemo, recentCode(Int), toggleDone, undo, redo
    // Codebook tree
    case treeToggle, treeExpand, treeCollapse, treeCollapseAll, treeExpandAll, treeApply, treeEnter
    case addSubcode, renameCode, codeView
    // Views
    case chatList, toggleFigures, help, privacy, quit, suspend
}

extension Action {
    /// Whether the action changes the session or the codebook: refused at once in a read-only workbench.
    var changesProject: Bool {
        switch self {
        case .openPicker, .addCode, .removeCode, .editMemo, .recentCode, .toggleDone, .undo, .redo,
             .treeApply, .addSubcode, .renameCode:
            return true
        default:
            return false
        }
    }
}

/// What `update` asks the outside world to do; the driver runs these against the session store and the
/// codebook, then feeds the results back. `update` itself does no I/O.
public enum Effect: Equatable, Sendable {
    /// Journal and apply one user action.
    case persist([SessionChange], label: String)
    case undo, redo
    /// Rename a shared code (changes codebook.json and the change log).
    case renameCode(CodeID, to: String)
    /// Open the side-by-side comparison of this coder (A) with another coder (B).
    case compare(with: String)
    case quit
    case suspend
}
