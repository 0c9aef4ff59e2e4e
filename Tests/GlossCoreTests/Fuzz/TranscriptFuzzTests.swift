import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// Mutated transcripts (from the demo chats) through the parser `gloss import` and `Project.load` use:
/// a chat or a `GlossError` naming the file, never a crash or a hang.
@Suite(.timeLimit(.minutes(2))) struct TranscriptFuzzTests {
    @Test func mutatedTranscriptsParseOrFailWithAGlossError() throws {
        let mutator = try Mutator(format: .transcript, files: ParserFuzz.samples("Samples/demo/chats", ext: "txt"))
        let file = "/fuzz/chats/chat-fuzz.txt"
        FuzzRunner.run("TranscriptFuzzTests", settings: .fromEnvironment(defaultCases: 400), mutator: mutator) { mutant in
            ParserFuzz.check(file: file) {
                let chat = try TranscriptParser().parse(mutant.data, id: "chat-fuzz", file: file)
                // The summary the import and the catalog count off the bytes is the parsed chat's summary.
                #expect(try TranscriptParser().summary(mutant.data, id: "chat-fuzz", file: file) == ChatSummary(chat))
                // What import does next with a chat: count the speakers, address the whole text.
                _ = chat.messages.map(\.speaker)
                if let last = chat.messages.indices.last {
                    _ = chat.text(of: Span(from: TextPosition(message: 1, offset: 0),
                                           to: TextPosition(message: last + 1, offset: chat.messages[last].length)))
                }
            }
        }
    }
}
