import Foundation

/// A hierarchical codebook: codes in tree order (pre-order, siblings in their display order).
///
/// The stored form is a flat list of codes with parent ids (see `docs/formats.md`): a rename changes one
/// line, a move changes one `parent`, and the file diffs cleanly in git. The tree is derived here.
public struct Codebook: Equatable, Sendable {
    /// The deepest a code may sit (a main code is depth 0, so a path has at most this many + 1 names).
    /// Real codebooks have 3–4 levels; the cap keeps paths, trees and screens bounded on hostile input.
    public static let maxDepth = 32
    /// The longest a code name may be, in Unicode code points (not characters: one character can hold
    /// any number of combining marks).
    public static let maxNameLength = 200

    /// Why `name` cannot be a code name, or nil when it can. Shared by the codebook, its parsers and the
    /// workbench's "new code" prompt so they refuse the same names with the same words.
    public static func nameProblem(_ name: String) -> String? {
        if Self.isBlank(name) { return "a code name cannot be empty" }
        if name.contains(">") || name.contains("\n") || name.contains("\t") || name.contains("\r") {
            return "a code name cannot contain '>', a tab or a line break"
        }
        if name.unicodeScalars.count > maxNameLength {
            return "a code name can have at most \(maxNameLength) characters; this one has \(name.unicodeScalars.count)"
        }
        return nil
    }

    /// A human name for the codebook, e.g. "CKM codeboek kwalitatieve analyse".
    public var name: String
    /// Where the codebook comes from (a citation), if anywhere.
    public var source: String
    /// Incremented by every change to the shared codebook; a session records the revision it was made with.
    public var revision: Int
    /// The project memo: the team's analytic notes on the codebook as a whole (empty when none).
    public var memo: String = ""
    /// All codes, in tree order.
    public private(set) var codes: [Code]

    private var indexByID: [CodeID: Int] = [:]
    private var childIDs: [CodeID: [CodeID]] = [:]
    private var rootIDs: [CodeID] = []
    private var pathByID: [CodeID: String] = [:]
    private var idByPath: [String: CodeID] = [:]

    /// Builds a codebook and checks its invariants (unique ids, existing parents, no cycles, unique
    /// sibling names, valid names and colours). Codes are put in tree order: children follow their parent,
    /// in the order they were given.
    public init(name: String = "", source: String = "", revision: Int = 1, codes: [Code]) throws {
        self.name = name
        self.source = source
        self.revision = revision
        self.codes = []
        try rebuild(from: codes)
    }

    public static func == (a: Codebook, b: Codebook) -> Bool {
        a.name == b.name && a.source == b.source && a.revision == b.revision && a.memo == b.memo && a.codes == b.codes
    }

    // MARK: Lookup

    public var count: Int { codes.count }
    public var roots: [Code] { rootIDs.map { self[$0]! } }
    public subscript(id: CodeID) -> Code? { indexByID[id].map { codes[$0] } }
    public func contains(_ id: CodeID) -> Bool { indexByID[id] != nil }
    /// Position in tree order; used to order bars, columns and exports the way the codebook reads.
    public func order(of id: CodeID) -> Int? { indexByID[id] }
    public func children(of id: CodeID) -> [Code] { (childIDs[id] ?? []).map { self[$0]! } }
    public func childIDs(of id: CodeID) -> [CodeID] { childIDs[id] ?? [] }
    public func hasChildren(_ id: CodeID) -> Bool { !(childIDs[id] ?? []).isEmpty }
    /// `Main > Sub > Subsub`.
    public func path(of id: CodeID) -> String? { pathByID[id] }
    /// Looks a code up by its full path.
    public func code(atPath path: String) -> Code? { idByPath[path].flatMap { self[$0] } }
    /// Depth in the tree: 0 for a main code.
    public func depth(of id: CodeID) -> Int { ancestors(of: id).count }

    /// The parent chain of `id`, nearest first.
    public func ancestors(of id: CodeID) -> [CodeID] {
        var result: [CodeID] = []
        var current = self[id]?.parent
        while let p = current { result.append(p); current = self[p]?.parent }
        return result
    }

    /// `id` and every code below it, in tree order.
    public func subtree(of id: CodeID) -> [CodeID] {
        var result = [id]
        for child in childIDs(of: id) { result.append(contentsOf: subtree(of: child)) }
        return result
    }

    /// Codes without sub-codes.
    public var leaves: [Code] { codes.filter { !hasChildren($0.id) } }

    /// Resolves what a user typed: an id, or a full path.
    public func resolve(_ reference: String) -> Code? {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if let byID = self[CodeID(trimmed)] { return byID }
        return code(atPath: Self.normalisePath(trimmed))
    }

    /// Accepts `A>B`, `A > B` and extra spaces around the separators.
    public static func normalisePath(_ path: String) -> String {
        path.split(separator: ">", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: Code.pathSeparator)
    }

    // MARK: Changes

    /// Replaces one code (rename, new definition, colour, rules, or a move to another parent).
    public mutating func update(_ code: Code) throws {
        guard let index = indexByID[code.id] else { throw CodebookError.unknownCode(code.id.rawValue) }
        var all = codes
        if all[index].parent == code.parent {
            all[index] = code
        } else {
            // A moved code goes after its new siblings (its sub-codes follow it by the tree walk).
            all.remove(at: index)
            all.append(code)
        }
        try rebuild(from: all)
    }

    /// Puts a code (with its sub-codes) under `parent` (nil: the top level) at `position` among its new
    /// siblings (0 first; nil or past the end: last). Moving within the same parent reorders the siblings.
    public mutating func place(_ id: CodeID, under parent: CodeID?, at position: Int?) throws {
        guard var code = self[id] else { throw CodebookError.unknownCode(id.rawValue) }
        code.parent = parent
        var all = codes.filter { $0.id != id }
        let siblings = (parent.map { childIDs(of: $0) } ?? rootIDs).filter { $0 != id }
        if let position, position >= 0, position < siblings.count, let index = all.firstIndex(where: { $0.id == siblings[position] }) {
            all.insert(code, at: index)
        } else {
            all.append(code)
        }
        try rebuild(from: all)
    }

    /// A code's place among its siblings (0 first).
    public func position(of id: CodeID) -> Int? {
        guard let code = self[id] else { return nil }
        return (code.parent.map { childIDs(of: $0) } ?? rootIDs).firstIndex(of: id)
    }

    /// Removes a code that has no sub-codes (an accepted proposal taken back). Codings that use its id must
    /// be dealt with by the caller.
    public mutating func remove(_ id: CodeID) throws {
        guard contains(id) else { throw CodebookError.unknownCode(id.rawValue) }
        guard !hasChildren(id) else { throw CodebookError.hasChildren(self[id]!.name) }
        try rebuild(from: codes.filter { $0.id != id })
    }

    /// Adds a code at the end of its parent's children.
    public mutating func add(_ code: Code) throws {
        try rebuild(from: codes + [code])
    }

    // MARK: Invariants

    /// Whether `name` is empty or only white space (Unicode's White_Space, newlines included). In Swift
    /// rather than Foundation's trimming: this runs for every code of every codebook built, and the
    /// Foundation path was where a rare crash of the parallel test run surfaced.
    static func isBlank(_ name: String) -> Bool {
        name.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    private mutating func rebuild(from input: [Code]) throws {
        var byID: [CodeID: Code] = [:]
        var givenOrder: [CodeID] = []
        for code in input {
            if byID[code.id] != nil { throw CodebookError.duplicateID(code.id.rawValue) }
            let name = code.name
            if Self.isBlank(name) { throw CodebookError.emptyName(code.id.rawValue) }
            if name.contains(">") || name.contains("\n") || name.contains("\t") || name.contains("\r") {
                throw CodebookError.invalidName(name)
            }
            if name.unicodeScalars.count > Self.maxNameLength {
                throw CodebookError.nameTooLong(id: code.id.rawValue, length: name.unicodeScalars.count)
            }
            if !Code.isValidColor(code.color) { throw CodebookError.invalidColor(name, code.color) }
            byID[code.id] = code
            givenOrder.append(code.id)
        }
        var children: [CodeID: [CodeID]] = [:]
        var roots: [CodeID] = []
        for id in givenOrder {
            if let parent = byID[id]!.parent {
                guard byID[parent] != nil else { throw CodebookError.unknownParent(byID[id]!.name, parent.rawValue) }
                children[parent, default: []].append(id)
            } else {
                roots.append(id)
            }
        }
        // Pre-order walk with an explicit stack (no recursion, whatever the input), stopping at `maxDepth`;
        // anything not reached sits on a cycle.
        var ordered: [Code] = []
        var paths: [CodeID: String] = [:]
        var ids: [String: CodeID] = [:]
        var stack: [(id: CodeID, prefix: String?, depth: Int)] = roots.reversed().map { ($0, nil, 0) }
        while let (id, prefix, depth) = stack.popLast() {
            let code = byID[id]!
            if depth > Self.maxDepth { throw CodebookError.tooDeep(id: id.rawValue, name: code.name) }
            let path = prefix.map { $0 + Code.pathSeparator + code.name } ?? code.name
            if ids[path] != nil { throw CodebookError.duplicatePath(path) }
            ids[path] = id
            paths[id] = path
            ordered.append(code)
            for child in (children[id] ?? []).reversed() { stack.append((child, path, depth + 1)) }
        }
        if ordered.count != byID.count {
            // Something was not reached: follow parents from it until a code repeats; that code is on the cycle.
            var current = givenOrder.first { paths[$0] == nil }!
            var seen: Set<CodeID> = []
            while seen.insert(current).inserted, let parent = byID[current]?.parent { current = parent }
            throw CodebookError.cycle(byID[current]!.name)
        }
        codes = ordered
        indexByID = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.id, $0) })
        childIDs = children
        rootIDs = roots
        pathByID = paths
        idByPath = ids
    }
}

/// Why a codebook is not valid.
public enum CodebookError: Error, Equatable, CustomStringConvertible {
    case duplicateID(String)
    case emptyName(String)
    case invalidName(String)
    case invalidColor(String, String)
    case unknownParent(String, String)
    case duplicatePath(String)
    case cycle(String)
    case unknownCode(String)
    case hasChildren(String)
    case nameTooLong(id: String, length: Int)
    case tooDeep(id: String, name: String)

    /// The id of the code the error is about, where there is one (the JSON reader turns it into `codes[i]`).
    public var codeID: String? {
        switch self {
        case .duplicateID(let id), .emptyName(let id), .nameTooLong(let id, _), .tooDeep(let id, _): return id
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .duplicateID(let id): return "the code id \(GlossError.quoted(id)) is used twice"
        case .emptyName(let id): return "the code \(GlossError.quoted(id)) has an empty name"
        case .invalidName(let name): return "the code name \(GlossError.quoted(name)) contains '>', a tab or a line break"
        case .invalidColor(let name, let color): return "the code \(GlossError.quoted(name)) has colour \(GlossError.quoted(color)); expected #RRGGBB"
        case .unknownParent(let name, let parent): return "the code \(GlossError.quoted(name)) names parent \(GlossError.quoted(parent)), which is not in the codebook"
        case .duplicatePath(let path): return "two codes have the path \(GlossError.quoted(path)) (sibling names must differ)"
        case .cycle(let name): return "the code \"\(name)\" is its own ancestor"
        case .unknownCode(let id): return "no code with id \(id)"
        case .hasChildren(let name): return "the code \"\(name)\" has sub-codes"
        case .nameTooLong(let id, let length):
            return "the code \(id) has a name of \(length) characters; at most \(Codebook.maxNameLength) are allowed"
        case .tooDeep(_, let name):
            return "the code \"\(Self.shortened(name))\" is more than \(Codebook.maxDepth) levels deep; at most \(Codebook.maxDepth + 1) levels are allowed"
        }
    }

    static func shortened(_ name: String) -> String {
        name.unicodeScalars.count > 60 ? String(String.UnicodeScalarView(name.unicodeScalars.prefix(57))) + "…" : name
    }
}
