import GlossCore

/// A code named on the command line (`gloss quotes --code`, and any command that takes one), resolved the
/// way a person would mean it. Tried in order, the first rule that picks out codes decides:
/// 1. an id;
/// 2. a full path as written (`A > B`, `A>B`);
/// 3. a full path, case- and accent-insensitively;
/// 4. a name ("Bedreiging"), case- and accent-insensitively;
/// 5. the start of a path or of a name ("Pleger > Moe", "bedreig").
/// A rule that finds one code resolves to it. At rule 5 a prefix that picks out one code and only codes below
/// it ("Dwangmiddel > Bedr" is Bedreiging and its sub-codes) means that code. Two or more codes are ambiguous;
/// none is unknown: both fail with up to 5 suggestions, ranked by `CodeRanking` as the picker ranks them.
public enum CodeReference {
    /// How many codes a failure suggests.
    public static let suggestionCount = 5

    public enum Resolution: Equatable, Sendable {
        case found(CodeID)
        /// Several codes fit; the best `suggestionCount` of them, ranked.
        case ambiguous([CodeID])
        /// No code fits; the closest `suggestionCount` codes (possibly none), ranked.
        case unknown(suggestions: [CodeID])
    }

    public static func resolve(_ reference: String, in hierarchy: CodeHierarchy) -> Resolution {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .unknown(suggestions: []) }
        if let id = hierarchy.resolve(trimmed) { return .found(id) }  // rules 1 and 2
        let all = hierarchy.codebook.codes.map(\.id) + hierarchy.proposed.keys.sorted()
        let wantedPath = TextFolding.fold(Codebook.normalisePath(trimmed))
        let wantedName = TextFolding.fold(trimmed)
        let paths = Dictionary(uniqueKeysWithValues: all.map { ($0, TextFolding.fold(hierarchy.path(of: $0) ?? "")) })
        let names = Dictionary(uniqueKeysWithValues: all.map { ($0, TextFolding.fold(hierarchy.code($0)?.name ?? "")) })

        let rules: [(CodeID) -> Bool] = [
            { paths[$0] == wantedPath },
            { names[$0] == wantedName },
            { paths[$0]!.hasPrefix(wantedPath) || names[$0]!.hasPrefix(wantedName) },
        ]
        for (number, rule) in rules.enumerated() {
            let fits = all.filter(rule)
            if fits.count == 1 { return .found(fits[0]) }
            if fits.count > 1 {
                if number == rules.count - 1, let top = fits.first(where: { top in fits.allSatisfy { $0 == top || hierarchy.ancestors(of: $0).contains(top) } }) {
                    return .found(top)
                }
                return .ambiguous(ranked(fits, by: trimmed, in: hierarchy))
            }
        }
        let suggestions = CodeRanking.ranked(trimmed, in: hierarchy, limit: suggestionCount).map(\.id)
        return .unknown(suggestions: suggestions)
    }

    /// The code `reference` names, or a `GlossError` that says why not and lists the suggestions by path.
    public static func require(_ reference: String, in hierarchy: CodeHierarchy) throws -> CodeID {
        switch resolve(reference, in: hierarchy) {
        case .found(let id):
            return id
        case .ambiguous(let candidates):
            throw GlossError("\(GlossError.quoted(reference)) fits several codes; name one by its path:\(list(candidates, hierarchy))")
        case .unknown(let suggestions):
            let hint = suggestions.isEmpty ? " (gloss codebook DIR lists the codes)" : "; did you mean:\(list(suggestions, hierarchy))"
            throw GlossError("no code \(GlossError.quoted(reference)) in the codebook\(hint)")
        }
    }

    /// `codes` in the order `CodeRanking` ranks them for `query` (codes it does not rank last, in tree order),
    /// at most `suggestionCount`.
    static func ranked(_ codes: [CodeID], by query: String, in hierarchy: CodeHierarchy) -> [CodeID] {
        let wanted = Set(codes)
        var result = CodeRanking.ranked(query, in: hierarchy).map(\.id).filter { wanted.contains($0) }
        let listed = Set(result)
        result += codes.filter { !listed.contains($0) }
        return Array(result.prefix(suggestionCount))
    }

    private static func list(_ codes: [CodeID], _ hierarchy: CodeHierarchy) -> String {
        codes.map { "\n  " + (hierarchy.path(of: $0) ?? $0.rawValue) }.joined()
    }
}
