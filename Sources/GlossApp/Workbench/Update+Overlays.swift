import GlossAnalysis
import GlossCore
import GlossTerminal

extension Update {
    static func handleOverlay(_ overlay: Overlay, _ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        switch overlay {
        case .picker(var picker): return handlePicker(&picker, key, &state)
        case .prompt(var prompt): return handlePrompt(&prompt, key, &state)
        case .chatList(var list): return handleChatList(&list, key, &state)
        case .codeView(var view): return handleCodeView(&view, key, &state)
        case .searchResults(var results): return handleSearchResults(&results, key, &state)
        case .quoteChoice(var choice): return handleQuoteChoice(&choice, key, &state)
        case .caseSheet(var sheet): return handleCaseSheet(&sheet, key, &state)
        case .figureManager(var manager): return handleFigureManager(&manager, key, &state)
        case .help(let scroll):
            // Scrolling stops at the last page, so k scrolls back at once however often j was pressed.
            let last = OverlayView.helpMaxScroll(width: state.width, height: state.height)
            switch Keymap.match([key], in: [.help]) {
            case .action(.moveDown): state.overlay = .help(scroll: min(last, scroll + 1))
            case .action(.moveUp): state.overlay = .help(scroll: max(0, min(last, scroll) - 1))
            case .action(.halfPageDown): state.overlay = .help(scroll: min(last, scroll + 10))
            case .action(.halfPageUp): state.overlay = .help(scroll: max(0, min(last, scroll) - 10))
            default: state.overlay = nil  // close, and any other key
            }
            return []
        }
    }

    // MARK: Picker

    static func handlePicker(_ picker: inout PickerState, _ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        switch Keymap.match([key], in: [.picker]) {
        case .action(.cancel):
            state.overlay = nil
            return []
        case .action(.moveDown):
            if picker.matches.isEmpty { cycleNewCodeParent(&picker, state, by: 1) } else { picker.highlighted = min(picker.matches.count - 1, picker.highlighted + 1) }
        case .action(.moveUp):
            if picker.matches.isEmpty { cycleNewCodeParent(&picker, state, by: -1) } else { picker.highlighted = max(0, picker.highlighted - 1) }
        case .action(.halfPageDown): picker.highlighted = min(max(0, picker.matches.count - 1), picker.highlighted + 10)
        case .action(.halfPageUp): picker.highlighted = max(0, picker.highlighted - 10)
        case .action(.confirm):
            if picker.matches.indices.contains(picker.highlighted) {
                state.overlay = nil
                return apply(picker.matches[picker.highlighted], to: picker.target, &state)
            }
            let name = picker.field.text.trimmingCharacters(in: .whitespaces)
            if case .removeFrom = picker.target { return [] }
            guard !name.isEmpty else { return [] }
            if let problem = Codebook.nameProblem(name) {
                state.notice = Notice(text: problem, kind: .warning)
                return []
            }
            let place = picker.newCodeParent.map { state.path($0) } ?? "the top level"
            state.overlay = .prompt(PromptState(purpose: .newCodeDefinition(name: name, parent: picker.newCodeParent, target: picker.target),
                                                label: "New code \u{201C}\(name)\u{201D} under \(place). Definition (may be empty): ", field: TextField()))
            return []
        default:
            if picker.field.handle(key) { refreshPicker(&picker, state) }
        }
        state.overlay = .picker(picker)
        return []
    }

    /// When nothing matches, Up/Down choose where the new code goes: any code with sub-codes, or the top level.
    static func cycleNewCodeParent(_ picker: inout PickerState, _ state: AppState, by step: Int) {
        let categories: [CodeID?] = [nil] + state.hierarchy.codebook.codes.map(\.id).filter { !state.hierarchy.children(of: $0).isEmpty }
        let index = categories.firstIndex(of: picker.newCodeParent) ?? 0
        picker.newCodeParent = categories[(index + step + categories.count) % categories.count]
    }

    // MARK: Prompts

    static func handlePrompt(_ prompt: inout PromptState, _ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        switch Keymap.match([key], in: [.prompt]) {
        case .action(.cancel):
            state.overlay = nil
            return []
        case .action(.complete):
            let typed = prompt.field.text
            if let completion = completions(of: prompt, state, limit: 2).first(where: { $0 != typed }) {
                prompt.field.set(completion)
            }
        case .action(.confirm):
            state.overlay = nil
            return commit(prompt, &state)
        default:
            _ = prompt.field.handle(key)
        }
        state.overlay = .prompt(prompt)
        return []
    }

    /// What Tab completes in a prompt, fitting what is typed, at most `limit`: relations already used, or
    /// for `:` a chat id after "chat ". Chat ids are looked up as typed (never all 10,000 listed at once).
    static func completions(of prompt: PromptState, _ state: AppState, limit: Int) -> [String] {
        let typed = prompt.field.text.lowercased()
        if case .command = prompt.purpose {
            guard typed.hasPrefix("chat ") else { return "chat ".hasPrefix(typed) && !typed.isEmpty ? ["chat "] : [] }
            let id = typed.dropFirst(5)
            return Array(state.project.chatIDs.lazy.filter { $0.lowercased().hasPrefix(id) }.prefix(limit).map { "chat " + $0 })
        }
        return Array(prompt.completions.lazy.filter { $0.lowercased().hasPrefix(typed) }.prefix(limit))
    }

    static func commit(_ prompt: PromptState, _ state: inout AppState) -> [WorkbenchEffect] {
        let text = prompt.field.text.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .command: return runCommand(text, &state)
        case .search:
            runSearch(text, &state)
            return []
        case .searchAll:
            guard !text.isEmpty else { return [] }
            state.notice = Notice(text: "searching every chat for \(text)…", kind: .info)
            return [.searchCorpus(text)]
        case .memo(let id):
            guard let before = state.session.coding(id) else { return [] }
            var after = before
            // A memo keeps its inner spacing, but one of only spaces is no memo.
            after.memo = prompt.field.text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : prompt.field.text
            guard after != before else { return [] }
            after.modified = state.environment.now()
            return [.persist([.coding(id: id, before: before, after: after)], label: "memo on \(describe(before.span, chat: before.chat))")]
        case .attribute(let chat, let variable):
            return enterAttribute(text.isEmpty ? nil : .some(text), variable: variable, chat: chat, &state)
        case .relation(let id):
            guard let before = state.session.coding(id) else { return [] }
            var after = before
            after.relation = text.isEmpty ? nil : text
            guard after != before else { return [] }
            after.modified = state.environment.now()
            return [.persist([.coding(id: id, before: before, after: after)], label: "relation \u{201C}\(text)\u{201D} on \(describe(before.span, chat: before.chat))")]
        case .newSubcode(let parent):
            guard !text.isEmpty else { return [] }
            if let problem = Codebook.nameProblem(text) {
                state.notice = Notice(text: problem, kind: .warning)
                return []
            }
            state.overlay = .prompt(PromptState(purpose: .newCodeDefinition(name: text, parent: parent, target: nil),
                                                label: "New code \u{201C}\(text)\u{201D} under \(state.path(parent)). Definition (may be empty): ", field: TextField()))
            return []
        case .newGroup(let code):
            guard !text.isEmpty else { return [] }
            if let problem = CodeGroup.nameProblem(text) {
                state.notice = Notice(text: problem, kind: .warning)
                return []
            }
            if state.project.config.group(text) != nil {
                state.notice = Notice(text: "a group is already called \(text): press a on it to add the code", kind: .warning)
                return []
            }
            state.overlay = .figureManager(FigureManagerState(highlighted: state.figureManagerRows.count))
            return [.changeFigures(.addToGroup(text, code))]
        case .newCodeDefinition(let name, let parent, let target):
            return propose(name: name, parent: parent, definition: text, target: target, &state)
        case .rename(let id):
            guard !text.isEmpty, text != state.name(id) else { return [] }
            if let problem = Codebook.nameProblem(text) {
                state.notice = Notice(text: problem, kind: .warning)
                return []
            }
            let siblings = state.hierarchy.code(id)?.parent.map { state.hierarchy.children(of: $0) } ?? state.hierarchy.codebook.roots.map(\.id)
            if siblings.contains(where: { $0 != id && state.name($0) == text }) {
                state.notice = Notice(text: "a sibling is already called \(text)", kind: .warning)
                return []
            }
            if let proposal = state.session.proposedCodes[id] {
                var renamed = proposal
                renamed.name = text
                return [.persist([.proposal(id: id, before: proposal, after: renamed)], label: "rename proposed code \(proposal.name) to \(text)")]
            }
            return [.renameCode(id, to: text)]
        case .deleteTarget(let id, let uses):
            var target: CodeID?
            if text == "-" || (text.isEmpty && uses == 0) {
                target = nil
            } else if text.isEmpty {
                state.notice = Notice(text: "\(uses) coding(s) use \(state.name(id)): say where they go (a code, or - to drop them)", kind: .warning)
                return []
            } else {
                guard case .found(let found) = CodeReference.resolve(text, in: state.hierarchy), state.hierarchy.codebook.contains(found), found != id else {
                    state.notice = Notice(text: "no single shared code \(text) (type its path, or - to drop the codings)", kind: .warning)
                    return []
                }
                target = found
            }
            let label = "delete \(state.path(id))" + (uses == 0 ? "" : target.map { ", its codings to \(state.path($0))" } ?? ", its codings dropped")
            state.overlay = .prompt(PromptState(purpose: .codebookReason(.retire(id, reassign: target), label: label),
                                                label: "\(label). Why? (Enter: no reason) ", field: TextField()))
            return []
        case .splitNames(let id):
            var names: [String] = []
            for part in text.split(separator: ",") {
                let name = part.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, !names.contains(name) else { continue }
                if let problem = Codebook.nameProblem(name) {
                    state.notice = Notice(text: problem, kind: .warning)
                    return []
                }
                if state.hierarchy.children(of: id).contains(where: { state.name($0) == name }) {
                    state.notice = Notice(text: "\(state.path(id)) already has a sub-code \(name)", kind: .warning)
                    return []
                }
                names.append(name)
            }
            guard !names.isEmpty, names.count <= 9 else {
                state.notice = Notice(text: names.isEmpty ? "no names given" : "split into at most 9 sub-codes at a time", kind: .warning)
                return []
            }
            let ids = names.map { _ in state.environment.codeID() }
            let label = "split \(state.path(id)) into \(names.joined(separator: ", "))"
            state.overlay = .prompt(PromptState(purpose: .codebookReason(.split(id, names: names, ids: ids), label: label),
                                                label: "\(label). Why? (Enter: no reason) ", field: TextField()))
            return []
        case .codebookReason(let operation, let label):
            if case .split(let id, _, _) = operation {
                // The quotes to reassign, one by one, with their text (the sub-codes are numbered once made).
                openCodeView(id, &state)
            }
            if case .place(let id, _, _) = operation { state.treeCursor = id }
            if case .retire(let id, _) = operation, let parent = state.hierarchy.codebook[id]?.parent { state.treeCursor = parent }
            if case .merge(_, let target) = operation { state.treeCursor = target }
            state.cutCode = nil
            return [.codebook(operation, reason: text.isEmpty ? nil : text, label: label)]
        case .codeField(let id, let field):
            let current = field == "memo" ? state.hierarchy.codebook[id]?.memo : state.hierarchy.codebook[id]?.operationalisation
            guard prompt.field.text != current else { return [] }
            let label = "\(field) of \(state.path(id))"
            state.overlay = .prompt(PromptState(purpose: .codebookReason(.edit(id, field: field, value: prompt.field.text), label: "edit the " + label),
                                                label: "Edit the \(label). Why? (Enter: no reason) ", field: TextField()))
            return []
        }
    }

    /// Open coding: a new code lives in this coder's session as a proposal, usable at once.
    static func propose(name: String, parent: CodeID?, definition: String, target: PickerTarget?, _ state: inout AppState) -> [WorkbenchEffect] {
        let siblings = parent.map { state.hierarchy.children(of: $0) } ?? state.hierarchy.codebook.roots.map(\.id)
        if siblings.contains(where: { state.name($0) == name }) {
            state.notice = Notice(text: "\(name) already exists there", kind: .warning)
            return []
        }
        let color = parent.flatMap { state.hierarchy.code($0)?.color } ?? Code.defaultColor
        let code = Code(id: state.environment.codeID(), name: name, parent: parent, operationalisation: definition, color: color)
        let proposal = SessionChange.proposal(id: code.id, before: nil, after: code)
        guard let target else {
            return [.persist([proposal], label: "propose code \(name)")]
        }
        // Apply it at once: the proposal and the coding are one action (one undo).
        var preview = state
        preview.hierarchy = CodeHierarchy(codebook: state.project.codebook, proposed: state.session.proposedCodes.merging([code.id: code]) { $1 })
        guard let (changes, codingID, label) = codingChanges(code.id, on: target, &preview) else { return [] }
        state.selection = nil
        state.currentQuote = codingID
        remember(code.id, &state)
        return [.persist([proposal] + changes, label: "propose \(name) and \(label)")]
    }

    static func runCommand(_ text: String, _ state: inout AppState) -> [WorkbenchEffect] {
        let command = text.hasPrefix(":") ? String(text.dropFirst()) : text
        if command.isEmpty { return [] }
        if let number = Int(command) {
            guard number >= 1 && number <= state.project.chatCount else {
                state.notice = Notice(text: "there are chats 1–\(state.project.chatCount)", kind: .warning)
                return []
            }
            openChat(number - 1, &state)
            return []
        }
        if let index = state.project.index(of: command) {
            openChat(index, &state)
            return []
        }
        if command == "chat" || command.hasPrefix("chat ") {
            return jumpToChat(named: command.dropFirst(4).trimmingCharacters(in: .whitespaces), &state)
        }
        if command == "q" || command == "quit" {
            state.quitRequested = true
            return [.quit]
        }
        if command == "w" {
            state.notice = Notice(text: "everything is saved as you work", kind: .info)
            return []
        }
        if command.hasPrefix("compare") {
            let other = command.dropFirst("compare".count).trimmingCharacters(in: .whitespaces)
            guard !other.isEmpty else {
                state.notice = Notice(text: "usage: :compare CODER", kind: .warning)
                return []
            }
            guard other != state.coder, state.project.coders.contains(other) else {
                state.notice = Notice(text: "no other coder \(other) (coders: \(state.project.coders.filter { $0 != state.coder }.joined(separator: ", ")))", kind: .warning)
                return []
            }
            return [.compare(with: other)]
        }
        if let effects = codebookCommand(command, &state) { return effects }
        state.notice = Notice(text: "no chat or command \u{201C}\(command)\u{201D}", kind: .warning)
        return []
    }

    /// `:color #RRGGBB`, `:rule TEXT`, `:example TEXT`, `:exclusive`, `:noexclusive` on the code under the tree
    /// cursor, and `:memo TEXT` for the project memo: each asks why, then changes the shared codebook (undoable).
    /// Nil when `command` is none of these.
    static func codebookCommand(_ command: String, _ state: inout AppState) -> [WorkbenchEffect]? {
        let word = command.prefix { $0 != " " }
        let rest = command.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        guard ["color", "rule", "example", "exclusive", "noexclusive", "memo"].contains(String(word)) else { return nil }
        let operation: CodebookOperation
        let label: String
        if word == "memo" {
            operation = .projectMemo(rest)
            label = "set the project memo"
        } else {
            guard let id = state.treeCursor, let code = state.hierarchy.codebook[id] else {
                state.notice = Notice(text: ":\(word) changes the shared code under the tree cursor; put the cursor on one", kind: .warning)
                return []
            }
            switch word {
            case "color":
                guard Code.isValidColor(rest.uppercased()) else {
                    state.notice = Notice(text: "usage: :color #RRGGBB", kind: .warning)
                    return []
                }
                operation = .edit(id, field: "color", value: rest.uppercased())
            case "rule":
                guard !rest.isEmpty else { state.notice = Notice(text: "usage: :rule TEXT", kind: .warning); return [] }
                operation = .edit(id, field: "rules", value: (code.rules + [rest]).joined(separator: "\n"))
            case "example": operation = .edit(id, field: "example", value: rest)
            default: operation = .edit(id, field: "exclusive", value: String(word == "exclusive"))
            }
            label = "\(word == "noexclusive" ? "exclusive off" : String(word)) on \(state.path(id))"
        }
        state.overlay = .prompt(PromptState(purpose: .codebookReason(operation, label: label), label: "\(label). Why? (Enter: no reason) ", field: TextField()))
        return []
    }

    // MARK: Chat list and code view

    static func chatListRows(_ list: ChatListState, _ state: AppState) -> [Int] {
        let query = ChatFilter(list.field.text)
        return state.project.chatIDs.indices.filter { index in
            let id = state.project.chatIDs[index]
            let status = state.session.status(of: id)
            let byStatus: Bool
            switch list.filter {
            case .all: byStatus = true
            case .notStarted: byStatus = status == .notStarted
            case .inProgress: byStatus = status == .inProgress
            case .done: byStatus = status == .done
            }
            return byStatus && (query.keepsAll || state.project.summary(id).map(query.matches) ?? false)
        }
    }

    static func handleChatList(_ list: inout ChatListState, _ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        let rows = chatListRows(list, state)
        switch Keymap.match([key], in: [.chatList]) {
        case .action(.moveDown): list.highlighted = min(max(0, rows.count - 1), list.highlighted + 1)
        case .action(.moveUp): list.highlighted = max(0, list.highlighted - 1)
        case .action(.focusNext):
            let all = ChatListState.Filter.allCases
            list.filter = all[(all.firstIndex(of: list.filter)! + 1) % all.count]
            list.highlighted = 0
        case .action(.confirm):
            state.overlay = nil
            if rows.indices.contains(list.highlighted) { openChat(rows[list.highlighted], &state) }
            return []
        case .action(.cancel):
            state.overlay = nil
            return []
        default:
            // Typing filters; the highlight goes to the first chat that matches.
            if list.field.handle(key) { list.highlighted = 0 }
        }
        state.overlay = .chatList(list)
        return []
    }

    /// `:chat NAME`: the chat with that id, or the only chat whose id, title or attributes contain NAME.
    static func jumpToChat(named name: String, _ state: inout AppState) -> [WorkbenchEffect] {
        guard !name.isEmpty else {
            state.notice = Notice(text: "usage: :chat NAME (an id, or text of its title)", kind: .warning)
            return []
        }
        if let index = state.project.index(of: name) {
            openChat(index, &state)
            return []
        }
        let query = ChatFilter(name)
        let found = state.project.chatIDs.indices.filter { state.project.summary(state.project.chatIDs[$0]).map(query.matches) ?? false }
        switch found.count {
        case 1: openChat(found[0], &state)
        case 0: state.notice = Notice(text: "no chat matches \u{201C}\(name)\u{201D}; gl lists them", kind: .warning)
        default:
            // Several: the chat list, filtered by the name, to choose from.
            var list = ChatListState(filter: .all)
            list.field = TextField(name)
            state.overlay = .chatList(list)
            state.notice = Notice(text: "\(found.count) chats match \u{201C}\(name)\u{201D}: choose one", kind: .info)
        }
        return []
    }

    // MARK: Search results and quote choice

    static func handleSearchResults(_ results: inout SearchResultsState, _ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        let page = max(1, state.height - 6)
        switch Keymap.match([key], in: [.searchResults]) {
        case .action(.moveDown): results.highlighted = min(max(0, results.hits.count - 1), results.highlighted + 1)
        case .action(.moveUp): results.highlighted = max(0, results.highlighted - 1)
        case .action(.halfPageDown): results.highlighted = min(max(0, results.hits.count - 1), results.highlighted + page)
        case .action(.halfPageUp): results.highlighted = max(0, results.highlighted - page)
        case .action(.confirm):
            state.overlay = nil
            guard results.hits.indices.contains(results.highlighted) else { return [] }
            goToHit(results.highlighted, of: results.hits, &state)
            return []
        case .action(.cancel):
            state.overlay = nil
            return []
        default: break
        }
        state.overlay = .searchResults(results)
        return []
    }

    /// Goes to match `index` of a search across chats; `n`/`N` go on from it.
    static func goToHit(_ index: Int, of hits: [CorpusHit], _ state: inout AppState) {
        let hit = hits[index]
        guard let chatIndex = state.project.index(of: hit.chat) else { return }
        let pattern = state.search?.pattern ?? ""
        if chatIndex != state.chatIndex || state.chat == nil { openChat(chatIndex, &state) }
        state.search = SearchState(pattern: pattern, matches: hits.filter { $0.chat == hit.chat }.map { TextPosition(message: $0.message, offset: $0.offset) },
                                   corpus: hits)
        state.cursor = hit.message
        state.focus = .transcript
        state.notice = Notice(text: "match \(index + 1) of \(hits.count) · \(hit.chat) #\(hit.message)", kind: .info)
    }

    static func handleQuoteChoice(_ choice: inout QuoteChoiceState, _ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        switch Keymap.match([key], in: [.quoteChoice]) {
        case .action(.moveDown): choice.highlighted = min(max(0, choice.quotes.count - 1), choice.highlighted + 1)
        case .action(.moveUp): choice.highlighted = max(0, choice.highlighted - 1)
        case .action(.confirm):
            state.overlay = nil
            guard choice.quotes.indices.contains(choice.highlighted), let quote = state.session.coding(choice.quotes[choice.highlighted]) else { return [] }
            return act(choice.action, on: quote, &state)
        case .action(.cancel):
            state.overlay = nil
            return []
        default: break
        }
        state.overlay = .quoteChoice(choice)
        return []
    }

    static func handleCodeView(_ view: inout CodeViewState, _ key: Key, _ state: inout AppState) -> [WorkbenchEffect] {
        switch Keymap.match([key], in: [.codeView]) {
        case .action(.moveDown): view.highlighted = min(max(0, view.quotes.count - 1), view.highlighted + 1)
        case .action(.moveUp): view.highlighted = max(0, view.highlighted - 1)
        case .action(.confirm):
            state.overlay = nil
            guard view.quotes.indices.contains(view.highlighted), let coding = state.session.coding(view.quotes[view.highlighted]),
                  let index = state.project.index(of: coding.chat) else { return [] }
            openChat(index, &state)
            state.cursor = coding.span.from.message
            state.currentQuote = coding.id
            state.focus = .transcript
            return []
        case .action(.cancel):
            state.overlay = nil
            return []
        case .action(.quoteToSubcode(let number)):
            state.overlay = .codeView(view)
            return quoteToSubcode(number, &view, &state)
        default:
            break
        }
        state.overlay = .codeView(view)
        return []
    }

    /// Moves the highlighted quote from the viewed code to its sub-code `number` (1 first): one coding action,
    /// undone with `u`. Only a quote that carries the viewed code itself moves (not one that counts through a
    /// code below it).
    static func quoteToSubcode(_ number: Int, _ view: inout CodeViewState, _ state: inout AppState) -> [WorkbenchEffect] {
        let subcodes = state.hierarchy.children(of: view.code)
        guard number >= 1, number <= subcodes.count else {
            state.notice = Notice(text: subcodes.isEmpty ? "\(state.name(view.code)) has no sub-codes (S in the tree splits it)"
                                                         : "\(state.name(view.code)) has sub-codes 1–\(subcodes.count)", kind: .warning)
            return []
        }
        guard view.quotes.indices.contains(view.highlighted), let before = state.session.coding(view.quotes[view.highlighted]) else { return [] }
        guard let place = before.codes.firstIndex(of: view.code) else {
            state.notice = Notice(text: "this quote counts for \(state.name(view.code)) through a code below it; it has no \(state.name(view.code)) of its own", kind: .warning)
            return []
        }
        let target = subcodes[number - 1]
        var after = before
        after.codes.remove(at: place)
        if !after.codes.contains(target) { after.codes.insert(target, at: place) }
        after.modified = state.environment.now()
        view.highlighted = min(view.quotes.count - 1, view.highlighted + 1)
        state.overlay = .codeView(view)
        return [.persist([.coding(id: before.id, before: before, after: after)],
                         label: "move \(describe(before.span, chat: before.chat)) from \(state.path(view.code)) to \(state.path(target))")]
    }
}
