/// Where a search pattern occurs in a text, in code points (the unit of every offset in Gloss).
public struct TextMatch: Equatable, Hashable, Sendable {
    public var offset: Int
    public var length: Int

    public init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }
}

/// A pattern typed by the coder, folded once, found in texts case- and accent-insensitively.
///
/// The semantics are the in-chat search's (`range(of:options: [.caseInsensitive, .diacriticInsensitive])`
/// from left to right, each search starting after the previous match): matches are the leftmost ones and do
/// not overlap ("aa" occurs twice in "aaaa"). Both sides are folded code point by code point
/// (`ScalarFolder`); a match starts and ends on whole code points of the text and takes in the combining
/// accents that follow it, so "e" finds all of a decomposed "e\u{301}". Written on folded code points
/// rather than Foundation's `range(of:)` because a corpus search runs it over hundreds of megabytes.
public struct TextSearchPattern: Sendable {
    /// The longest pattern accepted, in code points: a search term, not a document.
    public static let maxLength = 1_000

    /// The folded pattern's code points; never empty.
    let folded: [UInt32]
    /// The pattern as typed.
    public let text: String

    /// Nil when the pattern folds to nothing (empty, spaces are kept) or is longer than `maxLength`.
    public init?(_ pattern: String) {
        guard !pattern.isEmpty, pattern.unicodeScalars.count <= Self.maxLength else { return nil }
        var folder = ScalarFolder()
        var folded: [UInt32] = []
        for scalar in pattern.unicodeScalars { _ = folder.append(scalar, to: &folded) }
        guard !folded.isEmpty else { return nil }
        self.folded = folded
        self.text = pattern
    }

    /// Every match in `text`, left to right, not overlapping.
    public func matches(in text: String) -> [TextMatch] {
        var buffers = Buffers()
        return matches(in: text, using: &buffers)
    }

    /// Reusable working memory, so a search over many messages does not allocate per message.
    public struct Buffers: Sendable {
        var folder = ScalarFolder()
        /// The text's folded code points.
        var folded: [UInt32] = []
        /// For each folded code point, the code point of the text it came from.
        var source: [Int32] = []
        /// For each folded code point, whether it is the first (bit 0) and last (bit 1) of its source's folding.
        var edges: [UInt8] = []
        /// Per code point of the text, whether it folds to nothing (a combining accent).
        var vanishes: [Bool] = []

        public init() {}
    }

    /// Every match in `text`, using (and keeping) `buffers`' memory.
    /// Every match in `text`, using (and keeping) `buffers`' memory; at most `limit` of them.
    public func matches(in text: String, using buffers: inout Buffers, limit: Int = .max) -> [TextMatch] {
        fold(text, into: &buffers)
        return search(buffers, limit: limit)
    }

    /// Whether the pattern occurs in `text` at all (stops at the first match).
    public func occurs(in text: String, using buffers: inout Buffers) -> Bool {
        fold(text, into: &buffers)
        return !search(buffers, limit: 1).isEmpty
    }

    private func fold(_ text: String, into buffers: inout Buffers) {
        buffers.folded.removeAll(keepingCapacity: true)
        buffers.source.removeAll(keepingCapacity: true)
        buffers.edges.removeAll(keepingCapacity: true)
        buffers.vanishes.removeAll(keepingCapacity: true)
        var position: Int32 = 0
        for scalar in text.unicodeScalars {
            let added = buffers.folder.append(scalar, to: &buffers.folded)
            buffers.vanishes.append(added == 0)
            for k in 0..<added {
                buffers.source.append(position)
                buffers.edges.append((k == 0 ? 1 : 0) | (k == added - 1 ? 2 : 0))
            }
            position += 1
        }
    }

    private func search(_ buffers: Buffers, limit: Int = .max) -> [TextMatch] {
        let folded = buffers.folded, m = folded.count
        let pattern = self.folded, n = pattern.count
        guard m >= n else { return [] }
        var result: [TextMatch] = []
        let first = pattern[0]
        var start = 0
        while start <= m - n && result.count < limit {
            guard folded[start] == first, buffers.edges[start] & 1 != 0 else { start += 1; continue }
            var k = 1
            while k < n && folded[start + k] == pattern[k] { k += 1 }
            let end = start + n - 1
            guard k == n, buffers.edges[end] & 2 != 0 else { start += 1; continue }
            let lower = Int(buffers.source[start])
            var upper = Int(buffers.source[end]) + 1
            while upper < buffers.vanishes.count && buffers.vanishes[upper] { upper += 1 }
            result.append(TextMatch(offset: lower, length: upper - lower))
            start = end + 1
        }
        return result
    }
}
