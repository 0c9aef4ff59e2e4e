import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The workbench's I/O: the coder's session store (the one writer of the session, holding its lock), the
/// shared codebook, the transcripts and the resume file. Each effect is run here and its result goes back
/// to `Workbench.update` as a message; nothing here changes the state.
public final class WorkbenchRunner: EffectRunner {
    public typealias Program = Workbench

    /// The writer of the coder's session; nil only in a read-only workbench, where nothing is written.
    public let store: SessionStore?
    /// The project as opened (for reading transcripts and writing the codebook).
    private var project: Project
    private let coder: String
    private let readOnly: String?
    /// Blind coding: a comparison keeps closed the chats this coder has not marked done.
    private let blind: Bool
    /// The comparison's I/O while one is open over the workbench, and the other coder in it.
    private var comparison: CompareRunner?
    private var comparedWith: String?
    /// A read-only workbench's session (there is no store): what a refused write reports back.
    private let readOnlySession: Session?

    init(store: SessionStore?, readOnlySession: Session?, project: Project, coder: String, readOnly: String?, blind: Bool) {
        self.store = store
        self.readOnlySession = readOnlySession
        self.blind = blind
        self.project = project
        self.coder = coder
        self.readOnly = readOnly
    }

    /// Things to tell the coder after the workbench closes (a torn record dropped, a journal kept aside).
    public var notes: [String] { store?.notes ?? [] }

    public func run(_ effect: WorkbenchEffect) -> [WorkbenchMessage] {
        switch effect {
        case .persist(let changes, let label):
            guard let store else { return [.notSaved(refusal, session: readOnlySession ?? Session(coder: coder))] }
            do {
                try store.perform(changes, label: label)
                return [.persisted(changes, session: store.session)]
            } catch {
                return [.notSaved("\(error)", session: store.session)]
            }
        case .undo, .redo:
            guard let store else { return [.notSaved(refusal, session: readOnlySession ?? Session(coder: coder))] }
            let undo = effect == .undo
            if let record = undo ? store.undoRecord : store.redoRecord, let step = record.codebook {
                return moveHistory(step, label: record.label, undo: undo, store: store)
            }
            do {
                let record = try undo ? store.undo() : store.redo()
                return [.historyMoved(undo: undo, record: record, session: store.session)]
            } catch {
                return [.notSaved("\(error)", session: store.session)]
            }
        case .renameCode(let id, let name):
            guard let store else { return [.failed(refusal)] }
            let label = "rename \(project.codebook.path(of: id) ?? name) to \(name)"
            return step(.rename(id, to: name), reason: nil, label: label, notice: "renamed to \(name) in the shared codebook", store: store)
        case .codebook(let operation, let reason, let label):
            guard let store else { return [.failed(refusal)] }
            return step(operation, reason: reason, label: label, notice: label, store: store)
        case .countUses(let id):
            do {
                return [.usesCounted(id, try project.codingUses(of: id).map { CoderUses(coder: $0.coder, count: $0.count) })]
            } catch {
                return [.failed("\(error)")]
            }
        case .pinFigure(let id):
            guard store != nil else { return [.failed(refusal)] }
            do {
                var number = 0
                let config = try project.changeConfig(by: coder, kind: .figure) { config, codebook in
                    guard let code = codebook[id], codebook.hasChildren(id) else {
                        throw GlossError("only a category of the shared codebook (a code with sub-codes) can be a figure")
                    }
                    number = (config.figureNumbers.last ?? 0) + 1
                    guard number <= ProjectConfig.maximumFigureNumber else {
                        throw GlossError("no figure number is free above \(number - 1); renumber with gloss figure move")
                    }
                    try config.addFigure(FigureDefinition(number: number, title: code.name, subject: .code(id)))
                    return ("figure \(number)", id, nil, "added: \(code.name) (category \(codebook.path(of: id) ?? code.name)) from the workbench")
                }
                return [.configChanged(config, notice: "pinned as figure \(number) (gloss figure edit to change it)")]
            } catch {
                return [.failed("\(error)")]
            }
        case .changeFigures(let change):
            guard store != nil else { return [.failed(refusal)] }
            do {
                var notice = ""
                let kind: CodebookChange.Kind
                switch change {
                case .moveFigure, .removeFigure: kind = .figure
                case .removeGroup, .addToGroup, .removeFromGroup: kind = .group
                }
                let config = try project.changeConfig(by: coder, kind: kind) { config, codebook in
                    func path(_ id: CodeID) -> String { codebook.path(of: id) ?? id.rawValue }
                    switch change {
                    case .moveFigure(let number, let target):
                        try config.moveFigure(number, to: target)
                        notice = "figure \(number) is now figure \(target)"
                        return ("figure \(number)", nil, "figure \(number)", "moved to \(target) from the workbench")
                    case .removeFigure(let number):
                        try config.removeFigure(number)
                        notice = "removed figure \(number)"
                        return ("figure \(number)", nil, nil, "removed from the workbench")
                    case .removeGroup(let name):
                        try config.removeFromGroup(name, codes: [])
                        notice = "removed the group \(name)"
                        return ("group \(name)", nil, nil, "removed from the workbench")
                    case .addToGroup(let name, let code):
                        let existed = config.group(name) != nil
                        try config.addToGroup(name, codes: [code])
                        notice = (existed ? "added \(path(code)) to" : "made") + " the group \(name)"
                        return ("group \(name)", nil, nil, (existed ? "added " : "created with ") + path(code) + " from the workbench")
                    case .removeFromGroup(let name, let code):
                        try config.removeFromGroup(name, codes: [code])
                        notice = "took \(path(code)) out of the group \(name)"
                        return ("group \(name)", nil, nil, "took out \(path(code)) from the workbench")
                    }
                }
                return [.configChanged(config, notice: notice)]
            } catch {
                return [.failed("\(error)")]
            }
        case .loadChat(let id):
            do {
                return [.chatLoaded(try project.loadChat(id))]
            } catch {
                return [.chatUnreadable(id: id, reason: "\(error)")]
            }
        case .searchCorpus(let text):
            guard let pattern = TextSearchPattern(text) else {
                return [.failed("nothing to search for (at most \(TextSearchPattern.maxLength) characters, not only accents)")]
            }
            do {
                let result = try CorpusSearch.search(pattern, in: project, skippingUnreadable: true)
                var messages: [WorkbenchMessage] = [.corpusSearched(pattern: text, hits: result.hits, truncated: result.truncated)]
                if let first = result.unreadable.first {
                    // What was found is shown; what could not be read is said, naming the first file and why.
                    messages.append(.failed("\(result.unreadable.count) chat(s) could not be searched: \(first.reason)"))
                }
                return messages
            } catch {
                return [.failed("\(error)")]
            }
        case .checkpoint:
            guard let store else { return [] }
            guard store.pendingRecords > 0 else {
                // Nothing to fold in: a quiet moment to settle a racily written image (once), so the next open
                // trusts it without reading the whole snapshot for its checksum.
                SessionImageCache.settle(projectRoot: project.root, coder: coder)
                return []
            }
            do {
                try store.checkpoint()
                return [.checkpointed]
            } catch {
                return [.notSaved("cannot write the session: \(error)", session: store.session)]
            }
        case .savePlace(let place):
            return write(place) ? [.placeSaved(place)] : []
        case .compare(let other):
            do {
                // The workbench's own session may hold actions not yet in its file: write it first.
                try store?.checkpoint()
                let (state, runner) = try CompareScreen.open(projectRoot: project.root, coders: [coder, other], blindFor: blind ? coder : nil)
                comparison = runner
                comparedWith = other
                return [.comparisonOpened(state)]
            } catch {
                return [.failed("\(error)")]
            }
        case .comparison(let effect):
            if case .loadChat(let id) = effect { noteSeen(id) }
            return (comparison?.run(effect) ?? []).map { .comparison($0) }
        case .quit, .suspend:
            return []
        }
    }

    /// Runs a codebook operation and journals it in the coder's session with the changes it implies (a merge's
    /// codings) as one undoable action. The codebook is changed first (logged, under its lock); the session then
    /// follows any change made meanwhile by others, and records the operation with the new revision. If the
    /// session cannot record it, it follows by migration (the operation stays done, without an undo step).
    private func step(_ operation: CodebookOperation, reason: String?, label: String, notice: String, store: SessionStore) -> [WorkbenchMessage] {
        let done: (step: CodebookStep, mappings: [CodeMapping])
        do {
            done = try project.perform(operation, by: coder, reason: reason)
        } catch {
            return [giveBack(store), .failed("\(error)")]
        }
        let revision = project.codebook.revision
        do {
            try store.follow(codebookRevision: revision - 1, projectRoot: project.root)
            let changes = CodeMigration.changes(for: store.session, mappings: done.mappings)
            try store.perform(changes, label: label, codebookRevision: revision, codebook: done.step)
            return [.codebookStepped(project.codebook, session: store.session, notice: notice)]
        } catch {
            try? store.follow(codebookRevision: revision, projectRoot: project.root)
            return [.codebookStepped(project.codebook, session: store.session,
                                     notice: "\(label) was done in the codebook, but not recorded for undo: \(error)")]
        }
    }

    /// The session given back after a codebook effect that changed nothing.
    private func giveBack(_ store: SessionStore) -> WorkbenchMessage {
        .codebookStepped(project.codebook, session: store.session, notice: "")
    }

    /// Undoes or redoes an action that changed the codebook: the inverse (or the operation again) on the shared
    /// codebook first, then the session's changes. Exact for this codebook and this session; other coders'
    /// sessions that already followed a merge keep the merged code (see docs/user-guide.md).
    private func moveHistory(_ step: CodebookStep, label: String, undo: Bool, store: SessionStore) -> [WorkbenchMessage] {
        do {
            _ = try project.perform(undo ? step.undo : step.done, by: coder, reason: undo ? "undo: \(label)" : "redo: \(label)")
        } catch {
            return [giveBack(store), .failed("cannot \(undo ? "undo" : "redo") \(label): \(error)")]
        }
        let revision = project.codebook.revision
        do {
            try store.follow(codebookRevision: revision - 1, projectRoot: project.root)
            _ = try undo ? store.undo(codebookRevision: revision) : store.redo(codebookRevision: revision)
            var notice = "\(undo ? "undid" : "redid"): \(label)"
            switch step.done {
            case .merge, .retire:
                if undo { notice += " (here and in the codebook only: other coders' sessions, opened since or not, keep the change)" }
            default: break
            }
            return [.codebookStepped(project.codebook, session: store.session, notice: notice)]
        } catch {
            try? store.follow(codebookRevision: revision, projectRoot: project.root)
            return [.codebookStepped(project.codebook, session: store.session,
                                     notice: "the codebook was \(undo ? "undone" : "redone") but your codings could not be: \(error)")]
        }
    }

    /// The comparison shows the other coder's codings of `chat` (a chat blind coding keeps closed shows nothing):
    /// the first time, a `SeenMark` with the coder's own codings then goes into the session, journalled as a mark
    /// that undo passes over. A mark that cannot be written is not worth stopping the comparison for: the
    /// journal's own failure is reported by the next write.
    private func noteSeen(_ chat: String) {
        guard let store, let other = comparedWith, store.session.seen[chat]?[other] == nil else { return }
        if blind && store.session.status(of: chat) != .done { return }
        let mark = SeenMark(time: Timestamp.now(), fingerprint: SeenMark.fingerprint(of: store.session.codings(in: chat)))
        try? store.mark([.seen(chat: chat, coder: other, before: nil, after: mark)], label: "saw \(other)'s codings of \(chat)")
    }

    /// Writes the session file and where the coder was, and releases the lock.
    public func close(_ state: AppState) throws {
        guard let store else { return }  // read-only: nothing to write, no lock to release
        if let place = state.place, place != state.savedPlace { _ = write(place) }
        try store.close()
    }

    /// Writes where the coder is. A place not kept is no loss (the next quiet moment tries again), so it never
    /// disturbs the coder; a read-only workbench keeps none.
    private func write(_ place: WorkbenchPlace) -> Bool {
        guard store != nil, let data = try? JSONFormat.encode(place) else { return false }
        return (try? SecureFiles.writeAtomically(data, to: Self.placeURL(projectRoot: project.root, coder: coder))) != nil
    }

    private var refusal: String { "read-only: nothing can be changed here (\(readOnly ?? "the project cannot be written"))" }

    /// `sessions/<coder>.resume`: local to this machine, like the journal.
    static func placeURL(projectRoot: URL, coder: String) -> URL {
        SessionStore.urls(projectRoot: projectRoot, coder: coder).journal.deletingPathExtension().appendingPathExtension("resume")
    }

    /// The place saved last time, read as a project file (never through a link, never a pipe); nil when
    /// there is none or it cannot be read.
    /// A place is a few hundred bytes; a larger file (one that arrived with a project) is not read at all.
    static func savedPlace(projectRoot: URL, coder: String) -> WorkbenchPlace? {
        let url = placeURL(projectRoot: projectRoot, coder: coder)
        guard let size = FileKey.of(url)?.size, size <= 64 * 1024, let data = try? SecureFiles.read(url), data.count <= 64 * 1024 else { return nil }
        return try? JSONDecoder().decode(WorkbenchPlace.self, from: data)
    }
}
