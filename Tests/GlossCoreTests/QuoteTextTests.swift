import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// `TranscriptParser.quotes` cuts quote texts from a transcript's bytes without building a `Chat`; it must give
/// exactly what `Chat.text(of:)` gives (code point for code point) for every span, whatever the transcript's
/// line ends, blank lines, continuation lines and characters.
@Suite struct QuoteTextTests {
    static let pieces = ["een", "twee", " ", "\u{1F614}", "Zoe\u{0308}", "Zo\u{EB}", "\u{1B}[2J", "\t", "中", "a:b", "[placeholder]", "e\u{0301}"]

    /// A transcript with a speakers header, continuation lines, blank lines inside and between messages, a
    /// line of spaces, CRLF or LF line ends and sometimes a byte-order mark.
    static func transcript(_ rng: inout SplitMix64) -> [UInt8] {
        var lines = ["# title: [title]", "# speakers: Bezoeker, Medewerker"]
        for m in 0..<rng.int(1..<12) {
            var line = (rng.int(0..<2) == 0 ? "[12:0\(m % 10)] " : "") + (m % 2 == 0 ? "Bezoeker: " : "Medewerker: ")
            line += (0..<rng.int(0..<6)).map { _ in pieces[rng.int(0..<pieces.count)] }.joined()
            lines.append(line)
            for _ in 0..<rng.int(0..<3) {
                if rng.int(0..<3) == 0 { lines.append(rng.int(0..<2) == 0 ? "" : "   ") }
                lines.append((0..<rng.int(1..<4)).map { _ in pieces[rng.int(0..<pieces.count)] }.joined() + "x")
            }
            if rng.int(0..<3) == 0 { lines.append("") }
        }
        let text = lines.joined(separator: rng.int(0..<2) == 0 ? "\n" : "\r\n") + "\n"
        return (rng.int(0..<4) == 0 ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    @Test(arguments: 0..<200) func quotesAreWhatTheChatGives(index: Int) throws {
        var rng = SplitMix64.forCase(index, seed: 0x0C07_E5)
        let data = Data(Self.transcript(&rng))
        let chat = try TranscriptParser().parse(data, id: "chat-01", file: "chat-01.txt")
        // Every non-empty span of up to three messages, each end at the start, inside or at the end of its message.
        var spans: [Span] = []
        for from in 1...chat.messageCount {
            for to in from...min(chat.messageCount, from + 2) {
                let fromLength = chat.length(ofMessage: from), toLength = chat.length(ofMessage: to)
                for a in Set([0, fromLength / 2, fromLength]) {
                    for b in Set([0, toLength / 3, toLength]) {
                        let span = Span(from: TextPosition(message: from, offset: a), to: TextPosition(message: to, offset: b))
                        if chat.problem(with: span) == nil { spans.append(span) }
                    }
                }
            }
        }
        let quotes = try TranscriptParser().quotes(data, id: "chat-01", file: "chat-01.txt", spans: spans)
        #expect(quotes.count == spans.count)
        for (span, quote) in zip(spans, quotes) {
            #expect(ScalarText.identical(quote, chat.text(of: span)), "\(span)")
        }
    }

    @Test func knownQuotesCutByHand() throws {
        let data = Data("# speakers: Jan, Piet\nJan: Hoi \u{1F614} ik\nben Zoe\u{0308}\n\nnog\nPiet: ja\n\nJan: klaar\n".utf8)
        let spans = [Span(from: TextPosition(message: 1, offset: 4), to: TextPosition(message: 1, offset: 5)),
                     Span(from: TextPosition(message: 1, offset: 6), to: TextPosition(message: 2, offset: 1)),
                     Span(from: TextPosition(message: 3, offset: 0), to: TextPosition(message: 3, offset: 5))]
        let quotes = try TranscriptParser().quotes(data, id: "chat-01", file: "chat-01.txt", spans: spans)
        #expect(quotes.map { Array($0.unicodeScalars) } == ["\u{1F614}", "ik\nben Zoe\u{0308}\n\nnog\nj", "klaar"].map { Array($0.unicodeScalars) })
    }

    @Test func aSpanThatNoLongerFitsIsAnErrorNamingTheFile() throws {
        let data = Data("Jan: een\nPiet: twee\n".utf8)
        for span in [Span(from: TextPosition(message: 1, offset: 0), to: TextPosition(message: 3, offset: 1)),
                     Span(from: TextPosition(message: 2, offset: 0), to: TextPosition(message: 2, offset: 5))] {
            let error = try #require(throws: GlossError.self) {
                try TranscriptParser().quotes(data, id: "chat-01", file: "chats/chat-01.txt", spans: [span])
            }
            #expect(error.file == "chats/chat-01.txt")
            #expect(error.message.contains("changed"))
        }
    }
}
