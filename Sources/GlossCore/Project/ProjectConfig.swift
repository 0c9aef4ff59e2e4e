import Foundation

/// `project.json`: the project's name, where its codebook is, and the figures it reports.
public struct ProjectConfig: Codable, Equatable, Sendable {
    public static let schemaVersion = 1

    public var schema: Int
    public var name: String
    /// The codebook file, relative to the project folder.
    public var codebook: String
    /// Figures as data: a number, a title and the category (a code path) whose sub-codes are the bars.
    public var figures: [FigureDefinition]
    /// Figures on a case variable (`{"number": 1, "title": "Leeftijd", "variable": "leeftijdsgroep"}`), listed in
    /// the same `figures` array of the file; kept apart here so code that draws code figures never meets one.
    public var variableFigures: [VariableFigureDefinition]
    /// Declared case variables (optional in the file; see `VariableDeclaration` and `docs/formats.md`).
    public var variables: [VariableDeclaration]

    public init(name: String, codebook: String = "codebook.json", figures: [FigureDefinition] = [],
                variableFigures: [VariableFigureDefinition] = [], variables: [VariableDeclaration] = []) {
        self.schema = Self.schemaVersion
        self.name = name
        self.codebook = codebook
        self.figures = figures
        self.variableFigures = variableFigures
        self.variables = variables
    }

    /// Reads and checks `project.json`: `schema` exactly 1, figure numbers positive and distinct.
    public static func read(_ data: Data, file: String) throws -> ProjectConfig {
        let config = try JSONFormat.decode(ProjectConfig.self, from: data, file: file)
        try SchemaVersion.check(data, file: file, current: schemaVersion, kind: "project")
        var seen: [Int: Int] = [:]
        for (index, figure) in config.figureOrder.enumerated() {
            guard figure > 0 else {
                throw GlossError(file: file, place: "figures[\(index)].number", "is \(figure); a figure number must be 1 or more")
            }
            if let first = seen[figure] {
                throw GlossError(file: file, place: "figures[\(index)].number", "figure \(figure) is also figures[\(first)]; figure numbers must differ")
            }
            seen[figure] = index
        }
        try VariableDeclarations.check(config.variables, file: file)
        return config
    }

    /// The numbers of `figures` in file order (both kinds), kept so messages name `figures[i]`.
    private var figureOrder: [Int] = []

    enum CodingKeys: String, CodingKey { case schema, name, codebook, figures, variables }

    /// One entry of `figures` as written: a category figure or a variable figure, never both.
    private struct AnyFigure: Codable {
        var number: Int
        var title: String
        var category: String?
        var variable: String?
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(Int.self, forKey: .schema)
        name = try c.decode(String.self, forKey: .name)
        codebook = try c.decodeIfPresent(String.self, forKey: .codebook) ?? "codebook.json"
        let all = try c.decodeIfPresent([AnyFigure].self, forKey: .figures) ?? []
        figures = []
        variableFigures = []
        for (index, figure) in all.enumerated() {
            switch (figure.category, figure.variable) {
            case (let category?, nil): figures.append(FigureDefinition(number: figure.number, title: figure.title, category: category))
            case (nil, let variable?): variableFigures.append(VariableFigureDefinition(number: figure.number, title: figure.title, variable: variable))
            default:
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.figures, IndexKey(index)],
                                                        debugDescription: "a figure names either a \"category\" (a code path) or a \"variable\", not both and not neither"))
            }
            figureOrder.append(figure.number)
        }
        variables = try c.decodeIfPresent([VariableDeclaration].self, forKey: .variables) ?? []
    }

    /// Writes `figures` as one array in number order, and `variables` only when there are any (so a project
    /// without variables keeps the file it always had).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(name, forKey: .name)
        try c.encode(codebook, forKey: .codebook)
        let all = figures.map { AnyFigure(number: $0.number, title: $0.title, category: $0.category) }
            + variableFigures.map { AnyFigure(number: $0.number, title: $0.title, variable: $0.variable) }
        try c.encode(all.sorted { $0.number < $1.number }, forKey: .figures)
        if !variables.isEmpty { try c.encode(variables, forKey: .variables) }
    }

    public static func == (a: ProjectConfig, b: ProjectConfig) -> Bool {
        a.schema == b.schema && a.name == b.name && a.codebook == b.codebook && a.figures == b.figures
            && a.variableFigures == b.variableFigures && a.variables == b.variables
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

/// A figure of the report: "Figuur 4. Dwangmiddelen" counts the chats per sub-code of `Dwangmiddel`.
public struct FigureDefinition: Codable, Equatable, Sendable {
    public var number: Int
    public var title: String
    /// The category's code path (`Main > Sub`).
    public var category: String

    public init(number: Int, title: String, category: String) {
        self.number = number
        self.title = title
        self.category = category
    }
}
