import Foundation

/// What kind of values a case variable holds. It decides how values are checked, ordered and compared.
public enum VariableType: String, Codable, Equatable, Sendable, CaseIterable {
    /// A number (`14`, `-2`, `3.5`): `.` as the decimal point, no exponent, no thousands separator.
    case number
    /// Unordered labels (`meisje`, `jongen`): bars in alphabetical order unless `values` declares an order.
    case category
    /// Labels in a declared order (`Korter dan 7 dagen` … `10 jaar of langer`): bars never re-sorted.
    case ordinal
}

/// One labelled bin of a derived variable: every number up to and including `upTo` that no earlier bin took.
/// The last bin may leave `upTo` out: it takes every number above the bin before it.
public struct VariableBin: Codable, Equatable, Sendable {
    public var label: String
    public var upTo: Double?

    public init(label: String, upTo: Double?) {
        self.label = label
        self.upTo = upTo
    }

    enum CodingKeys: String, CodingKey {
        case label
        case upTo = "up_to"
    }
}

/// A variable declared in `project.json` (`variables`): its type, and for an ordinal its values in order.
///
/// A *derived* variable bins a number variable into labelled categories, declared once:
/// `{"name": "leeftijdsgroep", "from": "leeftijd", "bins": [{"label": "12 jaar of jonger", "up_to": 12}, …,
/// {"label": "18 jaar of ouder"}]}`. It is ordinal (its bins' order), takes its value from `from` (whatever
/// source gave that), and has no value of its own: an import cannot set it. See `docs/formats.md`.
public struct VariableDeclaration: Codable, Equatable, Sendable {
    public var name: String
    public var type: VariableType
    /// Ordinal: every value, in order (required). Category: the allowed values, in the order bars are shown
    /// (optional; without it any value is allowed and bars are alphabetical).
    public var values: [String]?
    /// A derived variable: the number variable it bins.
    public var from: String?
    public var bins: [VariableBin]?

    public init(name: String, type: VariableType, values: [String]? = nil) {
        self.name = name
        self.type = type
        self.values = values
    }

    public init(name: String, from: String, bins: [VariableBin]) {
        self.name = name
        self.type = .ordinal
        self.from = from
        self.bins = bins
    }

    public var isDerived: Bool { from != nil }

    /// The labels in their order: an ordinal's `values`, a derived variable's bins, a category's declared values.
    public var orderedLabels: [String]? { bins.map { $0.map(\.label) } ?? values }

    enum CodingKeys: String, CodingKey { case name, type, values, from, bins }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        values = try c.decodeIfPresent([String].self, forKey: .values)
        from = try c.decodeIfPresent(String.self, forKey: .from)
        bins = try c.decodeIfPresent([VariableBin].self, forKey: .bins)
        // A derived variable is ordinal by definition; `type` may be left out (or say "ordinal").
        type = try c.decodeIfPresent(VariableType.self, forKey: .type) ?? (from != nil ? .ordinal : .category)
        if c.contains(.type) == false && from == nil {
            throw DecodingError.keyNotFound(CodingKeys.type, .init(codingPath: c.codingPath, debugDescription: "a variable needs a type: number, category or ordinal"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        if from == nil { try c.encode(type, forKey: .type) }
        try c.encodeIfPresent(values, forKey: .values)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(bins, forKey: .bins)
    }

    /// The bin label of `number`, or nil when no bin takes it (above the last bin's `up_to`).
    public func bin(of number: Double) -> String? {
        guard let bins else { return nil }
        for bin in bins {
            guard let upTo = bin.upTo else { return bin.label }
            if number <= upTo { return bin.label }
        }
        return nil
    }
}

/// Names of variables and rules every declaration and every imported column follows.
public enum VariableNames {
    /// The longest variable name and the longest value, in code points: a header key or a spreadsheet column,
    /// never a text. Caps keep a hostile file from making every message and table as long as itself.
    public static let maximumNameLength = 100
    public static let maximumValueLength = 200

    /// Transcript header fields that describe the transcript, not the case: never variables unless declared.
    public static let transcriptFields: Set<String> = ["title", "date", "speakers"]

    /// Why `name` cannot name a variable, or nil. A name is what `--where NAME=VALUE` and the cases CSV's header
    /// use, so it holds no `=`, does not start with `code:` (a code condition), is not `chat` (the first column).
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "a variable name cannot be empty" }
        if name.unicodeScalars.count > maximumNameLength { return "a variable name has at most \(maximumNameLength) characters" }
        if name.unicodeScalars.contains(where: TerminalText.isControl) { return "a variable name may not contain control characters" }
        if name != name.trimmedSpaces { return "a variable name may not begin or end with a space" }
        if name.contains("=") { return "a variable name may not contain '='" }
        if name.lowercased().hasPrefix("code:") { return "a variable name may not start with 'code:' (that names a code in --where)" }
        if name.lowercased() == "chat" { return "'chat' is the cases file's first column, not a variable" }
        return nil
    }

    /// Why `value` cannot be a variable's value, or nil (an empty value is unknown, not a problem).
    public static func valueProblem(_ value: String) -> String? {
        if value.unicodeScalars.count > maximumValueLength { return "a value has at most \(maximumValueLength) characters" }
        if value.unicodeScalars.contains(where: TerminalText.isControl) { return "a value may not contain control characters (line breaks and tabs included)" }
        return nil
    }
}

/// Numbers as case values: `14`, `-2`, `+3`, `3.5`. No exponent, no `inf`/`nan`, no thousands separator, no
/// decimal comma: a value that is not plainly a number is text, so `Double("1e400")` never decides a type.
public enum CaseNumber {
    public static func parse(_ text: String) -> Double? {
        var scalars = Substring(text).unicodeScalars[...]
        if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
        let parts = String(String.UnicodeScalarView(scalars)).split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count >= 1, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 30 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } })
        else { return nil }
        return Double(text)
    }

    /// A number written back: whole numbers without a decimal point (`14`, not `14.0`).
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
