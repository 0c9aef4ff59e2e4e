import Foundation

/// The one writer of a coder's session: `sessions/<coder>.json` (the snapshot), `sessions/<coder>.journal`
/// (every action since, and all history for undo) and `sessions/<coder>.lock` (one writer at a time).
///
/// An action is journalled (appended and flushed) before it is applied, so a killed process loses at
/// most the action it was writing. `checkpoint()` folds the journal into the snapshot atomically; the
/// snapshot records the journal's id and the last record it includes, so replay never applies a record
/// twice. History lives only in the journal, keeping the session JSON clean for diffs.
public final class SessionStore {
    public let coder: String
    public let snapshotURL: URL
    public let journalURL: URL
    public private(set) var session: Session
    /// Things the user should be told about opening (a torn record dropped, an orphaned journal kept).
    public private(set) var notes: [String] = []

    private let lock: FileLock
    private var journal: Journal
    private var history: UndoHistory?
    /// Why this store must not write any more (a new history half made), or nil.
    private var broken: String?

    /// Where a coder's files live in a project.
    public static func urls(projectRoot: URL, coder: String) -> (snapshot: URL, journal: URL, lock: URL) {
        let folder = projectRoot.appendingPathComponent("sessions")
        return (folder.appendingPathComponent("\(coder).json"),
                folder.appendingPathComponent("\(coder).journal"),
                folder.appendingPathComponent("\(coder).lock"))
    }

    /// Opens (or, with `create`, starts) a coder's session for writing. Refuses when another process has
    /// it open, and never overwrites a snapshot that does not parse.
    public init(projectRoot: URL, coder: String, codebookRevision: Int, create: Bool = true) throws {
        guard Names.isValidCoder(coder) else {
            throw GlossError("\"\(coder)\" is not a valid coder name: use letters, digits, '-', '_' or '.'")
        }
        self.coder = coder
        let urls = Self.urls(projectRoot: projectRoot, coder: coder)
        snapshotURL = urls.snapshot
        journalURL = urls.journal
        try SecureFiles.makeDirectory(projectRoot.appendingPathComponent("sessions"))
        lock = try FileLock(urls.lock, purpose: "The session of \(coder)")

        let hasSnapshot = SecureFiles.entryExists(snapshotURL)  // a dangling link too: it is refused, not replaced
        if hasSnapshot {
            session = try SessionImageCache.readSnapshot(snapshotURL, coder: coder).session
            guard session.coder == coder else {
                throw GlossError(file: snapshotURL.path, place: "coder", "the file belongs to coder \"\(session.coder)\", not \"\(coder)\"")
            }
        } else {
            guard create else { throw GlossError(file: snapshotURL.path, "coder \(coder) has no session in this project") }
            session = Session(coder: coder, codebookRevision: codebookRevision)
        }

        let diskMark = hasSnapshot ? "\(session.journalID ?? "")#\(session.journalSeq)" : nil
        let replay = try SessionReplay.replay(snapshot: hasSnapshot ? session : nil, newSession: session, journalURL: journalURL)
        session = replay.session
        switch replay.journal {
        case .use(let contents):
            let (opened, journalNotes) = try Journal.open(contents)
            journal = opened
            // The damage found, then what open did about it (where the damaged file was kept).
            notes = replay.openNotes + replay.damage + journalNotes.dropFirst(contents.scan.notes.count)
        case .setAside(let reason):
            let aside = try ChecksummedLog.setAside(journalURL, as: reason)
            notes = replay.openNotes.map { "\($0); kept as \(aside)" } + replay.damage
            if !replay.damage.isEmpty { notes.append("\(journalURL.path): the damaged journal was kept as \(aside); a new journal starts") }
            journal = try Journal.create(at: journalURL, coder: coder)
        case .none:
            journal = try Journal.create(at: journalURL, coder: coder)
        }
        if replay.applied > 0 {
            notes.append(hasSnapshot ? "\(journalURL.path): recovered \(replay.applied) action(s) not yet in the session file"
                                     : "\(snapshotURL.path): the session file was missing; rebuilt it from the journal (\(replay.applied) actions)")
        }
        if diskMark == "\(journal.id)#\(journal.lastSeq)" {
            savedSeq = journal.lastSeq
        } else {
            try writeSnapshot()
        }
        if session.codebookRevision < codebookRevision {
            try follow(codebookRevision: codebookRevision, projectRoot: projectRoot)
        }
    }

    /// Brings the session's codings up to the codebook at `revision` (a merge or retirement made by another
    /// process, or while this session's file was elsewhere): the pending code mappings from the change log,
    /// journalled as one `migrate` record that also records the revision, so a crash leaves the session before
    /// or after it, and the next open finishes it. Nothing is written when no mapping is pending.
    public func follow(codebookRevision revision: Int, projectRoot: URL) throws {
        let log = try CodeMigration.log(projectRoot: projectRoot)
        let mappings = CodeMigration.pending(log, after: session.codebookRevision, upTo: revision)
        guard !mappings.isEmpty else { return }
        // Where the mappings lead is checked on the whole chain up to the codebook as it is now (a target may
        // have been merged on since `revision`).
        let codebookURL = projectRoot.appendingPathComponent("codebook.json")
        let codebook = try CodebookFile.decode(try SecureFiles.read(codebookURL), file: codebookURL.path)
        try CodeMigration.checkTargets(CodeMigration.pending(log, after: session.codebookRevision, upTo: max(revision, codebook.revision)),
                                       in: codebook, log: projectRoot.appendingPathComponent("codebook-changes.jsonl").path)
        let changes = CodeMigration.changes(for: session, mappings: mappings)
        _ = try applyAndJournal(JournalRecord(seq: 0, time: Timestamp.now(), kind: .migrate,
                                              label: "follow the codebook to revision \(revision)", changes: changes, revision: revision))
        MigrationCrashHook.reached("journalled")
    }

    /// Applies one action that goes with a codebook change made in this process (the workbench's merge, say):
    /// journalled like `perform`, undoable, and carrying the codebook revision the session now follows.
    public func perform(_ changes: [SessionChange], label: String, codebookRevision: Int, codebook step: CodebookStep? = nil) throws {
        let record = try applyAndJournal(JournalRecord(seq: 0, time: Timestamp.now(), kind: .do, label: label, changes: changes,
                                                       revision: codebookRevision, codebook: step))
        history?.did(record)
    }

    /// The action `undo()` would take back (with its codebook step, if any), or nil.
    public var undoRecord: JournalRecord? {
        guard let target = try? loadHistory().undoTarget else { return nil }
        return try? journal.record(target)
    }

    /// The action `redo()` would repeat, or nil.
    public var redoRecord: JournalRecord? {
        guard let target = try? loadHistory().redoTarget else { return nil }
        return try? journal.record(target)
    }

    /// Reads a coder's current session (snapshot plus journal) without locking or changing anything.
    public static func read(projectRoot: URL, coder: String) throws -> Session {
        try readWithNotes(projectRoot: projectRoot, coder: coder).session
    }

    /// `read`, with what damage was found and recovered from, by the same rule as opening the session
    /// (nothing is moved or repaired here: the next open does that).
    public static func readWithNotes(projectRoot: URL, coder: String) throws -> (session: Session, notes: [String]) {
        let urls = urls(projectRoot: projectRoot, coder: coder)
        // The image when it stands for the snapshot (it never writes one: a reader holds no lock).
        let snapshot = try SessionImageCache.fresh(urls.snapshot, projectRoot: projectRoot, coder: coder)
            ?? SessionFile.decode(try SecureFiles.read(urls.snapshot), file: urls.snapshot.path)
        let replay = try SessionReplay.replay(snapshot: snapshot, newSession: snapshot, journalURL: urls.journal)
        return (replay.session, replay.damage)
    }

    // MARK: Actions

    /// Applies one user action and journals it (appended and flushed) before returning. Changes must
    /// have been computed against the current session; the session is changed in place (no copy, so the
    /// cost does not grow with its size) and rolled back if a change does not fit or the write fails.
    public func perform(_ changes: [SessionChange], label: String) throws {
        guard !changes.isEmpty else { return }
        let record = try applyAndJournal(JournalRecord(seq: 0, time: Timestamp.now(), kind: .do, label: label, changes: changes))
        history?.did(record)
    }

    /// Journals changes that record what happened to the coder rather than what the coder did (another
    /// coder's codings seen): replayed like any record, but not an action, so `undo` and `redo` pass over it.
    public func mark(_ changes: [SessionChange], label: String) throws {
        guard !changes.isEmpty else { return }
        _ = try applyAndJournal(JournalRecord(seq: 0, time: Timestamp.now(), kind: .mark, label: label, changes: changes))
    }

    /// Makes `newSession` the coder's session as the start of a new history, for an action too large for the
    /// journal (a codings import of thousands of rows: one record holding all of it cost most of the import's
    /// time and memory, and compaction would drop it from the undo window at once anyway). The snapshot is
    /// written first, marked with a new journal id at record 0; then the journal is replaced by a new, empty
    /// one with that id. A crash before the snapshot's rename leaves the old session and journal; one between
    /// the two renames leaves the new snapshot with the old journal, which no longer matches its mark and is
    /// set aside as orphaned at the next open (kept, not replayed). Undo cannot reach this action nor anything
    /// before it. The session digest is refreshed from the session in memory.
    public func startNewHistory(with newSession: Session) throws {
        guard newSession.coder == coder else { throw GlossError(file: snapshotURL.path, "the session belongs to coder \"\(newSession.coder)\", not \"\(coder)\"") }
        let id = Journal.newID()
        var next = newSession
        next.journalID = id
        next.journalSeq = 0
        // The digest is made on another core while this one writes the snapshot (both only read `next`);
        // it is written after the new journal, keyed to both files, as `refreshDigest` would.
        let digest = notes.isEmpty ? BackgroundValue { [next] in SessionDigest(next) } : nil
        try SessionFile.write(next, to: snapshotURL)
        session = next
        do {
            journal = try Journal.replace(at: journalURL, coder: coder, id: id)
        } catch {
            // The new snapshot is on disk but this store's journal is the old one (perhaps already unlinked):
            // nothing more may be written through it; the next open sets the old journal aside and goes on.
            broken = "the session's history could not be restarted (\(error)); open the session again"
            throw error
        }
        savedSeq = 0
        history = nil
        if let digest {
            SessionDigestCache.refresh(session, digest: digest.value, projectRoot: snapshotURL.deletingLastPathComponent().deletingLastPathComponent())
        }
    }

    /// Applies `record`'s changes in place, appends it to the journal, and returns it with its seq.
    private func applyAndJournal(_ record: JournalRecord) throws -> JournalRecord {
        if let broken { throw GlossError(file: journalURL.path, broken) }
        var applied: [SessionChange] = []
        let revision = session.codebookRevision
        func rollBack() {
            for change in applied.reversed() { session.apply(change.inverse) }
            session.codebookRevision = revision
        }
        for change in record.changes {
            guard session.accepts(change) else {
                rollBack()
                throw GlossError(file: journalURL.path, "cannot \(record.kind == .do ? "apply" : record.kind.rawValue) \"\(record.label)\": the session has changed under it")
            }
            session.apply(change)
            applied.append(change)
        }
        if let revision = record.revision { session.codebookRevision = revision }
        do {
            let written = try journal.append(record)
            session.journalSeq = written.seq
            return written
        } catch {
            rollBack()
            throw error
        }
    }

    public var canUndo: Bool { (try? loadHistory().canUndo) ?? false }

    /// The label of the action `undo()` would take back, or nil.
    public var undoLabel: String? {
        guard let target = try? loadHistory().undoTarget else { return nil }
        return try? journal.record(target).label
    }
    public var canRedo: Bool { (try? loadHistory().canRedo) ?? false }

    /// Takes back the last action not yet undone; returns the record written (its changes are the ones
    /// applied, its label the original action's), or nil when there is nothing to undo.
    @discardableResult
    public func undo(codebookRevision: Int? = nil) throws -> JournalRecord? {
        var history = try loadHistory()
        guard let target = history.undoTarget else { return nil }
        let original = try journal.record(target)
        let changes = original.changes.reversed().map(\.inverse)
        return try apply(JournalRecord(seq: 0, time: Timestamp.now(), kind: .undo, target: target, label: original.label, changes: changes,
                                       revision: codebookRevision), into: &history)
    }

    /// Repeats the last undone action; returns the record written, or nil when there is nothing to redo.
    @discardableResult
    public func redo(codebookRevision: Int? = nil) throws -> JournalRecord? {
        var history = try loadHistory()
        guard let target = history.redoTarget else { return nil }
        let original = try journal.record(target)
        return try apply(JournalRecord(seq: 0, time: Timestamp.now(), kind: .redo, target: target, label: original.label, changes: original.changes,
                                       revision: codebookRevision), into: &history)
    }

    private func apply(_ record: JournalRecord, into history: inout UndoHistory) throws -> JournalRecord {
        let written = try applyAndJournal(record)
        history.did(written)
        self.history = history
        return written
    }

    private func loadHistory() throws -> UndoHistory {
        if let history { return history }
        var built = UndoHistory()
        built.base = journal.base
        for record in try journal.records(after: 0) { built.did(record) }
        history = built
        return built
    }

    // MARK: Snapshot

    /// Journal records not yet folded into the snapshot.
    public var pendingRecords: Int { journal.lastSeq - savedSeq }
    private var savedSeq = 0

    /// How much history the journal keeps for undo after compaction, and when it is compacted: at close when
    /// it holds more than the window, at a checkpoint when it holds more than twice the window.
    public static let undoWindow = (records: 500, bytes: 4 << 20)

    /// Writes the snapshot atomically; the journal stays as history (compacted when it has grown past twice
    /// the undo window, so it does not grow for ever). The session digest is written too, so the next report
    /// finds it fresh.
    public func checkpoint() throws {
        guard try saveSnapshot() else { return }
        refreshDigest()
    }

    /// Writes the snapshot when it lacks records (or is missing); returns whether it did.
    private func saveSnapshot() throws -> Bool {
        if let broken { throw GlossError(file: snapshotURL.path, broken) }
        guard pendingRecords > 0 || !SecureFiles.entryExists(snapshotURL) else { return false }
        try writeSnapshot()
        try compactJournal(over: 2)
        return true
    }

    /// Writes `cache/<coder>.digest` from the session in memory, which is exactly what the files hold once the
    /// snapshot has every record. Only after an open without notes: after damage, the first reader's full read
    /// decides (its warnings must be printed). Cheap next to the snapshot just written; a failure is ignored.
    private func refreshDigest() {
        guard notes.isEmpty, pendingRecords == 0 else { return }
        SessionDigestCache.refresh(session, projectRoot: snapshotURL.deletingLastPathComponent().deletingLastPathComponent())
    }

    /// The digest of the session as the files hold it, made when the cache has none that is fresh (the workbench
    /// opening after the cache was deleted or its format changed): from spans and codes only, far cheaper than a
    /// recount of every coding, and written to `cache/` when the files hold exactly this session (nothing
    /// pending, no damage noted), so the next command and the next open find it.
    public func digestForOpening() -> SessionDigest {
        let digest = SessionDigest(session)
        if notes.isEmpty, pendingRecords == 0, broken == nil {
            SessionDigestCache.refresh(session, digest: digest, projectRoot: snapshotURL.deletingLastPathComponent().deletingLastPathComponent())
        }
        return digest
    }

    private func writeSnapshot() throws {
        session.journalID = journal.id
        session.journalSeq = journal.lastSeq
        try SessionFile.write(session, to: snapshotURL)
        savedSeq = journal.lastSeq
        SessionImageCache.refresh(session, snapshotURL: snapshotURL)  // the next open reads the image, not the JSON
    }

    /// Keeps only the undo window when the journal holds more than `factor` times it. Only after a
    /// snapshot holds every record: the journal keeps its id and numbering, so the snapshot's mark stays true
    /// whichever file (old or compacted) a crash leaves on disk.
    @discardableResult
    private func compactJournal(over factor: Int) throws -> Bool {
        guard pendingRecords == 0,
              journal.recordCount > factor * Self.undoWindow.records || journal.recordBytes > factor * Self.undoWindow.bytes else { return false }
        try journal.compact(keep: Self.undoWindow.records, maxBytes: Self.undoWindow.bytes)
        history = nil
        return true
    }

    /// Checkpoints, compacts the journal to the undo window, and releases the lock.
    public func close() throws {
        let saved = try saveSnapshot()
        if try compactJournal(over: 1) || saved { refreshDigest() }
        lock.release()
    }
}

/// The undo and redo stacks, rebuilt from the journal's records.
struct UndoHistory {
    /// Records at or below `base` were compacted away: undo and redo cannot reach them.
    var base = 0
    private var undoStack: [Int] = []
    private var redoStack: [Int] = []

    var canUndo: Bool { !undoStack.isEmpty }
    var canRedo: Bool { !redoStack.isEmpty }
    var undoTarget: Int? { undoStack.last }
    var redoTarget: Int? { redoStack.last }

    mutating func did(_ record: JournalRecord) {
        switch record.kind {
        case .do:
            undoStack.append(record.seq)
            redoStack.removeAll()
        case .undo:
            if let target = record.target, let index = undoStack.lastIndex(of: target) { undoStack.remove(at: index) }
            if let target = record.target, target > base { redoStack.append(target) }
        case .redo:
            if let target = record.target, let index = redoStack.lastIndex(of: target) { redoStack.remove(at: index) }
            if let target = record.target, target > base { undoStack.append(target) }
        case .migrate:
            // The session followed the codebook: an older record's changes name codes as they were, and taking one
            // back (or doing it again) now would put a merged or retired code back into the session, past every
            // reader's migration. So nothing before a migration can be undone or redone.
            undoStack.removeAll()
            redoStack.removeAll()
        case .mark:
            break  // not an action: neither undone nor clearing what can be redone
        }
    }
}
