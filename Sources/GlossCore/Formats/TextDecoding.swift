import Foundation

/// Turns the bytes of a text file into clean UTF-8 with `\n` line ends.
///
/// A UTF-8 byte-order mark is dropped and CRLF or CR line ends become LF. Bytes that are not UTF-8
/// (a Latin-1 export, say) are refused with the line and column of the first bad byte, unless the caller
/// says the file is Latin-1, in which case every byte is read as its Latin-1 character. UTF-16 and
/// binary files are refused.
public enum TextDecoding {
    public enum Encoding: String, Sendable, CaseIterable { case utf8 = "utf-8", latin1 = "latin-1" }

    public static func decode(_ data: Data, file: String, encoding: Encoding = .utf8) throws -> [UInt8] {
        try decodeScanned(data, file: file, encoding: encoding).bytes
    }

    /// Clean bytes and where they hold controls (`TerminalText.isControl`, tab and line feed aside).
    public struct Scanned: Sendable {
        public var bytes: [UInt8]
        public var controls: ControlLines?
    }

    /// The lines that hold a control other than tab: the first such line, its first control, and how many
    /// lines hold one. All `gloss import` warns with: the place, never the text, and no list whose size a
    /// hostile file could choose.
    public struct ControlLines: Equatable, Sendable {
        public var first: Int
        public var control: Unicode.Scalar
        public var lines: Int
    }

    /// `decode`, and in the same pass over the bytes the lines that hold controls: one scan finds a NUL,
    /// checks the UTF-8 and finds the controls (the import reads 289 MB for 10,000 transcripts).
    public static func decodeScanned(_ data: Data, file: String, encoding: Encoding = .utf8) throws -> Scanned {
        try decodeScanned(bytes: [UInt8](data), file: file, encoding: encoding)
    }

    /// `decodeScanned` of bytes already in an array (which is reused when it is clean already).
    public static func decodeScanned(bytes raw: [UInt8], file: String, encoding: Encoding = .utf8) throws -> Scanned {
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw GlossError(file: file, place: "line 1", "the file is UTF-16; save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8)")
        }
        // Line ends first, so the places below count a CR-only line end as a line, like the parser will.
        bytes = normaliseLineEnds(bytes)
        if encoding == .latin1 {
            if let nul = bytes.firstIndex(of: 0) {
                throw GlossError(file: file, place: place(ofByte: nul, in: bytes), "the file contains a NUL byte; it is not a text file")
            }
            bytes = Array(String(bytes.map { Character(Unicode.Scalar($0)) }).utf8)
        }
        let scan = bytes.withUnsafeBufferPointer { scanUTF8($0) }
        if let nul = scan.nul {
            throw GlossError(file: file, place: place(ofByte: nul, in: bytes), "the file contains a NUL byte; it is not a text file")
        }
        if let bad = scan.invalid {
            throw GlossError(file: file, place: place(ofByte: bad, in: bytes),
                             String(format: "byte 0x%02X is not UTF-8; if the file is Latin-1, import it with --encoding latin-1 (or convert it: iconv -f latin1 -t utf-8)", bytes[bad]))
        }
        return Scanned(bytes: bytes, controls: scan.controls)
    }

    struct UTF8Scan {
        /// The first NUL byte, the first byte of no well-formed UTF-8 sequence, the lines with controls.
        var nul: Int?
        var invalid: Int?
        var controls: ControlLines?
    }

    /// One pass over `bytes`: the first NUL, the first invalid UTF-8 byte and the control lines (controls are
    /// looked for only in well-formed text, before the first invalid byte; after it only a NUL is sought,
    /// which is refused first whatever its place). Lines are counted only up to each control found.
    static func scanUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Scan {
        var result = UTF8Scan()
        var line = 1
        var counted = 0  // line feeds before this index are in `line`
        var lastControlLine = 0
        func control(_ scalar: Unicode.Scalar, at index: Int) {
            while counted < index {
                if bytes[counted] == 0x0A { line += 1 }
                counted += 1
            }
            guard line != lastControlLine else { return }
            lastControlLine = line
            if result.controls == nil {
                result.controls = ControlLines(first: line, control: scalar, lines: 1)
            } else {
                result.controls!.lines += 1
            }
        }
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b >= 0x20 && b < 0x7F { i += 1; continue }
            if b < 0x80 {
                if b == 0 { result.nul = i; return result }
                if b != 0x0A && b != 0x09 { control(Unicode.Scalar(b), at: i) }
                i += 1
                continue
            }
            let need = utf8SequenceLength(bytes, at: i) ?? -1
            guard need > 0 else {
                result.invalid = i
                if let nul = UnsafeBufferPointer(rebasing: bytes[i...]).firstIndex(of: 0) { result.nul = i + nul }
                return result
            }
            // The controls above ASCII: C1 (U+0080–U+009F), U+061C, and the bidi controls at U+200E–U+2069.
            if b == 0xC2 || b == 0xD8 || b == 0xE2 {
                var value = UInt32(b) & (need == 1 ? 0x1F : 0x0F)
                for k in 1...need { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                if let scalar = Unicode.Scalar(value), TerminalText.isControl(scalar) { control(scalar, at: i) }
            }
            i += need + 1
        }
        return result
    }

    /// Decodes to a `String` (convenience over `decode`).
    public static func string(_ data: Data, file: String, encoding: Encoding = .utf8) throws -> String {
        String(decoding: try decode(data, file: file, encoding: encoding), as: UTF8.self)
    }

    static func normaliseLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.withUnsafeBytes({ $0.count > 0 && memchr($0.baseAddress!, 0x0D, $0.count) != nil }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }

    /// "line L, column C" of a byte; the column counts characters before it on its line.
    static func place(ofByte index: Int, in bytes: [UInt8]) -> String {
        var line = 1
        var lineStart = 0
        for i in 0..<index where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
        return "line \(line), column \(column)"
    }

    /// Index of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidUTF8<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = bytes.startIndex
        let n = bytes.endIndex
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard let need = utf8SequenceLength(bytes, at: i) else { return i }
            i += need + 1
        }
        return nil
    }

    /// How many continuation bytes follow the lead byte at `i` in a well-formed UTF-8 sequence (1–3), or nil
    /// when the sequence there is not well-formed (RFC 3629: no overlong forms, no surrogates, nothing past
    /// U+10FFFF, none cut off by the end). `i` holds a byte ≥ 0x80.
    @inline(__always)
    static func utf8SequenceLength<Bytes: RandomAccessCollection>(_ bytes: Bytes, at i: Int) -> Int? where Bytes.Element == UInt8, Bytes.Index == Int {
        let need: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch bytes[i] {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; upper = 0x9F
        case 0xF0: need = 3; lower = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; upper = 0x8F
        default: return nil
        }
        guard i + need < bytes.endIndex else { return nil }
        for k in 1...need {
            let c = bytes[i + k]
            if c < (k == 1 ? lower : 0x80) || c > (k == 1 ? upper : 0xBF) { return nil }
        }
        return need
    }
}
