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
            do {
                let record = try undo ? store.undo() : store.redo()
                return [.historyMoved(undo: undo, record: record, session: store.session)]
            } catch {
                return [.notSaved("\(error)", session: store.session)]
            }
        case .renameCode(let id, let name):
            guard store != nil else { return [.failed(refusal)] }
            do {
                let codebook = try project.renameCode(id, to: name, by: coder)
                return [.codebookChanged(codebook, notice: "renamed to \(name) in the shared codebook")]
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
