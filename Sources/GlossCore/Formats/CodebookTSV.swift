import Foundation

/// A codebook as a tab-separated table, the shape MAXQDA and QualCoder users keep codebooks in:
/// `code` (a path with ` > `), `operationalisation`, `example`, and optionally `rules` (several joined
/// with ` | `) and `color` (`#RRGGBB`). Lines starting with `#` before the header are comments (a
/// citation). A parent that has no row of its own is created empty. See `docs/formats.md`.
public enum CodebookTSV {
    public static let ruleSeparator = " | "

    /// A palette for main codes when the file gives no colours; sub-codes take their main code's colour.
    public static let palette = ["#D9534F", "#E8883A", "#C9A227", "#5CB85C", "#2BA6A0", "#3A87D9",
                                 "#7A6FD9", "#B05FC9", "#D9579A", "#8C7B6B", "#6E9C3A", "#4F7FA8"]

    public static func read(_ text: String, file: String, name: String = "", source: String = "") throws -> Codebook {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { (number: $0.offset + 1, text: String($0.element)) }
        var comments: [String] = []
        var declaredName = ""
        while let first = lines.first, first.text.hasPrefix("#") || first.text.trimmingCharacters(in: .whitespaces).isEmpty {
            if first.text.hasPrefix("#") {
                let comment = first.text.dropFirst().trimmingCharacters(in: .whitespaces)
                if comment.lowercased().hasPrefix("name:") {
                    declaredName = comment.dropFirst(5).trimmingCharacters(in: .whitespaces)
                } else {
                    comments.append(comment)
                }
            }
            lines.removeFirst()
        }
        guard let header = lines.first else { throw GlossError(file: file, "no header line (code, operationalisation, example)") }
        let columns = header.text.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let known = ["code", "operationalisation", "example", "rules", "color"]
        for column in columns where !known.contains(column) {
            throw GlossError(file: file, place: "line \(header.number)", "unknown column \(GlossError.quoted(column)); the columns are \(known.joined(separator: ", "))")
        }
        guard let codeColumn = columns.firstIndex(of: "code") else {
            throw GlossError(file: file, place: "line \(header.number)", "the header has no 'code' column")
        }
        func cell(_ fields: [String], _ name: String) -> String {
            guard let i = columns.firstIndex(of: name), i < fields.count else { return "" }
            return SpreadsheetSafe.unescaped(fields[i].trimmingCharacters(in: .whitespaces))
        }

        var codes: [Code] = []
        var indexByPath: [String: Int] = [:]
        var explicit = Set<String>()
        var mainColor: [String: String] = [:]
        func ensure(_ names: [String], line: Int) throws -> Int {
            var parent: CodeID?
            var path = ""
            var index = -1
            for (depth, name) in names.enumerated() {
                path = depth == 0 ? name : path + Code.pathSeparator + name
                if let known = indexByPath[path] {
                    parent = codes[known].id
                    index = known
                    continue
                }
                let color = mainColor[names[0]] ?? palette[mainColor.count % palette.count]
                mainColor[names[0]] = color
                let code = Code(name: name, parent: parent, color: color)
                codes.append(code)
                indexByPath[path] = codes.count - 1
                parent = code.id
                index = codes.count - 1
            }
            return index
        }
        for line in lines.dropFirst() where !line.text.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count <= columns.count else {
                throw GlossError(file: file, place: "line \(line.number)", "has \(fields.count) fields; the header names \(columns.count)")
            }
            let path = Codebook.normalisePath(codeColumn < fields.count ? SpreadsheetSafe.unescaped(fields[codeColumn]) : "")
            let names = path.components(separatedBy: Code.pathSeparator)
            // Checked before anything is built from the path: a hostile path thousands of levels deep costs
            // one split, not a tree of thousands of ever longer paths.
            guard names.count <= Codebook.maxDepth + 1 else {
                throw GlossError(file: file, place: "line \(line.number)", "the code path has \(names.count) levels; at most \(Codebook.maxDepth + 1) are allowed")
            }
            guard !names.contains(where: \.isEmpty) else {
                throw GlossError(file: file, place: "line \(line.number)", "the code path \(GlossError.quoted(path)) has an empty part")
            }
            if let problem = names.lazy.compactMap(Codebook.nameProblem).first {
                throw GlossError(file: file, place: "line \(line.number)", problem)
            }
            guard explicit.insert(path).inserted else {
                throw GlossError(file: file, place: "line \(line.number)", "the code \(GlossError.quoted(path)) is listed twice")
            }
            let index = try ensure(names, line: line.number)
            codes[index].operationalisation = cell(fields, "operationalisation")
            codes[index].example = cell(fields, "example")
            let rules = cell(fields, "rules")
            // Split on " | " (a rule may hold a bare "|"); a stray separator at either end leaves no "b |" behind.
            codes[index].rules = rules.components(separatedBy: ruleSeparator)
                .map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "|"))) }.filter { !$0.isEmpty }
            let color = cell(fields, "color")
            if !color.isEmpty {
                guard Code.isValidColor(color) else {
                    throw GlossError(file: file, place: "line \(line.number)", "the colour \(GlossError.quoted(color)) is not #RRGGBB")
                }
                codes[index].color = color.uppercased()
                if names.count == 1 { mainColor[names[0]] = codes[index].color }
            }
        }
        guard !codes.isEmpty else { throw GlossError(file: file, "the codebook has no codes") }
        do {
            return try Codebook(name: declaredName.isEmpty ? name : declaredName, source: source.isEmpty ? comments.joined(separator: " ") : source, codes: codes)
        } catch let error as CodebookError {
            throw GlossError(file: file, error.description)
        }
    }

    /// The codebook as TSV (with `rules` and `color` columns), in tree order. A TSV file opens in a spreadsheet
    /// like a CSV file, so cells are spreadsheet-safe by default (a leading `'` before `=`, `+`, `-`, `@`; see
    /// `SpreadsheetSafe`), and `read` takes that `'` off again: the codebook reads back exactly.
    public static func write(_ codebook: Codebook, cells: SpreadsheetSafe.Cells = .spreadsheetSafe) -> String {
        var out = codebook.name.isEmpty ? "" : "# name: \(codebook.name)\n"
        out += codebook.source.isEmpty ? "" : "# \(codebook.source)\n"
        out += "code\toperationalisation\texample\trules\tcolor\n"
        func clean(_ text: String) -> String {
            let flat = text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            return cells == .raw ? flat : SpreadsheetSafe.escaped(flat)
        }
        for code in codebook.codes {
            out += [codebook.path(of: code.id)!, code.operationalisation, code.example,
                    code.rules.joined(separator: ruleSeparator), code.color].map(clean).joined(separator: "\t") + "\n"
        }
        return out
    }
}
