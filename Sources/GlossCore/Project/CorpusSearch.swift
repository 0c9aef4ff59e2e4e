import Foundation

/// One place a search pattern occurs in the corpus.
public struct CorpusHit: Equatable, Sendable {
    public var chat: String
    /// The message number (1-based, as on screen and in CSV files).
    public var message: Int
    /// Where the match starts in the message and how long it is, in code points.
    public var offset: Int
    public var length: Int
    /// About `CorpusSearch.contextLength` code points of the message around the match, on one line: line
    /// feed and tab shown as a space, every other control as `·` (as the workbench draws it), a cut end as `…`.
    public var context: String
    /// Where the match lies in `context`, in code points (cut at the context's end for a long match).
    public var contextMatch: Range<Int>

    public init(chat: String, message: Int, offset: Int, length: Int, context: String, contextMatch: Range<Int>) {
        self.chat = chat
        self.message = message
        self.offset = offset
        self.length = length
        self.context = context
        self.contextMatch = contextMatch
    }
}

/// What a corpus search found.
public struct CorpusSearchResult: Equatable, Sendable {
    /// The hits in chat order (the project's, by id), then message order, then offset.
    public var hits: [CorpusHit]
    /// The search stopped at its limit: there are more hits than `hits` holds.
    public var truncated: Bool
    /// How many chats were read (all of them unless the limit stopped the search early).
    public var chatsSearched: Int
    /// Chats that could not be read, with why, when the search was asked to go on past them.
    public var unreadable: [(chat: String, reason: String)] = []

    public init(hits: [CorpusHit], truncated: Bool, chatsSearched: Int, unreadable: [(chat: String, reason: String)] = []) {
        self.hits = hits
        self.truncated = truncated
        self.chatsSearched = chatsSearched
        self.unreadable = unreadable
    }

    public static func == (a: CorpusSearchResult, b: CorpusSearchResult) -> Bool {
        a.hits == b.hits && a.truncated == b.truncated && a.chatsSearched == b.chatsSearched
            && a.unreadable.map(\.chat) == b.unreadable.map(\.chat) && a.unreadable.map(\.reason) == b.unreadable.map(\.reason)
    }

    /// How many chats have at least one hit.
    public var chatsWithHits: Int {
        var count = 0
        var last: String?
        for hit in hits where hit.chat != last { count += 1; last = hit.chat }
        return count
    }
}

/// Finds a pattern in every message of every transcript: case- and accent-insensitive, matches not
/// overlapping, with the in-chat search's semantics (`TextSearchPattern`).
///
/// Bounded in time and memory for a corpus of 10,000 chats: transcripts are read from their files a batch
/// at a time (one per core at once, then dropped; the project's `TranscriptCache` is not disturbed, so the
/// chats a workbench shows stay cached), and the search stops once it has `limit` hits.
public enum CorpusSearch {
    public static let defaultLimit = 10_000
    /// Code points of context around a match.
    public static let contextLength = 60
    /// Chats read in parallel between two checks of the limit.
    static let batchSize = 64
    /// The most hits one batch may hold at once: each chat of a batch may collect one more hit than the limit
    /// leaves, so a batch is made smaller when the limit is large (hostile transcripts full of one letter
    /// cannot make a search hold a batch × limit hits).
    static let hitsPerBatch = 100_000

    /// Every match of `pattern` in the project's chats (or only in `chats`, ids in the order to search), in
    /// order; at most `limit` (then `truncated`). Throws the first transcript that can no longer be read
    /// (in chat order), like `Project.loadChat`, unless `skippingUnreadable`: then such chats are left out and
    /// listed in `unreadable` (the workbench shows what it found and says what it could not read).
    /// Transcripts are read like the project reads them: never through a link, only regular files
    /// (`SecureFiles.read`).
    public static func search(_ pattern: TextSearchPattern, in project: Project, chats: [String]? = nil,
                              limit: Int = defaultLimit, parallel: Bool = true, skippingUnreadable: Bool = false) throws -> CorpusSearchResult {
        let ids = chats ?? project.chatIDs
        for id in ids where project.index(of: id) == nil {
            throw GlossError(file: project.transcriptURL(id).path, "no chat \(GlossError.quoted(id)) in the project")
        }
        let limit = max(0, limit)
        var hits: [CorpusHit] = []
        var unreadable: [(chat: String, reason: String)] = []
        var searched = 0
        var start = 0
        while start < ids.count {
            let remaining = limit - hits.count + 1  // one more than fits tells that there are more
            let size = max(2, min(batchSize, hitsPerBatch / remaining))
            let batch = Array(ids[start..<min(ids.count, start + size)])
            let found = try searchBatch(batch, pattern, project, perChat: remaining, parallel: parallel)
            for (id, result) in zip(batch, found) {
                searched += 1
                let chatHits: [CorpusHit]
                switch result {
                case .success(let value): chatHits = value
                case .failure(let error):
                    guard skippingUnreadable else { throw error }
                    unreadable.append((id, "\(error)"))
                    continue
                }
                if hits.count + chatHits.count > limit {
                    hits.append(contentsOf: chatHits.prefix(limit - hits.count))
                    return CorpusSearchResult(hits: hits, truncated: true, chatsSearched: searched, unreadable: unreadable)
                }
                hits.append(contentsOf: chatHits)
            }
            start += batch.count
        }
        return CorpusSearchResult(hits: hits, truncated: false, chatsSearched: searched, unreadable: unreadable)
    }

    /// The hits of each chat of `batch`, in order; each chat read, searched and dropped by one worker.
    private static func searchBatch(_ batch: [String], _ pattern: TextSearchPattern, _ project: Project,
                                    perChat: Int, parallel: Bool) throws -> [Result<[CorpusHit], Error>] {
        let slots = ResultSlots(count: batch.count)
        let work: @Sendable (Int) -> Void = { index in
            let id = batch[index]
            do {
                let url = project.transcriptURL(id)
                let chat = try TranscriptParser().parse(try SecureFiles.read(url), id: id, file: url.path)
                var buffers = TextSearchPattern.Buffers()
                slots.set(index, .success(hits(of: pattern, in: chat, limit: perChat, buffers: &buffers)))
            } catch {
                slots.set(index, .failure(error))
            }
        }
        if parallel && batch.count > 1 {
            DispatchQueue.concurrentPerform(iterations: batch.count, execute: work)
        } else {
            for index in batch.indices { work(index) }
        }
        return slots.values.map { $0! }
    }

    /// The hits of `pattern` in one chat, in message order; at most `limit`.
    public static func hits(of pattern: TextSearchPattern, in chat: Chat, limit: Int = .max,
                            buffers: inout TextSearchPattern.Buffers) -> [CorpusHit] {
        var result: [CorpusHit] = []
        for (index, message) in chat.messages.enumerated() where result.count < limit {
            let matches = pattern.matches(in: message.text, using: &buffers, limit: limit - result.count)
            guard !matches.isEmpty else { continue }
            let scalars = Array(message.text.unicodeScalars)
            for match in matches {
                let (context, range) = context(of: match, in: scalars)
                result.append(CorpusHit(chat: chat.id, message: index + 1, offset: match.offset, length: match.length,
                                        context: context, contextMatch: range))
            }
        }
        return result
    }

    /// About `contextLength` code points around `match`: the match in the middle where the text allows,
    /// on one line, controls neutralised, `…` where the text was cut; and where the match lies in it.
    public static func context(of match: TextMatch, in scalars: [Unicode.Scalar]) -> (String, Range<Int>) {
        let count = scalars.count
        let matchEnd = min(count, match.offset + match.length)
        var lower: Int, upper: Int
        if match.length >= contextLength {
            lower = match.offset
            upper = min(count, match.offset + contextLength)
        } else {
            lower = max(0, match.offset - (contextLength - match.length) / 2)
            upper = min(count, lower + contextLength)
            lower = max(0, upper - contextLength)
        }
        var text = String.UnicodeScalarView()
        if lower > 0 { text.append("…") }
        let shift = (lower > 0 ? 1 : 0) - lower
        for scalar in scalars[lower..<upper] { text.append(shown(scalar)) }
        if upper < count { text.append("…") }
        return (String(text), (match.offset + shift)..<(min(upper, matchEnd) + shift))
    }

    /// A code point as a one-line context shows it.
    static func shown(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == "\n" || scalar == "\t" { return " " }
        return TerminalText.isControl(scalar) ? "·" : scalar
    }
}

/// One result per chat of a batch, written by the workers.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[CorpusHit], Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<[CorpusHit], Error>) { lock.withLock { slots[index] = value } }

    var values: [Result<[CorpusHit], Error>?] { lock.withLock { slots } }
}
