import Foundation

/// The stable identity of a code in a codebook.
///
/// Ids are random UUIDs (lower case) so two coders on two machines can create codes independently
/// without colliding, and an id is never reused: renaming or moving a code keeps its id, and
/// codings refer to codes by id, never by name.
public struct CodeID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A fresh, globally unique id.
    public static func generate() -> CodeID { CodeID(UUID().uuidString.lowercased()) }

    public var description: String { rawValue }
    public static func < (a: CodeID, b: CodeID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The stable identity of a coding (a quote with its codes) within a session.
public struct CodingID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static func generate() -> CodingID { CodingID(UUID().uuidString.lowercased()) }

    public var description: String { rawValue }
    public static func < (a: CodingID, b: CodingID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Names that become file names (coders) or CSV keys (chats) must be plain.
public enum Names {
    /// A coder name is used as `sessions/<coder>.json`, so it is restricted to a safe alphabet.
    public static func isValidCoder(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 64, !name.hasPrefix(".") else { return false }
        return name.unicodeScalars.allSatisfy { s in
            (s.value < 128 && (CharacterSet.alphanumerics.contains(s) || s == "-" || s == "_" || s == "."))
        }
    }

    /// A chat id is the transcript's file name without extension.
    public static func isValidChatID(_ id: String) -> Bool { chatIDProblem(id) == nil }

    /// Why `id` cannot be a chat id (each rule with its own reason), or nil when it can.
    public static func chatIDProblem(_ id: String) -> String? {
        // `..txt` gives ".", `.txt` gives ".txt": both hidden or empty names, not forbidden characters.
        if id.isEmpty || id.hasPrefix(".") { return "a chat id cannot be empty or start with a dot" }
        if id.count > 200 { return "a chat id can have at most 200 characters" }
        if id.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" || $0.value < 32 || $0 == "," || $0 == "\"" }) {
            return "a chat id may not contain '/', '\\', ',', '\"' or control characters"
        }
        return nil
    }
}
