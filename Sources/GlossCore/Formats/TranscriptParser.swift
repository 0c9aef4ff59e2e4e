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
public struct TranscriptParser {
    public var encoding: TextDecoding.Encoding

    public init(encoding: TextDecoding.Encoding = .utf8) { self.encoding = encoding }

    /// Parses a transcript file; the chat id is the file name without extension.
    public func parse(fileAt url: URL) throws -> Chat {
        let id = url.deletingPathExtension().lastPathComponent
        return try parse(try SecureFiles.read(url), id: id, file: url.path)
    }

    public func parse(_ data: Data, id: String, file: String) throws -> Chat {
        if let problem = Names.chatIDProblem(id) {
            throw GlossError(file: file, "the chat id \(GlossError.quoted(id)) (the file name): \(problem)")
        }
        let bytes = try TextDecoding.decode(data, file: file, encoding: encoding)
        return try parse(bytes: bytes, id: id, file: file)
    }

    private enum Mode { case listed([[UInt8]]), timestamped, named }

    func parse(bytes: [UInt8], id: String, file: String) throws -> Chat {
        var attributes: [(key: String, value: String)] = []
        var messages: [Message] = []
        var mode: Mode?
        var inHeader = true

        // The message being read.
        var speaker = ""
        var timestamp: String?
        var textBytes: [UInt8] = []
        var startLine = 0
        var pendingBlank = 0
        var open = false

        func finish() {
            guard open else { return }
            messages.append(Message(speaker: speaker, timestamp: timestamp, text: String(decoding: textBytes, as: UTF8.self), line: startLine))
            open = false
        }

        var lineNumber = 0
        var start = 0
        let count = bytes.count
        while start <= count {
            var end = start
            while end < count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1

            let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if inHeader {
                if isBlank { continue }
                if line.first == UInt8(ascii: "#") {
                    guard let (key, value) = Self.headerField(line) else {
                        throw GlossError(file: file, place: "line \(lineNumber)", "a header line must read '# key: value'")
                    }
                    attributes.append((key, value))
                    if key.lowercased() == "speakers" {
                        let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                        guard !names.isEmpty else {
                            throw GlossError(file: file, place: "line \(lineNumber)", "'# speakers:' lists no names")
                        }
                        // Longest first, so "Hulpverlener 2" wins over "Hulpverlener".
                        mode = .listed(names.map { Array($0.utf8) }.sorted { $0.count > $1.count })
                    }
                    continue
                }
                inHeader = false
                if mode == nil { mode = Self.timestampLength(line) != nil ? .timestamped : .named }
            }
            if isBlank {
                if open { pendingBlank += 1 }
                continue
            }
            if let begin = messageStart(line, mode: mode!) {
                finish()
                speaker = begin.speaker
                timestamp = begin.timestamp
                textBytes = Array(line[begin.textStart...])
                startLine = lineNumber
                pendingBlank = 0
                open = true
            } else {
                guard open else {
                    throw GlossError(file: file, place: "line \(lineNumber)",
                                     "text before the first message; a message line reads 'Speaker: text' (optionally after [HH:MM])")
                }
                textBytes.append(contentsOf: Array(repeating: 0x0A, count: pendingBlank + 1))
                textBytes.append(contentsOf: line)
                pendingBlank = 0
            }
        }
        finish()
        guard !messages.isEmpty else {
            throw GlossError(file: file, "no messages found; a message line reads 'Speaker: text'")
        }
        return Chat(id: id, attributes: attributes, messages: messages)
    }

    private struct Start { var speaker: String; var timestamp: String?; var textStart: Int }

    private func messageStart(_ line: ArraySlice<UInt8>, mode: Mode) -> Start? {
        var position = line.startIndex
        var timestamp: String?
        if let length = Self.timestampLength(line) {
            timestamp = String(decoding: line[(position + 1)..<(position + length - 1)], as: UTF8.self)
            position += length
            guard position < line.endIndex, line[position] == 0x20 else { return nil }
            position += 1
        } else if case .timestamped = mode {
            return nil
        }
        let rest = line[position...]
        switch mode {
        case .listed(let names):
            for name in names where rest.starts(with: name) {
                let colon = position + name.count
                guard colon < line.endIndex, line[colon] == UInt8(ascii: ":") else { continue }
                return Start(speaker: String(decoding: name, as: UTF8.self), timestamp: timestamp, textStart: Self.skipSpaces(line, from: colon + 1))
            }
            return nil
        case .timestamped, .named:
            guard let colon = rest.prefix(130).firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let after = colon + 1
            guard after == line.endIndex || line[after] == 0x20 || line[after] == 0x09 else { return nil }
            let name = String(decoding: line[position..<colon], as: UTF8.self)
            guard Self.isSpeakerName(name) else { return nil }
            return Start(speaker: name, timestamp: timestamp, textStart: Self.skipSpaces(line, from: after))
        }
    }

    private static func skipSpaces(_ line: ArraySlice<UInt8>, from index: Int) -> Int {
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
    static func timestampLength(_ line: ArraySlice<UInt8>) -> Int? {
        let b = Array(line.prefix(18))
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var value = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        func char(_ i: Int, _ c: Character) -> Bool { i < b.count && b[i] == c.asciiValue! }
        guard char(0, "[") else { return nil }
        if let h = digits(1..<3), char(3, ":"), let m = digits(4..<6), char(6, "]"), h < 24, m < 60 { return 7 }
        if digits(1..<5) != nil, char(5, "-"), let mo = digits(6..<8), char(8, "-"), let d = digits(9..<11), char(11, " "),
           let h = digits(12..<14), char(14, ":"), let m = digits(15..<17), char(17, "]"),
           (1...12).contains(mo), (1...31).contains(d), h < 24, m < 60 {
            return 18
        }
        return nil
    }

    static func headerField(_ line: ArraySlice<UInt8>) -> (String, String)? {
        let text = String(decoding: line.dropFirst(), as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        return (key, value)
    }
}
