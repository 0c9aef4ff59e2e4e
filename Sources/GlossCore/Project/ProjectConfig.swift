import Foundation

/// `project.json`: the project's name, where its codebook is, and the figures it reports.
public struct ProjectConfig: Codable, Equatable, Sendable {
    public static let schemaVersion = 1

    public var schema: Int
    public var name: String
    /// The codebook file, relative to the project folder.
    public var codebook: String
    /// Figures as data: a number, a title, and the category (by id) or code group whose codes are the bars.
    public var figures: [FigureDefinition]
    /// Figures on a case variable (`{"number": 1, "title": "Leeftijd", "variable": "leeftijdsgroep"}`), listed in
    /// the same `figures` array of the file; kept apart here so code that draws code figures never meets one.
    public var variableFigures: [VariableFigureDefinition]
    /// Declared case variables (optional in the file; see `VariableDeclaration` and `docs/formats.md`).
    public var variables: [VariableDeclaration]
    /// Code groups (optional in the file; see `CodeGroup`).
    public var groups: [CodeGroup]
    /// Blind coding for every coder of the project (`gloss blind DIR on`): comparison views stay closed for the
    /// chats a coder has not marked done. On until switched off; written only when on.
    public var blind = false

    public init(name: String, codebook: String = "codebook.json", figures: [FigureDefinition] = [],
                variableFigures: [VariableFigureDefinition] = [], variables: [VariableDeclaration] = [], groups: [CodeGroup] = []) {
        self.schema = Self.schemaVersion
        self.name = name
        self.codebook = codebook
        self.figures = figures
        self.variableFigures = variableFigures
        self.variables = variables
        self.groups = groups
    }

    /// The largest figure number: a report's numbering, and room to add one more without overflow.
    public static let maximumFigureNumber = 9_999

    /// Reads and checks `project.json`: `schema` exactly 1, figure numbers 1 to 9,999 and distinct.
    public static func read(_ data: Data, file: String) throws -> ProjectConfig {
        let config = try JSONFormat.decode(ProjectConfig.self, from: data, file: file)
        try SchemaVersion.check(data, file: file, current: schemaVersion, kind: "project")
        var seen: [Int: Int] = [:]
        for (index, figure) in config.figureOrder.enumerated() {
            guard figure > 0, figure <= Self.maximumFigureNumber else {
                throw GlossError(file: file, place: "figures[\(index)].number",
                                 "is \(figure); a figure number is 1 to \(Self.maximumFigureNumber)")
            }
            if let first = seen[figure] {
                throw GlossError(file: file, place: "figures[\(index)].number", "figure \(figure) is also figures[\(first)]; figure numbers must differ")
            }
            seen[figure] = index
        }
        try VariableDeclarations.check(config.variables, file: file)
        try config.checkGroups(file: file)
        return config
    }

    /// The numbers of `figures` in file order (both kinds), kept so messages name `figures[i]`.
    private var figureOrder: [Int] = []

    /// Top-level keys this Gloss does not know (a newer Gloss's setting, another tool's note), kept as they
    /// were and written back, so changing a figure here never drops what someone else put in the file.
    private var unknownKeys: [String: OpaqueJSON] = [:]

    /// The top-level keys this Gloss does not know, sorted (for `gloss validate` to mention).
    public var keysNotUnderstood: [String] { unknownKeys.keys.sorted() }

    enum CodingKeys: String, CodingKey, CaseIterable { case schema, name, codebook, figures, variables, groups, blind }

    /// One entry of `figures` as written: exactly one of `code` (a category's id), `group`, `variable`, or the
    /// old `category` (a path). `order`, `declared`, `zeros` and `join` are written only when not the default.
    private struct AnyFigure: Codable {
        static let keys: Set<String> = ["number", "title", "code", "category", "group", "variable", "order", "declared", "zeros", "join"]
        var number: Int
        var title: String
        var code: CodeID?
        var category: String?
        var group: String?
        var variable: String?
        var order: FigureBarOrder?
        var declared: [CodeID]?
        var zeros: FigureZeros?
        var join: [String]?

        init(number: Int, title: String, code: CodeID? = nil, category: String? = nil, group: String? = nil, variable: String? = nil) {
            self.number = number
            self.title = title
            self.code = code
            self.category = category
            self.group = group
            self.variable = variable
        }

        init(_ figure: FigureDefinition) {
            switch figure.subject {
            case .code(let id): self.init(number: figure.number, title: figure.title, code: id)
            case .group(let name): self.init(number: figure.number, title: figure.title, group: name)
            case .categoryPath(let path): self.init(number: figure.number, title: figure.title, category: path)
            }
            order = figure.order == .count ? nil : figure.order
            declared = figure.declared.isEmpty ? nil : figure.declared
            zeros = figure.zeros == .show ? nil : figure.zeros
            join = figure.joins.isEmpty ? nil : figure.joins
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(Int.self, forKey: .schema)
        name = try c.decode(String.self, forKey: .name)
        codebook = try c.decodeIfPresent(String.self, forKey: .codebook) ?? "codebook.json"
        let all = try c.decodeIfPresent([KeyCheckedFigure].self, forKey: .figures)?.map(\.figure) ?? []
        figures = []
        variableFigures = []
        for (index, figure) in all.enumerated() {
            let subject: FigureDefinition.Subject
            switch (figure.code, figure.category, figure.group, figure.variable) {
            case (let id?, nil, nil, nil): subject = .code(id)
            case (nil, let path?, nil, nil): subject = .categoryPath(path)
            case (nil, nil, let group?, nil): subject = .group(group)
            case (nil, nil, nil, let variable?):
                guard figure.order == nil, figure.declared == nil, figure.zeros == nil, figure.join == nil else {
                    throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.figures, IndexKey(index)],
                                                            debugDescription: "a figure on a variable takes no \"order\", \"declared\", \"zeros\" or \"join\""))
                }
                variableFigures.append(VariableFigureDefinition(number: figure.number, title: figure.title, variable: variable))
                figureOrder.append(figure.number)
                continue
            default:
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.figures, IndexKey(index)],
                                                        debugDescription: "a figure names exactly one of \"code\" (a category's id), \"group\", \"variable\" or \"category\" (a code path, older files)"))
            }
            figures.append(FigureDefinition(number: figure.number, title: figure.title, subject: subject, order: figure.order ?? .count,
                                            declared: figure.declared ?? [], zeros: figure.zeros ?? .show, joins: figure.join ?? []))
            figureOrder.append(figure.number)
        }
        variables = try c.decodeIfPresent([VariableDeclaration].self, forKey: .variables) ?? []
        groups = try c.decodeIfPresent([CodeGroup].self, forKey: .groups) ?? []
        blind = try c.decodeIfPresent(Bool.self, forKey: .blind) ?? false
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        let any = try decoder.container(keyedBy: AnyCodingKey.self)
        for key in any.allKeys where !known.contains(key.stringValue) {
            unknownKeys[key.stringValue] = try any.decode(OpaqueJSON.self, forKey: key)
        }
    }

    /// A key inside a figure changes what the figure means (a newer Gloss's filter, say): drawing the figure
    /// without it would mislead, so such a figure is refused, naming the key, rather than drawn.
    private struct KeyCheckedFigure: Decodable {
        var figure: AnyFigure
        init(from decoder: Decoder) throws {
            if (try? decoder.container(keyedBy: AnyCodingKey.self)) != nil {
                try SessionFile.refuseUnknownKeys(decoder, known: AnyFigure.keys, message: ProjectConfig.unknownFigureKeyMessage)
            }
            figure = try AnyFigure(from: decoder)
        }
    }

    static let unknownFigureKeyMessage = "unknown key in a figure; this Gloss does not know what it means (is the file from a newer Gloss?), so it does not draw the figure without it"

    /// Writes `figures` as one array in number order, and `variables` only when there are any (so a project
    /// without variables keeps the file it always had).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(name, forKey: .name)
        try c.encode(codebook, forKey: .codebook)
        let all = figures.map(AnyFigure.init)
            + variableFigures.map { AnyFigure(number: $0.number, title: $0.title, variable: $0.variable) }
        try c.encode(all.sorted { $0.number < $1.number }, forKey: .figures)
        if !variables.isEmpty { try c.encode(variables, forKey: .variables) }
        if !groups.isEmpty { try c.encode(groups, forKey: .groups) }
        if blind { try c.encode(blind, forKey: .blind) }
        var other = encoder.container(keyedBy: AnyCodingKey.self)
        for (key, value) in unknownKeys { try other.encode(value, forKey: AnyCodingKey(key)) }
    }

    public static func == (a: ProjectConfig, b: ProjectConfig) -> Bool {
        a.schema == b.schema && a.name == b.name && a.codebook == b.codebook && a.figures == b.figures
            && a.variableFigures == b.variableFigures && a.variables == b.variables && a.groups == b.groups
            && a.unknownKeys == b.unknownKeys && a.blind == b.blind
    }

    /// Every figure number in use (both kinds), sorted.
    public var figureNumbers: [Int] { (figures.map(\.number) + variableFigures.map(\.number)).sorted() }

    /// The group named `name` (exactly), if any.
    public func group(_ name: String) -> CodeGroup? { groups.first { $0.name == name } }

    /// Group names valid and distinct, members distinct; figures name groups that exist.
    func checkGroups(file: String) throws {
        var names: [String: Int] = [:]
        for (index, group) in groups.enumerated() {
            if let problem = CodeGroup.nameProblem(group.name) { throw GlossError(file: file, place: "groups[\(index)].name", problem) }
            if let first = names[group.name] {
                throw GlossError(file: file, place: "groups[\(index)].name", "the group \(GlossError.quoted(group.name)) is also groups[\(first)]; group names must differ")
            }
            names[group.name] = index
            if Set(group.codes).count != group.codes.count {
                throw GlossError(file: file, place: "groups[\(index)].codes", "lists a code twice")
            }
        }
        for figure in figures {
            // A figure on a group has its members as bars: a joined bar has no place there (the commands refuse it;
            // a hand-edited file must not be read as if the join were honoured).
            if figure.groupName != nil, !figure.joins.isEmpty {
                throw GlossError(file: file, place: "figure \(figure.number)", "is a figure on a group, which cannot join other groups")
            }
            if Set(figure.joins).count != figure.joins.count {
                throw GlossError(file: file, place: "figure \(figure.number)", "joins a group twice")
            }
            for name in (figure.groupName.map { [$0] } ?? []) + figure.joins where names[name] == nil {
                throw GlossError(file: file, place: "figure \(figure.number)", "names the group \(GlossError.quoted(name)), which \"groups\" does not define")
            }
        }
    }
}

/// An array index as a coding key, for messages that name `figures[2]`.
private struct IndexKey: CodingKey {
    var stringValue: String { "Index \(intValue!)" }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// A figure on a case variable: "Figuur 1. Leeftijd" counts the cases per value (or bin) of `leeftijdsgroep`.
public struct VariableFigureDefinition: Codable, Equatable, Sendable {
    public var number: Int
    public var title: String
    public var variable: String

    public init(number: Int, title: String, variable: String) {
        self.number = number
        self.title = title
        self.variable = variable
    }
}
