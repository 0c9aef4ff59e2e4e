import GlossCore
import GlossTerminal

/// Everything a user can ask a screen to do (workbench, compare, review). The keymap turns keys into these; `update` carries
/// them out. Names say what happens, so the help screen and `docs/keys.md` read well.
public enum Action: Hashable, Sendable {
    // Moving
    case moveDown, moveUp, halfPageDown, halfPageUp, top, bottom, nextChat, previousChat
    case nextQuote, previousQuote, focusNext, focusPrevious, promptCommand, search, searchAll, searchNext, searchPrevious
    // Selecting
    case selectLines, selectCharacters, cancel
    case wordForward, wordBackward, wordEnd, charLeft, charRight, lineStart, lineEnd, swapEnds
    // Coding
    case openPicker, addCode, removeCode, editMemo, recentCode(Int), toggleDone, undo, redo
    /// A digit of a count for the next motion (`3j`), as in vim.
    case count(Int)
    // Codebook tree
    case treeToggle, treeExpand, treeCollapse, treeCollapseAll, treeExpandAll, treeApply, treeEnter
    case addSubcode, renameCode, codeView, pinFigure
    // Axial coding in the tree
    case cutCode, putCode, putCodeAtTop, codeUp, codeDown, mergeCutCode, editDefinition, editCodeMemo, splitCode, deleteCode
    /// In the code view: move the quote from the viewed code to its sub-code N (a split, quote by quote).
    case quoteToSubcode(Int)
    // Views
    case chatList, toggleFigures, help, privacy, quit, suspend
    // Case sheet
    case caseSheet, markUnknown, removeEntry
    // Figures and groups
    case figureManager, moveItemDown, moveItemUp, addToGroup
    // Lists, pickers and prompts
    case confirm, complete, close
    // Compare
    case nextDisagreement, previousDisagreement, toggleTable, tableDown, tableUp
    // Review meeting
    case takeA, takeB, keepBoth, keepNeither, editDecision, addRule, skip, note, accept, renameAndAccept, mergeInto, reject
}

extension Action {
    /// Whether the action changes the session or the codebook: refused at once in a read-only workbench.
    var changesProject: Bool {
        switch self {
        case .openPicker, .addCode, .removeCode, .editMemo, .recentCode, .toggleDone, .undo, .redo,
             .treeApply, .addSubcode, .renameCode, .pinFigure, .markUnknown, .removeEntry,
             .moveItemDown, .moveItemUp, .addToGroup,
             .putCode, .putCodeAtTop, .codeUp, .codeDown, .mergeCutCode, .editDefinition, .editCodeMemo, .splitCode, .quoteToSubcode, .deleteCode:
            return true
        default:
            return false
        }
    }
}

