import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a session file (`sessions/<coder>.json`) straight from a `Session`, byte for byte what
/// `JSONFormat.encode` of `SessionFile.Stored` (Foundation's `JSONEncoder`: pretty-printed, keys sorted by
/// their UTF-8 bytes, slashes not escaped, ISO times, a final newline) writes.
///
/// Hand-written because `JSONEncoder` first builds a tree of the whole session (a boxed value per key, string
/// and number) and only then serialises it: for 200,000 codings that tree was most of a codings import's
/// 1.2 GB and half its time. This writer walks the session once and emits bytes into a buffer that is
/// handed to the file descriptor of the atomic write every `flushSize` bytes, so its memory is one chunk,
/// whatever the session weighs. `SessionWriterTests` proves byte-identity with the `JSONEncoder` path
/// (`SessionFile.encodeWithJSONEncoder`, kept as the reference) over random sessions.
struct SessionWriter {
    private var out: [UInt8] = []
    /// Where full chunks go; nil keeps every byte in `out` (for `SessionFile.encode`).
    private let sink: ((UnsafeRawBufferPointer) throws -> Void)?
    static let flushSize = 1 << 20

    private init(sink: ((UnsafeRawBufferPointer) throws -> Void)?, capacity: Int) {
        self.sink = sink
        out.reserveCapacity(capacity)
    }

    /// The whole file in memory.
    static func data(of session: Session) -> Data {
        var writer = SessionWriter(sink: nil, capacity: 4096)
        try! writer.write(session)  // without a sink nothing throws
        return Data(writer.out)
    }

    /// Streams the file to `fd` (an open temporary file of an atomic write), a chunk at a time.
    static func write(_ session: Session, to fd: Int32, path: String) throws {
        var writer = SessionWriter(sink: { chunk in try SecureFiles.writeAll(fd: fd, bytes: chunk, path: path) },
                                   capacity: flushSize + flushSize / 4)
        try writer.write(session)
        try writer.flush()
    }

    // MARK: The file

    private mutating func write(_ session: Session) throws {
        raw("{\n")
        if !session.attributes.isEmpty {
            raw("  \"attributes\" : {\n")
            let chats = session.attributes.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, (chat, values)) in chats.enumerated() {
                if index > 0 { raw(",\n") }
                raw("    "); string(chat); raw(" : {\n")
                for (number, (variable, value)) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                    if number > 0 { raw(",\n") }
                    raw("      "); string(variable); raw(" : ")
                    if let value { string(value) } else { raw("null") }
                }
                raw("\n    }")
            }
            raw("\n  },\n")
        }
        raw("  \"chats\" : ")
        let statuses = session.chatStatuses.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        if statuses.isEmpty {
            raw("{\n\n  }")
        } else {
            raw("{\n")
            for (index, (chat, status)) in statuses.enumerated() {
                if index > 0 { raw(",\n") }
                raw("    "); string(chat); raw(" : "); string(status.rawValue)
            }
            raw("\n  }")
        }
        raw(",\n  \"codebook_revision\" : "); number(session.codebookRevision)
        raw(",\n  \"coder\" : "); string(session.coder)
        raw(",\n  \"codings\" : ")
        // File order (as `Session.orderedCodings`), a chat at a time: no second array of every coding.
        if session.codingCount == 0 {
            raw("[\n\n  ]")
        } else {
            raw("[\n")
            var first = true
            try session.forEachChat { _, codings in
                for coding in codings {
                    if !first { raw(",\n") }
                    first = false
                    self.coding(coding)
                    if out.count >= Self.flushSize { try flush() }
                }
            }
            raw("\n  ]")
        }
        if let id = session.journalID {
            raw(",\n  \"journal\" : {\n    \"id\" : "); string(id)
            raw(",\n    \"seq\" : "); number(session.journalSeq); raw("\n  }")
        }
        raw(",\n  \"proposed_codes\" : ")
        let proposed = session.proposedCodes.values.sorted { $0.id < $1.id }
        if proposed.isEmpty {
            raw("[\n\n  ]")
        } else {
            raw("[\n")
            for (index, code) in proposed.enumerated() {
                if index > 0 { raw(",\n") }
                self.code(code)
            }
            raw("\n  ]")
        }
        raw(",\n  \"schema\" : "); number(Session.schemaVersion)
        if !session.seen.isEmpty {
            raw(",\n  \"seen\" : {\n")
            let chats = session.seen.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, (chat, marks)) in chats.enumerated() {
                if index > 0 { raw(",\n") }
                raw("    "); string(chat); raw(" : {\n")
                for (number, (coder, mark)) in marks.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                    if number > 0 { raw(",\n") }
                    raw("      "); string(coder); raw(" : {\n        \"fingerprint\" : "); self.number(Int(mark.fingerprint))
                    raw(",\n        \"time\" : "); string(ISOTime.format(mark.time)); raw("\n      }")
                }
                raw("\n    }")
            }
            raw("\n  }")
        }
        raw("\n}\n")
    }

    /// One coding, an element of the top-level `codings` list (keys in UTF-8 order).
    private mutating func coding(_ c: Coding) {
        raw("    {\n      \"chat\" : "); string(c.chat)
        raw(",\n      \"coder\" : "); string(c.coder)
        raw(",\n      \"codes\" : ")
        stringList(c.codes.map(\.rawValue), indent: "      ")
        raw(",\n      \"created\" : "); string(ISOTime.format(c.created))
        raw(",\n      \"from\" : "); position(c.span.from)
        raw(",\n      \"id\" : "); string(c.id.rawValue)
        if let memo = c.memo { raw(",\n      \"memo\" : "); string(memo) }
        raw(",\n      \"modified\" : "); string(ISOTime.format(c.modified))
        if let relation = c.relation { raw(",\n      \"relation\" : "); string(relation) }
        raw(",\n      \"text\" : "); string(c.text)
        raw(",\n      \"to\" : "); position(c.span.to)
        raw("\n    }")
    }

    private mutating func position(_ p: TextPosition) {
        raw("{\n        \"message\" : "); number(p.message)
        raw(",\n        \"offset\" : "); number(p.offset)
        raw("\n      }")
    }

    /// One proposed code (keys in UTF-8 order).
    private mutating func code(_ c: Code) {
        raw("    {\n      \"color\" : "); string(c.color)
        raw(",\n      \"example\" : "); string(c.example)
        raw(",\n      \"id\" : "); string(c.id.rawValue)
        raw(",\n      \"name\" : "); string(c.name)
        raw(",\n      \"operationalisation\" : "); string(c.operationalisation)
        if let parent = c.parent { raw(",\n      \"parent\" : "); string(parent.rawValue) }
        raw(",\n      \"rules\" : "); stringList(c.rules, indent: "      ")
        raw("\n    }")
    }

    /// A list of strings whose key sits at `indent`: its elements one level deeper.
    private mutating func stringList(_ items: [String], indent: StaticString) {
        if items.isEmpty {
            raw("[\n\n"); raw(indent); raw("]")
            return
        }
        raw("[\n")
        for (index, item) in items.enumerated() {
            if index > 0 { raw(",\n") }
            raw(indent); raw("  "); string(item)
        }
        raw("\n"); raw(indent); raw("]")
    }

    // MARK: Bytes

    private mutating func raw(_ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func number(_ value: Int) {
        var text = String(value)
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A JSON string as `JSONEncoder` writes it: `"` and `\` escaped, `\b \f \n \r \t` by name, other
    /// control characters below U+0020 as `\u00XX` (lower-case hex); everything else, `/` and DEL included,
    /// as its UTF-8 bytes.
    private mutating func string(_ value: String) {
        out.append(0x22)
        var text = value
        text.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                start = i + 1
                out.append(0x5C)
                switch byte {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if bytes.count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
        out.append(0x22)
    }

    private mutating func flush() throws {
        guard let sink, !out.isEmpty else { return }
        try out.withUnsafeBytes { try sink($0) }
        out.removeAll(keepingCapacity: true)
    }
}
