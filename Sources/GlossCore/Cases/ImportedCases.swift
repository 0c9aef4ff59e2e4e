import Foundation

/// The values `gloss cases import` brought in, kept in the project as `cases.csv` (the cases CSV, rows sorted
/// by case id, columns in the order they were first imported, only non-empty values). A case in it that is no
/// chat of the project is an attribute-only case (a comparison group without transcript).
///
/// A plain file so that git diffs it and a person can read it; written atomically, owner-only, never through
/// a link (`SecureFiles`). An absent file is an empty set of values.
public struct ImportedCases: Equatable, Sendable {
    public static let fileName = "cases.csv"

    /// The variable columns, in the order they were first imported.
    public private(set) var columns: [String] = []
    /// Per case, its non-empty values by variable.
    public private(set) var values: [String: [String: String]] = [:]

    public init() {}

    public init(columns: [String], values: [String: [String: String]]) {
        self.columns = columns
        self.values = values
    }

    public var caseIDs: [String] { values.keys.sorted() }

    public static func url(projectRoot: URL) -> URL { projectRoot.appendingPathComponent(fileName, isDirectory: false) }

    /// The project's imported values; none when the file is absent. A link, a folder or a file that does not
    /// parse is an error naming the file (it is never overwritten unread).
    public static func read(projectRoot: URL) throws -> ImportedCases {
        let url = url(projectRoot: projectRoot)
        guard SecureFiles.entryExists(url) else { return ImportedCases() }
        let contents = try CasesCSV.parse(try CasesCSV.readBounded(url, named: false), file: url.path)
        var cases = ImportedCases(columns: contents.columns, values: [:])
        for row in contents.rows {
            var values: [String: String] = [:]
            for (name, value) in zip(contents.columns, row.cells) where !value.isEmpty { values[name] = value }
            cases.values[row.id] = values
        }
        return cases
    }

    /// The file's text: rows by case id, only columns that still hold a value.
    public func csv() -> String {
        let used = columns.filter { name in values.values.contains { $0[name] != nil } }
        var out = CSV.line(["chat"] + used)
        for id in caseIDs { out += CSV.line([id] + used.map { values[id]?[$0] ?? "" }) }
        return out
    }

    /// Writes `cases.csv` atomically, owner-only, never through a link.
    public func write(projectRoot: URL) throws {
        try SecureFiles.writeAtomically(Data(csv().utf8), to: Self.url(projectRoot: projectRoot))
    }

    /// What an import changed, cell by cell (a derived variable's column is never stored, so never counted).
    public struct Changes: Equatable, Sendable {
        /// Values where there was none.
        public var added = 0
        /// Values replaced by a different one.
        public var changed = 0
        /// Values removed (an empty cell in a merge, or a value the file lacks in a replace).
        public var cleared = 0
        /// Cases the project did not have (attribute-only cases, with `--add-cases`).
        public var casesAdded = 0
        public var total: Int { added + changed + cleared }
    }

    /// Takes in an import. Merge (the default): each row's cells replace that case's values for the file's
    /// columns (an empty cell clears the imported value, so the transcript header's value shows again); other
    /// cases and other columns are kept. `replace`: the file becomes the imported values. `derived` columns
    /// (checked by `CasesCSV.check`) are skipped.
    @discardableResult
    public mutating func take(_ contents: CasesCSV.Contents, replace: Bool, derived: Set<String>, chats: Set<String>) -> Changes {
        var changes = Changes()
        let before = self
        if replace { values = [:]; columns = [] }
        for name in contents.columns where !derived.contains(name) && !columns.contains(name) { columns.append(name) }
        for row in contents.rows {
            if !chats.contains(row.id) && before.values[row.id] == nil { changes.casesAdded += 1 }
            var caseValues = values[row.id] ?? [:]
            for (name, value) in zip(contents.columns, row.cells) where !derived.contains(name) {
                caseValues[name] = value.isEmpty ? nil : value
            }
            values[row.id] = caseValues
        }
        // An attribute-only case is a row of this file even with no value; a chat needs no empty row.
        for (id, caseValues) in values where caseValues.isEmpty && chats.contains(id) { values[id] = nil }
        for id in Set(before.values.keys).union(values.keys) {
            let old = before.values[id] ?? [:], new = values[id] ?? [:]
            for name in Set(old.keys).union(new.keys) {
                switch (old[name], new[name]) {
                case (nil, _?): changes.added += 1
                case (_?, nil): changes.cleared += 1
                case (let a?, let b?) where a != b: changes.changed += 1
                default: break
                }
            }
        }
        return changes
    }
}
