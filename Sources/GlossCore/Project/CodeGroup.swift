import Foundation

/// A named set of codes from anywhere in the tree (MAXQDA's code sets, ATLAS.ti's code groups): the study's
/// Table 3 groups impact codes as psychic / physical / social, which is not the codebook's nesting.
///
/// Members are code ids, so renames and moves never break a group. A group is a figure of its own (members as
/// bars) or one bar in a category figure (`FigureDefinition.joins`): a chat counts once if it has any member.
public struct CodeGroup: Codable, Equatable, Sendable {
    /// Longest group name accepted.
    public static let maxNameLength = 200

    public var name: String
    /// Member codes in the order they were added.
    public var codes: [CodeID]

    public init(name: String, codes: [CodeID]) {
        self.name = name
        self.codes = codes
    }

    /// Why `name` cannot name a group, or nil: not empty, not over `maxNameLength`, no control characters.
    public static func nameProblem(_ name: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "a group name may not be empty" }
        if name.unicodeScalars.count > maxNameLength { return "a group name may be at most \(maxNameLength) characters" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "a group name may not contain control characters" }
        if name != name.trimmingCharacters(in: .whitespaces) { return "a group name may not start or end with a space" }
        return nil
    }
}
