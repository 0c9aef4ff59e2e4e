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
        var prefixed: [(CodeID, Int)] = []
        var fuzzy: [(CodeID, Int)] = []
        for id in all {
            guard let code = hierarchy.code(id) else { continue }
            let name = fold(code.name)
            if name.hasPrefix(q) {
                prefixed.append((id, hierarchy.order(of: id)))
            } else if let score = subsequenceScore(q, in: fold(hierarchy.path(of: id) ?? code.name)) {
                fuzzy.append((id, score * 10_000 + hierarchy.order(of: id)))
            }
        }
        prefixed.sort { $0.1 < $1.1 }
        fuzzy.sort { $0.1 < $1.1 }
        return Array((prefixed + fuzzy).map(\.0).prefix(limit))
    }

    /// Lower case without diacritics.
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Smaller is better: how spread out the query's characters are in `text`; nil when they are not all
    /// there in order. A match inside a word that starts a path part scores best.
    static func subsequenceScore(_ query: String, in text: String) -> Int? {
        if let range = text.range(of: query) {
            let start = text.distance(from: text.startIndex, to: range.lowerBound)
            let atWord = range.lowerBound == text.startIndex || text[text.index(before: range.lowerBound)] == " "
            return atWord ? 0 : 1 + min(start, 50) / 10
        }
        var score = 10
        var index = text.startIndex
        var last: String.Index?
        for c in query {
            guard let found = text[index...].firstIndex(of: c) else { return nil }
            if let last { score += min(text.distance(from: last, to: found) - 1, 20) }
            last = found
            index = text.index(after: found)
        }
        return score
    }
}
