import Foundation
import Testing
@testable import GlossCore

@Suite("TextDecoding: bytes to clean UTF-8 with LF line ends")
struct TextDecodingTests {
    private func decode(_ raw: [UInt8], encoding: TextDecoding.Encoding = .utf8) throws -> [UInt8] {
        try TextDecoding.decode(Data(raw), file: "in.txt", encoding: encoding)
    }

    private func refusal(_ raw: [UInt8], encoding: TextDecoding.Encoding = .utf8) throws -> GlossError {
        try #require(throws: GlossError.self) { try decode(raw, encoding: encoding) }
    }

    @Test func plainUTF8IsUnchanged() throws {
        let text = "Jan: hoi \u{1F614} Zoë\n"
        #expect(try decode(Array(text.utf8)) == Array(text.utf8))
    }

    @Test func utf8ByteOrderMarkIsDropped() throws {
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array("Jan: hoi".utf8)) == Array("Jan: hoi".utf8))
    }

    @Test func lineEndsBecomeLF() throws {
        #expect(try decode(Array("a\r\nb\r\n".utf8)) == Array("a\nb\n".utf8))
        #expect(try decode(Array("a\rb\r".utf8)) == Array("a\nb\n".utf8))
        // CR, then CRLF: two line ends, one blank line between.
        #expect(try decode(Array("a\r\r\nb".utf8)) == Array("a\n\nb".utf8))
    }

    @Test func latin1ByteIsRefusedWithLineColumnAndByte() throws {
        // "Jan: caf" is 8 characters, so the bad byte is in column 9.
        let error = try refusal(Array("Jan: caf".utf8) + [0xE9, 0x0A])
        #expect(error.file == "in.txt")
        #expect(error.place == "line 1, column 9")
        #expect(error.message.contains("0xE9"))
        #expect(error.message.contains("latin-1"))
    }

    @Test func latin1ByteOnALaterLine() throws {
        // Line 2 is "Piet: caf" (9 characters) and then the bad byte: column 10.
        let error = try refusal(Array("Jan: hoi\nPiet: caf".utf8) + [0xE9])
        #expect(error.place == "line 2, column 10")
    }

    @Test func columnCountsCodePointsNotBytes() throws {
        // "Jan: ë😔" is 7 code points (Python len() = 7) but 11 UTF-8 bytes; the bad byte is column 8.
        let error = try refusal(Array("Jan: \u{EB}\u{1F614}".utf8) + [0xE9])
        #expect(error.place == "line 1, column 8")
    }

    @Test func placeAfterCRLFLines() throws {
        let error = try refusal(Array("a\r\nb\r\nxy".utf8) + [0xE9])
        #expect(error.place == "line 3, column 3")
    }

    @Test func placeAfterCROnlyLines() throws {
        // Old Mac line ends are line ends too (they are turned into LF), so the bad byte is on line 3.
        let error = try refusal(Array("a\rb\rxy".utf8) + [0xE9])
        #expect(error.place == "line 3, column 3")
    }

    @Test func latin1EncodingGivesPrecomposedE() throws {
        let out = try decode([0x63, 0x61, 0x66, 0xE9, 0x0D, 0x0A, 0xFC], encoding: .latin1)
        // 0xE9 is "é" (U+00E9), 0xFC is "ü" (U+00FC), each two bytes in UTF-8; CRLF became LF.
        #expect(out == [0x63, 0x61, 0x66, 0xC3, 0xA9, 0x0A, 0xC3, 0xBC])
        let text = String(decoding: out, as: UTF8.self)
        #expect(Array(text.unicodeScalars.map(\.value)) == [0x63, 0x61, 0x66, 0xE9, 0x0A, 0xFC])
    }

    @Test(arguments: [[UInt8(0xFF), 0xFE], [0xFE, 0xFF]])
    func utf16ByteOrderMarkIsRefused(bom: [UInt8]) throws {
        let error = try refusal(bom + [0x4A, 0x00, 0x3A, 0x00])
        #expect(error.place == "line 1")
        #expect(error.message.contains("UTF-16"))
    }

    @Test func utf16IsRefusedInLatin1ModeToo() throws {
        let error = try refusal([0xFF, 0xFE, 0x4A, 0x00], encoding: .latin1)
        #expect(error.message.contains("UTF-16"))
    }

    @Test func nulByteIsRefusedWithItsPlace() throws {
        let error = try refusal(Array("ab\ncd".utf8) + [0x00, 0x41])
        #expect(error.place == "line 2, column 3")
        #expect(error.message.contains("NUL"))
    }

    @Test func malformedSequencesAreRefused() throws {
        // A lead byte cut off at the end of the file.
        #expect(try refusal(Array("ab".utf8) + [0xC3]).place == "line 1, column 3")
        // Overlong encoding of "/".
        #expect(try refusal([0xC0, 0xAF]).place == "line 1, column 1")
        // An encoded UTF-16 surrogate (U+D800) is not UTF-8.
        #expect(try refusal(Array("x".utf8) + [0xED, 0xA0, 0x80]).place == "line 1, column 2")
        // Above U+10FFFF.
        #expect(try refusal([0xF4, 0x90, 0x80, 0x80]).place == "line 1, column 1")
        // A continuation byte without a lead byte.
        #expect(try refusal(Array("ok ".utf8) + [0x80]).place == "line 1, column 4")
    }

    @Test func wellFormedMultiByteSequencesAreAccepted() throws {
        // U+0080, U+07FF, U+0800, U+FFFD, U+10000, U+1F614, U+10FFFF.
        let text = "\u{80}\u{7FF}\u{800}\u{FFFD}\u{10000}\u{1F614}\u{10FFFF}"
        #expect(try decode(Array(text.utf8)) == Array(text.utf8))
    }

    @Test func stringConvenience() throws {
        let text = try TextDecoding.string(Data([0xEF, 0xBB, 0xBF] + Array("a\r\nb".utf8)), file: "x")
        #expect(text == "a\nb")
    }
}
