import GlossCore
import GlossTerminal

/// Figures and groups (`gf`): the project's figures in report order and its code groups with their members,
/// managed from the workbench as `gloss figure` and `gloss group` manage them: reorder a figure, remove a
/// figure, a group or a member, put the code under the tree's cursor into a group. Every change goes through
/// `Project.changeConfig` (locked, checked, logged in codebook-changes.jsonl), like `P`.
public struct FigureManagerState: Equatable, Sendable {
    public var highlighted = 0
    /// The row `x` was pressed on once: a second `x` there removes it (any other key forgets it).
    public var pendingRemoval: Int?
}

/// One line of the figures-and-groups list.
public enum FigureManagerRow: Equatable, Sendable {
    case figure(number: Int, title: String, subject: String)
    case group(name: String, members: Int, usedBy: [Int])
    case member(group: String, code: CodeID, path: String)
}

/// A change to project.json asked for from the figures-and-groups list.
public enum FigureConfigChange: Equatable, Sendable {
    case moveFigure(Int, to: Int)
    case removeFigure(Int)
    case removeGroup(String)
    case addToGroup(String, CodeID)
    case removeFromGroup(String, CodeID)
}

extension AppState {
    /// The list's rows: every figure by number, then every group followed by its members.
    public var figureManagerRows: [FigureManagerRow] {
        let config = project.config
        var figures: [(Int, FigureManagerRow)] = config.figures.map { figure in
            let subject: String
            switch figure.subject {
            case .code(let id): subject = "category " + (hierarchy.path(of: id) ?? "(not in the codebook)")
            case .categoryPath(let path): subject = "category " + path
            case .group(let name): subject = "group " + name
            }
            return (figure.number, .figure(number: figure.number, title: figure.title, subject: subject))
        }
        figures += config.variableFigures.map { ($0.number, .figure(number: $0.number, title: $0.title, subject: "variable " + $0.variable)) }
        var rows = figures.sorted { $0.0 < $1.0 }.map(\.1)
        for group in config.groups {
            let users = config.figures.filter { $0.groupName == group.name || $0.joins.contains(group.name) }.map(\.number)
            rows.append(.group(name: group.name, members: group.codes.count, usedBy: users))
            rows += group.codes.map { .member(group: group.name, code: $0, path: hierarchy.path(of: $0) ?? "(id \($0.rawValue), not in the codebook)") }
        }
        return rows
    }
}

extension Update {
    static func openFigureManager(_ state: inout AppState) -> [WorkbenchEffect] {
        state.overlay = .figureManager(FigureManagerState())
        return []
    }

    static func handleFigureManager(_ manager: inout FigureManagerState, _ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        let rows = state.figureManagerRows
        let action: Action?
        if case .action(let found) = Keymap.match([key], in: [.figureManager]) { action = found } else { action = nil }
        if let action, action.changesProject, state.readOnly != nil {
            state.notice = readOnlyNotice(state)
            return []
        }
        let pending = manager.pendingRemoval
        manager.pendingRemoval = nil
        let row = rows.indices.contains(manager.highlighted) ? rows[manager.highlighted] : nil
        var effects: [WorkbenchEffect] = []
        switch action {
        case .moveDown?: manager.highlighted = min(max(0, rows.count - 1), manager.highlighted + 1)
        case .moveUp?: manager.highlighted = max(0, manager.highlighted - 1)
        case .cancel?:
            state.overlay = nil
            return []
        case .moveItemDown?, .moveItemUp?:
            guard case .figure(let number, _, _)? = row else {
                state.notice = Notice(text: "only figures have an order: J and K move the figure under the cursor", kind: .warning)
                break
            }
            let numbers = state.project.config.figureNumbers
            let place = numbers.firstIndex(of: number)!
            let target = action == .moveItemDown ? place + 1 : place - 1
            guard numbers.indices.contains(target) else { break }
            manager.highlighted += target - place
            effects = [.changeFigures(.moveFigure(number, to: numbers[target]))]
        case .removeEntry?:
            guard let row else { break }
            guard pending == manager.highlighted else {
                manager.pendingRemoval = manager.highlighted
                state.notice = Notice(text: "press x again to remove " + describe(row), kind: .warning)
                break
            }
            switch row {
            case .figure(let number, _, _): effects = [.changeFigures(.removeFigure(number))]
            case .group(let name, _, _): effects = [.changeFigures(.removeGroup(name))]
            case .member(let group, let code, _): effects = [.changeFigures(.removeFromGroup(group, code))]
            }
        case .addToGroup?:
            guard let code = state.treeCursor, !state.hierarchy.isProposed(code) else {
                state.notice = Notice(text: "put the tree's cursor on a shared code first, then press a on a group", kind: .warning)
                break
            }
            switch row {
            case .group(let name, _, _)?, .member(let name, _, _)?: effects = [.changeFigures(.addToGroup(name, code))]
            default:
                state.overlay = .prompt(PromptState(purpose: .newGroup(code), label: "New group with \(state.path(code)), named: ", field: TextField()))
                return []
            }
        default:
            break
        }
        state.overlay = .figureManager(manager)
        return effects
    }

    /// "figure 4 (Dwangmiddelen)", "the group Psychisch", "Angst out of the group Psychisch".
    static func describe(_ row: FigureManagerRow) -> String {
        switch row {
        case .figure(let number, let title, _): return "figure \(number) (\(title))"
        case .group(let name, _, _): return "the group \(name)"
        case .member(let group, _, let path): return "\(path) from the group \(group)"
        }
    }
}
