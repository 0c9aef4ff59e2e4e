import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// Runs the workbench's effects: it owns the session store (the one writer of the coder's session) and
/// the state, feeds keys to `Update`, and writes each action to disk before the next key is read. Tests
/// drive it with keys and read `render()`; the terminal loop (`WorkbenchLoop`) does the same with a
/// real terminal.
public final class AppDriver {
    public private(set) var state: AppState
    /// The writer of the coder's session; nil only in a read-only workbench (`state.readOnly`), where
    /// nothing is written.
    public let store: SessionStore!
    public var theme: Theme
    /// The side-by-side comparison, while it is open over the workbench (`:compare B`).
    public private(set) var comparison: CompareDriver?

    /// Opens a coder's session on a project (taking the session's lock). When the session's files cannot
    /// be written (a read-only file system, a folder without write permission), the workbench opens
    /// read-only instead of refusing: the session is read without a lock and every edit is refused.
    public convenience init(projectRoot: URL, coder: String, width: Int, height: Int, blind: Bool = false, theme: Theme = .fallback) throws {
        let urls = SessionStore.urls(projectRoot: projectRoot, coder: coder)
        let readOnly = SecureFiles.whyNotWritable(urls.snapshot.deletingLastPathComponent(), files: [urls.lock, urls.journal, urls.snapshot])
        try self.init(projectRoot: projectRoot, coder: coder, width: width, height: height, blind: blind, theme: theme, readOnly: readOnly)
    }

    /// `readOnly` (why, or nil) chooses the mode; tests pass a reason, since the tests run as root, whom a
    /// folder's mode does not stop.
    init(projectRoot: URL, coder: String, width: Int, height: Int, blind: Bool, theme: Theme, readOnly: String?) throws {
        let project = try Project.load(projectRoot)
        let session: Session
        if readOnly != nil {
            store = nil
            session = try Self.readSession(projectRoot: projectRoot, coder: coder, codebookRevision: project.codebook.revision)
        } else {
            store = try SessionStore(projectRoot: projectRoot, coder: coder, codebookRevision: project.codebook.revision)
            session = store.session
        }
        self.theme = theme
        // The state shares the store's session (see `AppState.applied`): one copy in memory, changed in place.
        let digest = readOnly == nil ? SessionDigestCache.fresh(projectRoot: projectRoot, coder: coder) : nil
        state = AppState(project: project, session: session, digest: digest, width: width, height: height, blind: blind)
        state.readOnly = readOnly
        resumePosition(Self.resumeURL(projectRoot: projectRoot, coder: coder))
        Update.syncViewports(&state)
        if let readOnly {
            state.notice = Notice(text: "read-only (\(readOnly)): you can read and browse; nothing is changed", kind: .warning)
        } else if let note = store.notes.last {
            state.notice = Notice(text: note, kind: .warning)
        }
    }

    /// A read-only workbench's session: as on disk, or empty when the coder has none yet.
    private static func readSession(projectRoot: URL, coder: String, codebookRevision: Int) throws -> Session {
        guard Names.isValidCoder(coder) else {
            throw GlossError("\"\(coder)\" is not a valid coder name: use letters, digits, '-', '_' or '.'")
        }
        guard SecureFiles.entryExists(SessionStore.urls(projectRoot: projectRoot, coder: coder).snapshot) else {
            return Session(coder: coder, codebookRevision: codebookRevision)
        }
        return try SessionStore.read(projectRoot: projectRoot, coder: coder)
    }

    /// Things to tell the coder after the workbench closes (a torn record dropped, a journal kept aside).
    public var notes: [String] { store?.notes ?? [] }

    /// Handles one key; returns the effects the terminal loop must act on (quit, suspend).
    @discardableResult
    public func send(_ key: Key) -> [Effect] {
        if let comparison {
            if key == .resize { return [] }
            if comparison.send(key) { self.comparison = nil }
            return []
        }
        var remaining: [Effect] = []
        for effect in Update.handle(key, &state) {
            switch effect {
            case .persist(let changes, let label): persist(changes, label: label)
            case .undo: history(undo: true)
            case .redo: history(undo: false)
            case .renameCode(let id, let name): rename(id, to: name)
            case .compare(let other): openComparison(with: other)
            case .quit, .suspend: remaining.append(effect)
            }
        }
        return remaining
    }

    /// Sends several keys (tests, benchmarks).
    public func send(_ keys: [Key]) { for key in keys { send(key) } }

    public func resize(width: Int, height: Int) {
        Update.resize(&state, width: width, height: height)
        comparison?.resize(width: width, height: height)
    }

    public func render() -> ScreenBuffer { comparison?.render() ?? WorkbenchView.render(state, theme: theme) }

    /// Called when no key came for a while: folds the journal into the session file.
    public func idle() {
        guard let store, store.pendingRecords > 0 else { return }
        do { try store.checkpoint() } catch { state.saveError = "cannot write the session: \(error)" }
    }

    /// Writes the session file, remembers where the coder was, and releases the lock.
    public func close() throws {
        guard let store else { return }  // read-only: nothing to write, no lock to release
        if let chat = state.chat {
            // Where to resume next time: a small local file beside the journal (not shared, like the journal).
            let place = Resume(chat: chat.id, message: state.cursor)
            try? SecureFiles.writeAtomically(try JSONFormat.encode(place), to: Self.resumeURL(projectRoot: state.project.root, coder: state.coder))
        }
        try store.close()
    }

    /// The chat and message the coder was on when the workbench last closed.
    struct Resume: Codable { var chat: String; var message: Int }

    static func resumeURL(projectRoot: URL, coder: String) -> URL {
        SessionStore.urls(projectRoot: projectRoot, coder: coder).journal.deletingPathExtension().appendingPathExtension("resume")
    }

    /// Opens the chat and message of the last session, if that chat still exists. Read as a project file
    /// (never through a link, never a pipe).
    private func resumePosition(_ url: URL) {
        guard let data = try? SecureFiles.read(url),
              let place = try? JSONDecoder().decode(Resume.self, from: data),
              let index = state.project.index(of: place.chat) else { return }
        Update.openChat(index, &state)
        state.cursor = place.message
    }

    private func persist(_ changes: [SessionChange], label: String) {
        guard let store else { return refuseReadOnly() }
        state.releaseSession()
        do {
            try store.perform(changes, label: label)
            state.applied(changes, session: store.session)
            state.saveError = nil
        } catch {
            state.adopt(store.session)
            state.saveError = "NOT SAVED: \(error)"
        }
    }

    private func history(undo: Bool) {
        guard let store else { return refuseReadOnly() }
        state.releaseSession()
        defer { state.adopt(store.session) }  // whatever happened, the state shows what the store holds
        do {
            guard let record = try undo ? store.undo() : store.redo() else {
                state.notice = Notice(text: undo ? "nothing to undo" : "nothing to redo", kind: .info)
                return
            }
            state.applied(record.changes, session: store.session)
            state.saveError = nil
            state.notice = Notice(text: "\(undo ? "undid" : "redid"): \(record.label)", kind: .info)
            // Show where the change happened, as a coder expects after undoing across chats.
            if let chat = record.changes.lazy.compactMap({ change -> String? in
                switch change {
                case .coding(_, let before, let after): return (after ?? before)?.chat
                case .status(let chat, _, _): return chat
                case .proposal: return nil
                }
            }).first, chat != state.chat?.id, let index = state.project.index(of: chat) {
                Update.openChat(index, &state)
            }
            Update.syncViewports(&state)
        } catch {
            state.saveError = "NOT SAVED: \(error)"
        }
    }

    private func openComparison(with other: String) {
        do {
            // The workbench's own session may hold actions not yet in its file: write it first.
            try store?.checkpoint()
            comparison = try CompareDriver(projectRoot: state.project.root, coders: [state.coder, other], blindFor: state.blind ? state.coder : nil,
                                           width: state.width, height: state.height, theme: theme)
        } catch {
            state.notice = Notice(text: "\(error)", kind: .error)
        }
    }

    /// The one guarantee of a read-only workbench: no effect that writes runs without a store. (`Update`
    /// already refuses the keys that edit; this catches any path that still asks.)
    private func refuseReadOnly() {
        state.notice = Update.readOnlyNotice(state)
    }

    private func rename(_ id: CodeID, to name: String) {
        guard store != nil else { return refuseReadOnly() }
        var project = state.project
        do {
            let codebook = try project.renameCode(id, to: name, by: state.coder)
            state.replaceCodebook(codebook)
            state.notice = Notice(text: "renamed to \(name) in the shared codebook", kind: .info)
        } catch {
            state.notice = Notice(text: "\(error)", kind: .error)
        }
    }
}
