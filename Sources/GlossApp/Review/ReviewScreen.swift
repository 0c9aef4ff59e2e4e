import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The review meeting as a program for the one runtime: the agenda of disagreements and proposed codes,
/// a decision per key, every decision written at once (by `ReviewRunner`) to the consensus session and the
/// decision log. The coders' own sessions are only read.
public enum ReviewScreen: ScreenProgram {
    public typealias State = ReviewState

    public static func update(_ state: inout ReviewState, _ message: ReviewMessage) -> [ReviewEffect] {
        var effects = handle(&state, message)
        // The item's chat is read by an effect: ask for it once.
        if let id = state.itemChat, state.chat?.id != id, state.requestedChat != id {
            state.requestedChat = id
            effects.append(.loadChat(id))
        }
        return effects
    }

    static func handle(_ state: inout ReviewState, _ message: ReviewMessage) -> [ReviewEffect] {
        switch message {
        case .key(let key):
            if key == .resize { return [] }
            state.notice = nil
            if let overlay = state.overlay { return handleOverlay(overlay, key, &state) }
            return handleKey(key, &state)
        case .resized(let width, let height):
            state.width = width
            state.height = height
            return []
        case .idle:
            return [.checkpoint]
        case .decided(let item, let record, let consensus, let codebook):
            let before = state.consensus
            state.consensus = consensus
            state.saveError = nil
            if let codebook { replaceCodebook(codebook, &state, dropProposal: record.codeID) }
            state.decided[item] = record
            // An item decided again keeps its earlier decision below this one: `u` goes back to it.
            state.decisionOrder.append(item)
            state.pendingNote = nil
            let changed = ReviewChangeSummary.text(record, before: before, after: consensus, name: { state.name($0) })
            state.notice = nil
            moveToNextUndecided(after: state.position, &state)
            // What the decision changed, so a wrong key is seen at once (and `u` takes it back).
            state.notice = Notice(text: changed + (state.notice.map { " · " + $0.text } ?? ""), kind: .info)
        case .logged(let record):
            state.saveError = nil
            switch record.kind {
            case .skip: moveToNextUndecided(after: state.position, &state)
            case .note:
                state.pendingNote = record.note
                state.notice = Notice(text: "note kept; it goes with the next decision", kind: .info)
            default: break
            }
        case .undone(let item, let consensus, let codebook, let earlier):
            state.consensus = consensus
            state.saveError = nil
            if let codebook {
                state.project.codebook = codebook
                state.hierarchy = CodeHierarchy(codebook: codebook, sessions: [state.a, state.b, consensus])
            }
            if state.decisionOrder.last == item { state.decisionOrder.removeLast() }
            // The item's earlier decision, if it was decided more than once, is in force again.
            state.decided[item] = earlier
            if let index = state.agenda.firstIndex(where: { $0.key == item }) { state.position = index }
            state.notice = Notice(text: "undid the decision on \(describe(item, state))", kind: .info)
        case .chatLoaded(let chat):
            if state.requestedChat == chat.id { state.requestedChat = nil }
            state.chat = chat
        case .chatUnreadable(let id, let reason):
            if state.requestedChat == id { state.requestedChat = nil }
            state.notice = Notice(text: reason, kind: .error)
        case .ruleAdded(let code, let codebook):
            replaceCodebook(codebook, &state, dropProposal: nil)
            state.notice = Notice(text: "rule added to \(state.name(code)) in the codebook", kind: .info)
        case .failed(let reason, let consensus, let codebook):
            state.consensus = consensus
            state.saveError = reason
            if codebook != state.project.codebook { replaceCodebook(codebook, &state, dropProposal: nil) }
            state.notice = Notice(text: reason, kind: .error)
        }
        return []
    }

    public static func view(_ state: ReviewState, theme: Theme) -> ScreenBuffer { ReviewView.render(state, theme: theme) }
    public static func key(_ key: Key) -> ReviewMessage { .key(key) }
    public static func resized(width: Int, height: Int) -> ReviewMessage { .resized(width: width, height: height) }
    public static var idle: ReviewMessage { .idle }
    public static func outcome(of effect: ReviewEffect) -> ProgramOutcome? {
        switch effect {
        case .quit: return .quit
        case .suspend: return .suspend
        default: return nil
        }
    }

    static func replaceCodebook(_ codebook: Codebook, _ state: inout ReviewState, dropProposal: CodeID?) {
        state.project.codebook = codebook
        // An accepted proposal is a shared code now: it leaves the proposals.
        let proposed = state.hierarchy.proposed.filter { !codebook.contains($0.key) }
        state.hierarchy = CodeHierarchy(codebook: codebook, proposed: proposed)
    }

    // MARK: Keys

    static func handleKey(_ key: Key, _ state: inout ReviewState) -> [ReviewEffect] {
        guard case .action(let action) = Keymap.match([key], in: state.contexts) else {
            let hints = Keymap.hints(for: state.contexts)
            state.notice = Notice(text: hints, kind: .info)
            return []
        }
        switch action {
        case .quit:
            state.quitRequested = true
            return [.quit]
        case .suspend: return [.suspend]
        case .help: state.overlay = .help(scroll: 0)
        case .moveDown: state.position = min(state.agenda.count - 1, state.position + 1)
        case .moveUp: state.position = max(0, state.position - 1)
        case .skip:
            guard let item = state.item else { return [] }
            var record = DecisionRecord(kind: .skip, time: state.environment.now())
            record.item = item.key
            return [.log(record)]
        case .undo: return undo(&state)
        case .note:
            state.overlay = .prompt(.note, label: "Note: ", field: TextField(state.pendingNote ?? ""))
        case .takeA, .takeB, .keepBoth, .keepNeither:
            if case .attribute(let chat, let variable)? = state.item {
                let decision: Review.Decision = action == .takeA ? .takeA : action == .takeB ? .takeB : action == .keepBoth ? .keepBoth : .keepNeither
                return decideAttribute(decision, chat: chat, variable: variable, &state)
            }
            let decision: Review.Decision = action == .takeA ? .takeA : action == .takeB ? .takeB : action == .keepBoth ? .keepBoth : .keepNeither
            return decide(decision, &state)
        case .editDecision:
            if case .attribute? = state.item {
                state.notice = Notice(text: "a case attribute keeps A's value, B's, or neither (then the header's or imported value counts)", kind: .warning)
                return []
            }
            state.overlay = .picker(.editCode, field: TextField(), matches: CodeSearch.matches("", in: state.hierarchy), highlighted: 0)
        case .addRule:
            guard let code = ruleCode(state) else { return [] }
            guard state.project.codebook.contains(code) else {
                state.notice = Notice(text: "rules go on shared codes; this one is a proposal", kind: .warning)
                return []
            }
            state.overlay = .prompt(.rule(code), label: "Rule for \(state.name(code)): ", field: TextField())
        case .accept, .reject:
            guard case .proposal(let code)? = state.item else { return [] }
            return decideProposal(action == .accept ? .accept : .reject, code: code, &state)
        case .renameAndAccept:
            guard case .proposal(let code)? = state.item else { return [] }
            state.overlay = .prompt(.rename(code), label: "Accept as (new name): ", field: TextField(state.name(code)))
        case .mergeInto:
            guard case .proposal(let code)? = state.item else { return [] }
            state.overlay = .picker(.mergeInto(code), field: TextField(), matches: CodeSearch.matches("", in: state.hierarchy), highlighted: 0)
        default: break
        }
        return []
    }

    /// The code a rule (`r`) goes on: the item's code; for a "different" pair, the parent both codes share
    /// (the rule that tells them apart), or A's code when the parent is not a shared code.
    static func ruleCode(_ state: ReviewState) -> CodeID? {
        switch state.item {
        case .disagreement(_, let code)?, .spans(_, let code)?: return code
        case .different(_, let a, _)?:
            if let parent = state.hierarchy.code(a)?.parent, state.project.codebook.contains(parent) { return parent }
            return a
        default: return nil
        }
    }

    /// A decision on the disagreement on screen (a chat × code, a "different" pair, or differing spans). When
    /// it would lose what both coders had (`ReviewLoss`), it waits for `y` in a confirmation instead.
    static func decide(_ decision: Review.Decision, editedCode: CodeID? = nil, _ state: inout ReviewState) -> [ReviewEffect] {
        guard let item = state.item else { return [] }
        let chat: String, code: CodeID, pair: CodeID?
        switch item {
        case .disagreement(let c, let x), .spans(let c, let x): (chat, code, pair) = (c, x, nil)
        case .different(let c, let x, let y): (chat, code, pair) = (c, x, y)
        case .proposal, .attribute: return []
        }
        var changes: [SessionChange]
        if let pair {
            changes = Review.changes(for: decision, chat: chat, pair: code, pair, a: state.a, b: state.b, consensus: state.consensus,
                                     coder: state.into, editedCode: editedCode, stamp: state.environment.stamp)
        } else {
            changes = Review.changes(for: decision, chat: chat, code: code, a: state.a, b: state.b, consensus: state.consensus,
                                     coder: state.into, editedCode: editedCode, stamp: state.environment.stamp)
        }
        changes = proposalsNeeded(for: changes, state) + changes
        let status = state.consensus.status(of: chat)
        var record = DecisionRecord(kind: .decision, time: state.environment.now())
        record.item = item.key
        record.present = state.present
        record.chat = chat
        record.code = state.path(code)
        record.codeID = code
        record.decision = decision.rawValue
        record.note = state.pendingNote
        if let editedCode { record.otherCode = state.path(editedCode) }
        let event = state.agreement.disagreements.first { $0.chat == chat && ($0.code == code || $0.otherCode == code) }
        if case .spans = item {
            record.disagreement = "spans"
        } else if let pair {
            record.disagreement = Agreement.DisagreementKind.different.rawValue
            record.otherCode = state.path(pair)
            if let editedCode { record.editedCode = state.path(editedCode) }
        } else if let event {
            record.disagreement = event.kind.rawValue
            let aHas = !Review.quotes(state.a, chat: chat, code: code).isEmpty
            record.only = aHas ? state.coders[0] : state.coders[1]
            if event.kind == .different, record.otherCode == nil {
                record.otherCode = (event.code == code ? event.otherCode : event.code).map { state.path($0) }
            }
        }
        let effect = ReviewEffect.decide(item: item.key, changes: changes, unchanged: .status(chat: chat, before: status, after: status), record: record, accept: nil)
        guard decision != .edited else { return [effect] }  // another code takes the quotes: nothing is lost
        var after = state.consensus
        after.apply(changes)
        let losses = ReviewLoss.losses(chat: chat, codes: Set([code] + (pair.map { [$0] } ?? [])), a: state.a, b: state.b,
                                       before: state.consensus, after: after)
        guard !losses.isEmpty else { return [effect] }
        state.overlay = .confirm(effect, question: question(for: losses, chat: chat, state))
        return []
    }

    /// "This leaves chat-01 #9 with no code, though both coders coded it. Decide anyway? y yes · n no".
    static func question(for losses: [ReviewLoss], chat: String, _ state: ReviewState) -> String {
        let said = losses.prefix(3).map { loss -> String in
            switch loss {
            case .codeBothApplied(let code): return "removes \(state.name(code)) from \(chat), which both coders applied"
            case .passageUncoded(let span):
                let place = span.from.message == span.to.message || (span.to.message == span.from.message + 1 && span.to.offset == 0)
                    ? "#\(span.from.message)" : "#\(span.from.message)–\(span.to.message)"
                return "leaves \(chat) \(place) with no code, though both coders coded it"
            }
        }
        let more = losses.count > 3 ? " (and \(losses.count - 3) more)" : ""
        return "This " + said.joined(separator: "; ") + more + ". Decide anyway?"
    }

    /// A decision on an entered case attribute: the consensus keeps A's entry, B's, or none.
    static func decideAttribute(_ decision: Review.Decision, chat: String, variable: String, _ state: inout ReviewState) -> [ReviewEffect] {
        guard let item = state.item,
              let change = Review.attributeChange(for: decision, chat: chat, variable: variable, a: state.a, b: state.b, consensus: state.consensus)
        else {
            state.notice = Notice(text: "a case has one value: take A's (a), B's (b), or neither (0: the header's or imported value counts)", kind: .warning)
            return []
        }
        var record = DecisionRecord(kind: .decision, time: state.environment.now())
        record.item = item.key
        record.present = state.present
        record.chat = chat
        record.code = variable
        record.disagreement = "attribute"
        record.decision = decision.rawValue
        record.note = state.pendingNote
        let status = state.consensus.status(of: chat)
        let changes = change.inverse == change ? [] : [change]
        return [.decide(item: item.key, changes: changes, unchanged: .status(chat: chat, before: status, after: status), record: record, accept: nil)]
    }

    static func decideProposal(_ decision: Review.ProposalDecision, code: CodeID, newName: String? = nil, target: CodeID? = nil,
                               _ state: inout ReviewState) -> [ReviewEffect] {
        guard let item = state.item, var proposal = state.hierarchy.code(code) else { return [] }
        var changes: [SessionChange] = []
        var accept: Code?
        let stale = state.consensus.proposedCodes[code].map { SessionChange.proposal(id: code, before: $0, after: nil) }
        switch decision {
        case .accept, .rename:
            if let newName { proposal.name = newName }
            // Codings that use it must be able to reach it: the consensus takes the quotes of whoever proposed it.
            accept = proposal
        case .merge:
            guard let target else { return [] }
            changes = Review.replace(code, by: target, in: state.consensus)
        case .reject:
            changes = Review.replace(code, by: nil, in: state.consensus)
        }
        if let stale { changes.append(stale) }
        let proposed = state.consensus.proposedCodes[code]
        var record = DecisionRecord(kind: .decision, time: state.environment.now())
        record.item = item.key
        record.present = state.present
        record.code = state.path(code)
        record.codeID = code
        record.disagreement = "proposal"
        record.decision = decision.rawValue
        record.note = state.pendingNote
        if let target { record.otherCode = state.path(target) }
        if let newName { record.otherCode = newName }
        return [.decide(item: item.key, changes: changes, unchanged: .proposal(id: code, before: proposed, after: proposed), record: record, accept: accept)]
    }

    /// A proposed code that a decision puts into the consensus must exist there too.
    static func proposalsNeeded(for changes: [SessionChange], _ state: ReviewState) -> [SessionChange] {
        var needed: [CodeID: Code] = [:]
        for case .coding(_, _, let after?) in changes {
            for code in after.codes where !state.project.codebook.contains(code) && state.consensus.proposedCodes[code] == nil {
                if let proposal = state.a.proposedCodes[code] ?? state.b.proposedCodes[code] { needed[code] = proposal }
            }
        }
        return needed.sorted { $0.key < $1.key }.map { .proposal(id: $0.key, before: nil, after: $0.value) }
    }

    static func moveToNextUndecided(after index: Int, _ state: inout ReviewState) {
        let count = state.agenda.count
        guard count > 0 else { return }
        for step in 1...count {
            let candidate = (index + step) % count
            if state.decided[state.agenda[candidate].key] == nil {
                state.position = candidate
                return
            }
        }
        state.notice = Notice(text: "every item is decided; q ends the meeting (gloss review --summary prints what was decided)", kind: .info)
    }

    static func undo(_ state: inout ReviewState) -> [ReviewEffect] {
        guard let key = state.decisionOrder.last else {
            state.notice = Notice(text: "no decision to undo", kind: .info)
            return []
        }
        let undone = state.decided[key]
        var withdraw: CodeID?
        if undone?.disagreement == "proposal", let decision = undone?.decision, decision == "accept" || decision == "rename",
           let code = undone?.codeID, state.project.codebook.contains(code) {
            // The accept put the code into the shared codebook: take it back out, so it is a proposal again.
            withdraw = code
        }
        var record = DecisionRecord(kind: .undo, time: state.environment.now())
        record.item = key
        return [.undo(item: key, withdraw: withdraw, record: record)]
    }

    /// "chat-01 Dwangmiddel > Bedreiging" for an agenda key.
    static func describe(_ key: String, _ state: ReviewState) -> String {
        guard let item = state.agenda.first(where: { $0.key == key }) else { return key }
        switch item {
        case .disagreement(let chat, let code), .spans(let chat, let code): return "\(chat) \(state.path(code))"
        case .different(let chat, let a, let b): return "\(chat) \(state.path(a)) (A) / \(state.name(b)) (B)"
        case .proposal(let code): return "the proposed code \(state.path(code))"
        case .attribute(let chat, let variable): return "\(chat) case attribute \(variable)"
        }
    }

    // MARK: Overlays

    static func handleOverlay(_ overlay: ReviewOverlay, _ key: Key, _ state: inout ReviewState) -> [ReviewEffect] {
        switch overlay {
        case .confirm(let effect, _):
            state.overlay = nil
            if case .action(.confirm) = Keymap.match([key], in: [.reviewConfirm]) { return [effect] }
            state.notice = Notice(text: "not decided; the consensus is as it was", kind: .info)
            return []
        case .help(let scroll):
            let last = max(0, KeyReference.fit(KeyReference.lines(for: .review), width: OverlayView.helpBox(width: state.width, height: state.height).inset(1).width).count
                              - OverlayView.helpBox(width: state.width, height: state.height).inset(1).height)
            switch Keymap.match([key], in: [.reviewHelp]) {
            case .action(.moveDown): state.overlay = .help(scroll: min(last, scroll + 1))
            case .action(.moveUp): state.overlay = .help(scroll: max(0, scroll - 1))
            default: state.overlay = nil  // close, and any other key
            }
            return []
        case .prompt(let purpose, let label, var field):
            switch Keymap.match([key], in: [.reviewPrompt]) {
            case .action(.cancel):
                state.overlay = nil
            case .action(.confirm):
                state.overlay = nil
                let text = field.text.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { return [] }
                switch purpose {
                case .note:
                    var record = DecisionRecord(kind: .note, time: state.environment.now())
                    record.item = state.item?.key
                    record.note = text
                    return [.log(record)]
                case .rule(let code):
                    var record = DecisionRecord(kind: .rule, time: state.environment.now())
                    record.item = state.item?.key
                    record.code = state.path(code)
                    record.codeID = code
                    record.note = text
                    return [.addRule(text, code: code, record: record)]
                case .rename(let code): return decideProposal(.rename, code: code, newName: text, &state)
                case .editCode, .mergeInto: return []
                }
            default:
                _ = field.handle(key)
                state.overlay = .prompt(purpose, label: label, field: field)
            }
            return []
        case .picker(let purpose, var field, var matches, var highlighted):
            switch Keymap.match([key], in: [.reviewPicker]) {
            case .action(.cancel):
                state.overlay = nil
                return []
            case .action(.moveDown): highlighted = min(max(0, matches.count - 1), highlighted + 1)
            case .action(.moveUp): highlighted = max(0, highlighted - 1)
            case .action(.confirm):
                state.overlay = nil
                guard matches.indices.contains(highlighted) else { return [] }
                let chosen = matches[highlighted]
                switch (purpose, state.item) {
                case (.editCode, .disagreement?), (.editCode, .spans?), (.editCode, .different?):
                    return decide(.edited, editedCode: chosen, &state)
                case (.mergeInto(let code), _):
                    return decideProposal(.merge, code: code, target: chosen, &state)
                default: return []
                }
            default:
                if field.handle(key) {
                    matches = CodeSearch.matches(field.text, in: state.hierarchy)
                    highlighted = 0
                }
            }
            state.overlay = .picker(purpose, field: field, matches: matches, highlighted: highlighted)
            return []
        }
    }
}
