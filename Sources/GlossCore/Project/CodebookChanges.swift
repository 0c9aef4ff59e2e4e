import Foundation

/// Changes to the shared codebook (`codebook.json`), each recorded in the project's change log
/// (`codebook-changes.jsonl`: who, when, what), because a team must see how its codebook grew.
///
/// Codings refer to code ids, so a rename never touches a session. Writes are serialised with a lock on
/// `codebook.lock`, and the codebook is re-read under the lock, so two processes on one machine never
/// lose each other's change; across machines, git merges the flat, sorted file.
public struct CodebookChange: Codable, Equatable, Sendable {
    /// `figure` and `group` are changes to `project.json`'s figures and code groups (`path` says which figure
    /// or group, `before`/`after` what changed; `revision` is the codebook's, unchanged).
    public enum Kind: String, Codable, Sendable { case rename, accept, rule, withdraw, move, figure, group, setting }
    public var time: Date
    public var coder: String
    public var kind: Kind
    public var code: CodeID
    public var path: String
    /// For a rename: the old and new name. For an accepted proposal: its name.
    public var before: String?
    public var after: String?
    /// The codebook revision this change made.
    public var revision: Int
}

extension Project {
    public var codebookChangesURL: URL { root.appendingPathComponent("codebook-changes.jsonl") }

    /// Renames a shared code; returns the new codebook.
    @discardableResult
    public mutating func renameCode(_ id: CodeID, to name: String, by coder: String) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder) { codebook in
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
    public mutating func addRule(_ rule: String, to id: CodeID, by coder: String) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder) { codebook in
            guard var code = codebook[id] else { throw GlossError(file: file, "no code with id \(id)") }
            code.rules.append(rule)
            do { try codebook.update(code) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .rule, code: id, path: codebook.path(of: id) ?? code.name,
                                  before: nil, after: rule, revision: codebook.revision + 1)
        }
    }

    /// The change log, oldest first (older logs are plain JSON lines and still read). Damage is recovered by
    /// the journal's rule: the records before a damaged line are returned, and `warn` hears what was dropped.
    public func codebookChanges(warn: (String) -> Void = { _ in }) throws -> [CodebookChange] {
        guard SecureFiles.entryExists(codebookChangesURL) else { return [] }  // a dangling link is refused, not skipped
        let scan = try ChecksummedLog.read(codebookChangesURL, rules: .merged)
        scan.notes.forEach(warn)
        return try scan.records.map {
            try JSONFormat.decode(CodebookChange.self, from: Data($0.json.utf8), file: "\(codebookChangesURL.path): line \($0.line)")
        }
    }

    private mutating func changeCodebook(by coder: String, _ change: (inout Codebook) throws -> CodebookChange) throws -> Codebook {
        let lock = try FileLock(root.appendingPathComponent("codebook.lock"), purpose: "The codebook")
        defer { lock.release() }
        var current = try CodebookFile.decode(try SecureFiles.read(codebookURL), file: codebookURL.path)
        // Figures an old project.json names by path are stored by id before the paths can change.
        try storeFigureIDs(resolvedIn: current)
        let record = try change(&current)
        current.revision += 1
        // Log first: a crash between the two leaves a logged change that did not happen, never the reverse.
        try appendChange(record)
        try SecureFiles.writeAtomically(try CodebookFile.encode(current), to: codebookURL)
        codebook = current
        return current
    }

    /// Appends under the codebook lock; a damaged log is kept aside and rewritten with what was recovered
    /// first, so the new record never follows a damaged line.
    func appendChange(_ record: CodebookChange) throws {
        let (log, _, _) = try ChecksummedLog.openRepairing(codebookChangesURL, rules: .merged)
        try log.append(try JSONFormat.encodeLine(record))
    }
}
