import GlossCore

/// The codes a session can use: the shared codebook plus the coder's proposed codes (open coding), as
/// one tree. Analysis always goes through this, so a proposed sub-code counts for its category at once.
public struct CodeHierarchy: Sendable {
    public let codebook: Codebook
    public let proposed: [CodeID: Code]
    private var parentByID: [CodeID: CodeID] = [:]
    private var proposedChildren: [CodeID: [CodeID]] = [:]
    private var ancestorCache: [CodeID: [CodeID]] = [:]
    /// Proposed codes in the order the tree shows them (by name), so ties in figures read like the tree.
    private var proposedOrder: [CodeID: Int] = [:]

    public init(codebook: Codebook, proposed: [CodeID: Code] = [:]) {
        self.codebook = codebook
        // A proposal the shared codebook has since adopted (same id) is a codebook code: its place in the codebook
        // wins, so it appears once in the tree (one bar, one matrix column) and rolls up along the codebook.
        let proposed = proposed.filter { !codebook.contains($0.key) }
        self.proposed = proposed
        for code in codebook.codes { if let parent = code.parent { parentByID[code.id] = parent } }
        for (position, code) in proposed.values.sorted(by: { ($0.name, $0.id) < ($1.name, $1.id) }).enumerated() {
            proposedOrder[code.id] = position
            if let parent = code.parent { parentByID[code.id] = parent; proposedChildren[parent, default: []].append(code.id) }
        }
        for id in codebook.codes.map(\.id) + proposed.keys.sorted() { ancestorCache[id] = computeAncestors(id) }
    }

    /// The codebook plus the proposed codes of several sessions (two coders, a consensus); where two
    /// sessions hold the same proposal, the first one's wins.
    public init(codebook: Codebook, sessions: [Session]) {
        var proposed: [CodeID: Code] = [:]
        for session in sessions { proposed.merge(session.proposedCodes) { first, _ in first } }
        self.init(codebook: codebook, proposed: proposed)
    }

    /// The same tree from session digests (they hold the sessions' proposals unchanged).
    public init(codebook: Codebook, digests: [SessionDigest]) {
        var proposed: [CodeID: Code] = [:]
        for digest in digests { proposed.merge(digest.proposedCodes) { first, _ in first } }
        self.init(codebook: codebook, proposed: proposed)
    }

    public func contains(_ id: CodeID) -> Bool { codebook.contains(id) || proposed[id] != nil }
    public func code(_ id: CodeID) -> Code? { codebook[id] ?? proposed[id] }
    public func isProposed(_ id: CodeID) -> Bool { proposed[id] != nil && !codebook.contains(id) }

    /// Parent chain, nearest first.
    public func ancestors(of id: CodeID) -> [CodeID] { ancestorCache[id] ?? computeAncestors(id) }

    /// Children in codebook order, then proposed children by name.
    public func children(of id: CodeID) -> [CodeID] { codebook.childIDs(of: id) + (proposedChildren[id] ?? []) }

    /// `id` and everything below it, each code once (proposals come from an unvalidated session file and may
    /// form a cycle).
    public func subtree(of id: CodeID) -> [CodeID] {
        // An explicit stack, not recursion: a hostile journal could chain thousands of proposals.
        var result: [CodeID] = []
        var seen = Set<CodeID>()
        var stack = [id]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            result.append(next)
            stack.append(contentsOf: children(of: next).reversed())
        }
        return result
    }

    /// Position for ordering: codebook order; proposed codes after every codebook code.
    public func order(of id: CodeID) -> Int {
        codebook.order(of: id) ?? (codebook.count + (proposedOrder[id] ?? proposed.count))
    }

    public func path(of id: CodeID) -> String? {
        if let path = codebook.path(of: id) { return path }
        guard let code = proposed[id] else { return nil }
        // Built from the (cycle-safe) ancestors: a hand-edited session may hold proposals that form a cycle.
        let chain = ancestors(of: id)  // nearest first
        let shared = chain.firstIndex { codebook.contains($0) }
        let base = shared.flatMap { codebook.path(of: chain[$0]) }
        let between = chain[..<(shared ?? chain.count)].reversed().compactMap { proposed[$0]?.name }
        return ([base].compactMap { $0 } + between + [code.name]).joined(separator: Code.pathSeparator)
    }

    /// Resolves an id or a path (proposed codes by path too).
    public func resolve(_ reference: String) -> CodeID? {
        if let code = codebook.resolve(reference) { return code.id }
        let normalised = Codebook.normalisePath(reference)
        return proposed.keys.first { $0.rawValue == reference || path(of: $0) == normalised }
    }

    private func computeAncestors(_ id: CodeID) -> [CodeID] {
        // Bounded: a codebook is at most `maxDepth` deep and so are proposals below it (SessionFile checks);
        // anything longer is a hostile chain or a cycle, cut off rather than followed.
        let limit = 2 * (Codebook.maxDepth + 1)
        var result: [CodeID] = []
        var seen: Set<CodeID> = [id]
        var current = parentByID[id]
        while let parent = current, result.count < limit, seen.insert(parent).inserted { result.append(parent); current = parentByID[parent] }
        return result
    }
}
