import Foundation
import Testing
@testable import GlossCore

/// Search across the corpus (issue 10, item 3): every match in every chat, in order, case- and
/// accent-insensitive, not overlapping, bounded, with a one-line context.
@Suite("Corpus search")
struct CorpusSearchTests {
    /// A project with these transcripts (id → text), imported as `gloss import` does.
    func project(_ chats: [(String, String)], in folder: URL) throws -> Project {
        var project = try Project.create(at: folder.appendingPathComponent("project"), name: "Zoek", codebook: try Sample.codebook())
        let sources = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        let files = try chats.map { id, text in
            let url = sources.appendingPathComponent(id + ".txt")
            try Data(text.utf8).write(to: url)
            return url
        }
        _ = try project.importTranscripts(files)
        return try Project.load(project.root)
    }

    func places(_ result: CorpusSearchResult) -> [String] {
        result.hits.map { "\($0.chat) #\($0.message) @\($0.offset)+\($0.length)" }
    }

    static let three: [(String, String)] = [
        ("b-chat", "# speakers: A, B\nA: hoi hoi\nB: niets\nA: nog eens Hoi\n"),
        ("a-chat", "# speakers: A, B\nA: HOI daar\nB: ik zei hoi\n"),
        ("c-chat", "# speakers: A, B\nA: geen groet\n"),
    ]

    /// Chats in id order, messages in order, offsets in code points; case ignored.
    @Test func matchesAcrossChatsInOrder() throws {
        try withTemporaryDirectory { folder in
            let project = try project(Self.three, in: folder)
            let result = try CorpusSearch.search(#require(TextSearchPattern("hoi")), in: project)
            #expect(places(result) == [
                "a-chat #1 @0+3", "a-chat #2 @7+3",
                "b-chat #1 @0+3", "b-chat #1 @4+3", "b-chat #3 @9+3",
            ])
            #expect(!result.truncated)
            #expect(result.chatsSearched == 3)
            #expect(result.chatsWithHits == 2)
            #expect(result.hits.map(\.context) == ["HOI daar", "ik zei hoi", "hoi hoi", "hoi hoi", "nog eens Hoi"])
            #expect(result.hits[4].contextMatch == 9..<12)
        }
    }

    /// Accents and case are ignored on both sides; a decomposed letter is matched whole, and offsets count its
    /// combining mark ("e\u{308}en" is 4 code points).
    @Test func diacritics() throws {
        try withTemporaryDirectory { folder in
            let text = "# speakers: A, B\nA: \u{EB}cht \u{C9}\u{C9}N keer\nB: ik zei e\u{308}en keer, s\u{FC}ic\u{EF}de\n"
            let project = try project([("x", text)], in: folder)
            func search(_ pattern: String) throws -> [String] {
                places(try CorpusSearch.search(#require(TextSearchPattern(pattern)), in: project))
            }
            #expect(try search("echt") == ["x #1 @0+4"])
            #expect(try search("ËCHT") == ["x #1 @0+4"])
            #expect(try search("een") == ["x #1 @5+3", "x #2 @7+4"])
            #expect(try search("één") == ["x #1 @5+3", "x #2 @7+4"])
            #expect(try search("suicide") == ["x #2 @18+7"])
            #expect(try search("n k") == ["x #1 @7+3", "x #2 @10+3"])
        }
    }

    /// Matches do not overlap, as in the in-chat search: each search starts after the previous match.
    @Test func overlappingMatches() throws {
        let aa = try #require(TextSearchPattern("aa"))
        #expect(aa.matches(in: "aaaa") == [TextMatch(offset: 0, length: 2), TextMatch(offset: 2, length: 2)])
        #expect(aa.matches(in: "aaa") == [TextMatch(offset: 0, length: 2)])
        let ana = try #require(TextSearchPattern("ana"))
        #expect(ana.matches(in: "ananas banana") == [TextMatch(offset: 0, length: 3), TextMatch(offset: 8, length: 3)])
        #expect(TextSearchPattern("") == nil)
        #expect(TextSearchPattern("\u{301}") == nil)  // a lone accent folds to nothing
    }

    /// Letters that fold to two, ligatures, stacked accents, dotted capital I: the places Foundation's
    /// `range(of:options: [.caseInsensitive, .diacriticInsensitive])` gives (checked once with a separate program).
    @Test(arguments: [("ik zei e\u{308}en keer", "een", 7, 4), ("stra\u{DF}e", "STRASSE", 0, 6), ("stra\u{DF}e", "ss", 4, 1),
                      ("\u{FB01}le", "fi", 0, 1), ("e\u{301}\u{301}x", "e", 0, 3), ("\u{130}stanbul", "i", 0, 1)])
    func hardCasesAsFoundation(_ text: String, _ pattern: String, _ offset: Int, _ length: Int) throws {
        #expect(try #require(TextSearchPattern(pattern)).matches(in: text) == [TextMatch(offset: offset, length: length)])
    }

    /// Precomposed and decomposed Hangul are canonically equivalent: each finds the other (as Foundation's
    /// search does), with offsets and lengths in the text's own code points.
    @Test(arguments: [("\u{AC00}\u{B098}", "\u{1100}\u{1161}", 0, 1), ("\u{1100}\u{1161}\u{1102}\u{1161}", "\u{AC00}", 0, 2),
                      ("x \u{1112}\u{1161}\u{11AB}", "\u{D55C}", 2, 3), ("x \u{D55C}", "\u{1112}\u{1161}\u{11AB}", 2, 1)])
    func hangulInEitherForm(_ text: String, _ pattern: String, _ offset: Int, _ length: Int) throws {
        #expect(try #require(TextSearchPattern(pattern)).matches(in: text) == [TextMatch(offset: offset, length: length)])
        // Foundation agrees that the two forms match.
        #expect(text.range(of: pattern, options: [.caseInsensitive, .diacriticInsensitive]) != nil)
    }

    /// The search stops at its limit and says there is more; exactly the limit is not "more".
    @Test func limit() throws {
        try withTemporaryDirectory { folder in
            let project = try project(Self.three, in: folder)
            let hoi = try #require(TextSearchPattern("hoi"))
            let two = try CorpusSearch.search(hoi, in: project, limit: 2)
            #expect(places(two) == ["a-chat #1 @0+3", "a-chat #2 @7+3"])
            #expect(two.truncated)
            let three = try CorpusSearch.search(hoi, in: project, limit: 3)
            #expect(places(three) == ["a-chat #1 @0+3", "a-chat #2 @7+3", "b-chat #1 @0+3"])
            #expect(three.truncated)
            #expect(three.chatsSearched == 2)
            let five = try CorpusSearch.search(hoi, in: project, limit: 5)
            #expect(five.hits.count == 5)
            #expect(!five.truncated)
        }
    }

    /// A message with control characters: the context shows each as `·` (tab and line feed as a space), so
    /// nothing in it can act on a terminal; offsets still count the controls.
    @Test func controlCharactersInContext() throws {
        try withTemporaryDirectory { folder in
            let text = "# speakers: A, B\nA: a\u{1B}]52;c;x\u{7}b\tc\u{9B}2J \u{202E}zoek hier\nB: verder\n"
            let project = try project([("x", text)], in: folder)
            let result = try CorpusSearch.search(#require(TextSearchPattern("zoek")), in: project)
            let hit = try #require(result.hits.first)
            #expect(hit.offset == 18)
            #expect(hit.context == "a·]52;c;x·b c·2J ·zoek hier")
            #expect(!hit.context.unicodeScalars.contains(where: TerminalText.isControl))
            #expect(String(String.UnicodeScalarView(Array(hit.context.unicodeScalars)[hit.contextMatch])) == "zoek")
        }
    }

    /// A long message: about 60 code points around the match, cut ends marked, the match inside.
    @Test func contextWindow() throws {
        let text = String(repeating: "x", count: 100) + "VIND" + String(repeating: "y", count: 100)
        let scalars = Array(text.unicodeScalars)
        let (context, range) = CorpusSearch.context(of: TextMatch(offset: 100, length: 4), in: scalars)
        #expect(context == "…" + String(repeating: "x", count: 28) + "VIND" + String(repeating: "y", count: 28) + "…")
        #expect(range == 29..<33)
        let (start, startRange) = CorpusSearch.context(of: TextMatch(offset: 0, length: 3), in: Array("abc".unicodeScalars))
        #expect(start == "abc" && startRange == 0..<3)
        let long = CorpusSearch.context(of: TextMatch(offset: 10, length: 150), in: scalars)
        #expect(long.0.unicodeScalars.count == 62 && long.1 == 1..<61)
    }

    /// Parallel and sequential searches give the same hits in the same order.
    @Test func parallelMatchesSequential() throws {
        try withTemporaryDirectory { folder in
            let chats = (0..<150).map { n in (String(format: "c%03d", n), "# speakers: A, B\nA: woord \(n % 7 == 0 ? "Zoek" : "niets") zoek\nB: x\n") }
            let project = try project(chats, in: folder)
            let pattern = try #require(TextSearchPattern("zoek"))
            let parallel = try CorpusSearch.search(pattern, in: project, parallel: true)
            let sequential = try CorpusSearch.search(pattern, in: project, parallel: false)
            #expect(parallel == sequential)
            #expect(parallel.hits.count == 150 + 22)  // one per chat, plus one in every seventh (0, 7, …, 147)
            let limited = try CorpusSearch.search(pattern, in: project, limit: 100)
            #expect(limited.hits == Array(sequential.hits.prefix(100)))
        }
    }

    /// A transcript replaced by a link after loading is refused, not followed.
    @Test func aLinkedTranscriptIsRefused() throws {
        try withTemporaryDirectory { folder in
            let project = try project(Self.three, in: folder)
            let secret = folder.appendingPathComponent("secret.txt")
            try Data("# speakers: A\nA: hoi geheim\n".utf8).write(to: secret)
            let url = project.transcriptURL("c-chat")
            try FileManager.default.removeItem(at: url)
            try FileManager.default.createSymbolicLink(at: url, withDestinationURL: secret)
            let error = try #require(throws: GlossError.self) { try CorpusSearch.search(#require(TextSearchPattern("geheim")), in: project) }
            #expect(error.description.contains("symbolic link"))
        }
    }
}

/// The engine checked against counts made independently of it, on the demo's 12 transcripts.
@Suite("Corpus search: reference counts on the demo")
struct CorpusSearchReferenceTests {
    static let demo: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("Samples/demo")
    }()

    /// Matches and messages with a match, counted by Python (`str.casefold`, NFD without combining marks,
    /// `str.count`) over the demo's messages: a script outside the code base, run once; the figures are here.
    @Test(arguments: [("de", 167, 100), ("je", 188, 89), ("mentor", 3, 3), ("thuis", 21, 20), ("geld", 7, 7),
                      ("ik ", 139, 85), ("e", 2280, 175), ("ouder", 6, 6), ("wel", 20, 20), ("één", 69, 54)])
    func countsAgreeWithPython(_ pattern: String, _ matches: Int, _ messages: Int) throws {
        let project = try Project.load(Self.demo, useCatalog: false)
        let result = try CorpusSearch.search(#require(TextSearchPattern(pattern)), in: project)
        #expect(result.hits.count == matches)
        #expect(Set(result.hits.map { "\($0.chat)#\($0.message)" }).count == messages)
    }

    /// The same places as the in-chat search's own loop (Foundation's `range(of:options:)`, case and
    /// diacritic insensitive, each search after the previous match), message by message.
    @Test(arguments: ["de", "je", "Thuis", "ïk", "een", ". ", "?", "huur"])
    func placesAgreeWithFoundation(_ pattern: String) throws {
        let project = try Project.load(Self.demo, useCatalog: false)
        var expected: [String] = []
        for id in project.chatIDs {
            for (index, message) in try project.loadChat(id).messages.enumerated() {
                let text = message.text
                var from = text.startIndex
                while from < text.endIndex,
                      let range = text.range(of: pattern, options: [.caseInsensitive, .diacriticInsensitive], range: from..<text.endIndex) {
                    let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
                    let length = text.unicodeScalars.distance(from: range.lowerBound, to: range.upperBound)
                    expected.append("\(id) #\(index + 1) @\(offset)+\(length)")
                    from = range.upperBound
                }
            }
        }
        let result = try CorpusSearch.search(#require(TextSearchPattern(pattern)), in: project)
        #expect(result.hits.map { "\($0.chat) #\($0.message) @\($0.offset)+\($0.length)" } == expected)
        #expect(!expected.isEmpty)
    }
}

/// Filtering the chat list by typed text (issue 10, item 3): title, id or any header value.
@Suite("Chat filter")
struct ChatFilterTests {
    let chats = [
        ChatSummary(id: "chat-01", attributes: [("title", "Geld voor de huur"), ("date", "2019-03-14")], messageLengths: [3], speakers: ["A"], messageSpeakers: [0]),
        ChatSummary(id: "chat-02", attributes: [("title", "Vrienden van mijn moeder"), ("channel", "chat")], messageLengths: [3], speakers: ["A"], messageSpeakers: [0]),
        ChatSummary(id: "gesprek-x", attributes: [("title", "Één keer"), ("region", "Noord")], messageLengths: [3], speakers: ["A"], messageSpeakers: [0]),
    ]

    @Test func byTitleIdAndAttribute() {
        #expect(ChatFilter("huur").indices(in: chats) == [0])
        #expect(ChatFilter("CHAT-0").indices(in: chats) == [0, 1])
        #expect(ChatFilter("noord").indices(in: chats) == [2])
        #expect(ChatFilter("2019-03").indices(in: chats) == [0])
        #expect(ChatFilter("een").indices(in: chats) == [2])  // "Één", accents ignored
        #expect(ChatFilter("chat moeder").indices(in: chats) == [1])  // every word, anywhere
        #expect(ChatFilter("chat noord").indices(in: chats).isEmpty)
        #expect(ChatFilter("  ").keepsAll && ChatFilter("").indices(in: chats) == [0, 1, 2])
    }
}
