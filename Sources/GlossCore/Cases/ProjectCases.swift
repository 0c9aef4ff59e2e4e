import Foundation

extension Project {
    /// The project's cases with every variable's merged value: the transcript headers (from the chat catalog's
    /// summaries, so 10,000 chats cost no transcript read), the imported cases file, and `coderEntered` (a
    /// coder's values from the workbench, once sessions hold them; `CaseTable.merge` says what `nil` means).
    public func caseTable(coderEntered: [String: [String: String?]] = [:]) throws -> CaseTable {
        let imported = try ImportedCases.read(projectRoot: root)
        return CaseTable.merge(chats: chatIDs.map { (id: $0, attributes: summary($0)!.attributes) }, imported: imported,
                               coderEntered: coderEntered, declarations: config.variables)
    }

    /// Every case id the project has: its chats and the attribute-only cases of the imported file.
    public func knownCaseIDs(_ imported: ImportedCases) -> Set<String> { Set(chatIDs).union(imported.values.keys) }
}
