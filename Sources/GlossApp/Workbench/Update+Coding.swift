import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

extension Update {
    /// "chat-03 #4" or "chat-03 #4–5", for journal labels and notices.
    static func describe(_ span: Span, chat: String) -> String {
        span.from.message == span.to.message ? "\(chat) #\(span.from.message)" : "\(chat) #\(span.from.message)–\(span.to.message)"
    }

    /// The changes that put `code` on `target`: a new quote, or one more code on the quote with that span.
    /// Returns nil (with a notice) when there is nothing to do.
    static func codingChanges(_ code: CodeID, on target: PickerTarget, _ state: inout AppState) -> (changes: [SessionChange], coding: CodingID, label: String)? {
        let now = state.environment.now()
        switch target {
        case .span(let chatID, let span):
            guard let chat = state.chat, chat.id == chatID, chat.problem(with: span) == nil else {
                state.notice = Notice(text: "nothing to code here: the span is empty", kind: .info)
                return nil
            }
            var changes: [SessionChange] = []
            let codingID: CodingID
            if let existing = state.session.coding(in: chatID, span: span) {
                guard let added = adding(code, to: existing, at: now, &state) else { return nil }
                changes.append(added)
                codingID = existing.id
            } else {
                let coding = Coding(id: state.environment.codingID(), chat: chatID, span: span, codes: [code], text: chat.text(of: span), coder: state.coder, created: now)
                changes.append(.coding(id: coding.id, before: nil, after: coding))
                codingID = coding.id
            }
            if state.session.status(of: chatID) == .notStarted {
                changes.append(.status(chat: chatID, before: .notStarted, after: .inProgress))
            }
            return (changes, codingID, "code \(describe(span, chat: chatID)) as \(state.path(code))")
        case .addTo(let id):
            guard let existing = state.session.coding(id), let added = adding(code, to: existing, at: now, &state) else { return nil }
            return ([added], id, "add \(state.path(code)) to \(describe(existing.span, chat: existing.chat))")
        case .removeFrom(let id):
            guard let existing = state.session.coding(id), existing.codes.contains(code) else { return nil }
            var after = existing
            after.codes.removeAll { $0 == code }
            after.modified = now
            let label = "remove \(state.path(code)) from \(describe(existing.span, chat: existing.chat))"
            if after.codes.isEmpty { return ([.coding(id: id, before: existing, after: nil)], id, label) }
            if after.codes.count < 2 { after.relation = nil }
            return ([.coding(id: id, before: existing, after: after)], id, label)
        }
    }

    /// One more code on an existing quote (double coding); nil, with a notice, when it already has it.
    static func adding(_ code: CodeID, to existing: Coding, at now: Date, _ state: inout AppState) -> SessionChange? {
        guard !existing.codes.contains(code) else {
            state.notice = Notice(text: "this quote already has \(state.name(code))", kind: .info)
            return nil
        }
        var after = existing
        after.codes.append(code)
        after.modified = now
        return .coding(id: existing.id, before: existing, after: after)
    }

    /// Applies a code to a target and remembers it among the recent codes.
    static func apply(_ code: CodeID, to target: PickerTarget, _ state: inout AppState, extra: [SessionChange] = []) -> [WorkbenchEffect] {
        guard let (changes, codingID, label) = codingChanges(code, on: target, &state) else { return [] }
        state.selection = nil
        state.currentQuote = codingID
        if case .removeFrom = target {} else { remember(code, &state) }
        if case .addTo(let id) = target {
            // Double coding: ask for the relation between the codes next.
            let current = state.session.coding(id)?.relation ?? ""
            state.overlay = .prompt(PromptState(purpose: .relation(id), label: "Relation between the codes (Enter = none): ",
                                                field: TextField(current), completions: state.usedRelations))
        }
        return [.persist(extra + changes, label: label)]
    }

    static func remember(_ code: CodeID, _ state: inout AppState) {
        state.recentCodes.removeAll { $0 == code }
        state.recentCodes.insert(code, at: 0)
        if state.recentCodes.count > 9 { state.recentCodes.removeLast(state.recentCodes.count - 9) }
    }

    static func applyRecent(_ number: Int, _ state: inout AppState) -> [WorkbenchEffect] {
        guard state.recentCodes.indices.contains(number - 1) else {
            state.notice = Notice(text: "no recent code \(number) yet: codes you apply are numbered 1–9", kind: .info)
            return []
        }
        let code = state.recentCodes[number - 1]
        if state.focus == .codebook { state.focus = .transcript }
        guard let target = selectionTarget(state) else { return [] }
        return apply(code, to: target, &state)
    }

    static func removeCode(_ code: CodeID, from quote: Coding, _ state: inout AppState) -> [WorkbenchEffect] {
        apply(code, to: .removeFrom(quote.id), &state)
    }

    static func openPicker(_ target: PickerTarget, _ state: inout AppState) {
        var picker = PickerState(target: target)
        refreshPicker(&picker, state)
        state.overlay = .picker(picker)
    }

    static func refreshPicker(_ picker: inout PickerState, _ state: AppState) {
        if case .removeFrom(let id) = picker.target {
            let codes = state.session.coding(id)?.codes ?? []
            let query = CodeSearch.fold(picker.field.text)
            picker.matches = codes.filter { query.isEmpty || CodeSearch.fold(state.path($0)).contains(query) }
        } else {
            let previous = picker.matches.indices.contains(picker.highlighted) ? picker.matches[picker.highlighted] : nil
            picker.matches = CodeSearch.matches(picker.field.text, in: state.hierarchy)
            if picker.field.text.isEmpty {
                // Before typing, the recent codes come first (most recent on top): Enter applies the last one.
                let recent = state.recentCodes.filter { state.hierarchy.code($0) != nil }
                picker.matches = recent + picker.matches.filter { !recent.contains($0) }
            }
            if picker.matches.isEmpty, picker.newCodeParent == nil, let previous {
                // A new code goes where the coder was looking: the category of the last highlighted code.
                picker.newCodeParent = state.hierarchy.children(of: previous).isEmpty ? state.hierarchy.code(previous)?.parent : previous
            }
            if !picker.matches.isEmpty { picker.newCodeParent = nil }
        }
        picker.highlighted = 0
    }
}
