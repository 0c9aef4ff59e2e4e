import Foundation

/// Case and accent folding: the one rule by which every search in Gloss compares text ("bedreig" finds
/// "Bedreiging", "suicide" finds "suïcide", "É" finds "e"). It is Foundation's folding with
/// `[.caseInsensitive, .diacriticInsensitive]`, the rule of the in-chat search and the code picker.
public enum TextFolding {
    /// `text` in lower case without diacritics.
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

/// Folds one code point at a time, remembering each non-ASCII answer: Foundation's folding costs far more
/// than a search's comparisons, and a transcript repeats few distinct letters. A value per worker (no lock).
///
/// A code point folds to zero or more code points: a combining accent to none, "ß" perhaps to two.
public struct ScalarFolder: Sendable {
    private var known: [UInt32: [UInt32]] = [:]

    public init() {}

    /// Appends the folded form of `scalar` to `output`; returns how many code points it appended.
    @inline(__always)
    public mutating func append(_ scalar: Unicode.Scalar, to output: inout [UInt32]) -> Int {
        let value = scalar.value
        if value < 0x80 {
            output.append(value >= 0x41 && value <= 0x5A ? value + 0x20 : value)
            return 1
        }
        if let folded = known[value] {
            output.append(contentsOf: folded)
            return folded.count
        }
        // A Hangul syllable folds to its jamo (the algorithmic canonical decomposition), so precomposed and
        // decomposed Korean text find each other, as Foundation's search finds them.
        if value >= 0xAC00 && value <= 0xD7A3 {
            let index = value - 0xAC00
            output.append(0x1100 + index / 588)
            output.append(0x1161 + (index % 588) / 28)
            if index % 28 == 0 { return 2 }
            output.append(0x11A7 + index % 28)
            return 3
        }
        // A combining accent on its own (decomposed text: "e" + U+0308) is dropped, as folding drops it from
        // the letter it belongs to; Foundation keeps it when it is folded alone.
        let folded = scalar.properties.canonicalCombiningClass != .notReordered
            ? [] : TextFolding.fold(String(Character(scalar))).unicodeScalars.map(\.value)
        if known.count < 65_536 { known[value] = folded }  // bounded: a hostile text may use every code point
        output.append(contentsOf: folded)
        return folded.count
    }
}
