/// One code of a codebook: a node in the code tree.
///
/// Codings refer to a code by `id`; the name and place in the tree may change (rename, move) without
/// touching any session.
public struct Code: Codable, Equatable, Sendable, Identifiable {
    public var id: CodeID
    public var name: String
    /// The parent code, or `nil` for a main code.
    public var parent: CodeID?
    /// The definition coders check while coding; for a main code often a question
    /// ("Welke dwangmiddelen gebruikt de pleger…?").
    public var operationalisation: String
    /// An example quote from the material.
    public var example: String
    /// Decisions the team made about when to apply the code (e.g. "money counts as a motive only when
    /// there are debts or poverty").
    public var rules: [String]
    /// Display colour, `#RRGGBB`.
    public var color: String

    public init(id: CodeID = .generate(), name: String, parent: CodeID? = nil, operationalisation: String = "",
                example: String = "", rules: [String] = [], color: String = Code.defaultColor) {
        self.id = id
        self.name = name
        self.parent = parent
        self.operationalisation = operationalisation
        self.example = example
        self.rules = rules
        self.color = color
    }

    public static let defaultColor = "#8A8A8A"

    /// The separator of code paths: `Main > Sub > Subsub`.
    public static let pathSeparator = " > "

    enum CodingKeys: String, CodingKey {
        case id, name, parent, operationalisation, example, rules, color
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(CodeID.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        parent = try c.decodeIfPresent(CodeID.self, forKey: .parent)
        operationalisation = try c.decodeIfPresent(String.self, forKey: .operationalisation) ?? ""
        example = try c.decodeIfPresent(String.self, forKey: .example) ?? ""
        rules = try c.decodeIfPresent([String].self, forKey: .rules) ?? []
        color = try c.decodeIfPresent(String.self, forKey: .color) ?? Code.defaultColor
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(parent, forKey: .parent)
        try c.encode(operationalisation, forKey: .operationalisation)
        try c.encode(example, forKey: .example)
        try c.encode(rules, forKey: .rules)
        try c.encode(color, forKey: .color)
    }

    /// Whether `color` is a valid `#RRGGBB` value.
    public static func isValidColor(_ color: String) -> Bool {
        let scalars = Array(color.unicodeScalars)
        guard scalars.count == 7, scalars[0] == "#" else { return false }
        return scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
