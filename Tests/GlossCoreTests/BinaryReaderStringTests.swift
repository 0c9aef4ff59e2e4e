import Testing
@testable import GlossCore

/// Strings in a cache are UTF-8 checked by the reader (eight ASCII bytes a step, then the decoder's byte loop):
/// valid text of any length comes back exactly; a malformed byte anywhere, after a long ASCII run too, makes
/// the read fail (the cache is then ignored), never a repaired string.
@Suite("Cache strings")
struct BinaryReaderStringTests {
    private func read(_ bytes: [UInt8]) -> String? {
        var writer = BinaryWriter()
        writer.varint(bytes.count)
        writer.raw(bytes)
        return writer.bytes.withUnsafeBytes { buffer in
            var reader = BinaryReader(buffer)
            return reader.string()
        }
    }

    @Test("valid text round-trips, whatever its length and wherever its non-ASCII characters are")
    func validText() {
        for text in ["", "a", "abcdefgh", "abcdefghé", "é", "abcdefgh😔ijklmnop", "chat-00001", String(repeating: "x", count: 1000) + "ë"] {
            #expect(read(Array(text.utf8)) == text)
        }
    }

    @Test("a malformed byte after an ASCII run, inside a run, or a cut sequence is refused")
    func malformed() {
        #expect(read(Array("abcdefghijklmnop".utf8) + [0xFF]) == nil)
        #expect(read(Array("abcdefgh".utf8) + [0xC3]) == nil)                 // cut after its lead byte
        #expect(read([0x61, 0x62, 0xED, 0xA0, 0x80] + Array("abcdefgh".utf8)) == nil)  // a surrogate
        #expect(read(Array("abc".utf8) + [0xC0, 0xAF]) == nil)                 // overlong
    }
}
