import GlossCore

/// Why a statistic cannot be computed from what it was given. Each case says it in words a researcher can
/// act on (`description`); `glossError` gives it the shape every command prints.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The counts do not have one row per row label and one column per column label.
    case tableShape(String)
    /// A count below zero.
    case negativeCount(row: String, column: String)
    /// A negative number of cases with an unknown value.
    case negativeMissing
    /// The counts add up beyond what an `Int` holds.
    case tooManyCases
    /// A t-test group with fewer than two values (its standard deviation is undefined).
    case tooFewValues(group: String, count: Int)
    /// A value that is not a finite number (NaN or infinite).
    case notFinite(group: String)
    /// Both groups constant: the standard error is 0 and t is undefined.
    case noVariance(first: String, second: String)

    public var description: String {
        switch self {
        case .tableShape(let detail):
            return "the table of counts does not match its labels: \(detail)"
        case .negativeCount(let row, let column):
            return "the count in row \(GlossError.quoted(row)), column \(GlossError.quoted(column)) is negative"
        case .negativeMissing:
            return "the number of cases with an unknown value is negative"
        case .tooManyCases:
            return "the counts add up to more cases than can be counted"
        case .tooFewValues(let group, let count):
            let values = count == 1 ? "1 known value" : "\(count) known values"
            return "group \(GlossError.quoted(group)) has \(values); a t-test needs at least 2 in each group"
        case .notFinite(let group):
            return "group \(GlossError.quoted(group)) holds a value that is not a finite number"
        case .noVariance(let first, let second):
            return "every value is the same within group \(GlossError.quoted(first)) and within group \(GlossError.quoted(second)): "
                + "the standard error is 0 and t is undefined"
        }
    }

    /// The error as commands print it (`gloss: message`).
    public var glossError: GlossError { GlossError(description) }
}
