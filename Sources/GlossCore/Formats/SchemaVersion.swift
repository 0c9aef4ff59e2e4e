import Foundation

/// The `schema` field every Gloss JSON file starts its life with: exactly the integer 1 in this build.
///
/// `JSONDecoder` reads `1.0` (and `1e0`) as the integer 1, so whether the number was written as an integer
/// can only be told from the text. `check` finds the top-level `schema` value in the bytes (skipping
/// nested objects and strings, no recursion) and refuses anything but a plain integer equal to the version.
public enum SchemaVersion {
    /// Throws unless the top-level `schema` of `data` is written as the integer `current`.
    /// `kind` names the file in the "newer Gloss" message ("session", "codebook", "project").
    public static func check(_ data: Data, file: String, current: Int, kind: String) throws {
        guard let token = topLevelToken(for: "schema", in: data) else {
            throw GlossError(file: file, place: "schema", "missing: every \(kind) file starts with \"schema\": \(current)")
        }
        let isInteger = !token.isEmpty && token.utf8.allSatisfy { (0x30...0x39).contains($0) }
        if isInteger, token.count < 18, let value = Int(token), value > current {
            throw GlossError(file: file, place: "schema", "this \(kind) was written by a newer Gloss (schema \(value); this build reads \(current))")
        }
        guard isInteger, Int(token) == current else {
            let shown = token.count > 20 ? String(token.prefix(17)) + "…" : token
            throw GlossError(file: file, place: "schema", "is \(shown); it must be the whole number \(current)")
        }
    }

    /// Throws unless `value` (read by a reader that only accepts plain integers) is `current`.
    static func check(_ value: Int, file: String, current: Int, kind: String) throws {
        if value > current {
            throw GlossError(file: file, place: "schema", "this \(kind) was written by a newer Gloss (schema \(value); this build reads \(current))")
        }
        guard value == current else { throw GlossError(file: file, place: "schema", "is \(value); it must be the whole number \(current)") }
    }

    /// The raw text of the value of `key` in the top-level object, or nil when the key is not there
    /// (or the text is not an object). Strings come back with their quotes, objects and arrays as "{"/"[".
    static func topLevelToken(for key: String, in data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
            func skipSpace() { while i < bytes.count, isSpace(bytes[i]) { i += 1 } }
            /// Skips a string starting at the quote; returns its raw contents (escapes left as written).
            func skipString() -> Substring? {
                let start = i + 1
                i += 1
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if bytes[i] == UInt8(ascii: "\"") {
                        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                        i += 1
                        return Substring(text)
                    }
                    i += 1
                }
                return nil
            }
            /// Skips one value; returns the text of a scalar value.
            func skipValue() -> String? {
                skipSpace()
                guard i < bytes.count else { return nil }
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    return skipString().map { "\"\($0)\"" }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let opening = bytes[i] == UInt8(ascii: "{") ? "{" : "["
                    var depth = 0
                    while i < bytes.count {
                        let b = bytes[i]
                        if b == UInt8(ascii: "\"") { guard skipString() != nil else { return nil }; continue }
                        if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
                        if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") { depth -= 1 }
                        i += 1
                        if depth == 0 { return opening }
                    }
                    return nil
                default:
                    let start = i
                    while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}") { i += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                }
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
                guard let name = skipString() else { return nil }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let value = skipValue() else { return nil }
                if name == key { return value }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return nil }
                i += 1
            }
        }
    }
}
