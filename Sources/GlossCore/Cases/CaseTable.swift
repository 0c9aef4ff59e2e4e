/// Where a case's value came from. Where two sources give a value, the later in this list wins:
/// a transcript header, then the imported cases file, then the value a coder entered (see `docs/analysis.md`).
public enum CaseValueSource: String, Equatable, Sendable, Codable {
    case header, imported, coder
}

/// One known value of one case: its text as given (a number as written), and its source.
public struct CaseValue: Equatable, Sendable {
    public var text: String
    public var source: CaseValueSource
    /// The number, for a number variable.
    public var number: Double?

    public init(text: String, source: CaseValueSource, number: Double? = nil) {
        self.text = text
        self.source = source
        self.number = number
    }
}

/// A variable as the project has it: declared in `project.json`, or found in the headers and imported file
/// with a type inferred (every known value a number → number, otherwise category).
public struct CaseVariable: Equatable, Sendable {
    public var name: String
    public var type: VariableType
    /// Whether `project.json` declares it (otherwise the type was inferred).
    public var declared: Bool
    /// Ordinal and derived: the declared order. Category: the declared values, or every known value in
    /// alphabetical order. Number: every known value, ascending (as `CaseNumber.format` writes it).
    public var labels: [String]
    /// A derived variable: the number variable it bins, and the bins.
    public var from: String?
    public var bins: [VariableBin]?
    /// Whether its labels are a declared order (ordinal, derived, or a category with declared values).
    public var hasDeclaredOrder: Bool
}

/// A value that does not fit its variable: counted as unknown, reported as a warning (the study's
/// footnote 14: a value that cannot be used is not known).
public struct CaseProblem: Equatable, Sendable, CustomStringConvertible {
    public var caseID: String
    public var variable: String
    public var source: CaseValueSource
    public var message: String

    public var description: String {
        let place: String
        switch source {
        case .header: place = "chats/\(caseID).txt: header \(GlossError.quoted(variable))"
        case .imported: place = "\(ImportedCases.fileName): case \(GlossError.quoted(caseID)), \(GlossError.quoted(variable))"
        case .coder: place = "case \(GlossError.quoted(caseID)), \(GlossError.quoted(variable)) (entered by the coder)"
        }
        return "\(place): \(message); counted as unknown"
    }
}

/// Every case of the project with its variables' values, merged from all sources: what `gloss variables`,
/// `cases export`, `report --variable`, `--where` and (later) `gloss stats` read. A value.
///
/// A case is a chat, or an attribute-only case of the imported file (no transcript: the comparison group).
public struct CaseTable: Equatable, Sendable {
    /// Every case id, sorted (chats and attribute-only cases together).
    public private(set) var caseIDs: [String]
    /// The ids that are chats of the project.
    public private(set) var chatIDs: Set<String>
    /// Declared variables in declaration order, then the undeclared ones by name.
    public private(set) var variables: [CaseVariable]
    /// Values that did not fit their variable (left unknown), in case and variable order.
    public private(set) var problems: [CaseProblem]
    private var values: [String: [String: CaseValue]]
    private var variableIndex: [String: Int]

    public func variable(_ name: String) -> CaseVariable? { variableIndex[name].map { variables[$0] } }
    public func isChat(_ id: String) -> Bool { chatIDs.contains(id) }
    /// The known value of `variable` in case `id`, or nil when it is unknown.
    public func value(of variable: String, in id: String) -> CaseValue? { values[id]?[variable] }
    /// How many cases know `variable`.
    public func knownCount(_ variable: String) -> Int { values.values.reduce(0) { $0 + ($1[variable] == nil ? 0 : 1) } }

    /// Merges the sources (a pure function: no files). `chats`: each chat's id and header fields (from the chat
    /// catalog's summaries); `imported`: the imported cases file; `coderEntered`: per case, values a coder set in
    /// the workbench (`nil` = the coder cleared the value: unknown, whatever the other sources say);
    /// `declarations`: `project.json`'s variables.
    ///
    /// A header field is a variable unless it is a transcript field (`title`, `date`, `speakers`) that is not
    /// declared; a field given twice in one header counts once (the first, as `Chat.attribute` reads it). An
    /// empty value is unknown in every source: it never hides another source's value (only a coder's `nil` does).
    /// A header key that cannot name a variable, or a value with control characters or longer than
    /// `VariableNames.maximumValueLength`, is left out and listed in `problems` (the imported file was checked
    /// when it was read).
    public static func merge(chats: [(id: String, attributes: [(key: String, value: String)])], imported: ImportedCases,
                             coderEntered: [String: [String: String?]] = [:], declarations: [VariableDeclaration]) -> CaseTable {
        let declared = Dictionary(declarations.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var raw: [String: [String: CaseValue]] = [:]
        var problems: [CaseProblem] = []
        let chatIDs = Set(chats.map(\.id))
        for chat in chats {
            var fields: [String: CaseValue] = [:]
            for (key, value) in chat.attributes where fields[key] == nil && !value.isEmpty {
                if VariableNames.transcriptFields.contains(key) && declared[key] == nil { continue }
                if let problem = VariableNames.problem(key) {  // not a name a variable can have (`code:x`)
                    problems.append(CaseProblem(caseID: chat.id, variable: key, source: .header, message: "is not a variable: \(problem)"))
                    continue
                }
                if let problem = VariableNames.valueProblem(value) {
                    problems.append(CaseProblem(caseID: chat.id, variable: key, source: .header, message: problem))
                    continue
                }
                fields[key] = CaseValue(text: value, source: .header)
            }
            raw[chat.id] = fields
        }
        for (id, caseValues) in imported.values {
            var fields = raw[id] ?? [:]
            for (name, value) in caseValues where !value.isEmpty { fields[name] = CaseValue(text: value, source: .imported) }
            raw[id] = fields
        }
        for (id, entered) in coderEntered where raw[id] != nil {
            for (name, value) in entered {
                if let value, !value.isEmpty, VariableNames.valueProblem(value) == nil, VariableNames.problem(name) == nil {
                    raw[id]![name] = CaseValue(text: value, source: .coder)
                } else {
                    raw[id]![name] = nil
                }
            }
        }
        // Derived variables take no value of their own.
        for (id, fields) in raw {
            for (name, value) in fields where declared[name]?.isDerived == true {
                problems.append(CaseProblem(caseID: id, variable: name, source: value.source,
                                            message: "is derived from \(GlossError.quoted(declared[name]!.from!)) and takes no value of its own"))
                raw[id]![name] = nil
            }
        }
        // Variables: declared ones in order, then every other name seen, by name; types declared or inferred.
        var names = Set<String>()
        for fields in raw.values { names.formUnion(fields.keys) }
        let undeclared = names.subtracting(declared.keys).sorted()
        var variables: [CaseVariable] = []
        for declaration in declarations {
            variables.append(CaseVariable(name: declaration.name, type: declaration.type, declared: true, labels: declaration.orderedLabels ?? [],
                                          from: declaration.from, bins: declaration.bins, hasDeclaredOrder: declaration.orderedLabels != nil))
        }
        for name in undeclared {
            let allNumbers = raw.values.allSatisfy { $0[name].map { CaseNumber.parse($0.text) != nil } ?? true }
            variables.append(CaseVariable(name: name, type: allNumbers ? .number : .category, declared: false, labels: [],
                                          from: nil, bins: nil, hasDeclaredOrder: false))
        }
        // Check every value against its variable; a value that does not fit is unknown (and reported).
        for (id, fields) in raw {
            for (name, var value) in fields {
                if let declaration = declared[name], let problem = CaseValueCheck.problem(value.text, declaration: declaration) {
                    problems.append(CaseProblem(caseID: id, variable: name, source: value.source, message: problem))
                    raw[id]![name] = nil
                    continue
                }
                let type = declared[name]?.type ?? variables.first { $0.name == name }!.type
                if type == .number {
                    value.number = CaseNumber.parse(value.text)
                    raw[id]![name] = value
                }
            }
        }
        // Derived values: the bin of the number (with that number's source).
        for declaration in declarations {
            guard let from = declaration.from else { continue }
            for (id, fields) in raw {
                guard let source = fields[from], let number = source.number else { continue }
                if let label = declaration.bin(of: number) {
                    raw[id]![declaration.name] = CaseValue(text: label, source: source.source)
                } else {
                    problems.append(CaseProblem(caseID: id, variable: declaration.name, source: source.source,
                                                message: "no bin takes \(from) = \(GlossError.quoted(source.text)) (the last bin's up_to is \(CaseNumber.format(declaration.bins!.last!.upTo!)))"))
                }
            }
        }
        // Labels of variables without a declared order: what the cases hold.
        for i in variables.indices where !variables[i].hasDeclaredOrder {
            let name = variables[i].name
            if variables[i].type == .number {
                let numbers = Set(raw.values.compactMap { $0[name]?.number })
                variables[i].labels = numbers.sorted().map(CaseNumber.format)
            } else {
                variables[i].labels = Set(raw.values.compactMap { $0[name]?.text }).sorted()
            }
        }
        problems.sort { ($0.caseID, $0.variable) < ($1.caseID, $1.variable) }
        return CaseTable(caseIDs: raw.keys.sorted(), chatIDs: chatIDs, variables: variables, problems: problems, values: raw,
                         variableIndex: Dictionary(uniqueKeysWithValues: variables.enumerated().map { ($1.name, $0) }))
    }

    /// The label a value counts under in a distribution: a number as `CaseNumber.format` writes it (so `14`
    /// and `14.0` are one bar), any other value as written.
    public static func label(of value: CaseValue) -> String { value.number.map(CaseNumber.format) ?? value.text }
}
