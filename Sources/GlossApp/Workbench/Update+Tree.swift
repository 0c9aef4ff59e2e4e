import GlossAnalysis
import GlossCore
import GlossTerminal

extension Update {
    static func performInTree(_ action: Action, _ state: inout AppState) -> [WorkbenchEffect] {
        let rows = TreeRows.rows(state)
        guard !rows.isEmpty else { return [] }
        let index = rows.firstIndex { $0.id == state.treeCursor } ?? 0
        let row = rows[index]
        let page = max(1, ScreenLayout(state).tree.height / 2)
        func select(_ i: Int) { state.treeCursor = rows[max(0, min(rows.count - 1, i))].id }
        switch action {
        case .moveDown: select(index + 1)
        case .moveUp: select(index - 1)
        case .halfPageDown: select(index + page)
        case .halfPageUp: select(index - page)
        case .top: select(0)
        case .bottom: select(rows.count - 1)
        case .treeToggle:
            if row.hasChildren { toggle(row.id, &state) }
        case .treeEnter:
            if row.hasChildren { toggle(row.id, &state) } else { return applyFromTree(row.id, &state) }
        case .treeApply: return applyFromTree(row.id, &state)
        case .treeExpand:
            if row.hasChildren && !row.expanded { state.expanded.insert(row.id) }
            else if row.hasChildren, let first = state.hierarchy.children(of: row.id).first { state.treeCursor = first }
        case .treeCollapse:
            if row.hasChildren && row.expanded { state.expanded.remove(row.id) }
            else if let parent = state.hierarchy.ancestors(of: row.id).first { state.treeCursor = parent }
        case .treeCollapseAll:
            state.expanded = []
            state.treeCursor = state.hierarchy.ancestors(of: row.id).last ?? row.id
        case .treeExpandAll:
            state.expanded = Set(state.hierarchy.codebook.codes.map(\.id).filter { !state.hierarchy.children(of: $0).isEmpty })
                .union(state.hierarchy.proposed.keys.filter { !state.hierarchy.children(of: $0).isEmpty })
        case .codeView:
            let quotes = QuoteQuery.quotes(of: row.id, in: state.session, hierarchy: state.hierarchy,
                                           chats: state.index.chatIDs(carrying: row.id))
            state.overlay = .codeView(CodeViewState(code: row.id, quotes: quotes.map(\.id), chats: Set(quotes.map(\.chat)).count))
        case .addSubcode:
            state.overlay = .prompt(PromptState(purpose: .newSubcode(parent: row.id), label: "New code under \(state.name(row.id)): ", field: TextField()))
        case .pinFigure:
            guard !state.hierarchy.children(of: row.id).isEmpty, !state.hierarchy.isProposed(row.id) else {
                state.notice = Notice(text: "\(state.name(row.id)) has no sub-codes: pin its category as a figure", kind: .error)
                return []
            }
            return [.pinFigure(row.id)]
        case .renameCode:
            state.overlay = .prompt(PromptState(purpose: .rename(row.id), label: "Rename \(state.path(row.id)) to: ", field: TextField(state.name(row.id))))
        default: break
        }
        return []
    }

    static func toggle(_ id: CodeID, _ state: inout AppState) {
        if state.expanded.contains(id) { state.expanded.remove(id) } else { state.expanded.insert(id) }
    }

    static func applyFromTree(_ code: CodeID, _ state: inout AppState) -> [WorkbenchEffect] {
        guard let target = selectionTarget(state) else { return [] }
        return apply(code, to: target, &state)
    }
}
