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
            openCodeView(row.id, &state)
        case .addSubcode:
            state.overlay = .prompt(PromptState(purpose: .newSubcode(parent: row.id), label: "New code under \(state.name(row.id)): ", field: TextField()))
        case .pinFigure:
            guard !state.hierarchy.children(of: row.id).isEmpty, !state.hierarchy.isProposed(row.id) else {
                state.notice = Notice(text: "\(state.name(row.id)) has no sub-codes: pin its category as a figure", kind: .error)
                return []
            }
            return [.pinFigure(row.id)]
        case .cutCode:
            guard !state.hierarchy.isProposed(row.id) else {
                state.notice = Notice(text: "\(state.name(row.id)) is a proposed code: accept it into the codebook before moving it", kind: .warning)
                return []
            }
            state.cutCode = row.id
            state.notice = Notice(text: "cut \(state.path(row.id)): p puts it under a code, T makes it a main code, M merges it into a code", kind: .info)
        case .putCode, .putCodeAtTop, .mergeCutCode:
            return axial(action, row.id, &state)
        case .codeUp, .codeDown:
            guard let code = state.hierarchy.codebook[row.id], let position = state.hierarchy.codebook.position(of: row.id) else { return [] }
            let to = position + (action == .codeUp ? -1 : 1)
            let siblings = code.parent.map { state.hierarchy.codebook.childIDs(of: $0) } ?? state.hierarchy.codebook.roots.map(\.id)
            guard to >= 0, to < siblings.count else { return [] }
            return [.codebook(.place(row.id, under: code.parent, at: to), reason: nil, label: "move \(state.path(row.id)) \(action == .codeUp ? "up" : "down")")]
        case .editDefinition, .editCodeMemo:
            guard let code = state.hierarchy.codebook[row.id] else {
                state.notice = Notice(text: "\(state.name(row.id)) is a proposed code: only shared codes are edited here", kind: .warning)
                return []
            }
            let memo = action == .editCodeMemo
            state.overlay = .prompt(PromptState(purpose: .codeField(row.id, field: memo ? "memo" : "operationalisation"),
                                                label: "\(memo ? "Memo" : "Operationalisation") of \(state.path(row.id)): ",
                                                field: TextField(memo ? code.memo : code.operationalisation)))
        case .deleteCode:
            guard state.hierarchy.codebook.contains(row.id) else {
                state.notice = Notice(text: "\(state.name(row.id)) is a proposed code: remove it from its codings instead", kind: .warning)
                return []
            }
            if state.hierarchy.codebook.hasChildren(row.id) {
                state.notice = Notice(text: "\(state.name(row.id)) has sub-codes: move, merge or delete them first", kind: .warning)
                return []
            }
            return [.countUses(row.id)]
        case .splitCode:
            guard state.hierarchy.codebook.contains(row.id) else {
                state.notice = Notice(text: "\(state.name(row.id)) is a proposed code: only shared codes are split here", kind: .warning)
                return []
            }
            state.overlay = .prompt(PromptState(purpose: .splitNames(row.id), label: "Split \(state.path(row.id)) into (names, separated by commas): ", field: TextField()))
        case .renameCode:
            state.overlay = .prompt(PromptState(purpose: .rename(row.id), label: "Rename \(state.path(row.id)) to: ", field: TextField(state.name(row.id))))
        default: break
        }
        return []
    }

    /// Put, put at the top, or merge the cut code: asks why first (the reason goes to the change log).
    static func axial(_ action: Action, _ target: CodeID, _ state: inout AppState) -> [WorkbenchEffect] {
        let codebook = state.hierarchy.codebook
        guard let cut = (action == .putCodeAtTop ? state.cutCode ?? target : state.cutCode), codebook.contains(cut) else {
            state.notice = Notice(text: "cut a code first (x on the code to move or merge)", kind: .warning)
            return []
        }
        let operation: CodebookOperation
        let label: String
        switch action {
        case .putCodeAtTop:
            guard codebook[cut]?.parent != nil else { state.notice = Notice(text: "\(state.name(cut)) is a main code already", kind: .warning); return [] }
            operation = .place(cut, under: nil, at: nil)
            label = "move \(state.path(cut)) to the top"
        case .mergeCutCode:
            guard codebook.contains(target), target != cut, !codebook.subtree(of: cut).contains(target) else {
                state.notice = Notice(text: "merge into another shared code, not into the cut code or one below it", kind: .warning)
                return []
            }
            operation = .merge(cut, into: target)
            label = "merge \(state.path(cut)) into \(state.path(target))"
        default:
            guard codebook.contains(target), !codebook.subtree(of: cut).contains(target) else {
                state.notice = Notice(text: "put it under another shared code, not under itself or a code below it", kind: .warning)
                return []
            }
            operation = .place(cut, under: target, at: nil)
            label = "move \(state.path(cut)) under \(state.path(target))"
        }
        state.overlay = .prompt(PromptState(purpose: .codebookReason(operation, label: label), label: "\(label). Why? (Enter: no reason) ", field: TextField()))
        return []
    }

    /// Every quote of `code` (and the codes below it), across chats.
    static func openCodeView(_ code: CodeID, _ state: inout AppState) {
        let quotes = QuoteQuery.quotes(of: code, in: state.session, hierarchy: state.hierarchy, chats: state.index.chatIDs(carrying: code))
        state.overlay = .codeView(CodeViewState(code: code, quotes: quotes.map(\.id), chats: Set(quotes.map(\.chat)).count))
    }

    static func toggle(_ id: CodeID, _ state: inout AppState) {
        if state.expanded.contains(id) { state.expanded.remove(id) } else { state.expanded.insert(id) }
    }

    static func applyFromTree(_ code: CodeID, _ state: inout AppState) -> [WorkbenchEffect] {
        guard let target = selectionTarget(state) else { return [] }
        return apply(code, to: target, &state)
    }
}
