import GlossCore
import GlossTerminal

/// The case sheet (`gc`): the attributes of the chat on screen, each with its value and where it comes from,
/// so a coder who reads the age or the duration in a chat can enter it there (as the study's coders did).
/// Entered values belong to the coder's session: journaled, undoable, and above the header's and the imported
/// value (`docs/analysis.md`, "Case attributes").
public struct CaseSheetState: Equatable, Sendable {
    public var highlighted = 0
}

/// One line of the case sheet.
public struct CaseSheetRow: Equatable, Sendable {
    public var variable: CaseVariable
    /// The value that counts, with its source; nil when unknown.
    public var value: CaseValue?
    /// What this coder entered: nil none, `.some(nil)` marked unknown.
    public var entered: String??
    /// A binned variable: made from another one, never entered.
    public var isDerived: Bool { variable.from != nil }
}

extension AppState {
    /// The case sheet's lines for the chat on screen: every variable of the project, in the table's order.
    public var caseSheetRows: [CaseSheetRow] {
        guard let table = caseTable, let chat = chatID else { return [] }
        return table.variables.map { variable in
            CaseSheetRow(variable: variable, value: table.value(of: variable.name, in: chat),
                         entered: session.attribute(variable.name, in: chat))
        }
    }
}

extension Update {
    static func openCaseSheet(_ state: inout AppState) -> [WorkbenchEffect] {
        guard state.chatID != nil else { return [] }
        if state.caseTable == nil { state.refreshCases() }
        state.overlay = .caseSheet(CaseSheetState())
        return []
    }

    static func handleCaseSheet(_ sheet: inout CaseSheetState, _ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        let rows = state.caseSheetRows
        guard let chat = state.chatID else { state.overlay = nil; return [] }
        let action: Action?
        if case .action(let found) = Keymap.match([key], in: [.caseSheet]) { action = found } else { action = nil }
        if let action, action.changesProject || action == .confirm, state.readOnly != nil {
            state.notice = readOnlyNotice(state)
            return []
        }
        let row = rows.indices.contains(sheet.highlighted) ? rows[sheet.highlighted] : nil
        switch action {
        case .moveDown?: sheet.highlighted = min(max(0, rows.count - 1), sheet.highlighted + 1)
        case .moveUp?: sheet.highlighted = max(0, sheet.highlighted - 1)
        case .cancel?:
            state.overlay = nil
            return []
        case .confirm?:
            guard let row else { break }
            if let from = row.variable.from {
                state.notice = Notice(text: "\(row.variable.name) is made from \(from): enter \(from) instead", kind: .warning)
                break
            }
            // Only the coder's own value is filled in: Enter on a value that counts from the header or the import
            // must not copy it into the session (a later correction of that source would then be overridden).
            let own: String = row.entered.flatMap { $0 } ?? ""
            let counts = row.entered == nil ? row.value.map { ", now \(CaseTable.label(of: $0)) from the \($0.source == .header ? "header" : "import")" } ?? "" : ""
            state.overlay = .prompt(PromptState(purpose: .attribute(chat: chat, variable: row.variable.name),
                                                label: "\(row.variable.name) in \(chat)\(counts) (empty: no value of yours): ",
                                                field: TextField(own), completions: row.variable.labels))
            return []
        case .markUnknown?:
            guard let row, row.variable.from == nil else { break }
            return enterAttribute(.some(nil), variable: row.variable.name, chat: chat, &state)
        case .removeEntry?:
            guard let row, row.variable.from == nil else { break }
            return enterAttribute(nil, variable: row.variable.name, chat: chat, &state)
        default:
            break
        }
        state.overlay = .caseSheet(sheet)
        return []
    }

    /// Persists this coder's value for `variable` in `chat`: a value, `.some(nil)` (marked unknown) or nil (no
    /// entry). A value is checked against the variable's type and declared values first; the case sheet
    /// reopens on the same line.
    static func enterAttribute(_ value: String??, variable name: String, chat: String, _ state: inout AppState) -> [WorkbenchEffect] {
        let rows = state.caseSheetRows
        let line = rows.firstIndex { $0.variable.name == name } ?? 0
        state.overlay = .caseSheet(CaseSheetState(highlighted: line))
        var value = value
        if case .some(.some(let text)) = value {
            let variable = rows.first { $0.variable.name == name }?.variable
            if let problem = EnteredValue.problem(chat: chat, variable: name, value: text) ?? typeProblem(text, variable) {
                state.notice = Notice(text: problem, kind: .warning)
                return []
            }
            // A number is kept in one form (14, not 14.0 or +14), so two coders who read the same age agree.
            if variable?.type == .number, let number = CaseNumber.parse(text), CaseNumber.parse(CaseNumber.format(number)) == number {
                value = .some(.some(CaseNumber.format(number)))
            }
        }
        let before = state.session.attribute(name, in: chat)
        guard before != value else { return [] }
        let what: String
        switch value {
        case .some(.some(let text)): what = "\(name) = \(text) in \(chat)"
        case .some(.none): what = "\(name) unknown in \(chat)"
        case .none: what = "remove \(name) in \(chat)"
        }
        return [.persist([.attribute(chat: chat, variable: name, before: before, after: value)], label: what)]
    }

    /// Why `text` cannot be a value of `variable`: not a number for a number, or not one of the declared values.
    static func typeProblem(_ text: String, _ variable: CaseVariable?) -> String? {
        guard let variable else { return nil }
        switch variable.type {
        case .number:
            return CaseNumber.parse(text) == nil ? "\(variable.name) is a number (14, 3.5); \(GlossError.quoted(text)) is not" : nil
        case .ordinal, .category:
            guard variable.hasDeclaredOrder, !variable.labels.contains(text) else { return nil }
            return "\(variable.name) is one of: \(variable.labels.joined(separator: ", "))"
        }
    }
}
