import Foundation

/// Reads a chat transcript (`.txt`); the format is specified in `docs/formats.md`.
///
/// ```
/// # title: Eerste gesprek
/// # speakers: Slachtoffer, Chathulpverlener
/// [2021-03-14 19:02] Chathulpverlener: Hoi, waar wil je over praten?
/// [19:03] Slachtoffer: het gaat over thuis
/// Ik zei: nee            ← continues the message above
/// ```
///
/// Which lines start a message:
/// 1. With a `# speakers:` header: a line that starts (after an optional timestamp) with one of those
///    names followed by `:`.
/// 2. Without it, if the first message line has a timestamp: only lines that start with a timestamp
///    followed by a speaker name and `:`.
/// 3. Otherwise: a line that starts with a speaker name (1–3 words, at most 32 characters, starting with a
///    letter; letters, digits, `-`, `_`, `.`, `'`) followed by `:` and a space or the line end.
/// Any other line continues the previous message (joined with `\n`). Blank lines between messages are
/// dropped; blank lines inside a message (followed by a continuation line) are kept.
///
/// One reading of the lines (`read`) serves two results: the whole `Chat`, and its `ChatSummary` (what the
/// catalog keeps), which is counted straight off the bytes with no string per message: `gloss import`
/// of 10,000 transcripts and a cold catalog need only the summary.
public struct TranscriptParser {
    public var encoding: TextDecoding.Encoding

    public init(encoding: TextDecoding.Encoding = .utf8) { self.encoding = encoding }

    /// Parses a transcript file; the chat id is the file name without extension.
    public func parse(fileAt url: URL) throws -> Chat {
        let id = url.deletingPathExtension().lastPathComponent
        return try parse(try SecureFiles.read(url), id: id, file: url.path)
    }

    public func parse(_ data: Data, id: String, file: String) throws -> Chat {
        try Self.checkID(id, file: file)
        let bytes = try TextDecoding.decode(data, file: file, encoding: encoding)
        return try parse(bytes: bytes, id: id, file: file)
    }

    /// The summary of a transcript's raw bytes: what `ChatSummary(parse(data, …))` gives, without the text.
    public func summary(_ data: Data, id: String, file: String) throws -> ChatSummary {
        try Self.checkID(id, file: file)
        return try summary(bytes: try TextDecoding.decode(data, file: file, encoding: encoding), id: id, file: file)
    }

    static func checkID(_ id: String, file: String) throws {
        if let problem = Names.chatIDProblem(id) {
            throw GlossError(file: file, "the chat id \(GlossError.quoted(id)) (the file name): \(problem)")
        }
    }

    /// The chat in `bytes`, which are clean UTF-8 with LF line ends (`TextDecoding.decode`).
    func parse(bytes: [UInt8], id: String, file: String) throws -> Chat {
        var builder = ChatBuilder()
        let attributes = try bytes.withUnsafeBufferPointer { try Self.read($0, file: file, into: &builder) }
        return Chat(id: id, attributes: attributes, messages: builder.messages)
    }

    /// The summary of the chat in `bytes` (clean UTF-8 with LF line ends): lengths counted in code points
    /// off the bytes, speakers as indexes, no message text.
    func summary(bytes: [UInt8], id: String, file: String) throws -> ChatSummary {
        var builder = SummaryBuilder()
        let attributes = try bytes.withUnsafeBufferPointer { try Self.read($0, file: file, into: &builder) }
        return ChatSummary(id: id, attributes: attributes, messageLengths: builder.lengths, speakers: builder.speakers,
                           messageSpeakers: builder.messageSpeakers)
    }

    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    private enum Mode { case listed(SpeakerList), timestamped, named }

    /// The names of a `# speakers:` header, found in a line in time linear in the line whatever their number:
    /// a prefix hash (FNV-1a) is kept while reading, and a `:` whose prefix hashes like a name is a candidate;
    /// the longest candidate that truly equals a name wins ("Hulpverlener 2" over "Hulpverlener"). Trying every
    /// name on every line would let a header of 100,000 names make each line cost 100,000 comparisons.
    struct SpeakerList {
        let names: [[UInt8]]
        let byHash: [UInt64: [Int]]
        let longest: Int

        init(_ names: [[UInt8]]) {
            self.names = names
            var byHash: [UInt64: [Int]] = [:]
            for (index, name) in names.enumerated() { byHash[Self.hash(name), default: []].append(index) }
            self.byHash = byHash
            longest = names.map(\.count).max() ?? 0
        }

        static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
        static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.reduce(basis, step) }

        /// The index of the `:` after the longest name that `line[from...]` starts with, or nil.
        func colonAfterName(in line: Bytes, from start: Int) -> Int? {
            var hash = Self.basis
            var found: Int?
            let end = min(line.endIndex - 1, start + longest)  // the last place a colon after a name can be
            var i = start
            while i <= end {
                // Each candidate is checked when it is met and the last (longest) match kept: no list of
                // candidates per line (an allocation per message line was a tenth of cutting quote texts).
                // The same comparisons as checking the candidates afterwards, so the same bound.
                if line[i] == UInt8(ascii: ":"), let indexes = byHash[hash] {
                    let prefix = line[start..<i]
                    if indexes.contains(where: { names[$0].elementsEqual(prefix) }) { found = i }
                }
                hash = Self.step(hash, line[i])
                i += 1
            }
            return found
        }
    }

    /// Reads the lines of clean `bytes`, telling `builder` where each message starts and continues; returns
    /// the header attributes.
    static func read<Builder: TranscriptBuilder>(_ bytes: UnsafeBufferPointer<UInt8>, file: String, into builder: inout Builder) throws -> [(key: String, value: String)] {
        var attributes: [(key: String, value: String)] = []
        var mode: Mode?
        var inHeader = true
        var pendingBlank = 0
        var open = false
        var messages = 0

        var lineNumber = 0
        var start = 0
        let count = bytes.count
        while start <= count {
            var end = count
            if start < count, let feed = memchr(bytes.baseAddress! + start, 0x0A, count - start) {
                end = bytes.baseAddress!.distance(to: feed.assumingMemoryBound(to: UInt8.self))
            }
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1

            let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if inHeader {
                if isBlank { continue }
                if line.first == UInt8(ascii: "#") {
                    guard let (key, value) = headerField(line) else {
                        throw GlossError(file: file, place: "line \(lineNumber)", "a header line must read '# key: value'")
                    }
                    attributes.append((key, value))
                    if key.lowercased() == "speakers" {
                        let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                        guard !names.isEmpty else {
                            throw GlossError(file: file, place: "line \(lineNumber)", "'# speakers:' lists no names")
                        }
                        mode = .listed(SpeakerList(names.map { Array($0.utf8) }))
                    }
                    continue
                }
                inHeader = false
                if mode == nil { mode = timestampLength(line) != nil ? .timestamped : .named }
            }
            if isBlank {
                if open { pendingBlank += 1 }
                continue
            }
            if let begin = messageStart(line, mode: mode!) {
                if open { builder.end() }
                builder.begin(speaker: bytes[begin.speaker], timestamp: begin.timestamp.map { bytes[$0] },
                              text: bytes[begin.textStart..<line.endIndex], line: lineNumber)
                pendingBlank = 0
                open = true
                messages += 1
            } else {
                guard open else {
                    throw GlossError(file: file, place: "line \(lineNumber)",
                                     "text before the first message; a message line reads 'Speaker: text' (optionally after [HH:MM])")
                }
                builder.append(lineFeeds: pendingBlank + 1, text: line)
                pendingBlank = 0
            }
        }
        if open { builder.end() }
        guard messages > 0 else {
            throw GlossError(file: file, "no messages found; a message line reads 'Speaker: text'")
        }
        return attributes
    }

    /// Where a message line's parts are, as index ranges of the bytes.
    private struct Start { var speaker: Range<Int>; var timestamp: Range<Int>?; var textStart: Int }

    private static func messageStart(_ line: Bytes, mode: Mode) -> Start? {
        var position = line.startIndex
        var timestamp: Range<Int>?
        if let length = timestampLength(line) {
            timestamp = (position + 1)..<(position + length - 1)
            position += length
            guard position < line.endIndex, line[position] == 0x20 else { return nil }
            position += 1
        } else if case .timestamped = mode {
            return nil
        }
        let rest = line[position...]
        switch mode {
        case .listed(let list):
            guard let colon = list.colonAfterName(in: line, from: position) else { return nil }
            return Start(speaker: position..<colon, timestamp: timestamp, textStart: skipSpaces(line, from: colon + 1))
        case .timestamped, .named:
            guard let colon = rest.prefix(130).firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let after = colon + 1
            guard after == line.endIndex || line[after] == 0x20 || line[after] == 0x09 else { return nil }
            guard isSpeakerName(String(decoding: line[position..<colon], as: UTF8.self)) else { return nil }
            return Start(speaker: position..<colon, timestamp: timestamp, textStart: skipSpaces(line, from: after))
        }
    }

    private static func skipSpaces(_ line: Bytes, from index: Int) -> Int {
        var i = index
        while i < line.endIndex && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
        return i
    }

    /// 1–3 words, at most 32 code points, starting with a letter.
    static func isSpeakerName(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard (1...32).contains(scalars.count), let first = scalars.first, first.properties.isAlphabetic else { return false }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        guard (1...3).contains(words.count), words.allSatisfy({ !$0.isEmpty }) else { return false }
        return scalars.allSatisfy { s in
            s.properties.isAlphabetic || s.properties.numericType != nil || s == " " || s == "-" || s == "_" || s == "." || s == "'"
        }
    }

    /// Length of a leading `[HH:MM]` or `[YYYY-MM-DD HH:MM]` (with brackets), or nil.
    static func timestampLength<Line: Collection>(_ line: Line) -> Int? where Line.Element == UInt8, Line.Index == Int {
        let base = line.startIndex
        let available = line.count
        func byte(_ i: Int) -> UInt8? { i < available ? line[base + i] : nil }
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= available else { return nil }
            var value = 0
            for i in range {
                let b = line[base + i]
                guard (0x30...0x39).contains(b) else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        func char(_ i: Int, _ c: UInt8) -> Bool { byte(i) == c }
        guard char(0, UInt8(ascii: "[")) else { return nil }
        let colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-"), close = UInt8(ascii: "]")
        if let h = digits(1..<3), char(3, colon), let m = digits(4..<6), char(6, close), h < 24, m < 60 { return 7 }
        if digits(1..<5) != nil, char(5, dash), let mo = digits(6..<8), char(8, dash), let d = digits(9..<11), char(11, 0x20),
           let h = digits(12..<14), char(14, colon), let m = digits(15..<17), char(17, close),
           (1...12).contains(mo), (1...31).contains(d), h < 24, m < 60 {
            return 18
        }
        return nil
    }

    static func headerField<Line: Collection>(_ line: Line) -> (String, String)? where Line.Element == UInt8 {
        let text = String(decoding: line.dropFirst(), as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        // `trimmedSpaces` trims what `.whitespaces` does (tab and the space separators) without Foundation.
        let key = String(text[..<colon]).trimmedSpaces
        let value = String(text[text.index(after: colon)...]).trimmedSpaces
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        return (key, value)
    }
}

/// What `TranscriptParser.read` tells as it reads: a message starts, continues, ends. The byte slices are
/// clean UTF-8 and valid only during the call.
protocol TranscriptBuilder {
    mutating func begin(speaker: TranscriptParser.Bytes, timestamp: TranscriptParser.Bytes?, text: TranscriptParser.Bytes, line: Int)
    /// A continuation line, after `lineFeeds` line feeds (1, plus one per blank line kept inside the message).
    mutating func append(lineFeeds: Int, text: TranscriptParser.Bytes)
    mutating func end()
}

/// Builds the messages with their text.
struct ChatBuilder: TranscriptBuilder {
    var messages: [Message] = []
    private var speaker = ""
    private var timestamp: String?
    private var text: [UInt8] = []
    private var line = 0

    mutating func begin(speaker: TranscriptParser.Bytes, timestamp: TranscriptParser.Bytes?, text: TranscriptParser.Bytes, line: Int) {
        self.speaker = String(decoding: speaker, as: UTF8.self)
        self.timestamp = timestamp.map { String(decoding: $0, as: UTF8.self) }
        self.text.removeAll(keepingCapacity: true)
        self.text.append(contentsOf: text)
        self.line = line
    }

    mutating func append(lineFeeds: Int, text: TranscriptParser.Bytes) {
        for _ in 0..<lineFeeds { self.text.append(0x0A) }
        self.text.append(contentsOf: text)
    }

    mutating func end() {
        messages.append(Message(speaker: speaker, timestamp: timestamp, text: String(decoding: text, as: UTF8.self), line: line))
    }
}

/// Counts what a `ChatSummary` keeps: each message's length in code points (every byte that does not
/// continue a UTF-8 sequence starts a code point) and its speaker's index. No string per message.
struct SummaryBuilder: TranscriptBuilder {
    var lengths: [UInt32] = []
    var speakers: [String] = []
    var messageSpeakers: [UInt32] = []
    private var index: [String: UInt32] = [:]
    private var length = 0

    static func codePoints(_ bytes: TranscriptParser.Bytes) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    mutating func begin(speaker: TranscriptParser.Bytes, timestamp: TranscriptParser.Bytes?, text: TranscriptParser.Bytes, line: Int) {
        let name = String(decoding: speaker, as: UTF8.self)
        if let known = index[name] {
            messageSpeakers.append(known)
        } else {
            index[name] = UInt32(speakers.count)
            messageSpeakers.append(UInt32(speakers.count))
            speakers.append(name)
        }
        length = Self.codePoints(text)
    }

    mutating func append(lineFeeds: Int, text: TranscriptParser.Bytes) {
        length += lineFeeds + Self.codePoints(text)
    }

    mutating func end() {
        lengths.append(UInt32(clamping: length))
    }
}

extension TranscriptParser {
    /// The text of each of `spans` (as `Chat.text(of:)` gives it) in the transcript's raw bytes, with no
    /// `Chat` and no string per message: only the messages a span touches are kept, as bytes, and each quote
    /// is cut from them by code points. `codings import` of 200,000 quotes reads 10,000 transcripts for this.
    /// A span that does not fit the transcript read now (it changed since its summary was made) is an error
    /// naming the file: the quote would not be what the row names.
    public func quotes(_ data: Data, id: String, file: String, spans: [Span]) throws -> [String] {
        try Self.checkID(id, file: file)
        let bytes = try TextDecoding.decode(data, file: file, encoding: encoding)
        var builder = QuoteBuilder(wanted: spans)
        _ = try bytes.withUnsafeBufferPointer { try Self.read($0, file: file, into: &builder) }
        return try spans.map { span in
            guard let text = builder.text(of: span) else {
                throw GlossError(file: file, "the transcript changed while the codings were read (a row's span no longer fits it); import again")
            }
            return text
        }
    }
}

/// Keeps the bytes of the messages some span touches (numbered from 1), and their lengths in code points;
/// every other message is only counted.
struct QuoteBuilder: TranscriptBuilder {
    /// Message numbers any span touches, sorted; `kept[i]` holds the bytes of message `wanted[i]`.
    private let wanted: [Int]
    private var kept: [[UInt8]]
    private var next = 0  // the index in `wanted` of the next message to keep
    private var number = 0  // the message being read (1-based)
    private var keeping = false

    init(wanted spans: [Span]) {
        var numbers = Set<Int>()
        for span in spans where span.from.message >= 1 && span.from.message <= span.to.message {
            numbers.formUnion(span.from.message...span.to.message)
        }
        wanted = numbers.sorted()
        kept = Array(repeating: [], count: wanted.count)
    }

    mutating func begin(speaker: TranscriptParser.Bytes, timestamp: TranscriptParser.Bytes?, text: TranscriptParser.Bytes, line: Int) {
        number += 1
        keeping = next < wanted.count && wanted[next] == number
        if keeping { kept[next].append(contentsOf: text) }
    }

    mutating func append(lineFeeds: Int, text: TranscriptParser.Bytes) {
        guard keeping else { return }
        for _ in 0..<lineFeeds { kept[next].append(0x0A) }
        kept[next].append(contentsOf: text)
    }

    mutating func end() {
        if keeping { next += 1 }
        keeping = false
    }

    /// The bytes of message `number`, or nil when it was not kept (or the transcript has fewer messages).
    private func message(_ number: Int) -> [UInt8]? {
        guard let index = binarySearch(number), index < next else { return nil }
        return kept[index]
    }

    private func binarySearch(_ number: Int) -> Int? {
        var low = 0, high = wanted.count
        while low < high {
            let mid = (low + high) / 2
            if wanted[mid] < number { low = mid + 1 } else { high = mid }
        }
        return low < wanted.count && wanted[low] == number ? low : nil
    }

    /// Byte index of code point `offset` in `bytes` (`bytes.count` at its end), or nil when past the end.
    private static func byteIndex(ofCodePoint offset: Int, in bytes: [UInt8]) -> Int? {
        guard offset >= 0 else { return nil }
        var scalar = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 {
                if scalar == offset { return index }
                scalar += 1
            }
            index += 1
        }
        return scalar == offset ? bytes.count : nil
    }

    /// The span's text, messages joined by one `\n`; nil when it does not fit what was read.
    func text(of span: Span) -> String? {
        guard span.from.message >= 1, span.from.message <= span.to.message,
              span.from.message < span.to.message || span.from.offset < span.to.offset else { return nil }
        var out: [UInt8] = []
        for n in span.from.message...span.to.message {
            guard let bytes = message(n) else { return nil }
            let lower = n == span.from.message ? span.from.offset : 0
            guard let start = Self.byteIndex(ofCodePoint: lower, in: bytes) else { return nil }
            let end: Int
            if n == span.to.message {
                guard let upper = Self.byteIndex(ofCodePoint: span.to.offset, in: bytes), upper >= start else { return nil }
                end = upper
            } else {
                end = bytes.count
            }
            if n > span.from.message { out.append(0x0A) }
            out.append(contentsOf: bytes[start..<end])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
