import Foundation
import GlossAnalysis
import GlossCore

/// Filtering the codebook as the coder types in the picker, ranked as fzf ranks: whole words and prefixes
/// of the code's name first, then of its path, then substrings, scattered letters last; within a rank the
/// shorter path, then codebook order (`CodeRanking` has the rule, shared with `gloss quotes --code`).
/// Matching ignores case and accents ("bedreig" finds "Bedreiging", "suicide" finds "suïcide").
public enum CodeSearch {
    public static func matches(_ query: String, in hierarchy: CodeHierarchy, limit: Int = 200) -> [CodeID] {
        CodeRanking.ranked(query, in: hierarchy, limit: limit).map(\.id)
    }

    /// Lower case without diacritics. Remembered per text: the picker folds every code's path at each key
    /// typed (the quote's codes when removing one), and Foundation's folding costs more than the rest of a
    /// keystroke.
    public static func fold(_ text: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let known = folded[text] { return known }
        let result = TextFolding.fold(text)
        if folded.count >= 20_000 { folded.removeAll() }  // bounded: codebooks have hundreds of codes, not thousands
        folded[text] = result
        return result
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var folded: [String: String] = [:]  // guarded by `lock`
}
