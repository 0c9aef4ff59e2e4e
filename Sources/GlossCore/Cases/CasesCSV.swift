import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cases CSV: `chat,<variable>,<variable>,…`, one row per case, an empty cell = unknown.
///
/// The same conventions as the codings CSV (`CodingsCSV`, `CSV`): RFC 4180, UTF-8 with or without a byte-order
/// mark, LF or CRLF, spreadsheet-safe cells (`SpreadsheetSafe`) unless raw. `gloss cases import` reads it,
/// `gloss cases export` writes it, and the project keeps its imported values in the same shape
/// (`ImportedCases`, `cases.csv`). Every problem names the file, the line and the column; nothing here ever
/// quotes more than a name cut to 100 characters.
public enum CasesCSV {
    /// The largest cases file read: a row per case, a few dozen variables; 64 MiB is far beyond any study and
    /// keeps a hostile file from deciding the memory.
    public static let maximumBytes = 64 << 20
    /// The most variables (columns after `chat`) a file may have.
    public static let maximumColumns = 1000

    /// One row: the case id, the line it starts on, and its cells by column (an empty string is unknown).
    public struct Row: Equatable, Sendable {
        public var id: String
        public var line: Int
        public var cells: [String]
    }

    /// What a file holds, checked for shape but not against the project.
    public struct Contents: Equatable, Sendable {
        /// The variable columns, in file order (without `chat`).
        public var columns: [String]
        public var rows: [Row]

        /// The row of case `id`, if any.
        public func row(_ id: String) -> Row? { rows.first { $0.id == id } }
    }

    /// Reads a file the user named (a link is followed; a pipe or folder refused), at most `maximumBytes`.
    public static func read(file url: URL, cells: SpreadsheetSafe.Cells = .spreadsheetSafe) throws -> Contents {
        try parse(try readBounded(url, named: true), file: url.path, cells: cells)
    }

    /// Reads a bounded file: the user's (`named`, links followed) or the project's own (never through a link).
    static func readBounded(_ url: URL, named: Bool) throws -> Data {
        var info = stat()
        if (named ? stat(url.path, &info) : lstat(url.path, &info)) == 0, Int(info.st_size) > maximumBytes {
            throw GlossError(file: url.path, "is larger than \(maximumBytes >> 20) MiB; a cases file has a row per case")
        }
        let data = named ? try SecureFiles.readNamedFile(url) : try SecureFiles.read(url)
        guard data.count <= maximumBytes else {
            throw GlossError(file: url.path, "is larger than \(maximumBytes >> 20) MiB; a cases file has a row per case")
        }
        return data
    }

    /// Parses and checks the shape: the header (`chat` first, then variable names, none twice), every row's
    /// case id (a valid chat id, none twice), no more fields than the header, values without control characters
    /// and at most `VariableNames.maximumValueLength` long. Every bad row is reported at once.
    public static func parse(_ data: Data, file: String, cells: SpreadsheetSafe.Cells = .spreadsheetSafe) throws -> Contents {
        let bytes = try TextDecoding.decode(data, file: file)
        var columns: [String]?
        var rows: [Row] = []
        var firstLine: [String: Int] = [:]
        var errors: [GlossError] = []
        try CSV.forEachRecord(bytes, file: file, cells: cells) { record in
            guard let header = columns else {
                let names = record.fields.map(\.trimmedSpaces)
                guard names.first?.lowercased() == "chat" else {
                    throw GlossError(file: file, place: "line \(record.line)", "the first column must be \"chat\" (the case id), then one column per variable")
                }
                guard names.count - 1 <= maximumColumns else {
                    throw GlossError(file: file, place: "line \(record.line)", "has \(names.count - 1) variables; at most \(maximumColumns)")
                }
                var seen: [String: Int] = [:]
                for (index, name) in names.enumerated().dropFirst() {
                    if let problem = VariableNames.problem(name) {
                        throw GlossError(file: file, place: "line \(record.line), column \(index + 1)", "\(GlossError.quoted(name)): \(problem)")
                    }
                    if let first = seen[name] {
                        throw GlossError(file: file, place: "line \(record.line), column \(index + 1)", "the column \(GlossError.quoted(name)) is also column \(first + 1)")
                    }
                    seen[name] = index
                }
                columns = Array(names.dropFirst())
                return
            }
            if record.fields.count == 1 && record.fields[0].trimmedSpaces.isEmpty { return }  // a blank line
            func fail(_ place: String, _ message: String) { errors.append(GlossError(file: file, place: place, message)) }
            let line = "line \(record.line)"
            guard record.fields.count <= header.count + 1 else {
                fail(line, "has \(record.fields.count) fields; the header names \(header.count + 1)"); return
            }
            let id = record.fields[0].trimmedSpaces
            if let problem = Names.chatIDProblem(id) { fail(line, "the case id \(GlossError.quoted(id)): \(problem)"); return }
            if let first = firstLine[id] { fail(line, "the case \(GlossError.quoted(id)) is also on line \(first); one row per case"); return }
            firstLine[id] = record.line
            var values: [String] = []
            values.reserveCapacity(header.count)
            var bad = false
            for index in 0..<header.count {
                let value = index + 1 < record.fields.count ? record.fields[index + 1].trimmedSpaces : ""
                if let problem = VariableNames.valueProblem(value) {
                    fail("\(line), column \(index + 2) (\(GlossError.shortened(header[index])))", problem)
                    bad = true
                }
                values.append(value)
            }
            if !bad { rows.append(Row(id: id, line: record.line, cells: values)) }
        }
        guard let columns else { throw GlossError(file: file, "the file is empty; the first line must be \"chat\" and the variables") }
        if !errors.isEmpty { throw GlossErrors(errors) }
        return Contents(columns: columns, rows: rows)
    }

    /// Checks an import against the project: every case must be a chat or a case the project already has
    /// (unless `addCases`), a declared variable's values must fit its type, and a derived variable's column
    /// (as `gloss cases export` writes it) must agree with the bin of its number in the same row. Every bad
    /// cell is reported at once, with its line and column.
    public static func check(_ contents: Contents, file: String, knownCases: Set<String>, declarations: [VariableDeclaration],
                             addCases: Bool) throws {
        var errors: [GlossError] = []
        let declared = Dictionary(declarations.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let columnIndex = Dictionary(contents.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for row in contents.rows {
            if !addCases && !knownCases.contains(row.id) {
                errors.append(GlossError(file: file, place: "line \(row.line)",
                                         "no chat \(GlossError.quoted(row.id)) in the project; add it with gloss import, or add attribute-only cases with --add-cases"))
                continue
            }
            for (index, name) in contents.columns.enumerated() {
                let value = row.cells[index]
                guard !value.isEmpty, let declaration = declared[name] else { continue }
                let place = "line \(row.line), column \(index + 2) (\(GlossError.shortened(name)))"
                if let from = declaration.from {
                    let source = columnIndex[from].map { row.cells[$0] } ?? ""
                    let expected = CaseNumber.parse(source).flatMap(declaration.bin(of:))
                    if expected != value {
                        errors.append(GlossError(file: file, place: place,
                                                 "\(GlossError.quoted(name)) is derived from \(GlossError.quoted(from)); "
                                                 + (source.isEmpty ? "give \(GlossError.quoted(from)) instead" : "its bin for \(GlossError.quoted(source)) is \(expected.map { GlossError.quoted($0) } ?? "none")")))
                    }
                    continue
                }
                if let problem = CaseValueCheck.problem(value, declaration: declaration) {
                    errors.append(GlossError(file: file, place: place, problem))
                }
            }
        }
        if !errors.isEmpty { throw GlossErrors(errors) }
    }

    /// The cases CSV for `table`: `chat` and every variable (derived ones too, so the file reads like the
    /// report; an import checks them and keeps only the numbers), one row per case in id order, unknown as an
    /// empty cell. Spreadsheet-safe unless `cells` is `.raw`; `parse` undoes it, so the file imports back unchanged.
    public static func export(_ table: CaseTable, cells: SpreadsheetSafe.Cells = .spreadsheetSafe) -> String {
        var out = CSV.line(["chat"] + table.variables.map(\.name), cells: cells)
        for id in table.caseIDs {
            out += CSV.line([id] + table.variables.map { table.value(of: $0.name, in: id)?.text ?? "" }, cells: cells)
        }
        return out
    }
}

/// Whether a value fits a declared variable.
enum CaseValueCheck {
    /// Why `value` (not empty) does not fit `declaration`, or nil when it does.
    static func problem(_ value: String, declaration: VariableDeclaration) -> String? {
        switch declaration.type {
        case .number:
            return CaseNumber.parse(value) == nil
                ? "\(GlossError.quoted(value)) is not a number; \(GlossError.quoted(declaration.name)) is a number variable (write 14 or 3.5; leave the cell empty when unknown)"
                : nil
        case .category, .ordinal:
            guard let values = declaration.values, !values.contains(value) else { return nil }
            return "\(GlossError.quoted(value)) is not a value of \(GlossError.quoted(declaration.name)); its values are \(values.map { GlossError.quoted($0, limit: 40) }.prefix(20).joined(separator: ", "))"
        }
    }
}
