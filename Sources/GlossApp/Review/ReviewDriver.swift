import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// Runs a review meeting: every decision is written at once to the consensus session (a normal session,
/// journalled, so `u` is a real undo) and to the decision log. The sessions of A and B are only read.
public final class ReviewDriver {
    public private(set) var state: ReviewState
    public let store: SessionStore
    public let log: DecisionLog
    public var theme: Theme
    public let resumed: Bool

    public init(projectRoot: URL, coders: [String], into: String, present: [String], prefer: String? = nil,
                segments: Bool = false, threshold: Int = 90, width: Int = 100, height: Int = 30, theme: Theme = .fallback) throws {
        guard coders.count == 2 else { throw GlossError("a review needs two coders") }
        guard !coders.contains(into) else { throw GlossError("the consensus session must not be one of the coders' own (\(into)); their sessions are never changed") }
        let project = try Project.load(projectRoot)
        let a = try project.readSession(coders[0]), b = try project.readSession(coders[1])
        let agreement = Agreement(a, b, codebook: project.codebook, chats: project.summaries, threshold: threshold)
        store = try SessionStore(projectRoot: projectRoot, coder: into, codebookRevision: project.codebook.revision)
        var start = DecisionRecord(kind: .start)
        start.coders = coders
        start.into = into
        start.present = present
        start.prefer = prefer ?? coders[0]
        (log, resumed) = try DecisionLog.openOrCreate(projectRoot: projectRoot, a: coders[0], b: coders[1], into: into, start: start)
        let hierarchy = CodeHierarchy(codebook: project.codebook, sessions: [a, b, store.session])
        let agenda = Review.agenda(agreement, a: a, b: b, hierarchy: hierarchy, segments: segments, chats: project.summaries)
        self.theme = theme
        var order: [String] = []
        for record in log.records {
            guard let item = record.item else { continue }
            if record.kind == .decision { order.append(item) }
            if record.kind == .undo, let index = order.lastIndex(of: item) { order.remove(at: index) }
        }
        state = ReviewState(project: project, a: a, b: b, coders: coders, into: into, present: present, consensus: store.session,
                            hierarchy: hierarchy, agreement: agreement, agenda: agenda, decided: log.decided, decisionOrder: order,
                            width: width, height: height)
        if !log.records.contains(where: { $0.kind == .seeded }) {
            let preferB = (prefer ?? coders[0]) == coders[1]
            let seed = Review.seedConsensus(store.session, agreement: agreement, preferred: preferB ? b : a, other: preferB ? a : b, into: into)
            // A proposed code both applied comes along with its definition, as with a decision.
            try store.perform(proposalsNeeded(for: seed) + seed, label: "review: copy the agreements of \(coders[0]) and \(coders[1])")
            try log.append(DecisionRecord(kind: .seeded))
            state.consensus = store.session
        }
        state.position = agenda.firstIndex { state.decided[$0.key] == nil } ?? 0
        if resumed { state.notice = Notice(text: "resumed: \(state.decided.count) decided, \(state.left) left", kind: .info) }
        // A damaged decision log was recovered (the records before the damage) and kept aside: say so.
        if let note = log.notes.last { state.notice = Notice(text: note, kind: .warning) }
    }

    public func render() -> ScreenBuffer { ReviewView.render(state, theme: theme) }

    public func resize(width: Int, height: Int) {
        state.width = width
        state.height = height
    }

    /// Writes the consensus session and releases its lock.
    public func close() throws { try store.close() }

    /// Handles one key; returns true when the meeting should end.
    @discardableResult
    public func send(_ key: Key) -> Bool {
        state.notice = nil
        do {
            if let overlay = state.overlay { try handleOverlay(overlay, key) } else { try handleKey(key) }
        } catch {
            state.notice = Notice(text: "\(error)", kind: .error)
        }
        return state.quitRequested
    }

    public func send(_ keys: [Key]) { for key in keys { send(key) } }

    // MARK: Keys

    private func handleKey(_ key: Key) throws {
        switch key {
        case .char("q"), .ctrl("c"): state.quitRequested = true
        case .char("?"): state.overlay = .help
        case .char("j"), .down, .char("]"): state.position = min(state.agenda.count - 1, state.position + 1)
        case .char("k"), .up, .char("["): state.position = max(0, state.position - 1)
        case .char("s"):
            guard let item = state.item else { return }
            var record = DecisionRecord(kind: .skip)
            record.item = item.key
            try log.append(record)
            moveToNextUndecided(after: state.position)
        case .char("u"): try undo()
        case .char("n"):
            state.overlay = .prompt(.note, label: "Note: ", field: TextField(state.pendingNote ?? ""))
        default:
            switch state.item {
            case .disagreement(let chat, let code)?, .spans(let chat, let code)?: try handleDisagreement(key, chat: chat, code: code)
            case .proposal(let code)?: try handleProposal(key, code: code)
            case nil: break
            }
        }
    }

    private func handleDisagreement(_ key: Key, chat: String, code: CodeID) throws {
        let decision: Review.Decision
        switch key {
        case .char("a"): decision = .takeA
        case .char("b"): decision = .takeB
        case .char("2"): decision = .keepBoth
        case .char("0"): decision = .keepNeither
        case .char("e"):
            state.overlay = .picker(.editCode, field: TextField(), matches: CodeSearch.matches("", in: state.hierarchy), highlighted: 0)
            return
        case .char("r"):
            guard state.project.codebook.contains(code) else {
                state.notice = Notice(text: "rules go on shared codes; this one is a proposal", kind: .warning)
                return
            }
            state.overlay = .prompt(.rule(code), label: "Rule for \(state.name(code)): ", field: TextField())
            return
        default:
            state.notice = Notice(text: "a, b, 2, 0, e decide · n note · r rule · s skip · u undo · ? help", kind: .info)
            return
        }
        try decide(decision, chat: chat, code: code)
    }

    private func decide(_ decision: Review.Decision, chat: String, code: CodeID, editedCode: CodeID? = nil) throws {
        guard let item = state.item else { return }
        var changes = Review.changes(for: decision, chat: chat, code: code, a: state.a, b: state.b, consensus: store.session,
                                     coder: state.into, editedCode: editedCode)
        changes = proposalsNeeded(for: changes) + changes
        let status = store.session.status(of: chat)
        try perform(changes, item: item.key, unchanged: .status(chat: chat, before: status, after: status))
        var record = DecisionRecord(kind: .decision)
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
        } else if let event {
            record.disagreement = event.kind.rawValue
            let aHas = !Review.quotes(state.a, chat: chat, code: code).isEmpty
            record.only = aHas ? state.coders[0] : state.coders[1]
            if event.kind == .different, record.otherCode == nil {
                record.otherCode = (event.code == code ? event.otherCode : event.code).map { state.path($0) }
            }
        }
        try appendOrUndo(record)
        finishDecision(item.key, record)
    }

    private func handleProposal(_ key: Key, code: CodeID) throws {
        switch key {
        case .char("a"): try decideProposal(.accept, code: code)
        case .char("x"): try decideProposal(.reject, code: code)
        case .char("r"):
            state.overlay = .prompt(.rename(code), label: "Accept as (new name): ", field: TextField(state.name(code)))
        case .char("m"):
            state.overlay = .picker(.mergeInto(code), field: TextField(), matches: CodeSearch.matches("", in: state.hierarchy), highlighted: 0)
        default:
            state.notice = Notice(text: "a accept · r rename and accept · m merge into a code · x reject · s skip · u undo", kind: .info)
        }
    }

    private func decideProposal(_ decision: Review.ProposalDecision, code: CodeID, newName: String? = nil, target: CodeID? = nil) throws {
        guard let item = state.item, var proposal = state.hierarchy.code(code) else { return }
        var changes: [SessionChange] = []
        switch decision {
        case .accept, .rename:
            if let newName { proposal.name = newName }
            // Codings that use it must be able to reach it: the consensus takes the quotes of whoever proposed it.
            try state.project.acceptProposal(proposal, by: state.present.first ?? state.into)
            state.hierarchy = CodeHierarchy(codebook: state.project.codebook, proposed: state.hierarchy.proposed.filter { $0.key != code })
            if let stale = store.session.proposedCodes[code] { changes.append(.proposal(id: code, before: stale, after: nil)) }
        case .merge:
            guard let target else { return }
            changes = Review.replace(code, by: target, in: store.session)
            if let stale = store.session.proposedCodes[code] { changes.append(.proposal(id: code, before: stale, after: nil)) }
        case .reject:
            changes = Review.replace(code, by: nil, in: store.session)
            if let stale = store.session.proposedCodes[code] { changes.append(.proposal(id: code, before: stale, after: nil)) }
        }
        let proposed = store.session.proposedCodes[code]
        try perform(changes, item: item.key, unchanged: .proposal(id: code, before: proposed, after: proposed))
        var record = DecisionRecord(kind: .decision)
        record.item = item.key
        record.present = state.present
        record.code = state.path(code)
        record.codeID = code
        record.disagreement = "proposal"
        record.decision = decision.rawValue
        record.note = state.pendingNote
        if let target { record.otherCode = state.path(target) }
        if let newName { record.otherCode = newName }
        try appendOrUndo(record)
        finishDecision(item.key, record)
    }

    /// Journals a decision as one action of the consensus session labelled `review <item>`, the action `u`
    /// takes back. A decision that changes nothing in the consensus (taking the absence of a code it does not
    /// have, accepting a proposal nobody used there) is journalled as `unchanged`, a change that leaves the
    /// session as it is: without an action of its own, `u` would find the previous decision's action (or the
    /// seed) on top of the journal and refuse.
    private func perform(_ changes: [SessionChange], item: String, unchanged: SessionChange) throws {
        try store.perform(changes.isEmpty ? [unchanged] : changes, label: "review \(item)")
    }

    /// A proposed code that a decision puts into the consensus must exist there too.
    private func proposalsNeeded(for changes: [SessionChange]) -> [SessionChange] {
        var needed: [CodeID: Code] = [:]
        for case .coding(_, _, let after?) in changes {
            for code in after.codes where !state.project.codebook.contains(code) && store.session.proposedCodes[code] == nil {
                if let proposal = state.a.proposedCodes[code] ?? state.b.proposedCodes[code] { needed[code] = proposal }
            }
        }
        return needed.sorted { $0.key < $1.key }.map { .proposal(id: $0.key, before: nil, after: $0.value) }
    }

    /// Writes a decision's log record; if that fails, takes the decision's consensus action back, so the
    /// session and the log never disagree (and `u` keeps working).
    private func appendOrUndo(_ record: DecisionRecord) throws {
        do {
            try log.append(record)
        } catch {
            _ = try? store.undo()
            state.consensus = store.session
            throw error
        }
    }

    private func finishDecision(_ key: String, _ record: DecisionRecord) {
        state.consensus = store.session
        state.decided[key] = record
        // An item decided again keeps its earlier decision below this one: `u` goes back to it.
        state.decisionOrder.append(key)
        state.pendingNote = nil
        moveToNextUndecided(after: state.position)
    }

    private func moveToNextUndecided(after index: Int) {
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

    private func undo() throws {
        guard let key = state.decisionOrder.last else {
            state.notice = Notice(text: "no decision to undo", kind: .info)
            return
        }
        guard store.undoLabel == "review \(key)" else {
            throw GlossError(file: store.snapshotURL.path, "the consensus session changed outside this meeting; undo the decision there")
        }
        let undone = state.decided[key]
        try store.undo()
        if undone?.disagreement == "proposal", let decision = undone?.decision, decision == "accept" || decision == "rename",
           let code = undone?.codeID, state.project.codebook.contains(code) {
            // The accept put the code into the shared codebook: take it back out, so it is a proposal again.
            try state.project.withdrawCode(code, by: state.present.first ?? state.into)
            state.hierarchy = CodeHierarchy(codebook: state.project.codebook, sessions: [state.a, state.b, store.session])
        }
        var record = DecisionRecord(kind: .undo)
        record.item = key
        try log.append(record)
        state.consensus = store.session
        state.decisionOrder.removeLast()
        // The item's earlier decision, if it was decided more than once, is in force again (the consensus
        // is back to it too).
        state.decided[key] = log.decided[key]
        if let index = state.agenda.firstIndex(where: { $0.key == key }) { state.position = index }
        let what = describe(key)
        state.notice = Notice(text: "undid the decision on \(what)", kind: .info)
    }

    /// "chat-01 Dwangmiddel > Bedreiging" for an agenda key.
    private func describe(_ key: String) -> String {
        guard let item = state.agenda.first(where: { $0.key == key }) else { return key }
        switch item {
        case .disagreement(let chat, let code), .spans(let chat, let code): return "\(chat) \(state.path(code))"
        case .proposal(let code): return "the proposed code \(state.path(code))"
        }
    }

    // MARK: Overlays

    private func handleOverlay(_ overlay: ReviewOverlay, _ key: Key) throws {
        switch overlay {
        case .help:
            state.overlay = nil
        case .prompt(let purpose, let label, var field):
            switch key {
            case .escape: state.overlay = nil
            case .enter:
                state.overlay = nil
                let text = field.text.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { return }
                switch purpose {
                case .note:
                    state.pendingNote = text
                    var record = DecisionRecord(kind: .note)
                    record.item = state.item?.key
                    record.note = text
                    try log.append(record)
                    state.notice = Notice(text: "note kept; it goes with the next decision", kind: .info)
                case .rule(let code):
                    try state.project.addRule(text, to: code, by: state.present.first ?? state.into)
                    state.hierarchy = CodeHierarchy(codebook: state.project.codebook, proposed: state.hierarchy.proposed)
                    var record = DecisionRecord(kind: .rule)
                    record.item = state.item?.key
                    record.code = state.path(code)
                    record.codeID = code
                    record.note = text
                    try log.append(record)
                    state.notice = Notice(text: "rule added to \(state.name(code)) in the codebook", kind: .info)
                case .rename(let code): try decideProposal(.rename, code: code, newName: text)
                case .editCode, .mergeInto: break
                }
            default:
                _ = field.handle(key)
                state.overlay = .prompt(purpose, label: label, field: field)
            }
        case .picker(let purpose, var field, var matches, var highlighted):
            switch key {
            case .escape: state.overlay = nil; return
            case .down, .ctrl("n"): highlighted = min(max(0, matches.count - 1), highlighted + 1)
            case .up, .ctrl("p"): highlighted = max(0, highlighted - 1)
            case .enter:
                state.overlay = nil
                guard matches.indices.contains(highlighted) else { return }
                let chosen = matches[highlighted]
                switch (purpose, state.item) {
                case (.editCode, .disagreement(let chat, let code)?), (.editCode, .spans(let chat, let code)?):
                    try decide(.edited, chat: chat, code: code, editedCode: chosen)
                case (.mergeInto(let code), _):
                    try decideProposal(.merge, code: code, target: chosen)
                default: break
                }
                return
            default:
                if field.handle(key) {
                    matches = CodeSearch.matches(field.text, in: state.hierarchy)
                    highlighted = 0
                }
            }
            state.overlay = .picker(purpose, field: field, matches: matches, highlighted: highlighted)
        }
    }
}
