import Foundation
import GlossAnalysis
import GlossCore

/// Filtering the codebook as the coder types in the picker: codes whose name starts with the typed text
/// first, then codes whose path contains the typed characters in order (fuzzy), best first. Matching
/// ignores case and accents ("bedreig" finds "Bedreiging", "suicide" finds "suïcide").
public enum CodeSearch {
    public static func matches(_ query: String, in hierarchy: CodeHierarchy, limit: Int = 200) -> [CodeID] {
        let all = hierarchy.codebook.codes.map(\.id) + hierarchy.proposed.keys.sorted()
        let q = fold(query.trimmingCharacters(in: .whitespaces))
        guard !q.isEmpty else { return Array(all.prefix(limit)) }
        let queryCharacters = Array(q)
        var prefixed: [(CodeID, Int)] = []
        var fuzzy: [(CodeID, Int)] = []
        for id in all {
            guard let code = hierarchy.code(id) else { continue }
            let name = fold(code.name)
            if name.hasPrefix(q) {
                prefixed.append((id, hierarchy.order(of: id)))
            } else if let score = subsequenceScore(queryCharacters, in: characters(of: hierarchy.path(of: id) ?? code.name)) {
                fuzzy.append((id, score * 10_000 + hierarchy.order(of: id)))
            }
        }
        prefixed.sort { $0.1 < $1.1 }
        fuzzy.sort { $0.1 < $1.1 }
        return Array((prefixed + fuzzy).map(\.0).prefix(limit))
    }

    /// Lower case without diacritics. Remembered per text: the picker folds every code's name and path at each
    /// key typed, and Foundation's folding costs more than the rest of a keystroke.
    public static func fold(_ text: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let known = folded[text] { return known }
        let result = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if folded.count >= 20_000 { folded.removeAll() }  // bounded: codebooks have hundreds of codes, not thousands
        folded[text] = result
        return result
    }

    /// A code path folded and split as the fuzzy score reads it: the whole path's characters and each
    /// name's. Remembered per path like `fold` (measured: splitting and Foundation's search per code per key
    /// were most of a picker keystroke).
    struct SearchText {
        var all: [Character]
        var names: [[Character]]
    }

    static func characters(of path: String) -> SearchText {
        let folded = fold(path)
        lock.lock()
        defer { lock.unlock() }
        if let known = searchTexts[folded] { return known }
        let text = SearchText(all: Array(folded), names: folded.components(separatedBy: Code.pathSeparator).map { Array($0) })
        if searchTexts.count >= 20_000 { searchTexts.removeAll() }
        searchTexts[folded] = text
        return text
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var folded: [String: String] = [:]  // guarded by `lock`
    nonisolated(unsafe) private static var searchTexts: [String: SearchText] = [:]  // guarded by `lock`

    /// Smaller is better; nil when `query` does not match. A match is the query inside the path (best at the
    /// start of a word), or its letters in order inside one code name and close together (at most twice the
    /// query's length from first to last), so typing a new code's name does not fuzzily hit an unrelated
    /// long path and the picker can offer to create it.
    static func subsequenceScore(_ query: [Character], in text: SearchText) -> Int? {
        if let start = firstOccurrence(of: query, in: text.all) {
            let atWord = start == 0 || text.all[start - 1] == " "
            return atWord ? 0 : 1 + min(start, 50) / 10
        }
        var best: Int?
        for letters in text.names {
            var position = 0
            var first: Int?
            var last = 0
            var matched = true
            for c in query {
                guard let found = letters[position...].firstIndex(of: c) else { matched = false; break }
                if first == nil { first = found }
                last = found
                position = found + 1
            }
            guard matched, let first else { continue }
            let spread = last - first + 1
            guard spread <= 2 * query.count else { continue }
            let score = 10 + spread - query.count
            best = min(best ?? score, score)
        }
        return best
    }

    /// Where `needle` first occurs in `haystack` (in characters), or nil.
    static func firstOccurrence(of needle: [Character], in haystack: [Character]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
