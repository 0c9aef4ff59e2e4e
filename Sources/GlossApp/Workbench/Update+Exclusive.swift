import GlossCore

extension Update {
    /// After a coding action: a warning when a chat it touched now has two sub-codes of an exclusive category (an
    /// age group, yes/no), naming both; nil otherwise. The coding is kept: the coder decides which one is right.
    static func exclusiveWarning(after changes: [SessionChange], _ state: AppState) -> String? {
        var chats: [String] = []
        for change in changes {
            if case .coding(_, _, let after?) = change, !chats.contains(after.chat) { chats.append(after.chat) }
        }
        let codebook = state.project.codebook
        for chat in chats {
            let codes = Set(state.session.codings(in: chat).flatMap(\.codes))
            if let conflict = ExclusiveCategories.conflicts(in: codebook, codes: codes).first {
                let names = conflict.subCodes.map { codebook[$0]?.name ?? "?" }.joined(separator: " and ")
                return "\(chat) has \(names), which exclude each other (\(codebook[conflict.category]?.name ?? "?") is exclusive)"
            }
        }
        return nil
    }
}
