import Foundation

/// A case attribute value a coder enters in the workbench (kept in the coder's session, journaled like a
/// coding): the same rules as an imported value, so a session file cannot carry what the cases CSV refuses.
public enum EnteredValue {
    /// Why this entry cannot be in a session, or nil. `value` nil is "marked unknown"; an empty value is not an
    /// entry (clearing removes the entry instead).
    public static func problem(chat: String, variable: String, value: String?) -> String? {
        if let problem = Names.chatIDProblem(chat) { return "the case id is not valid: \(problem)" }
        if let problem = VariableNames.problem(variable) { return problem }
        guard let value else { return nil }
        if value.isEmpty { return "an entered value cannot be empty (an empty cell means no value)" }
        return VariableNames.valueProblem(value)
    }
}
