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

    public init(name: String, codebook: String = "codebook.json", figures: [FigureDefinition] = []) {
        self.schema = Self.schemaVersion
        self.name = name
        self.codebook = codebook
        self.figures = figures
    }

    /// Reads and checks `project.json`: `schema` exactly 1, figure numbers positive and distinct.
    public static func read(_ data: Data, file: String) throws -> ProjectConfig {
        let config = try JSONFormat.decode(ProjectConfig.self, from: data, file: file)
        try SchemaVersion.check(data, file: file, current: schemaVersion, kind: "project")
        var seen: [Int: Int] = [:]
        for (index, figure) in config.figures.enumerated() {
            guard figure.number > 0 else {
                throw GlossError(file: file, place: "figures[\(index)].number", "is \(figure.number); a figure number must be 1 or more")
            }
            if let first = seen[figure.number] {
                throw GlossError(file: file, place: "figures[\(index)].number", "figure \(figure.number) is also figures[\(first)]; figure numbers must differ")
            }
            seen[figure.number] = index
        }
        return config
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(Int.self, forKey: .schema)
        name = try c.decode(String.self, forKey: .name)
        codebook = try c.decodeIfPresent(String.self, forKey: .codebook) ?? "codebook.json"
        figures = try c.decodeIfPresent([FigureDefinition].self, forKey: .figures) ?? []
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
