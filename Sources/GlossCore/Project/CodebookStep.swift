import Foundation

/// A codebook operation as data, so the workbench can journal it with the session changes it made (one undo
/// step, in order with coding actions) and undo or redo it by running its inverse (`JournalRecord.codebook`).
public enum CodebookOperation: Codable, Equatable, Sendable {
    case rename(CodeID, to: String)
    /// Under `parent` (nil: the top) at `position` among the siblings (nil: last).
    case place(CodeID, under: CodeID?, at: Int?)
    case merge(CodeID, into: CodeID)
    /// The inverse of a merge: `code` comes back (same id, place and definition), with `children` moved back
    /// under it, and leaves `from`'s merged history.
    case unmerge(Code, at: Int, children: [CodeID], from: CodeID)
    case retire(CodeID, reassign: CodeID?)
    /// The inverse of a retirement: `code` comes back at its place.
    case restore(Code, at: Int)
    case edit(CodeID, field: String, value: String)
    /// The project memo set to this text.
    case projectMemo(String)
    /// New sub-codes (with their ids, so an undo and a redo name the same codes).
    case split(CodeID, names: [String], ids: [CodeID])
    /// The inverse of a split: the sub-codes it made are taken out again (their codings, if any, dropped).
    case unsplit(CodeID, names: [String], ids: [CodeID])
}

/// A codebook operation done from the workbench and how to take it back.
public struct CodebookStep: Codable, Equatable, Sendable {
    public var done: CodebookOperation
    public var undo: CodebookOperation
    public init(done: CodebookOperation, undo: CodebookOperation) { self.done = done; self.undo = undo }
}

extension Project {
    /// Runs `operation` on the shared codebook (logged with `reason`, one revision) and returns the step that
    /// undoes it and the code mappings it logged (what the coder's own session must follow now).
    public mutating func perform(_ operation: CodebookOperation, by coder: String, reason: String? = nil) throws -> (step: CodebookStep, mappings: [CodeMapping]) {
        let file = codebookURL.path
        switch operation {
        case .rename(let id, let name): try renameCode(id, to: name, by: coder, reason: reason)
        case .place(let id, let parent, let position): try placeCode(id, under: parent, at: position, by: coder, reason: reason)
        case .merge(let id, let target): try mergeCode(id, into: target, by: coder, reason: reason)
        case .retire(let id, let target): try retireCode(id, target.map { .reassign($0) } ?? .drop, by: coder, reason: reason)
        case .projectMemo(let memo): try setProjectMemo(memo, by: coder, reason: reason)
        case .split(let id, let names, let ids): try splitCode(id, into: names, ids: ids, by: coder, reason: reason)
        case .edit(let id, let name, let value):
            guard let field = CodebookOperations.Field(rawValue: name) else { throw GlossError(file: file, "no field \(GlossError.quoted(name))") }
            try editCode(id, field, to: value, by: coder, reason: reason)
        case .unmerge(let restored, let position, let children, let from):
            _ = try changeCodebook(by: coder, reason: reason) { codebook in
                if codebook.contains(restored.id) { throw GlossError(file: file, "\(GlossError.quoted(restored.name)) is in the codebook already") }
                do {
                    var with = restored
                    with.parent = restored.parent.flatMap { codebook.contains($0) ? $0 : nil }
                    try codebook.add(with)
                    try codebook.place(with.id, under: with.parent, at: position)
                    for child in children where codebook.contains(child) { try codebook.place(child, under: with.id, at: nil) }
                    if var target = codebook[from] {
                        target.merged.removeAll { $0.id == restored.id }
                        try codebook.update(target)
                    }
                } catch let error as CodebookError { throw GlossError(file: file, error.description) }
                return CodebookChange(time: Timestamp.now(), coder: coder, kind: .restore, code: restored.id, path: codebook.path(of: restored.id) ?? restored.name,
                                      before: nil, after: "\(restored.name) (merge undone in the workbench)", revision: 0)
            }
        case .restore(let restored, let position):
            _ = try changeCodebook(by: coder, reason: reason) { codebook in
                do {
                    try codebook.add(restored)
                    try codebook.place(restored.id, under: restored.parent, at: position)
                } catch let error as CodebookError { throw GlossError(file: file, error.description) }
                return CodebookChange(time: Timestamp.now(), coder: coder, kind: .restore, code: restored.id, path: codebook.path(of: restored.id) ?? restored.name,
                                      before: nil, after: "\(restored.name) (deletion undone in the workbench)", revision: 0)
            }
        case .unsplit(let id, let names, let ids):
            // The sub-codes go, and their codings go back to the code they were split from, in every session:
            // another coder may have used a sub-code meanwhile, and undoing a split must never delete a quote.
            _ = try changeCodebook(by: coder, reason: reason) { codebook in
                do { for made in ids where codebook.contains(made) { try codebook.remove(made) } }
                catch let error as CodebookError { throw GlossError(file: file, error.description) }
                return CodebookChange(time: Timestamp.now(), coder: coder, kind: .retire, code: id, path: codebook.path(of: id) ?? "",
                                      before: names.joined(separator: ", "), after: nil, revision: 0,
                                      mapping: ids.map { CodeMapping(from: $0, to: id, parent: id) })
            }
        }
        // The inverse, from the codebook exactly as the change found it (read under the lock).
        guard let before = codebookBeforeLastChange else { throw GlossError(file: file, "the codebook change left no record") }
        func code(_ id: CodeID) throws -> Code {
            guard let code = before[id] else { throw GlossError(file: file, "no code with id \(id)") }
            return code
        }
        let undo: CodebookOperation
        switch operation {
        case .rename(let id, _): undo = .rename(id, to: try code(id).name)
        case .place(let id, _, _): undo = .place(id, under: try code(id).parent, at: before.position(of: id))
        case .merge(let id, let target): undo = .unmerge(try code(id), at: before.position(of: id) ?? 0, children: before.childIDs(of: id), from: target)
        case .unmerge(let restored, _, _, let from): undo = .merge(restored.id, into: from)
        case .retire(let id, _): undo = .restore(try code(id), at: before.position(of: id) ?? 0)
        case .restore(let restored, _): undo = .retire(restored.id, reassign: nil)
        case .projectMemo: undo = .projectMemo(before.memo)
        case .split(let id, let names, let ids): undo = .unsplit(id, names: names, ids: ids)
        case .unsplit(let id, let names, let ids): undo = .split(id, names: names, ids: ids)
        case .edit(let id, let name, _):
            let old = try code(id)
            let previous: String
            switch CodebookOperations.Field(rawValue: name) {
            case .operationalisation?: previous = old.operationalisation
            case .example?: previous = old.example
            case .memo?: previous = old.memo
            case .color?: previous = old.color
            case .rules?: previous = old.rules.joined(separator: "\n")
            case .exclusive?: previous = String(old.exclusive)
            case nil: previous = ""
            }
            undo = .edit(id, field: name, value: previous)
        }
        let last = try codebookChanges().last { $0.changesCodebook && $0.revision == codebook.revision }
        return (CodebookStep(done: operation, undo: undo), last?.mapping ?? [])
    }
}
