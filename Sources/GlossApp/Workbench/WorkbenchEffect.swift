import GlossCore
import GlossTerminal

/// What the workbench's `update` asks the outside world to do. `WorkbenchRunner` runs these against the
/// session store, the codebook and the project's files, and reports each result as a `WorkbenchMessage`.
public enum WorkbenchEffect: Equatable, Sendable {
    /// Journal and apply one user action.
    case persist([SessionChange], label: String)
    case undo, redo
    /// Rename a shared code (changes codebook.json and the change log).
    case renameCode(CodeID, to: String)
    /// Run an operation on the shared codebook (logged with the reason) and journal it, with the session changes
    /// it implies, as one undoable action labelled `label`.
    case codebook(CodebookOperation, reason: String?, label: String)
    /// Count the codings of every coder that use a code (before asking where they go when it is deleted).
    case countUses(CodeID)
    /// Add a figure on a category (the next free number, the code's name as title) to project.json.
    case pinFigure(CodeID)
    /// Reorder or remove a figure, or change a code group (project.json, logged).
    case changeFigures(FigureConfigChange)
    /// Read a chat's transcript (the one to show).
    case loadChat(String)
    /// Search every chat's text for a pattern (`g/`).
    case searchCorpus(String)
    /// Fold the journal into the session file (a quiet moment).
    case checkpoint
    /// Remember where the coder is (chat, message, scroll, recent codes) for the next start.
    case savePlace(WorkbenchPlace)
    /// Open the side-by-side comparison of this coder (A) with another coder (B).
    case compare(with: String)
    /// An effect of the comparison while it is open over the workbench.
    case comparison(CompareEffect)
    case quit
    case suspend
}

/// How many codings of one coder use a code.
public struct CoderUses: Equatable, Sendable {
    public var coder: String
    public var count: Int
}

/// What the workbench hears back: keys and sizes from the terminal, and the result of every effect.
public enum WorkbenchMessage: Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    /// No key for two seconds.
    case idle
    /// The store journaled and applied an action; `session` is the store's session, now holding it.
    case persisted([SessionChange], session: Session)
    /// Writing an action failed and nothing changed; `session` is the store's (rolled back).
    case notSaved(String, session: Session)
    /// Undo or redo ran: the record taken back or done again (nil: there was none).
    case historyMoved(undo: Bool, record: JournalRecord?, session: Session)
    /// The shared codebook changed (a rename).
    case codebookChanged(Codebook, notice: String)
    /// A codebook operation was done, undone or redone with its session changes: the new codebook and the store's
    /// session (given back).
    case codebookStepped(Codebook, session: Session, notice: String)
    /// How many codings of each coder use a code (`countUses`).
    case usesCounted(CodeID, [CoderUses])
    /// project.json's figures or groups changed (a figure pinned).
    case configChanged(ProjectConfig, notice: String)
    /// An effect that changed nothing failed (a rename refused, a comparison that cannot open).
    case failed(String)
    case chatLoaded(Chat)
    case chatUnreadable(id: String, reason: String)
    /// The matches of a search across every chat (at most a bounded number; `truncated` when more exist).
    case corpusSearched(pattern: String, hits: [CorpusHit], truncated: Bool)
    case checkpointed
    case placeSaved(WorkbenchPlace)
    case comparisonOpened(CompareState)
    /// A message for the comparison while it is open.
    case comparison(CompareMessage)
}
