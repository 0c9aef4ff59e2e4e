import Foundation

/// Changes to the shared codebook (`codebook.json`), each recorded in the project's change log
/// (`codebook-changes.jsonl`: who, when, what), because a team must see how its codebook grew.
///
/// Codings refer to code ids, so a rename never touches a session. Writes are serialised with a lock on
/// `codebook.lock`, and the codebook is re-read under the lock, so two processes on one machine never
/// lose each other's change; across machines, git merges the flat, sorted file.
public struct CodebookChange: Codable, Equatable, Sendable {
    /// `figure` and `group` are changes to `project.json`'s figures and code groups (`path` says which figure
    /// or group, `before`/`after` what changed; `revision` is the codebook's, unchanged). `merge`, `split`,
    /// `retire`, `edit`, `reorder` and `memo` (the project memo) come from axial coding (`CodebookOperations`);
    /// `restore` brings a merged or retired code back (the workbench undoing a merge or deletion); `setting`
    /// is a project setting switched (blind coding).
    public enum Kind: String, Codable, Sendable { case rename, accept, rule, withdraw, move, figure, group, merge, split, retire, edit, reorder, memo, restore, setting }
    public var time: Date
    public var coder: String
    public var kind: Kind
    public var code: CodeID
    public var path: String
    /// For a rename: the old and new name. For an accepted proposal: its name. For an edit: the field's old and
    /// new value. For a move: the old and new path.
    public var before: String?
    public var after: String?
    /// The codebook revision this change made.
    public var revision: Int
    /// Why (the short reason the coder gave), if given.
    public var reason: String?
    /// For an edit: which field (`operationalisation`, `example`, `rules`, `color`, `memo`, `exclusive`).
    public var field: String?
    /// What the change does to codings (a merge: A → B; a retirement: A → B, or A dropped). Every session
    /// replays these from the log to follow the codebook (`CodeMigration`).
    public var mapping: [CodeMapping]?
    /// A code taken out of the codebook (merged or retired), as it was, so nothing of its definition is lost.
    public var removed: Code?
    /// Codes a split created.
    public var created: [Code]?

    public init(time: Date, coder: String, kind: Kind, code: CodeID, path: String, before: String?, after: String?, revision: Int,
                reason: String? = nil, field: String? = nil, mapping: [CodeMapping]? = nil, removed: Code? = nil, created: [Code]? = nil) {
        self.time = time; self.coder = coder; self.kind = kind; self.code = code; self.path = path
        self.before = before; self.after = after; self.revision = revision
        self.reason = reason; self.field = field; self.mapping = mapping; self.removed = removed; self.created = created
    }

    /// Whether the change is to the codebook itself (not to figures or groups, which keep the revision).
    public var changesCodebook: Bool { kind != .figure && kind != .group && kind != .setting }
}

/// What a codebook change does to the codings that use a code: `from` becomes `to`, or is taken off the quote
/// (`to` nil; a quote left with no code is removed). A proposed code under `from` moves under `parent`.
public struct CodeMapping: Codable, Equatable, Sendable {
    public var from: CodeID
    public var to: CodeID?
    /// Where proposed codes that sat under `from` go (the target of a merge; the retired code's parent).
    public var parent: CodeID?

    public init(from: CodeID, to: CodeID?, parent: CodeID?) {
        self.from = from; self.to = to; self.parent = parent
    }
}

extension Project {
    public var codebookChangesURL: URL { root.appendingPathComponent("codebook-changes.jsonl") }

    /// Renames a shared code; returns the new codebook.
    @discardableResult
    public mutating func renameCode(_ id: CodeID, to name: String, by coder: String, reason: String? = nil) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder, reason: reason) { codebook in
            guard var code = codebook[id] else { throw GlossError(file: file, "no code with id \(id)") }
            let before = code.name
            code.name = name
            do { try codebook.update(code) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .rename, code: id, path: codebook.path(of: id) ?? name,
                                  before: before, after: name, revision: codebook.revision + 1)
        }
    }

    /// Moves a shared code (with its sub-codes) under another parent, or to the top level with `parent` nil.
    /// Codings and figures refer to ids, so neither changes.
    @discardableResult
    public mutating func moveCode(_ id: CodeID, under parent: CodeID?, by coder: String) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder) { codebook in
            guard var code = codebook[id] else { throw GlossError(file: file, "no code with id \(id)") }
            if let parent, parent == id || codebook.subtree(of: id).contains(parent) {
                throw GlossError(file: file, "a code cannot move under itself or a code below it")
            }
            let before = codebook.path(of: id) ?? code.name
            code.parent = parent
            do { try codebook.update(code) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .move, code: id, path: codebook.path(of: id) ?? code.name,
                                  before: before, after: codebook.path(of: id), revision: codebook.revision + 1)
        }
    }

    /// Adds a coder's proposed code to the shared codebook (same id, so its codings need no change).
    @discardableResult
    public mutating func acceptProposal(_ code: Code, by coder: String) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder) { codebook in
            if codebook.contains(code.id) { throw GlossError(file: file, "the code \(code.name) is already in the codebook") }
            if let parent = code.parent, !codebook.contains(parent) {
                throw GlossError(file: file, "the proposed code \(code.name) sits under a code that is not in the codebook")
            }
            do { try codebook.add(code) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .accept, code: code.id, path: codebook.path(of: code.id) ?? code.name,
                                  before: nil, after: code.name, revision: codebook.revision + 1)
        }
    }

    /// Takes an accepted proposal back out of the shared codebook (a review decision undone). It keeps its id,
    /// so the coders' sessions, where it is still a proposal, are unaffected.
    @discardableResult
    public mutating func withdrawCode(_ id: CodeID, by coder: String) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder) { codebook in
            let path = codebook.path(of: id) ?? id.rawValue
            let name = codebook[id]?.name
            do { try codebook.remove(id) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .withdraw, code: id, path: path,
                                  before: name, after: nil, revision: codebook.revision + 1)
        }
    }

    /// Records a coding rule the team agreed on (as the study recorded its motive rule) on a shared code.
    @discardableResult
    public mutating func addRule(_ rule: String, to id: CodeID, by coder: String, reason: String? = nil) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder, reason: reason) { codebook in
            guard var code = codebook[id] else { throw GlossError(file: file, "no code with id \(id)") }
            code.rules.append(rule)
            do { try codebook.update(code) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .rule, code: id, path: codebook.path(of: id) ?? code.name,
                                  before: nil, after: rule, revision: codebook.revision + 1)
        }
    }

    /// The code mappings of the codebook's history up to `revision` (default: the codebook's own), in order.
    public func codebookMappings(upTo revision: Int? = nil, warn: (String) -> Void = { _ in }) throws -> [CodeMapping] {
        CodeMigration.mappings(in: try codebookChanges(warn: warn), upTo: revision ?? codebook.revision)
    }

    /// The change log, oldest first (older logs are plain JSON lines and still read). Damage is recovered by
    /// the journal's rule: the records before a damaged line are returned, and `warn` hears what was dropped.
    public func codebookChanges(warn: (String) -> Void = { _ in }) throws -> [CodebookChange] {
        try CodeMigration.log(projectRoot: root, warn: warn)
    }

    mutating func changeCodebook(by coder: String, reason: String? = nil, _ change: (inout Codebook) throws -> CodebookChange) throws -> Codebook {
        if let reason, let problem = CodebookOperations.textProblem(reason, what: "a reason", limit: CodebookOperations.maxReasonLength) {
            throw GlossError(file: codebookChangesURL.path, problem)
        }
        let lock = try FileLock(root.appendingPathComponent("codebook.lock"), purpose: "The codebook")
        defer { lock.release() }
        var current = try CodebookFile.decode(try SecureFiles.read(codebookURL), file: codebookURL.path)
        // Figures an old project.json names by path are stored by id before the paths can change.
        try storeFigureIDs(resolvedIn: current)
        let before = current
        var record = try change(&current)
        record.reason = reason
        current.revision += 1
        record.revision = current.revision
        // Log first: a crash between the two leaves a logged change that did not happen, never the reverse
        // (a later change with the same revision supersedes it: `CodeMigration.effective`).
        try appendChange(record)
        try SecureFiles.writeAtomically(try CodebookFile.encode(current), to: codebookURL)
        codebook = current
        codebookBeforeLastChange = before
        // Figures and groups follow merged and retired codes (idempotent: an interrupted run is finished by the next).
        try followMappings(in: current)
        return current
    }

    /// Appends under the codebook lock; a damaged log is kept aside and rewritten with what was recovered
    /// first, so the new record never follows a damaged line.
    func appendChange(_ record: CodebookChange) throws {
        let (log, _, _) = try ChecksummedLog.openRepairing(codebookChangesURL, rules: .merged)
        try log.append(try JSONFormat.encodeLine(record))
    }
}
