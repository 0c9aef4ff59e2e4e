import Foundation

/// Axial coding on the shared codebook: move (and reorder), merge, split, retire and edit codes, and the
/// project memo. Each is one entry of the change log (who, when, what, why) and one revision. A merge and a
/// retirement also map codings (`CodeMapping`); `Project.followCodebook` then brings every session along.
public enum CodebookOperations {
    /// Longest reason accepted (one line).
    public static let maxReasonLength = 500
    /// Longest memo, operationalisation, example or rule accepted.
    public static let maxTextLength = 20_000

    /// Why `text` cannot be stored, or nil. Memos and definitions may have line breaks and tabs; a reason is
    /// one line. No other control characters (they would reach terminals).
    public static func textProblem(_ text: String, what: String, limit: Int, multiline: Bool = false) -> String? {
        if text.unicodeScalars.count > limit { return "\(what) may be at most \(limit) characters (this one has \(text.unicodeScalars.count))" }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\t"] : []
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            return "\(what) may not contain control characters" + (multiline ? " other than line breaks and tabs" : " or line breaks")
        }
        return nil
    }

    /// The fields `gloss codebook edit` changes.
    public enum Field: String, CaseIterable, Sendable {
        case operationalisation, example, memo, color, rules, exclusive
    }

    /// Where the codings of a retired code go.
    public enum Retirement: Equatable, Sendable {
        /// To another code (a coding that already has it keeps it once).
        case reassign(CodeID)
        /// Off the quote (a quote left with no code is removed).
        case drop
    }
}

extension Project {
    private static func require(_ id: CodeID, in codebook: Codebook, file: String) throws -> Code {
        guard let code = codebook[id] else { throw GlossError(file: file, "no code with id \(id)") }
        return code
    }

    /// Moves a code (with its sub-codes) under `parent` (nil: the top level), at `position` among its new
    /// siblings (0 first; nil: last). The same parent with a position reorders the siblings (kind `reorder`).
    @discardableResult
    public mutating func placeCode(_ id: CodeID, under parent: CodeID?, at position: Int?, by coder: String, reason: String? = nil) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder, reason: reason) { codebook in
            let code = try Self.require(id, in: codebook, file: file)
            if let parent {
                guard codebook.contains(parent) else { throw GlossError(file: file, "no code with id \(parent)") }
                if parent == id || codebook.subtree(of: id).contains(parent) {
                    throw GlossError(file: file, "a code cannot move under itself or a code below it")
                }
            }
            let before = codebook.path(of: id) ?? code.name
            let beforePosition = codebook.position(of: id) ?? 0
            do { try codebook.place(id, under: parent, at: position) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
            let after = codebook.path(of: id) ?? code.name
            let reorder = code.parent == parent
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: reorder ? .reorder : .move, code: id, path: after,
                                  before: reorder ? "\(beforePosition + 1)" : before,
                                  after: reorder ? "\((codebook.position(of: id) ?? 0) + 1)" : after, revision: 0)
        }
    }

    /// Merges `source` into `target`: every coding of `source` becomes `target` (in every session, by the log's
    /// mapping), `source`'s sub-codes move under `target`, and `source`'s definition, example, rules and memo are
    /// kept in `target.merged` and in the log entry.
    @discardableResult
    public mutating func mergeCode(_ source: CodeID, into target: CodeID, by coder: String, reason: String? = nil) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder, reason: reason) { codebook in
            let code = try Self.require(source, in: codebook, file: file)
            var into = try Self.require(target, in: codebook, file: file)
            if source == target { throw GlossError(file: file, "a code cannot be merged into itself") }
            if codebook.subtree(of: source).contains(target) {
                throw GlossError(file: file, "a code cannot be merged into a code below it; move that code out first")
            }
            let path = codebook.path(of: source) ?? code.name
            do {
                for child in codebook.childIDs(of: source) { try codebook.place(child, under: target, at: nil) }
                into.merged.append(MergedCode(code, path: path, revision: codebook.revision + 1))
                try codebook.update(into)
                try codebook.remove(source)
            } catch let error as CodebookError {
                throw GlossError(file: file, "cannot merge: \(error.description)")
            }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .merge, code: source, path: path,
                                  before: path, after: codebook.path(of: target), revision: 0,
                                  mapping: [CodeMapping(from: source, to: target, parent: target)], removed: code)
        }
    }

    /// Creates sub-codes of `parent` (a split: the quotes are reassigned to them afterwards, one by one).
    @discardableResult
    public mutating func splitCode(_ parent: CodeID, into names: [String], ids: [CodeID]? = nil, by coder: String, reason: String? = nil) throws -> [Code] {
        let file = codebookURL.path
        var made: [Code] = []
        _ = try changeCodebook(by: coder, reason: reason) { codebook in
            let code = try Self.require(parent, in: codebook, file: file)
            guard !names.isEmpty else { throw GlossError(file: file, "a split needs at least one new code name") }
            made = []
            if let ids, ids.count != names.count { throw GlossError(file: file, "a split needs one id per new code") }
            for (index, name) in names.enumerated() {
                if let problem = Codebook.nameProblem(name) { throw GlossError(file: file, problem) }
                let new = Code(id: ids?[index] ?? .generate(), name: name, parent: parent, color: code.color)
                do { try codebook.add(new) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
                made.append(new)
            }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .split, code: parent, path: codebook.path(of: parent) ?? code.name,
                                  before: nil, after: names.joined(separator: ", "), revision: 0, created: made)
        }
        return made
    }

    /// Takes a code out of the codebook; its codings go to another code or are dropped (`how`). A code with
    /// sub-codes, or one a figure is drawn for, is refused (move or retire the sub-codes, remove the figure first).
    @discardableResult
    public mutating func retireCode(_ id: CodeID, _ how: CodebookOperations.Retirement, by coder: String, reason: String? = nil) throws -> Codebook {
        let file = codebookURL.path
        let figures = config.figures
        return try changeCodebook(by: coder, reason: reason) { codebook in
            let code = try Self.require(id, in: codebook, file: file)
            let path = codebook.path(of: id) ?? code.name
            if codebook.hasChildren(id) { throw GlossError(file: file, "\(GlossError.quoted(path)) has sub-codes; move, merge or retire them first") }
            if let figure = figures.first(where: { $0.categoryID == id }) {
                throw GlossError(file: file, "figure \(figure.number) is drawn for \(GlossError.quoted(path)); remove the figure first (gloss figure remove)")
            }
            var target: CodeID?
            if case .reassign(let to) = how {
                _ = try Self.require(to, in: codebook, file: file)
                if to == id { throw GlossError(file: file, "a code cannot take its own codings") }
                target = to
            }
            do { try codebook.remove(id) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .retire, code: id, path: path,
                                  before: path, after: target.flatMap { codebook.path(of: $0) }, revision: 0,
                                  mapping: [CodeMapping(from: id, to: target, parent: code.parent)], removed: code)
        }
    }

    /// Changes one field of a code: `operationalisation`, `example`, `memo`, `color` (`#RRGGBB`), `rules` (one
    /// rule per line, replacing them all) or `exclusive` (`true`/`false`).
    @discardableResult
    public mutating func editCode(_ id: CodeID, _ field: CodebookOperations.Field, to value: String, by coder: String, reason: String? = nil) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder, reason: reason) { codebook in
            var code = try Self.require(id, in: codebook, file: file)
            let before: String
            switch field {
            case .operationalisation, .example, .memo, .rules:
                if let problem = CodebookOperations.textProblem(value, what: "the \(field.rawValue)", limit: CodebookOperations.maxTextLength, multiline: true) {
                    throw GlossError(file: file, problem)
                }
                switch field {
                case .operationalisation: before = code.operationalisation; code.operationalisation = value
                case .example: before = code.example; code.example = value
                case .memo: before = code.memo; code.memo = value
                default:
                    before = code.rules.joined(separator: "\n")
                    code.rules = value.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
            case .color:
                let color = value.uppercased()
                guard Code.isValidColor(color) else { throw GlossError(file: file, "a colour is #RRGGBB (got \(GlossError.quoted(value)))") }
                before = code.color; code.color = color
            case .exclusive:
                guard let flag = Bool(value) else { throw GlossError(file: file, "exclusive is true or false") }
                before = String(code.exclusive); code.exclusive = flag
            }
            do { try codebook.update(code) } catch let error as CodebookError { throw GlossError(file: file, error.description) }
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .edit, code: id, path: codebook.path(of: id) ?? code.name,
                                  before: before, after: value, revision: 0, field: field.rawValue)
        }
    }

    /// Sets the project memo (analytic notes on the codebook as a whole, kept in `codebook.json`).
    @discardableResult
    public mutating func setProjectMemo(_ memo: String, by coder: String, reason: String? = nil) throws -> Codebook {
        let file = codebookURL.path
        return try changeCodebook(by: coder, reason: reason) { codebook in
            if let problem = CodebookOperations.textProblem(memo, what: "the project memo", limit: CodebookOperations.maxTextLength, multiline: true) {
                throw GlossError(file: file, problem)
            }
            let before = codebook.memo
            codebook.memo = memo
            return CodebookChange(time: Timestamp.now(), coder: coder, kind: .memo, code: CodeID(""), path: "project memo",
                                  before: before, after: memo, revision: 0)
        }
    }

    /// Brings every coder's session up to the codebook (the mappings of merges and retirements), each as one
    /// journalled action. A session open in a running workbench (its lock held) is skipped: it follows when it is
    /// next opened. Returns the coders skipped and why.
    @discardableResult
    public func followCodebook() throws -> [(coder: String, reason: String)] {
        MigrationCrashHook.reached("codebook")
        var skipped: [(coder: String, reason: String)] = []
        for coder in coders where Names.isValidCoder(coder) {
            do {
                let store = try SessionStore(projectRoot: root, coder: coder, codebookRevision: codebook.revision, create: false)
                try store.close()
                MigrationCrashHook.reached("session")
            } catch let error as GlossError {
                skipped.append((coder, error.message))
            } catch {
                skipped.append((coder, "\(error)"))
            }
        }
        return skipped
    }

    /// How many codings of each coder use `id` (as the sessions will read once they follow the codebook).
    public func codingUses(of id: CodeID) throws -> [(coder: String, count: Int)] {
        try coders.filter(Names.isValidCoder).map { coder in
            var count = 0
            try readSession(coder).forEachCoding { if $0.codes.contains(id) { count += 1 } }
            return (coder, count)
        }
    }

    /// `config` with its figures' categories, declared orders and groups' members taken through `mappings` where
    /// the codebook no longer has them (pure: `followMappings` writes it; `Project.load` uses it in memory when a
    /// crash came between a codebook change and its `project.json`).
    static func config(_ config: ProjectConfig, following mappings: [CodeMapping], in codebook: Codebook) -> ProjectConfig {
        var config = config
        let followed = CodeMigration.current(in: codebook, through: mappings)
        func followedAll(_ ids: [CodeID]) -> [CodeID] {
            var result: [CodeID] = []
            for id in ids { if let new = followed(id), !result.contains(new) { result.append(new) } }
            return result
        }
        for index in config.figures.indices {
            if case .code(let id) = config.figures[index].subject, !codebook.contains(id), let new = followed(id) {
                config.figures[index].subject = .code(new)
            }
            config.figures[index].declared = followedAll(config.figures[index].declared)
        }
        for index in config.groups.indices { config.groups[index].codes = followedAll(config.groups[index].codes) }
        return config
    }

    /// Makes figures and code groups in `project.json` follow merged and retired codes: a category or member
    /// that the codebook no longer has and the log maps to another code names that code; a dropped one leaves
    /// the declared order and the groups. Called under the codebook lock after every change (so an interrupted
    /// change is finished by the next); writes only when something changed.
    mutating func followMappings(in codebook: Codebook) throws {
        guard SecureFiles.entryExists(configURL) else { return }
        let mappings = try codebookMappings(upTo: codebook.revision)
        guard !mappings.isEmpty else { return }
        let before = try ProjectConfig.read(try SecureFiles.read(configURL), file: configURL.path)
        let config = Self.config(before, following: mappings, in: codebook)
        guard config != before else { return }
        let data = try JSONFormat.encode(config)
        _ = try ProjectConfig.read(data, file: configURL.path)
        try SecureFiles.writeAtomically(data, to: configURL)
        self.config = config
    }
}
