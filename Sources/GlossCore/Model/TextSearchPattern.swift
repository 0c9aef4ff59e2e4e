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
        /// For each folded code point: the code point of the text it came from (shifted left by 2), whether it
        /// is the first (bit 0) and the last (bit 1) of that code point's folding. A code point of the text
        /// with no entry folds to nothing (a combining accent).
        var info: [Int32] = []
        /// How many code points the text has.
        var count = 0

        public init() {}
    }

    /// Every match in `text`, using (and keeping) `buffers`' memory.
    /// Every match in `text`, using (and keeping) `buffers`' memory; at most `limit` of them.
    public func matches(in text: String, using buffers: inout Buffers, limit: Int = .max) -> [TextMatch] {
        if let found = asciiMatches(in: text, limit: limit) { return found }
        fold(text, into: &buffers)
        return search(buffers, limit: limit)
    }

    /// Whether the pattern occurs in `text` at all (stops at the first match).
    public func occurs(in text: String, using buffers: inout Buffers) -> Bool {
        fold(text, into: &buffers)
        return !search(buffers, limit: 1).isEmpty
    }

    /// The matches in a text of ASCII only, found on its bytes (one code point each, folding is lower case);
    /// nil when the text holds anything else. Most chat messages are ASCII: this skips the general folding.
    private func asciiMatches(in text: String, limit: Int) -> [TextMatch]? {
        let pattern = folded
        return text.utf8.withContiguousStorageIfAvailable { bytes -> [TextMatch]? in
            for byte in bytes where byte >= 0x80 { return nil }
            var result: [TextMatch] = []
            let n = pattern.count, m = bytes.count
            guard pattern.allSatisfy({ $0 < 0x80 }), m >= n else { return result }
            @inline(__always) func lower(_ byte: UInt8) -> UInt32 { UInt32(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
            let first = pattern[0]
            var start = 0
            while start <= m - n && result.count < limit {
                guard lower(bytes[start]) == first else { start += 1; continue }
                var k = 1
                while k < n && lower(bytes[start + k]) == pattern[k] { k += 1 }
                if k == n {
                    result.append(TextMatch(offset: start, length: n))
                    start += n
                } else {
                    start += 1
                }
            }
            return result
        } ?? nil
    }

    private func fold(_ text: String, into buffers: inout Buffers) {
        // Worked on as locals (moved out and back), so appending does not check the arrays' uniqueness
        // through `buffers` at every code point.
        var folded = buffers.folded, info = buffers.info
        buffers.folded = []
        buffers.info = []
        folded.removeAll(keepingCapacity: true)
        info.removeAll(keepingCapacity: true)
        var position: Int32 = 0
        // On the UTF-8 bytes (a Swift string is valid UTF-8): ASCII folds by a comparison, and only the other
        // code points are decoded and folded (`ScalarFolder`).
        let walked: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            folded.reserveCapacity(bytes.count)
            info.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    folded.append(UInt32(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte))
                    info.append(position << 2 | 3)
                    index += 1
                } else {
                    let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    var value = UInt32(byte) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                    for k in 1..<width { value = value << 6 | UInt32(bytes[index + k] & 0x3F) }
                    let added = buffers.folder.append(Unicode.Scalar(value) ?? "\u{FFFD}", to: &folded)
                    for k in 0..<added { info.append(position << 2 | (k == 0 ? 1 : 0) | (k == added - 1 ? 2 : 0)) }
                    index += width
                }
                position += 1
            }
        }
        if walked == nil {
            for scalar in text.unicodeScalars {
                let added = buffers.folder.append(scalar, to: &folded)
                for k in 0..<added { info.append(position << 2 | (k == 0 ? 1 : 0) | (k == added - 1 ? 2 : 0)) }
                position += 1
            }
        }
        buffers.folded = folded
        buffers.info = info
        buffers.count = Int(position)
    }

    private func search(_ buffers: Buffers, limit: Int = .max) -> [TextMatch] {
        let folded = buffers.folded, info = buffers.info, m = folded.count
        let pattern = self.folded, n = pattern.count
        guard m >= n else { return [] }
        var result: [TextMatch] = []
        let first = pattern[0]
        var start = 0
        while start <= m - n && result.count < limit {
            guard folded[start] == first, info[start] & 1 != 0 else { start += 1; continue }
            var k = 1
            while k < n && folded[start + k] == pattern[k] { k += 1 }
            let end = start + n - 1
            guard k == n, info[end] & 2 != 0 else { start += 1; continue }
            let lower = Int(info[start] >> 2)
            // Up to the next code point that folds to something: the accents after the match belong to it.
            let upper = end + 1 < m ? Int(info[end + 1] >> 2) : buffers.count
            result.append(TextMatch(offset: lower, length: upper - lower))
            start = end + 1
        }
        return result
    }
}
