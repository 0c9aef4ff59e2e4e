import Foundation
import Testing
@testable import GlossCore

/// Offsets are Unicode code points everywhere. The sample chat (see `Sample.transcript`) has:
/// 1. "Hoi, waar wil je over praten?"           29 code points
/// 2. "Hoi 😔 ik ben Zoe\u{308}\nIk zei: nee"    29 code points (😔 is 1, "e"+U+0308 is 2)
/// 3. "Dat is moedig."                            14 code points
@Suite("Chat text and offsets in code points")
struct ChatTextTests {
    let chat: Chat
    init() throws { chat = try Sample.chat() }

    @Test func messageLengthCountsCodePoints() {
        #expect(Message(speaker: "a", text: "\u{1F614}").length == 1)       // 1 scalar, 2 UTF-16 units, 4 bytes
        #expect(Message(speaker: "a", text: "e\u{308}").length == 2)        // 1 grapheme, 2 scalars
        #expect(Message(speaker: "a", text: "\u{EB}").length == 1)          // precomposed ë
        #expect(Message(speaker: "a", text: "").length == 0)
        // Swift's count is graphemes: the decomposed ë counts 1 there, 2 here.
        #expect("e\u{308}".count == 1)
        #expect(chat.messages.map(\.length) == [29, 29, 14])
    }

    @Test func textOfASpanInsideOneMessage() {
        // Message 2: "Hoi " is 0..<4, the emoji is 4..<5, "Zoe\u{308}" is 13..<17.
        #expect(chat.text(of: Sample.span(2, 4, 2, 5)) == "\u{1F614}")
        #expect(ScalarText.identical(chat.text(of: Sample.span(2, 13, 2, 17)), "Zoe\u{308}"))
        // Cutting between "e" and its combining accent is possible in code points.
        #expect(ScalarText.identical(chat.text(of: Sample.span(2, 13, 2, 16)), "Zoe"))
        #expect(ScalarText.identical(chat.text(of: Sample.span(2, 16, 2, 17)), "\u{308}"))
        // The newline joining continuation lines is one code point (17), "nee" is 26..<29.
        #expect(chat.text(of: Sample.span(2, 17, 2, 18)) == "\n")
        #expect(chat.text(of: Sample.span(2, 26, 2, 29)) == "nee")
        #expect(chat.text(of: Sample.span(1, 0, 1, 29)) == "Hoi, waar wil je over praten?")
    }

    @Test func spanAcrossMessagesIsJoinedWithNewline() {
        // From "praten?" (message 1, offset 22) to the end of "Hoi 😔" (message 2, offset 5).
        #expect(chat.text(of: Sample.span(1, 22, 2, 5)) == "praten?\nHoi \u{1F614}")
        // Three messages: the tail of 1, all of 2, the head of 3.
        #expect(chat.text(of: Sample.span(1, 28, 3, 3)) == "?\nHoi \u{1F614} ik ben Zoe\u{308}\nIk zei: nee\nDat")
        // From the very end of message 1 (offset = length) gives an empty first part.
        #expect(chat.text(of: Sample.span(1, 29, 2, 3)) == "\nHoi")
    }

    @Test func problemWithASpan() {
        #expect(chat.problem(with: Sample.span(1, 0, 3, 14)) == nil)
        #expect(chat.problem(with: Sample.span(0, 0, 1, 1))?.contains("message 0 does not exist") == true)
        #expect(chat.problem(with: Sample.span(1, 0, 4, 1))?.contains("message 4 does not exist (the chat has 3 messages)") == true)
        #expect(chat.problem(with: Sample.span(3, 15, 3, 15))?.contains("offset 15 is past the end of message 3 (14 characters)") == true)
        #expect(chat.problem(with: Sample.span(1, 0, 2, 30))?.contains("offset 30 is past the end of message 2 (29 characters)") == true)
        #expect(chat.problem(with: Sample.span(1, -1, 1, 2))?.contains("past the end") == true)
        #expect(chat.problem(with: Sample.span(2, 5, 2, 5)) == "the span is empty or runs backwards")
        #expect(chat.problem(with: Sample.span(2, 5, 2, 4)) == "the span is empty or runs backwards")
        #expect(chat.problem(with: Sample.span(3, 0, 2, 4)) == "the span is empty or runs backwards")
        // The end of one message and the start of the next are different positions: not empty.
        #expect(chat.problem(with: Sample.span(1, 29, 2, 0)) == nil)
    }

    @Test func textOfABadSpanIsEmpty() {
        #expect(chat.text(of: Sample.span(2, 5, 2, 5)) == "")
        #expect(chat.text(of: Sample.span(1, 0, 9, 1)) == "")
    }

    @Test func wholeMessages() {
        #expect(chat.wholeMessages(1, 2) == Sample.span(1, 0, 2, 29))
        #expect(chat.wholeMessages(3, 3) == Sample.span(3, 0, 3, 14))
        #expect(chat.wholeMessages(2, 1) == nil)
        #expect(chat.wholeMessages(0, 1) == nil)
        #expect(chat.wholeMessages(1, 4) == nil)
        #expect(chat.coversWholeMessages(Sample.span(1, 0, 2, 29)))
        #expect(!chat.coversWholeMessages(Sample.span(1, 1, 2, 29)))
        #expect(!chat.coversWholeMessages(Sample.span(1, 0, 2, 28)))
    }

    @Test func linearOffset() {
        // Messages joined by one newline: message 1 covers 0..<29, its newline is 29, message 2 starts at
        // 30 and covers 30..<59, its newline is 59, message 3 starts at 60.
        #expect(chat.linearOffset(of: TextPosition(message: 1, offset: 0)) == 0)
        #expect(chat.linearOffset(of: TextPosition(message: 1, offset: 29)) == 29)
        #expect(chat.linearOffset(of: TextPosition(message: 2, offset: 0)) == 30)
        #expect(chat.linearOffset(of: TextPosition(message: 2, offset: 5)) == 35)
        #expect(chat.linearOffset(of: TextPosition(message: 3, offset: 14)) == 74)
        // It agrees with the length of the joined text before the point.
        let joined = chat.messages.map(\.text).joined(separator: "\n")
        let before = chat.text(of: Sample.span(1, 0, 3, 3))
        #expect(joined.unicodeScalars.starts(with: before.unicodeScalars))
        #expect(chat.linearOffset(of: TextPosition(message: 3, offset: 3)) == before.unicodeScalars.count)
    }

    @Test func messageByNumber() {
        #expect(chat.message(1)?.speaker == "Chathulpverlener")
        #expect(chat.message(3)?.text == "Dat is moedig.")
        #expect(chat.message(0) == nil)
        #expect(chat.message(4) == nil)
    }

    @Test func spanOrderAndOverlap() {
        let a = Sample.span(1, 0, 1, 10)
        let b = Sample.span(1, 9, 2, 0)
        let c = Sample.span(1, 10, 1, 12)
        #expect(a < b && b < c)
        #expect(a.overlaps(b))
        #expect(!a.overlaps(c))        // end-exclusive: a ends where c begins
        #expect(b.overlaps(c))
        #expect(TextPosition(message: 1, offset: 99) < TextPosition(message: 2, offset: 0))
    }
}
