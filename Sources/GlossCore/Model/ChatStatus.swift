/// How far a coder is with a chat. "Done with no codes" (`done` and no codings) is different from
/// "not coded" (`notStarted`).
public enum ChatStatus: String, Codable, Sendable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case done

    /// Words for people.
    public var label: String {
        switch self {
        case .notStarted: return "not started"
        case .inProgress: return "in progress"
        case .done: return "done"
        }
    }
}
