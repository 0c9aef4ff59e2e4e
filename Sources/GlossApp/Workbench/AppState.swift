import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The panes of the workbench.
public enum Pane: String, Sendable, CaseIterable { case transcript, codebook, figures }

/// A selection in the transcript: whole messages (`V`) or characters within one message (`v`).
public enum Selection: Equatable, Sendable {
    /// Messages from `anchor` to the cursor message.
    case lines(anchor: Int)
    /// Characters of one message from `anchor` to `active` (code-point offsets; `active` is inclusive
    /// while selecting, like vim's visual mode).
    case characters(message: Int, anchor: Int, active: Int)
}

/// A modal overlay or prompt on top of the panes.
public enum Overlay: Equatable, Sendable {
    case picker(PickerState)
    case prompt(PromptState)
    case chatList(ChatListState)
    case codeView(CodeViewState)
    case searchResults(SearchResultsState)
    case quoteChoice(QuoteChoiceState)
    case caseSheet(CaseSheetState)
    case figureManager(FigureManagerState)
    case help(scroll: Int)
}

/// What a prompt is for, so Enter knows what to do with the text.
public enum PromptPurpose: Equatable, Sendable {
    case command
    case search
    case searchAll
    case memo(CodingID)
    case relation(CodingID)
    case newCodeDefinition(name: String, parent: CodeID?, target: PickerTarget?)
    case newSubcode(parent: CodeID)
    case rename(CodeID)
    /// The name of a new code group that starts with this code (from the figures-and-groups list).
    case newGroup(CodeID)
    /// Why, before a codebook operation runs (`label` says what it does, for the journal and undo).
    case codebookReason(CodebookOperation, label: String)
    /// A new value for a field of a shared code (`operationalisation`, `memo`).
    case codeField(CodeID, field: String)
    /// The names of the sub-codes a split makes (separated by commas).
    case splitNames(CodeID)
    /// Where the codings of a code being deleted go (a code, or `-` to drop them); `uses` counted first.
    case deleteTarget(CodeID, uses: Int)
    /// A value for a case attribute of a chat, entered from the case sheet.
    case attribute(chat: String, variable: String)
}

public struct PromptState: Equatable, Sendable {
    public var purpose: PromptPurpose
    public var label: String
    public var field: TextField
    /// Completions offered with Tab (relations already used).
    public var completions: [String] = []
}

/// What the picker's chosen code goes onto.
public enum PickerTarget: Equatable, Sendable {
    /// A new quote (or an existing quote with exactly this span).
    case span(chat: String, span: Span)
    /// A second (third …) code on an existing quote; afterwards the relation is asked.
    case addTo(CodingID)
    /// Removing: the picker lists only the quote's codes.
    case removeFrom(CodingID)
}

public struct PickerState: Equatable, Sendable {
    public var target: PickerTarget
    public var field = TextField()
    public var matches: [CodeID] = []
    public var highlighted = 0
    /// When nothing matches, the new code goes under this category (changeable with Up/Down).
    public var newCodeParent: CodeID?
}

public struct ChatListState: Equatable, Sendable {
    public enum Filter: String, CaseIterable, Sendable { case all, notStarted = "not started", inProgress = "in progress", done }
    public var filter: Filter = .all
    public var highlighted = 0
    /// Typed text: only chats whose title, id or an attribute value contain it are listed.
    public var field = TextField()
}

/// Several quotes cover the cursor message: which one `a`, `x` or `m` acts on.
public struct QuoteChoiceState: Equatable, Sendable {
    public var action: Action
    public var quotes: [CodingID]
    public var highlighted = 0
}

/// The matches of a search across every chat (`g/`).
public struct SearchResultsState: Equatable, Sendable {
    public var pattern: String
    public var hits: [CorpusHit]
    /// More matches exist than were kept.
    public var truncated: Bool
    public var highlighted = 0
}

public struct CodeViewState: Equatable, Sendable {
    public var code: CodeID
    public var quotes: [CodingID]
    /// In how many chats the quotes are (counted once, not at every frame).
    public var chats: Int
    public var highlighted = 0
}

/// Search in the current chat, or across chats after `g/` (then `n`/`N` go on into the next chat).
public struct SearchState: Equatable, Sendable {
    public var pattern: String
    /// (message, code-point offset) of each match in this chat, in text order.
    public var matches: [TextPosition]
    /// The matches in every chat, when the search covers them all.
    public var corpus: [CorpusHit]? = nil
}

/// A short message for the status line.
public struct Notice: Equatable, Sendable {
    public enum Kind: Sendable { case info, warning, error }
    public var text: String
    public var kind: Kind
}

/// Everything the workbench shows and remembers between keys. `update` changes it; `view` draws it.
public struct AppState: Sendable {
    // Data
    public internal(set) var project: Project
    public internal(set) var session: Session
    public internal(set) var hierarchy: CodeHierarchy
    public internal(set) var index: FrequencyIndex
    public let coder: String
    public var blind: Bool

    // Screen
    public var width: Int
    public var height: Int
    public var focus: Pane = .transcript
    /// Below 120 columns the figures replace the codebook pane while this is on (`F`).
    public var figuresInsteadOfCodebook = false
    public var overlay: Overlay?
    public var privacy = false
    public var pendingKeys: [Key] = []
    public var notice: Notice?
    public var quitRequested = false
    /// Set when writing an action failed: the status line says NOT SAVED until a write succeeds again.
    public var saveError: String?
    /// Why this session's figures are not final (a consensus whose review has items left), said in the figures
    /// pane's title; nil otherwise. Set once at open.
    public internal(set) var provisional: String?
    /// Why the workbench is read-only (the session's folder cannot be written: a mounted archive, a
    /// colleague's folder), or nil. The status line says READ-ONLY and edits are refused with a message.
    public internal(set) var readOnly: String?

    // Transcript
    /// The chat on screen, as a position in `project.chatIDs`. Changing it leads `update` to ask for that
    /// chat's transcript (`WorkbenchEffect.loadChat`); `chat` holds it once read.
    public var chatIndex = 0
    /// The chat on screen with its text: the only transcript the workbench holds (besides the project's
    /// few most recent), so memory and keystroke cost do not grow with the corpus. Nil while it is read.
    public internal(set) var chat: Chat?
    /// The chat asked for and not yet read; a chat that could not be read (not asked for again until the
    /// coder moves).
    var requestedChat: String?
    var unreadableChat: String?
    public var cursor = 1
    /// The first message shown at the top of the transcript, and how many of its lines are scrolled off.
    public var topMessage = 1
    public var topLine = 0
    public var selection: Selection?
    public var currentQuote: CodingID?
    public var search: SearchState?

    // Codebook
    public var expanded: Set<CodeID> = []
    public var treeCursor: CodeID?
    /// The code cut with `x`, to put elsewhere (`p`, `T`) or merge (`M`).
    public var cutCode: CodeID?
    public var treeTop = 0
    public var figuresTop = 0
    public var recentCodes: [CodeID] = []

    // Cases
    /// The project's imported case attributes (`cases.csv`), read at open.
    public internal(set) var importedCases = ImportedCases()
    /// Every case's attributes, with this coder's entered values on top: made when the case sheet first opens
    /// or when figures on variables are defined, and again after the coder enters a value (never per frame).
    public internal(set) var caseTable: CaseTable? {
        didSet { refreshVariableFigures() }
    }
    /// The figures on variables, made with the case table (not at every frame).
    public internal(set) var variableFigures: [Result<VariableFigure, GlossError>] = []

    /// Draws the figures on variables again from the case table (after the table or the figures changed).
    mutating func refreshVariableFigures() {
        variableFigures = caseTable.map { VariableFigure.figures(for: project.config.variableFigures, table: $0) } ?? []
    }

    // Outside the panes
    /// The clock and id source (`Environment.live`, or a fixed one in tests).
    public let environment: Environment
    /// The place last written to the resume file (so a quiet moment writes only when it changed).
    var savedPlace: WorkbenchPlace?
    /// The side-by-side comparison while it is open over the workbench (`:compare B`).
    public internal(set) var comparison: CompareState?
    /// A count typed before a motion (`3j`), as in vim.
    public var count: Int?

    /// `digest`: the session's digest when the cache holds a fresh one, so the figures' index is built from its
    /// integers rather than by a recount of every coding (the same index, `FrequencyIndex(hierarchy:digest:)`).
    public init(project: Project, session: Session, digest: SessionDigest? = nil, width: Int, height: Int, blind: Bool = false,
                environment: Environment = .live) {
        self.project = project
        self.environment = environment
        self.session = session
        self.coder = session.coder
        self.blind = blind
        self.hierarchy = CodeHierarchy(codebook: project.codebook, proposed: session.proposedCodes)
        if let digest, digest.coder == session.coder, digest.codingCount == session.codingCount {
            self.index = FrequencyIndex(hierarchy: hierarchy, digest: digest)
        } else {
            self.index = FrequencyIndex(hierarchy: hierarchy, session: session)
        }
        self.width = width
        self.height = height
        self.treeCursor = project.codebook.roots.first?.id
        // Start on the first chat not done, as a coder resumes work.
        chatIndex = project.chatIDs.firstIndex { session.status(of: $0) != .done } ?? 0
    }

    /// Whether a prompt, the picker or the chat list holds text the coder typed.
    var hasTypedText: Bool {
        switch overlay {
        case .prompt(let prompt)?: return !prompt.field.text.isEmpty
        case .picker(let picker)?: return !picker.field.text.isEmpty
        case .chatList(let list)?: return !list.field.text.isEmpty
        default: return false
        }
    }

    /// The id of the chat on screen (whether or not its text is read yet).
    public var chatID: String? { project.chatIDs.indices.contains(chatIndex) ? project.chatIDs[chatIndex] : nil }

    // MARK: Derived

    public var chatCodings: [Coding] { chat.map { session.codings(in: $0.id) } ?? [] }
    public var isWide: Bool { width >= 120 }
    public static let minimumWidth = 60
    public static let minimumHeight = 16
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Panes on screen, left to right.
    public var visiblePanes: [Pane] {
        if isWide { return [.transcript, .codebook, .figures] }
        return [.transcript, figuresInsteadOfCodebook ? .figures : .codebook]
    }

    /// The quotes of this chat that cover the cursor message, in text order.
    public var quotesUnderCursor: [Coding] {
        chatCodings.filter { $0.span.from.message <= cursor && cursor <= $0.span.to.message }
    }

    /// The quote under the cursor that `a`, `x` and `m` act on: the current quote (the last one visited with
    /// `]q`, coded or chosen) when it covers the cursor message, else the only quote there; nil when there is
    /// none or several overlap (then those keys ask which).
    public var quote: Coding? {
        let here = quotesUnderCursor
        if let id = currentQuote, let current = here.first(where: { $0.id == id }) { return current }
        return here.count == 1 ? here[0] : nil
    }

    /// Codes as a coder reads them.
    public func path(_ id: CodeID) -> String { hierarchy.path(of: id) ?? "unknown code \(id)" }
    public func name(_ id: CodeID) -> String { hierarchy.code(id)?.name ?? "unknown code" }

    /// Relations used anywhere in the session, for completion.
    public var usedRelations: [String] { session.relations }

    // MARK: Applying persisted changes

    /// Brings the state up to date after the store applied `changes`: `session` is the store's session, now
    /// holding them. The state shares the store's copy rather than keeping its own (a second copy of 200,000
    /// codings); `Workbench.update` lends it (`releaseSession`) whenever it returns an effect that writes, and every
    /// result of such an effect brings the store's session back, so the store changes it in place and nothing is copied.
    mutating func applied(_ changes: [SessionChange], session: Session) {
        let treeChanged = changes.contains { if case .proposal = $0 { return true } else { return false } }
        self.session = session
        if treeChanged {
            // The counts before the changes, moved to the new tree, then the changes; a recount when they cannot be.
            hierarchy = CodeHierarchy(codebook: project.codebook, proposed: session.proposedCodes)
            if let rebuilt = index.rebuilt(for: hierarchy) {
                index = rebuilt
                for change in changes { index.apply(change) }
            } else {
                index = FrequencyIndex(hierarchy: hierarchy, session: session)
            }
        } else {
            for change in changes { index.apply(change) }
        }
        if let id = currentQuote, session.coding(id) == nil { currentQuote = nil }
        if caseTable != nil, changes.contains(where: { if case .attribute = $0 { return true } else { return false } }) { refreshCases() }
    }

    /// Makes `caseTable` from the chats' headers, the imported file and this coder's entered values.
    mutating func refreshCases() {
        caseTable = CaseTable.merge(chats: project.chatIDs.map { (id: $0, attributes: project.summary($0)?.attributes ?? []) },
                                    imported: importedCases, coderEntered: session.attributes, declarations: project.config.variables)
    }

    /// Sets the imported attributes (read by the runner at open) and, when figures on variables are defined,
    /// makes the case table they are drawn from.
    mutating func useImportedCases(_ imported: ImportedCases) {
        importedCases = imported
        if !project.config.variableFigures.isEmpty || caseTable != nil { refreshCases() }
    }

    /// Drops the state's reference to the session (until `applied` or `adopt` gives it back), so the store is
    /// its only owner while it writes.
    mutating func releaseSession() { session = Session(coder: coder) }

    /// Takes the store's session after a write that failed (and rolled back).
    mutating func adopt(_ session: Session) { self.session = session }

    /// A codebook operation done or undone together with session changes (a merge's codings): the new tree and a
    /// recount (rare, and the tree's shape changed).
    mutating func replaceCodebook(_ codebook: Codebook, session: Session) {
        self.session = session
        project.codebook = codebook
        hierarchy = CodeHierarchy(codebook: codebook, proposed: session.proposedCodes)
        index = FrequencyIndex(hierarchy: hierarchy, session: session)
        if let id = currentQuote, session.coding(id) == nil { currentQuote = nil }
        if let cut = cutCode, hierarchy.code(cut) == nil { cutCode = nil }
        if let cursor = treeCursor, hierarchy.code(cursor) == nil { treeCursor = hierarchy.codebook.roots.first?.id }
    }

    mutating func replaceCodebook(_ codebook: Codebook) {
        project.codebook = codebook
        hierarchy = CodeHierarchy(codebook: codebook, proposed: session.proposedCodes)
        index = index.rebuilt(for: hierarchy) ?? FrequencyIndex(hierarchy: hierarchy, session: session)
    }
}
