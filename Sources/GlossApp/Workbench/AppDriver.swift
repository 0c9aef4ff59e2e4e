import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The workbench on the one runtime: `Workbench` (state, update, view) with `WorkbenchRunner` (the session
/// store and files). `gloss open`, the tests and the benchmarks drive it by keys and read `render()`.
public typealias AppDriver = Runtime<Workbench>

extension Runtime where Program == Workbench {
    /// Opens a coder's session on a project (taking the session's lock). When the session's files cannot
    /// be written (a read-only file system, a folder without write permission), the workbench opens
    /// read-only instead of refusing: the session is read without a lock and every edit is refused.
    public convenience init(projectRoot: URL, coder: String, width: Int, height: Int, blind: Bool = false, theme: Theme = .fallback,
                            environment: Environment = .live) throws {
        let urls = SessionStore.urls(projectRoot: projectRoot, coder: coder)
        let readOnly = SecureFiles.whyNotWritable(urls.snapshot.deletingLastPathComponent(), files: [urls.lock, urls.journal, urls.snapshot])
        try self.init(projectRoot: projectRoot, coder: coder, width: width, height: height, blind: blind, theme: theme, readOnly: readOnly,
                      environment: environment)
    }

    /// `readOnly` (why, or nil) chooses the mode; tests pass a reason, since the tests run as root, whom a
    /// folder's mode does not stop.
    convenience init(projectRoot: URL, coder: String, width: Int, height: Int, blind: Bool, theme: Theme, readOnly: String?,
                     environment: Environment = .live) throws {
        let project = try Project.load(projectRoot)
        let session: Session
        let store: SessionStore?
        if readOnly != nil {
            store = nil
            session = try Self.readSession(project, coder: coder)
        } else {
            store = try SessionStore(projectRoot: projectRoot, coder: coder, codebookRevision: project.codebook.revision)
            session = store!.session
        }
        // The state shares the store's session (see `AppState.applied`): one copy in memory, changed in place.
        // The figures' index from the digest: the cached one when fresh, else one made now (and cached).
        let digest = readOnly == nil ? SessionDigestCache.fresh(projectRoot: projectRoot, coder: coder) ?? store?.digestForOpening() : nil
        // Blind coding is the project's setting (on until switched off), or asked for at launch.
        let blind = blind || project.config.blind
        var state = AppState(project: project, session: session, digest: digest, width: width, height: height, blind: blind,
                             environment: environment)
        state.readOnly = readOnly
        // A consensus whose review meeting has items left: the figures pane says provisional (issue 14).
        state.provisional = (try? ConsensusProgress.provisional(coder, in: project))??.sentence
        // The imported case attributes; a damaged file costs the case sheet its imported values, not the workbench.
        var casesProblem: String?
        do { state.useImportedCases(try ImportedCases.read(projectRoot: projectRoot)) } catch { casesProblem = "\(error)" }
        if let place = WorkbenchRunner.savedPlace(projectRoot: projectRoot, coder: coder) { state.restore(place) }
        if let readOnly {
            state.notice = Notice(text: "read-only (\(readOnly)): you can read and browse; nothing is changed", kind: .warning)
        } else if let note = store?.notes.last {
            state.notice = Notice(text: note, kind: .warning)
        } else if let casesProblem {
            state.notice = Notice(text: casesProblem, kind: .warning)
        }
        let runner = WorkbenchRunner(store: store, readOnlySession: readOnly == nil ? nil : session, project: project, coder: coder,
                                     readOnly: readOnly, blind: blind)
        self.init(state: state, runner: runner, theme: theme)
        // Reads the chat on screen and fits the view to the terminal.
        resize(width: width, height: height)
    }

    /// A read-only workbench's session: as on disk, or empty when the coder has none yet.
    /// Followed to the codebook in memory (a merge made while it was not open), as every reader counts it.
    private static func readSession(_ project: Project, coder: String) throws -> Session {
        guard Names.isValidCoder(coder) else {
            throw GlossError("\"\(coder)\" is not a valid coder name: use letters, digits, '-', '_' or '.'")
        }
        guard SecureFiles.entryExists(SessionStore.urls(projectRoot: project.root, coder: coder).snapshot) else {
            return Session(coder: coder, codebookRevision: project.codebook.revision)
        }
        return try project.readSession(coder)
    }

    /// The writer of the coder's session; nil in a read-only workbench.
    public var store: SessionStore! { (runner as! WorkbenchRunner).store }

    /// Things to tell the coder after the workbench closes (a torn record dropped, a journal kept aside).
    public var notes: [String] { (runner as! WorkbenchRunner).notes }

    /// The comparison open over the workbench (`:compare B`), if any.
    public var comparison: CompareState? { state.comparison }
}
