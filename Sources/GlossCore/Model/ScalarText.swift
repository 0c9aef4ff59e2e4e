/// Text measured the way REFI-QDA measures it: in Unicode code points (Swift `unicodeScalars`).
///
/// Swift's `String.count` counts grapheme clusters and `==` compares canonically equivalent strings as
/// equal ("ë" == "e\u{308}"), so every offset and every drift check in Gloss goes through here.
public enum ScalarText {
    /// Number of Unicode code points in `text`.
    ///
    /// Counted on the UTF-8 bytes (a Swift string is always valid UTF-8, and a code point starts at every
    /// byte that is not a continuation byte): the scalar view's `count` walks the string a scalar at a time,
    /// which was a tenth of parsing a transcript.
    public static func length(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// The code points `[from, to)` of `text`; offsets are clamped to the text.
    ///
    /// One pass over the UTF-8 bytes up to `to` (a code point starts at every byte that is not a continuation
    /// byte): walking the scalar view to count it and then again to each offset was a tenth of `gloss codings
    /// import` at 200,000 quotes. Same result as slicing `unicodeScalars` (property-tested).
    public static func slice(_ text: String, from: Int, to: Int) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            let lower = max(0, from), upper = max(lower, to)
            var scalar = 0
            var lowerByte = bytes.count, upperByte = bytes.count
            var index = 0
            while index < bytes.count {
                if bytes[index] & 0xC0 != 0x80 {
                    if scalar == lower && lowerByte == bytes.count { lowerByte = index }
                    if scalar == upper { upperByte = index; break }
                    scalar += 1
                }
                index += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lowerByte..<max(lowerByte, upperByte)]), as: UTF8.self)
        }
    }

    /// Exact equality by code points, unlike `==`, which equates canonically equivalent strings.
    public static func identical(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }
}
