import Testing
@testable import GlossCore

@Suite("ScalarText: code points, not graphemes")
struct ScalarTextTests {
    @Test func identicalDistinguishesCanonicallyEquivalentStrings() {
        let precomposed = "Zo\u{EB}"          // U+00EB
        let decomposed = "Zoe\u{308}"         // e + U+0308
        #expect(precomposed == decomposed)   // Swift compares canonically
        #expect(!ScalarText.identical(precomposed, decomposed))
        #expect(ScalarText.identical(precomposed, "Zo\u{EB}"))
        #expect(ScalarText.identical(decomposed, "Zoe\u{308}"))
        #expect(ScalarText.identical("", ""))
        #expect(!ScalarText.identical("a", "ab"))
    }

    @Test func lengthCountsCodePoints() {
        // Python: len("Zo\u00eb") == 3, len("Zoe\u0308") == 4, len("\U0001F614x") == 2
        #expect(ScalarText.length("Zo\u{EB}") == 3)
        #expect(ScalarText.length("Zoe\u{308}") == 4)
        #expect(ScalarText.length("\u{1F614}x") == 2)
        // A family emoji is one grapheme of 5 code points (3 people joined by 2 ZWJ).
        #expect(ScalarText.length("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}") == 5)
    }

    @Test func sliceByCodePointsAndClamps() {
        let text = "a\u{1F614}e\u{308}b"   // a, 😔, e, U+0308, b: 5 code points
        #expect(ScalarText.slice(text, from: 1, to: 2) == "\u{1F614}")
        #expect(ScalarText.identical(ScalarText.slice(text, from: 2, to: 3), "e"))
        #expect(ScalarText.identical(ScalarText.slice(text, from: 3, to: 5), "\u{308}b"))
        #expect(ScalarText.slice(text, from: -3, to: 1) == "a")
        #expect(ScalarText.slice(text, from: 4, to: 99) == "b")
        #expect(ScalarText.slice(text, from: 4, to: 2) == "")
        #expect(ScalarText.slice(text, from: 9, to: 12) == "")
    }

    /// `slice` and `length` walk UTF-8 bytes; they must give exactly what the scalar view gives (the definition),
    /// for any text and any offsets, clamped ones included.
    @Test func sliceEqualsSlicingTheScalarView() {
        func reference(_ text: String, _ from: Int, _ to: Int) -> String {
            let scalars = Array(text.unicodeScalars)
            let lower = max(0, min(from, scalars.count)), upper = max(lower, min(to, scalars.count))
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars[lower..<upper])
            return String(result)
        }
        let pieces = ["a", "Zo", "\u{EB}", "e\u{308}", "\u{1F614}", "\u{1F468}\u{200D}\u{1F469}", "\r\n", "\u{202E}", "日本", " ", "\u{0}"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0..<12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let count = text.unicodeScalars.count
            #expect(ScalarText.length(text) == count)
            let from = Int.random(in: -2...(count + 2), using: &random), to = Int.random(in: -2...(count + 2), using: &random)
            #expect(ScalarText.identical(ScalarText.slice(text, from: from, to: to), reference(text, from, to)),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) }) [\(from), \(to))")
        }
    }
}
