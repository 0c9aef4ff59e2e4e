/// Text measured the way REFI-QDA measures it: in Unicode code points (Swift `unicodeScalars`).
///
/// Swift's `String.count` counts grapheme clusters and `==` compares canonically equivalent strings as
/// equal ("ë" == "e\u{308}"), so every offset and every drift check in Gloss goes through here.
public enum ScalarText {
    /// Number of Unicode code points in `text`.
    @inlinable
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// The code points `[from, to)` of `text`; offsets are clamped to the text.
    public static func slice(_ text: String, from: Int, to: Int) -> String {
        let scalars = text.unicodeScalars
        let lower = max(0, min(from, scalars.count))
        let upper = max(lower, min(to, scalars.count))
        let start = scalars.index(scalars.startIndex, offsetBy: lower)
        let end = scalars.index(start, offsetBy: upper - lower)
        return String(scalars[start..<end])
    }

    /// Exact equality by code points, unlike `==`, which equates canonically equivalent strings.
    public static func identical(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }
}
