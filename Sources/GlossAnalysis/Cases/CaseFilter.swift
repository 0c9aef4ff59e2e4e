import GlossCore

/// `--where VAR=VALUE` and `--where code:PATH=1|0`, repeatable, all of them at once (AND): which cases a
/// report, the matrix or a statistic counts. Pure: parsed from the arguments, applied to a `CaseTable` (and,
/// for code conditions, a coder's `ChatCodes`). See `docs/analysis.md`.
public struct CaseFilter: Equatable, Sendable, CustomStringConvertible {
    public enum Condition: Equatable, Sendable {
        /// The case's value of `name` is `value` (a number compared as a number; a bin label for a derived variable).
        case variable(name: String, value: String)
        /// The chat carries the code (`present`) or is coded without it; not-started chats and attribute-only
        /// cases meet neither.
        case code(path: String, present: Bool)
    }

    public var conditions: [Condition]

    public init(conditions: [Condition] = []) { self.conditions = conditions }

    /// Parses `VAR=VALUE` (split at the first `=`: a variable name holds none) and `code:PATH=1` or `=0` (split at
    /// the last `=`). Names and values are trimmed of spaces.
    public init(parsing arguments: [String]) throws {
        conditions = try arguments.map { argument in
            if argument.lowercased().hasPrefix("code:") {
                let body = argument.dropFirst(5)
                guard let equals = body.lastIndex(of: "=") else {
                    throw GlossError("--where \(GlossError.quoted(argument)): write code:PATH=1 (carries the code) or code:PATH=0 (coded without it)")
                }
                let path = String(body[..<equals]).trimmedCaseText, flag = String(body[body.index(after: equals)...]).trimmedCaseText
                guard !path.isEmpty, flag == "1" || flag == "0" else {
                    throw GlossError("--where \(GlossError.quoted(argument)): write code:PATH=1 (carries the code) or code:PATH=0 (coded without it)")
                }
                return .code(path: path, present: flag == "1")
            }
            guard let equals = argument.firstIndex(of: "=") else {
                throw GlossError("--where \(GlossError.quoted(argument)): write VARIABLE=VALUE (or code:PATH=1)")
            }
            let name = String(argument[..<equals]).trimmedCaseText, value = String(argument[argument.index(after: equals)...]).trimmedCaseText
            guard !name.isEmpty, !value.isEmpty else {
                throw GlossError("--where \(GlossError.quoted(argument)): write VARIABLE=VALUE; the variable and the value cannot be empty")
            }
            return .variable(name: name, value: value)
        }
    }

    public var isEmpty: Bool { conditions.isEmpty }

    /// Whether a code condition is among them (then a coder's session is needed).
    public var needsCodes: Bool { conditions.contains { if case .code = $0 { true } else { false } } }

    /// `leeftijdsgroep = 13 tot 15 and code:Pleger > Vader = 1`, for captions.
    public var description: String {
        conditions.map {
            switch $0 {
            case .variable(let name, let value): "\(name) = \(value)"
            case .code(let path, let present): "code:\(path) = \(present ? 1 : 0)"
            }
        }.joined(separator: " and ")
    }

    /// The cases of `table` (in its order) that meet every condition. Throws, naming it, for a variable the
    /// project does not have, a value the variable cannot take (every value listed), a code the codebook does
    /// not have, or a code condition without `codes`.
    public func cases(in table: CaseTable, codes: ChatCodes?) throws -> [String] {
        var tests: [(String) -> Bool] = []
        for condition in conditions {
            switch condition {
            case .variable(let name, let value):
                guard let variable = table.variable(name) else {
                    let known = table.variables.map { GlossError.quoted($0.name, limit: 40) }.prefix(30).joined(separator: ", ")
                    throw GlossError("--where: no variable \(GlossError.quoted(name)); the variables are \(known.isEmpty ? "none" : known)")
                }
                if variable.type == .number && variable.from == nil {
                    guard let number = CaseNumber.parse(value) else {
                        throw GlossError("--where: \(GlossError.quoted(name)) is a number variable; \(GlossError.quoted(value)) is not a number")
                    }
                    tests.append { table.value(of: name, in: $0)?.number == number }
                } else {
                    guard variable.labels.contains(value) else {
                        let known = variable.labels.map { GlossError.quoted($0, limit: 40) }.prefix(30).joined(separator: ", ")
                        throw GlossError("--where: \(GlossError.quoted(value)) is not a value of \(GlossError.quoted(name)); its values are \(known.isEmpty ? "none" : known)")
                    }
                    tests.append { table.value(of: name, in: $0)?.text == value }
                }
            case .code(let path, let present):
                guard let codes else { throw GlossError("--where code:\(GlossError.shortened(path))=…: a code condition needs a coder's session (--coder NAME)") }
                guard let code = codes.hierarchy.resolve(path) else {
                    throw GlossError("--where: no code \(GlossError.quoted(path)) in the codebook")
                }
                tests.append { codes.presence(code, in: $0) == present }
            }
        }
        return table.caseIDs.filter { id in tests.allSatisfy { $0(id) } }
    }
}

extension String {
    /// Trimmed of spaces and tabs at both ends (as the cases CSV trims its cells).
    var trimmedCaseText: String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
