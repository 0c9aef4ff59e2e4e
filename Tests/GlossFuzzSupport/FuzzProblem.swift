/// One thing wrong with a case's outcome.
public struct FuzzProblem: Sendable, CustomStringConvertible {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    public var description: String { text }
}
