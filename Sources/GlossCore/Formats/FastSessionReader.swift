import Foundation

/// A fast reader for session files, the largest files Gloss reads (a 200,000-coding session is tens of
/// megabytes; `JSONDecoder` takes seconds on it). It reads the session's JSON in one pass over the bytes,
/// filling the model directly.
///
/// It is only a fast path: on anything unexpected (a syntax error, an unknown key, a number with a fraction)
/// it returns nil and `SessionFile` decodes with `JSONDecoder`, whose errors name the line and column or
/// the JSON path. So it never decides what is valid, only how fast valid files load — with one exception
/// shared with the `JSONDecoder` path: an unknown key is refused (`UnknownKey`), because a checkpoint would
/// silently drop it. The known keys are `SessionFile.Keys`.
struct FastSessionReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    struct Unexpected: Error {}
    /// A key the session format does not have, at a JSON path (`codings[3].colour`).
    struct UnknownKey: Error { var place: String }

    /// The session in `data`, or nil when the slow path must decide. Throws only for an unknown key.
    static func read(_ data: Data, file: String) throws -> SessionFile.Stored? {
        do {
            return try read(data)
        } catch let unknown as UnknownKey {
            throw SessionFile.unknownKeyError(file: file, place: unknown.place)
        }
    }

    static func read(_ data: Data) throws -> SessionFile.Stored? {
        try data.withUnsafeBytes { raw -> SessionFile.Stored? in
            let buffer = raw.bindMemory(to: UInt8.self)
            guard TextDecoding.firstInvalidUTF8(buffer) == nil else { return nil }
            var reader = FastSessionReader(bytes: buffer)
            do {
                let stored = try reader.session()
                reader.skipSpace()
                return reader.i == buffer.count ? stored : nil
            } catch let unknown as UnknownKey {
                throw unknown
            } catch {
                return nil
            }
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: The session's shape

    private mutating func session() throws -> SessionFile.Stored {
        var schema: Int?
        var coder: String?
        var revision = 1
        var journal: SessionFile.JournalMark?
        var chats: [String: ChatStatus] = [:]
        var codings: [Coding] = []
        var proposed: [Code] = []
        var attributes: [String: [String: String?]]?
        var seen: [String: [String: SeenMark]]?
        try object { key, reader in
            switch key {
            case "seen":
                var all: [String: [String: SeenMark]] = [:]
                try reader.object { chat, reader in
                    var marks: [String: SeenMark] = [:]
                    try reader.object { coder, reader in
                        var time: Date?, fingerprint: Int?
                        try reader.object { key, reader in
                            switch key {
                            case "time": time = try reader.date()
                            case "fingerprint": fingerprint = try reader.integer()
                            default: throw UnknownKey(place: "seen.\(key)")
                            }
                        }
                        guard let time, let fingerprint, let value = UInt32(exactly: fingerprint), marks[coder] == nil else { throw Unexpected() }
                        marks[coder] = SeenMark(time: time, fingerprint: value)
                    }
                    guard all[chat] == nil else { throw Unexpected() }
                    all[chat] = marks
                }
                seen = all
            case "attributes":
                var all: [String: [String: String?]] = [:]
                try reader.object { chat, reader in
                    var values: [String: String?] = [:]
                    try reader.object { variable, reader in
                        guard values[variable] == nil else { throw Unexpected() }
                        values[variable] = .some(try reader.optionalString())
                    }
                    guard all[chat] == nil else { throw Unexpected() }
                    all[chat] = values
                }
                attributes = all
            case "schema": schema = try reader.integer()
            case "coder": coder = try reader.string()
            case "codebook_revision": revision = try reader.integer()
            case "journal":
                var id: String?, seq: Int?
                try reader.object { key, reader in
                    switch key {
                    case "id": id = try reader.string()
                    case "seq": seq = try reader.integer()
                    default: throw UnknownKey(place: "journal.\(key)")
                    }
                }
                guard let id, let seq else { throw Unexpected() }
                journal = SessionFile.JournalMark(id: id, seq: seq)
            case "chats":
                try reader.object { chat, reader in
                    guard let status = ChatStatus(rawValue: try reader.string()), chats[chat] == nil else { throw Unexpected() }
                    chats[chat] = status
                }
            case "codings":
                try reader.array { reader in codings.append(try reader.coding(at: "codings[\(codings.count)]")) }
            case "proposed_codes":
                try reader.array { reader in proposed.append(try reader.code(at: "proposed_codes[\(proposed.count)]")) }
            default: throw UnknownKey(place: key)
            }
        }
        guard let schema, let coder else { throw Unexpected() }
        return SessionFile.Stored(schema: schema, coder: coder, codebookRevision: revision, journal: journal,
                                  chats: chats, codings: codings, proposedCodes: proposed, attributes: attributes, seen: seen)
    }

    private mutating func coding(at place: String) throws -> Coding {
        var id: String?, chat: String?, from: TextPosition?, to: TextPosition?, codes: [CodeID] = []
        var relation: String?, memo: String?, text: String?, coder: String?, created: Date?, modified: Date?
        try object { key, reader in
            switch key {
            case "id": id = try reader.string()
            case "chat": chat = try reader.string()
            case "from": from = try reader.position(at: place + ".from")
            case "to": to = try reader.position(at: place + ".to")
            case "codes": try reader.array { reader in codes.append(CodeID(try reader.string())) }
            case "relation": relation = try reader.optionalString()
            case "memo": memo = try reader.optionalString()
            case "text": text = try reader.string()
            case "coder": coder = try reader.string()
            case "created": created = try reader.date()
            case "modified": modified = try reader.date()
            default: throw UnknownKey(place: "\(place).\(key)")
            }
        }
        guard let id, let chat, let from, let to, !codes.isEmpty, let text, let coder, let created else { throw Unexpected() }
        return Coding(id: CodingID(id), chat: chat, span: Span(from: from, to: to), codes: codes, relation: relation,
                      memo: memo, text: text, coder: coder, created: created, modified: modified ?? created)
    }

    private mutating func code(at place: String) throws -> Code {
        var id: String?, name: String?, parent: String?, operationalisation = "", example = "", rules: [String] = []
        var color = Code.defaultColor
        try object { key, reader in
            switch key {
            case "id": id = try reader.string()
            case "name": name = try reader.string()
            case "parent": parent = try reader.optionalString()
            case "operationalisation": operationalisation = try reader.string()
            case "example": example = try reader.string()
            case "rules": try reader.array { reader in rules.append(try reader.string()) }
            case "color": color = try reader.string()
            default: throw UnknownKey(place: "\(place).\(key)")
            }
        }
        guard let id, let name else { throw Unexpected() }
        return Code(id: CodeID(id), name: name, parent: parent.map { CodeID($0) }, operationalisation: operationalisation,
                    example: example, rules: rules, color: color)
    }

    private mutating func position(at place: String) throws -> TextPosition {
        var message: Int?, offset: Int?
        try object { key, reader in
            switch key {
            case "message": message = try reader.integer()
            case "offset": offset = try reader.integer()
            default: throw UnknownKey(place: "\(place).\(key)")
            }
        }
        guard let message, let offset else { throw Unexpected() }
        return TextPosition(message: message, offset: offset)
    }

    private mutating func date() throws -> Date {
        guard let date = ISOTime.parse(try string()) else { throw Unexpected() }
        return date
    }

    // MARK: JSON

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { throw Unexpected() }
        i += 1
    }

    private mutating func peek() -> UInt8? {
        skipSpace()
        return i < bytes.count ? bytes[i] : nil
    }

    /// Every key the session format has, each with a bit: an object that names one twice is left to
    /// `JSONDecoder` (which keeps one of the values, where this reader would keep the other or, for a
    /// list, both).
    private static let keyBits: [String: UInt32] = Dictionary(uniqueKeysWithValues: [
        "schema", "coder", "codebook_revision", "journal", "chats", "codings", "proposed_codes", "id", "seq", "chat", "from",
        "to", "codes", "relation", "memo", "text", "created", "modified", "name", "parent", "operationalisation", "example",
        "rules", "color", "message", "offset", "attributes", "seen", "time", "fingerprint",
    ].enumerated().map { ($1, UInt32(1) << UInt32($0)) })

    private mutating func object(_ member: (String, inout FastSessionReader) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") { i += 1; return }
        var seen: UInt32 = 0
        while true {
            let key = try string()
            if let bit = Self.keyBits[key] {
                guard seen & bit == 0 else { throw Unexpected() }
                seen |= bit
            }
            try expect(UInt8(ascii: ":"))
            try member(key, &self)
            guard let next = peek() else { throw Unexpected() }
            i += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Unexpected() }
        }
    }

    private mutating func array(_ element: (inout FastSessionReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if peek() == UInt8(ascii: "]") { i += 1; return }
        while true {
            try element(&self)
            guard let next = peek() else { throw Unexpected() }
            i += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else { throw Unexpected() }
        }
    }

    private mutating func integer() throws -> Int {
        skipSpace()
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let start = i
        var value = 0
        while i < bytes.count, (0x30...0x39).contains(bytes[i]) {
            value = value &* 10 &+ Int(bytes[i] - 0x30)
            i += 1
        }
        // JSON has no leading zeros ("01"); JSONDecoder refuses them, so this reader must not accept them.
        guard i > start, i - start < 18, bytes[start] != 0x30 || i - start == 1 else { throw Unexpected() }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { throw Unexpected() }
        return negative ? -value : value
    }

    private mutating func optionalString() throws -> String? {
        if peek() == UInt8(ascii: "n") {
            guard i + 4 <= bytes.count, bytes[i + 1] == UInt8(ascii: "u"), bytes[i + 2] == UInt8(ascii: "l"), bytes[i + 3] == UInt8(ascii: "l") else { throw Unexpected() }
            i += 4
            return nil
        }
        return try string()
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let result = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return result
            }
            if b == UInt8(ascii: "\\") { i = start; return try escapedString() }
            if b < 0x20 { throw Unexpected() }
            i += 1
        }
        throw Unexpected()
    }

    /// The slow path for strings with escapes.
    private mutating func escapedString() throws -> String {
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            if !run.isEmpty { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run.removeAll() }
        }
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                guard i < bytes.count else { throw Unexpected() }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): run.append(0x22)
                case UInt8(ascii: "\\"): run.append(0x5C)
                case UInt8(ascii: "/"): run.append(0x2F)
                case UInt8(ascii: "b"): run.append(0x08)
                case UInt8(ascii: "f"): run.append(0x0C)
                case UInt8(ascii: "n"): run.append(0x0A)
                case UInt8(ascii: "r"): run.append(0x0D)
                case UInt8(ascii: "t"): run.append(0x09)
                case UInt8(ascii: "u"):
                    flush()
                    var value = try hex4()
                    if (0xD800...0xDBFF).contains(value) {
                        guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { throw Unexpected() }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw Unexpected() }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(value) else { throw Unexpected() }
                    scalars.append(scalar)
                default: throw Unexpected()
                }
            default:
                if b < 0x20 { throw Unexpected() }
                run.append(b)
            }
        }
        throw Unexpected()
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw Unexpected() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw Unexpected()
            }
            value = value * 16 + digit
            i += 1
        }
        return value
    }
}
