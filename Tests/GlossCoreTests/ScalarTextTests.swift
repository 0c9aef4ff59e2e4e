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
}
