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
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoted = false
        var quoteStartLine = 0
        var atFieldStart = true
        var afterQuote = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func endField() {
            fields.append(cells == .raw ? String(field) : SpreadsheetSafe.unescaped(String(field)))
            field = String.UnicodeScalarView()
            atFieldStart = true
            afterQuote = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                    quoted = false
                    afterQuote = true
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case ",":
                endField()
            case "\n":
                endField()
                records.append(Record(fields: fields, line: recordLine))
                fields = []
                line += 1
                recordLine = line
            case "\"" where atFieldStart:
                quoted = true
                quoteStartLine = line
                atFieldStart = false
            default:
                if afterQuote {
                    throw GlossError(file: file, place: "line \(line)", "text after a closing quote; a quote inside a quoted field is written \"\"")
                }
                if c == "\"" {
                    throw GlossError(file: file, place: "line \(line)", "a quote inside an unquoted field; quote the whole field and write the quote as \"\"")
                }
                field.append(c)
                atFieldStart = false
            }
            i += 1
        }
        if quoted {
            throw GlossError(file: file, place: "line \(quoteStartLine)", "a quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty || afterQuote {
            endField()
            records.append(Record(fields: fields, line: recordLine))
        }
        return records
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
