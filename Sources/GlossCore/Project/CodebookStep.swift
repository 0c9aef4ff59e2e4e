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
        let before = try CodebookFile.decode(try SecureFiles.read(codebookURL), file: codebookURL.path)
        let file = codebookURL.path
        func code(_ id: CodeID) throws -> Code {
            guard let code = before[id] else { throw GlossError(file: file, "no code with id \(id) (the codebook changed meanwhile)") }
            return code
        }
        let undo: CodebookOperation
        switch operation {
        case .rename(let id, let name):
            undo = .rename(id, to: try code(id).name)
            try renameCode(id, to: name, by: coder, reason: reason)
        case .place(let id, let parent, let position):
            undo = .place(id, under: try code(id).parent, at: before.position(of: id))
            try placeCode(id, under: parent, at: position, by: coder, reason: reason)
        case .merge(let id, let target):
            undo = .unmerge(try code(id), at: before.position(of: id) ?? 0, children: before.childIDs(of: id), from: target)
            try mergeCode(id, into: target, by: coder, reason: reason)
        case .unmerge(let restored, let position, let children, let from):
            undo = .merge(restored.id, into: from)
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
        case .retire(let id, let target):
            undo = .restore(try code(id), at: before.position(of: id) ?? 0)
            try retireCode(id, target.map { .reassign($0) } ?? .drop, by: coder, reason: reason)
        case .restore(let restored, let position):
            undo = .retire(restored.id, reassign: nil)
            _ = try changeCodebook(by: coder, reason: reason) { codebook in
                do {
                    try codebook.add(restored)
                    try codebook.place(restored.id, under: restored.parent, at: position)
                } catch let error as CodebookError { throw GlossError(file: file, error.description) }
                return CodebookChange(time: Timestamp.now(), coder: coder, kind: .restore, code: restored.id, path: codebook.path(of: restored.id) ?? restored.name,
                                      before: nil, after: "\(restored.name) (deletion undone in the workbench)", revision: 0)
            }
        case .projectMemo(let memo):
            undo = .projectMemo(before.memo)
            try setProjectMemo(memo, by: coder, reason: reason)
        case .split(let id, let names, let ids):
            undo = .unsplit(id, names: names, ids: ids)
            try splitCode(id, into: names, ids: ids, by: coder, reason: reason)
        case .unsplit(let id, let names, let ids):
            undo = .split(id, names: names, ids: ids)
            _ = try changeCodebook(by: coder, reason: reason) { codebook in
                do { for made in ids where codebook.contains(made) { try codebook.remove(made) } }
                catch let error as CodebookError { throw GlossError(file: file, error.description) }
                return CodebookChange(time: Timestamp.now(), coder: coder, kind: .retire, code: id, path: codebook.path(of: id) ?? "",
                                      before: names.joined(separator: ", "), after: nil, revision: 0,
                                      mapping: ids.map { CodeMapping(from: $0, to: nil, parent: id) })
            }
        case .edit(let id, let name, let value):
            guard let field = CodebookOperations.Field(rawValue: name) else { throw GlossError(file: file, "no field \(GlossError.quoted(name))") }
            let old = try code(id)
            let previous: String
            switch field {
            case .operationalisation: previous = old.operationalisation
            case .example: previous = old.example
            case .memo: previous = old.memo
            case .color: previous = old.color
            case .rules: previous = old.rules.joined(separator: "\n")
            case .exclusive: previous = String(old.exclusive)
            }
            undo = .edit(id, field: name, value: previous)
            try editCode(id, field, to: value, by: coder, reason: reason)
        }
        let last = try codebookChanges().last { $0.changesCodebook && $0.revision == codebook.revision }
        return (CodebookStep(done: operation, undo: undo), last?.mapping ?? [])
    }
}
