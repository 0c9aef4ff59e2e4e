import ArgumentParser
import Foundation
import GlossCore

/// `gloss search DIR PATTERN`: every place a word or phrase occurs in the corpus, with a little context.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find a word or phrase in every chat (case and accents ignored).",
        discussion: "Prints each match as `chat #message: …context…` in chat and message order, then a count."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var project: ProjectArgument

    @Argument(help: "The text to find (quote it to include spaces).")
    var pattern: String

    @Option(help: "text or json.")
    var format: Format = .text

    @Option(help: "Stop after this many matches.")
    var limit: Int = CorpusSearch.defaultLimit

    func run() throws {
        try reportingErrors {
            guard limit > 0 else { throw GlossError("--limit must be at least 1") }
            guard let searched = TextSearchPattern(pattern) else {
                throw GlossError("nothing to search for: the pattern is empty or longer than \(TextSearchPattern.maxLength) characters")
            }
            let loaded = try Project.load(project.url)
            let result = try CorpusSearch.search(searched, in: loaded, limit: limit)
            switch format {
            case .text: Output.text(Self.text(result, chats: loaded.chatCount), terminator: "")
            case .json: Output.json(try JSONFormat.encode(Report(result, pattern: pattern, chats: loaded.chatCount)))
            }
        }
    }

    static func text(_ result: CorpusSearchResult, chats: Int) -> String {
        var out = ""
        for hit in result.hits { out += "\(hit.chat) #\(hit.message): \(hit.context)\n" }
        out += summary(result, chats: chats) + "\n"
        return out
    }

    /// "12 matches in 3 of 12 chats", or "more than 100 matches (stopped after 7 of 12 chats)".
    static func summary(_ result: CorpusSearchResult, chats: Int) -> String {
        let plural = result.hits.count == 1 ? "match" : "matches"
        if result.truncated {
            return "more than \(result.hits.count) matches (stopped at the limit after \(result.chatsSearched) of \(chats) chats; --limit N shows more)"
        }
        return "\(result.hits.count) \(plural) in \(result.chatsWithHits) of \(chats) chats"
    }

    /// The JSON form: offsets in code points, as everywhere in Gloss.
    struct Report: Encodable {
        struct Hit: Encodable {
            var chat: String
            var message: Int
            var offset: Int
            var length: Int
            var context: String
        }
        var pattern: String
        var matches: Int
        var truncated: Bool
        var chats: Int
        var chatsSearched: Int
        var hits: [Hit]

        init(_ result: CorpusSearchResult, pattern: String, chats: Int) {
            self.pattern = pattern
            matches = result.hits.count
            truncated = result.truncated
            self.chats = chats
            chatsSearched = result.chatsSearched
            hits = result.hits.map { Hit(chat: $0.chat, message: $0.message, offset: $0.offset, length: $0.length, context: $0.context) }
        }
    }
}
