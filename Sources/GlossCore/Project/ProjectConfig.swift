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
