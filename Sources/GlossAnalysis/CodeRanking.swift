import Foundation
import GlossCore

/// Ranking codes against what a coder typed, as fzf ranks: whole words and prefixes first, then substrings,
/// scattered letters last. One rule for the picker (`CodeSearch`) and for codes named on the command line
/// (`CodeReference`'s suggestions). Case- and accent-insensitive (`TextFolding`).
///
/// Tiers, best first (`Kind`):
/// 1. the query is the code's name ("fysiek" is "Fysiek");
/// 2. the query is whole words of the name ("geweld" in "Emotioneel geweld");
/// 3. the name starts with the query ("bedreig" → "Bedreiging");
/// 4. a word of the name starts with the query ("sleutel" → "Betrokkenheid sleutelfiguren …");
/// 5. whole words of the path, that is of a parent's name, or across names ("dwangmiddel > bedreiging");
/// 6. a word of the path starts with the query;
/// 7. the query inside the name; 8. inside the path;
/// 9. the query's letters in order, close together, in the name; 10. the same in a parent's name.
/// Within a tier the code with the shorter path (fewer levels) comes first, then codebook order, so a
/// branch keeps its order. Scattered letters must lie within one name and span at most twice the query's
/// length, so a new code's name typed in full matches nothing and the picker can offer to create it.
public enum CodeRanking {
    /// How a code matched; the cases are in rank order.
    public enum Kind: Int, Comparable, Sendable {
        case nameExact, nameWord, namePrefix, nameWordPrefix, pathWord, pathWordPrefix, nameSubstring, pathSubstring, nameFuzzy, pathFuzzy

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }

        /// Whether the match is only scattered letters (the picker may still offer to create a code).
        public var isFuzzy: Bool { self == .nameFuzzy || self == .pathFuzzy }
    }

    /// The codes matching `query` (codebook codes, then proposed ones), best first, at most `limit`. An empty
    /// query lists every code in tree order.
    public static func ranked(_ query: String, in hierarchy: CodeHierarchy, limit: Int = .max) -> [(id: CodeID, kind: Kind)] {
        let all = hierarchy.codebook.codes.map(\.id) + hierarchy.proposed.keys.sorted()
        let folded = foldedQuery(query)
        guard !folded.isEmpty else { return all.prefix(limit).map { ($0, Kind.nameExact) } }
        var found: [(id: CodeID, kind: Kind, depth: Int, order: Int)] = []
        // The remembered texts are looked up without the lock (one copy of the table per key typed).
        let known = cache.withLock { $0 }
        for id in all {
            guard let path = hierarchy.path(of: id) else { continue }
            guard let text = known[path] ?? hierarchy.code(id).map({ searchText(name: $0.name, path: path) }) else { continue }
            if let kind = kind(of: folded, in: text) {
                found.append((id, kind, text.depth, hierarchy.order(of: id)))
            }
        }
        found.sort { ($0.kind.rawValue, $0.depth, $0.order) < ($1.kind.rawValue, $1.depth, $1.order) }
        return found.prefix(limit).map { ($0.id, $0.kind) }
    }

    /// How `query` (as typed) matches a code with this name and path, or nil when it does not.
    public static func kind(of query: String, name: String, path: String) -> Kind? {
        let folded = foldedQuery(query)
        guard !folded.isEmpty else { return nil }
        return kind(of: folded, in: searchText(name: name, path: path))
    }

    /// The query folded, trimmed, with `>` written as the path separator.
    static func foldedQuery(_ query: String) -> [UInt32] {
        var text = TextFolding.fold(query.trimmingCharacters(in: .whitespaces))
        if text.contains(">") { text = Codebook.normalisePath(text) }
        return text.unicodeScalars.map(\.value)
    }

    /// A code's name and path folded, with what matching needs precomputed.
    struct SearchText {
        var name: [UInt32]
        var nameWords: [Bool]
        var path: [UInt32]
        var pathWords: [Bool]
        /// Each name along the path, root first (the code's own last).
        var names: [ArraySlice<UInt32>]
        var depth: Int { names.count }
    }

    static func kind(of query: [UInt32], in text: SearchText) -> Kind? {
        if let best = bestOccurrence(of: query, in: text.name, words: text.nameWords) {
            switch best {
            case .whole: return query == text.name ? .nameExact : .nameWord
            case .wordStart(let at): return at == 0 ? .namePrefix : .nameWordPrefix
            case .inside: break
            }
        }
        let inPath = bestOccurrence(of: query, in: text.path, words: text.pathWords)
        switch inPath {
        case .whole?: return .pathWord
        case .wordStart?: return .pathWordPrefix
        default: break
        }
        if firstOccurrence(of: query, in: text.name[...]) != nil { return .nameSubstring }
        if inPath != nil { return .pathSubstring }
        if let own = text.names.last, scattered(query, in: own) { return .nameFuzzy }
        if text.names.dropLast().contains(where: { scattered(query, in: $0) }) { return .pathFuzzy }
        return nil
    }

    enum Occurrence { case whole, wordStart(Int), inside }

    /// The best way `query` occurs in `text`: as whole words, at the start of a word (the earliest), or inside.
    static func bestOccurrence(of query: [UInt32], in text: [UInt32], words: [Bool]) -> Occurrence? {
        var best: Occurrence?
        var from = 0
        while let at = firstOccurrence(of: query, in: text[from...]) {
            let startsWord = at == 0 || words[at - 1] != words[at] || !words[at]
            let end = at + query.count
            let endsWord = end == text.count || words[end - 1] != words[end] || !words[end - 1]
            if startsWord && endsWord { return .whole }
            if startsWord {
                if case .wordStart? = best {} else { best = .wordStart(at) }
            } else if best == nil {
                best = .inside
            }
            from = at + 1
        }
        return best
    }

    /// Where `needle` first occurs in `haystack` (an index of `haystack`), or nil.
    static func firstOccurrence(of needle: [UInt32], in haystack: ArraySlice<UInt32>) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var start = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while start <= last {
            if haystack[start] == first {
                var k = 1
                while k < needle.count && haystack[start + k] == needle[k] { k += 1 }
                if k == needle.count { return start }
            }
            start += 1
        }
        return nil
    }

    /// The query's letters in order within `name`, spanning at most twice the query's length.
    static func scattered(_ query: [UInt32], in name: ArraySlice<UInt32>) -> Bool {
        guard query.count <= name.count else { return false }
        // Try each start where the first letter occurs: the tightest span may not begin at the first one.
        var start = name.startIndex
        while let first = name[start...].firstIndex(of: query[0]) {
            var position = first + 1
            var matched = true
            for c in query.dropFirst() {
                guard let found = name[position...].firstIndex(of: c), found - first < 2 * query.count else { matched = false; break }
                position = found + 1
            }
            if matched { return true }
            start = first + 1
        }
        return false
    }

    /// The folded form of a code's name and path, remembered per path: the picker ranks every code at each
    /// key typed, and Foundation's folding costs more than the rest of a keystroke.
    static func searchText(name: String, path: String) -> SearchText {
        let key = path
        if let known = cache.withLock({ $0[key] }) { return known }
        let foldedName = TextFolding.fold(name).unicodeScalars.map(\.value)
        let foldedPath = TextFolding.fold(path).unicodeScalars.map(\.value)
        var names: [ArraySlice<UInt32>] = []
        let separator = Code.pathSeparator.unicodeScalars.map(\.value)
        var from = 0
        while let at = firstOccurrence(of: separator, in: foldedPath[from...]) {
            names.append(foldedPath[from..<at])
            from = at + separator.count
        }
        names.append(foldedName[...])
        let text = SearchText(name: foldedName, nameWords: foldedName.map(isWordCharacter), path: foldedPath,
                              pathWords: foldedPath.map(isWordCharacter), names: names)
        cache.withLock {
            if $0.count >= 20_000 { $0.removeAll() }  // bounded: codebooks have hundreds of codes, not thousands
            $0[key] = text
        }
        return text
    }

    static func isWordCharacter(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
        }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static let cache = LockedValue<[String: SearchText]>([:])
}

/// A value behind a lock (the standard library's `Mutex` needs a newer platform than Gloss requires).
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
