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
    /// The team's analytic note on the code (ATLAS.ti's and MAXQDA's code comment); not a definition.
    public var memo: String
    /// For a category: its sub-codes exclude each other (an age group, yes/no), so a chat should carry at most
    /// one of them; the workbench warns and `gloss validate` lists chats with two.
    public var exclusive: Bool
    /// Codes merged into this one, with the definition, example, rules and memo they had (kept, not shown
    /// as codes): a merge loses no part of the codebook's history.
    public var merged: [MergedCode]

    public init(id: CodeID = .generate(), name: String, parent: CodeID? = nil, operationalisation: String = "",
                example: String = "", rules: [String] = [], color: String = Code.defaultColor, memo: String = "",
                exclusive: Bool = false, merged: [MergedCode] = []) {
        self.id = id
        self.name = name
        self.parent = parent
        self.operationalisation = operationalisation
        self.example = example
        self.rules = rules
        self.color = color
        self.memo = memo
        self.exclusive = exclusive
        self.merged = merged
    }

    public static let defaultColor = "#8A8A8A"

    /// The separator of code paths: `Main > Sub > Subsub`.
    public static let pathSeparator = " > "

    enum CodingKeys: String, CodingKey {
        case id, name, parent, operationalisation, example, rules, color, memo, exclusive, merged
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
        memo = try c.decodeIfPresent(String.self, forKey: .memo) ?? ""
        exclusive = try c.decodeIfPresent(Bool.self, forKey: .exclusive) ?? false
        merged = try c.decodeIfPresent([MergedCode].self, forKey: .merged) ?? []
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
        // Written only when set, so a codebook that never used them reads and diffs as before.
        if !memo.isEmpty { try c.encode(memo, forKey: .memo) }
        if exclusive { try c.encode(exclusive, forKey: .exclusive) }
        if !merged.isEmpty { try c.encode(merged, forKey: .merged) }
    }

    /// Whether `color` is a valid `#RRGGBB` value.
    public static func isValidColor(_ color: String) -> Bool {
        let scalars = Array(color.unicodeScalars)
        guard scalars.count == 7, scalars[0] == "#" else { return false }
        return scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
    }
}

/// A code merged into another (`Code.merged`): what it was when it was merged, so its definition stays readable.
public struct MergedCode: Codable, Equatable, Sendable {
    public var id: CodeID
    public var name: String
    /// Its path when it was merged.
    public var path: String
    public var operationalisation: String
    public var example: String
    public var rules: [String]
    public var memo: String
    /// The codebook revision of the merge.
    public var revision: Int

    public init(_ code: Code, path: String, revision: Int) {
        id = code.id; name = code.name; self.path = path; operationalisation = code.operationalisation
        example = code.example; rules = code.rules; memo = code.memo; self.revision = revision
    }
}
