import Foundation

/// Writes the compact binary of Gloss's caches: unsigned LEB128 varints, fixed little-endian integers,
/// and strings as a varint length plus UTF-8.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func varint(_ value: Int) { varint(UInt64(max(0, value))) }

    /// A signed number, zigzag-encoded so small negative numbers stay small.
    mutating func signed(_ value: Int) {
        let v = Int64(value)
        varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func fixed32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func fixed64(_ value: Int64) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        varint(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    /// Numbers at their packed width (a width byte: 1, 2 or 4, then each value little-endian); the count is
    /// written by the caller. Read back in one copy, where a varint per value was most of reading a
    /// 10,000-chat catalog.
    mutating func packed(_ values: PackedNumbers) {
        bytes.append(UInt8(values.width))
        bytes.append(contentsOf: values.bytes)
    }
}

/// Reads what `BinaryWriter` wrote. Every read is bounds-checked and returns nil past the end or on a
/// malformed value, so a damaged or crafted cache is rejected, never trusted and never a crash.
struct BinaryReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var position: Int

    init(_ bytes: UnsafeRawBufferPointer, from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }
    var atEnd: Bool { position == bytes.count }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    /// Most numbers in a cache (message lengths, indexes) fit one byte: that case is inlined, the rest
    /// takes the loop (measured: the call per value was a tenth of `gloss status` at 10,000 chats).
    @inline(__always)
    mutating func varint() -> UInt64? {
        if position < bytes.count {
            let byte = bytes[position]
            if byte < 0x80 {
                position += 1
                return UInt64(byte)
            }
        }
        return multiByteVarint()
    }

    private mutating func multiByteVarint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            guard shift < 64, !(shift == 63 && byte > 1) else { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    /// A varint that must be at most `limit` (a count or a length bounded by what is left to read).
    @inline(__always)
    mutating func count(atMost limit: Int) -> Int? {
        guard let value = varint(), value <= UInt64(max(0, limit)) else { return nil }
        return Int(value)
    }

    /// A count of things still to read: never more than the bytes left (each takes at least one), so a
    /// damaged count cannot ask for a huge allocation.
    mutating func count() -> Int? { count(atMost: remaining) }

    /// What `BinaryWriter.signed` wrote.
    mutating func signed() -> Int? {
        guard let raw = varint() else { return nil }
        return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    mutating func fixed32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << UInt32(8 * index) }
        position += 4
        return value
    }

    mutating func fixed64() -> Int64? {
        guard remaining >= 8 else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += 8
        return Int64(bitPattern: value)
    }

    /// `count` numbers written by `BinaryWriter.packed`, or nil when the width is not 1, 2 or 4, the bytes run
    /// out, or a value is above `limit`.
    mutating func packed(count: Int, atMost limit: UInt32) -> PackedNumbers? {
        guard let width = byte(), width == 1 || width == 2 || width == 4, count >= 0,
              count <= remaining / Int(width) else { return nil }
        let length = count * Int(width)
        let numbers = PackedNumbers(width: Int(width), count: count, bytes: Array(bytes[position..<(position + length)]))
        position += length
        // Narrow values cannot exceed a limit at or above their width's maximum: no need to look at them.
        let widthMaximum: UInt32 = width == 1 ? 0xFF : width == 2 ? 0xFFFF : .max
        guard widthMaximum <= limit || numbers.largest <= limit else { return nil }
        return numbers
    }

    /// The bytes of a string of valid UTF-8, without making the `String` (checking an image).
    mutating func stringBytes() -> UnsafeRawBufferPointer? {
        guard let length = count(atMost: remaining) else { return nil }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)])
        position += length
        // Checked with the decoder's own byte loop (`String(validating:)` took the generic path and was most of
        // reading a catalog's 10,000 ids), eight bytes a step while they are ASCII (quote texts mostly are); what
        // follows is checked from there, which is a character boundary.
        var ascii = 0
        while ascii + 8 <= length, slice.loadUnaligned(fromByteOffset: ascii, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { ascii += 8 }
        guard TextDecoding.firstInvalidUTF8(UnsafeRawBufferPointer(rebasing: slice[ascii...])) == nil else { return nil }
        return slice
    }

    /// Moves past a string, checking only that its bytes are there.
    mutating func skipString() -> Bool {
        guard let length = count(atMost: remaining) else { return false }
        position += length
        return true
    }

    /// A string whose bytes were written from a Swift `String` (so valid UTF-8) and are covered by a checksum:
    /// decoded without the validation pass, any invalid byte repaired rather than trusted.
    mutating func textString() -> String? {
        guard let length = count(atMost: remaining) else { return nil }
        defer { position += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)]), as: UTF8.self)
    }

    /// Moves past `count` bytes; false when fewer are left.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= remaining else { return false }
        position += count
        return true
    }

    /// A string of valid UTF-8 (invalid bytes are damage, not text to repair).
    mutating func string() -> String? {
        stringBytes().map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Case attribute values a coder entered (`Session.attributes`), as the session image and the digest store them:
/// a count of chats, then per chat (sorted) its id, a count, and per variable (sorted) its name and a byte 0
/// (marked unknown) or 1 and the value.
extension BinaryWriter {
    mutating func enteredAttributes(_ attributes: [String: [String: String?]]) {
        varint(attributes.count)
        for (chat, values) in attributes.sorted(by: { $0.key < $1.key }) {
            string(chat)
            varint(values.count)
            for (variable, value) in values.sorted(by: { $0.key < $1.key }) {
                string(variable)
                if let value { byte(1); string(value) } else { byte(0) }
            }
        }
    }
}

extension BinaryReader {
    /// What `BinaryWriter.enteredAttributes` wrote, or nil (an empty chat or a name twice is damage too).
    mutating func enteredAttributes() -> [String: [String: String?]]? {
        guard let chatCount = count() else { return nil }
        var attributes: [String: [String: String?]] = [:]
        for _ in 0..<chatCount {
            guard let chat = string(), let valueCount = count(), valueCount > 0, attributes[chat] == nil else { return nil }
            var values: [String: String?] = [:]
            for _ in 0..<valueCount {
                guard let variable = string(), let known = byte(), known <= 1, values[variable] == nil else { return nil }
                if known == 1 { guard let value = string() else { return nil }; values[variable] = .some(value) } else { values[variable] = .some(nil) }
            }
            attributes[chat] = values
        }
        return attributes
    }
}

/// The marks of another coder's codings seen (`Session.seen`), as the session image stores them: a count of
/// chats, then per chat (sorted) its id, a count, and per coder (sorted) the name, the time in seconds and the
/// fingerprint.
extension BinaryWriter {
    mutating func seenMarks(_ seen: [String: [String: SeenMark]]) {
        varint(seen.count)
        for (chat, marks) in seen.sorted(by: { $0.key < $1.key }) {
            string(chat)
            varint(marks.count)
            for (coder, mark) in marks.sorted(by: { $0.key < $1.key }) {
                string(coder)
                signed(Int(mark.time.timeIntervalSince1970))
                fixed32(mark.fingerprint)
            }
        }
    }
}

extension BinaryReader {
    /// What `BinaryWriter.seenMarks` wrote, or nil (an empty chat, a name twice or a bad coder name is damage too).
    mutating func seenMarks() -> [String: [String: SeenMark]]? {
        guard let chatCount = count() else { return nil }
        var seen: [String: [String: SeenMark]] = [:]
        for _ in 0..<chatCount {
            guard let chat = string(), let markCount = count(), markCount > 0, seen[chat] == nil else { return nil }
            var marks: [String: SeenMark] = [:]
            for _ in 0..<markCount {
                guard let coder = string(), Names.isValidCoder(coder), marks[coder] == nil, let seconds = signed(), let fingerprint = fixed32() else { return nil }
                marks[coder] = SeenMark(time: Date(timeIntervalSince1970: TimeInterval(seconds)), fingerprint: fingerprint)
            }
            seen[chat] = marks
        }
        return seen
    }
}
