import Foundation

/// RFC 4180 CSV: fields separated by commas, quoted with `"` when they hold a comma, quote or line break,
/// `""` for a quote inside a quoted field. Records remember the line they start on, for error messages.
///
/// Cells are spreadsheet-safe by default (`SpreadsheetSafe`): `line` adds the leading `'` to a formula-like
/// cell and `parse` takes it off again, so Gloss reads back exactly what it wrote.
public enum CSV {
    public struct Record: Equatable, Sendable {
        public var fields: [String]
        /// The file line where the record starts (1-based).
        public var line: Int
    }

    /// Parses CSV text (already decoded, `\n` line ends). A final empty line is not a record.
    /// `cells`: whether to undo the spreadsheet escaping `line` does (the default) or keep cells raw.
    public static func parse(_ text: String, file: String, cells: SpreadsheetSafe.Cells = .spreadsheetSafe) throws -> [Record] {
        var records: [Record] = []
        try forEachRecord(Array(text.utf8), file: file, cells: cells) { records.append($0) }
        return records
    }

    /// Parses decoded CSV bytes (UTF-8, `\n` line ends, as `TextDecoding.decode` gives them) and hands each record
    /// to `body` as soon as it is complete, so a large file is never held as records all at once. The same
    /// rules and messages as `parse` (which is built on it).
    ///
    /// Bytes, not characters: the three bytes that matter (`,`, `"`, `\n`) are ASCII and never part of a
    /// multi-byte UTF-8 sequence, so splitting bytes splits exactly where splitting code points would, and an
    /// unquoted field is one slice of the input.
    public static func forEachRecord(_ bytes: [UInt8], file: String, cells: SpreadsheetSafe.Cells = .spreadsheetSafe,
                                     _ body: (Record) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { b in
            var fields: [String] = []
            var field: [UInt8] = []  // a quoted field, with its "" undone
            var line = 1
            var recordLine = 1
            var i = 0
            let n = b.count
            func add(_ value: String) {
                // Only a cell that begins with `'` can carry the spreadsheet escape: the rest skip the check.
                fields.append(cells == .raw || value.utf8.first != UInt8(ascii: "'") ? value : SpreadsheetSafe.unescaped(value))
            }
            // One field per pass: `i` is at its first byte; afterwards at the `,` or `\n` that ends it (or the end).
            while i < n {
                if b[i] == UInt8(ascii: "\"") {
                    let quoteStartLine = line
                    field.removeAll(keepingCapacity: true)
                    i += 1
                    var closed = false
                    while i < n {
                        let c = b[i]
                        if c == UInt8(ascii: "\"") {
                            if i + 1 < n && b[i + 1] == UInt8(ascii: "\"") { field.append(c); i += 2; continue }
                            closed = true
                            i += 1
                            break
                        }
                        if c == 0x0A { line += 1 }
                        field.append(c)
                        i += 1
                    }
                    guard closed else { throw GlossError(file: file, place: "line \(quoteStartLine)", "a quoted field is never closed") }
                    if i < n && b[i] != UInt8(ascii: ",") && b[i] != 0x0A {
                        throw GlossError(file: file, place: "line \(line)", "text after a closing quote; a quote inside a quoted field is written \"\"")
                    }
                    add(String(decoding: field, as: UTF8.self))
                } else {
                    let start = i
                    while i < n, b[i] != UInt8(ascii: ","), b[i] != 0x0A {
                        if b[i] == UInt8(ascii: "\"") {
                            throw GlossError(file: file, place: "line \(line)", "a quote inside an unquoted field; quote the whole field and write the quote as \"\"")
                        }
                        i += 1
                    }
                    add(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                }
                guard i < n else { break }
                if b[i] == 0x0A {
                    try body(Record(fields: fields, line: recordLine))
                    fields.removeAll(keepingCapacity: true)
                    line += 1
                    recordLine = line
                    i += 1
                } else {
                    i += 1  // the comma
                    if i == n { add("") }  // a last field, empty, with no line end after it
                }
            }
            if !fields.isEmpty { try body(Record(fields: fields, line: recordLine)) }
        }
    }

    /// One field, quoted when needed.
    ///
    /// Checked and doubled by code point, as `parse` reads: a combining mark after a comma or quote forms
    /// one `Character` with it (",\u{308}" != ","), so a `Character` test would leave the field unquoted
    /// and the parser would split it.
    public static func escape(_ field: String) -> String {
        let special: (Unicode.Scalar) -> Bool = { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard field.unicodeScalars.contains(where: special) else { return field }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in field.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// A whole record, with its line end; formula-like cells get the leading `'` (see `SpreadsheetSafe`).
    public static func line(_ fields: [String]) -> String { line(fields, cells: .spreadsheetSafe) }

    /// A whole record, with its line end; formula-like cells get the leading `'` unless `cells` is `.raw`.
    public static func line(_ fields: [String], cells: SpreadsheetSafe.Cells) -> String {
        (cells == .raw ? fields : fields.map(SpreadsheetSafe.escaped)).map(escape).joined(separator: ",") + "\n"
    }
}
