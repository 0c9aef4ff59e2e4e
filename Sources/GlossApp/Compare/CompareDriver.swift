import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The side-by-side comparison of two coders over one chat: A's codings on the left, B's on the right,
/// over the same transcript lines; `]d`/`[d` jump between disagreements across chats. Read-only: it never
/// writes a session.
public final class CompareDriver {
    public struct State: Sendable {
        public var project: Project
        public let a: Session
        public let b: Session
        public let coders: [String]
        public let agreement: Agreement
        public let hierarchy: CodeHierarchy
        /// When set (blind coding), chats this coder has not marked done stay closed.
        public let blindFor: String?
        public var chatIndex = 0
        public var topMessage = 1
        public var cursor = 1
        public var showTable = false
        public var tableTop = 0
        public var width: Int
        public var height: Int
        public var notice: Notice?
        public var pending: Key?

        /// The chat shown, read on demand (the project keeps the last few).
        public var chat: Chat? { project.chatIDs.indices.contains(chatIndex) ? project.chat(project.chatIDs[chatIndex]) : nil }

        /// Whether blind coding keeps this chat closed.
        public var isClosed: Bool {
            guard let coder = blindFor, let chat else { return false }
            let own = coders.first == coder ? a : (coders.last == coder ? b : nil)
            return own?.status(of: chat.id) != .done
        }
    }

    public private(set) var state: State
    public var theme: Theme

    public init(projectRoot: URL, coders: [String], threshold: Int = 90, blindFor: String? = nil,
                width: Int = 120, height: Int = 30, theme: Theme = .fallback) throws {
        let project = try Project.load(projectRoot)
        let a = try project.readSession(coders[0]), b = try project.readSession(coders[1])
        let hierarchy = CodeHierarchy(codebook: project.codebook, sessions: [a, b])
        let agreement = Agreement(a, b, codebook: project.codebook, chats: project.summaries, threshold: threshold)
        state = State(project: project, a: a, b: b, coders: coders, agreement: agreement, hierarchy: hierarchy, blindFor: blindFor,
                      width: width, height: height)
        if let first = agreement.disagreements.first, let index = project.index(of: first.chat) {
            state.chatIndex = index
        }
        self.theme = theme
    }

    public func render() -> ScreenBuffer { CompareView.render(state, theme: theme) }

    public func resize(width: Int, height: Int) {
        state.width = width
        state.height = height
    }

    /// Handles a key; returns true when the view should close.
    @discardableResult
    public func send(_ key: Key) -> Bool {
        state.notice = nil
        if let pending = state.pending {
            state.pending = nil
            if key == .char("d") && (pending == .char("]") || pending == .char("[")) { jump(forward: pending == .char("]")) }
            return false
        }
        switch key {
        case .char("q"), .escape, .ctrl("c"): return true
        case .char("]"), .char("["): state.pending = key
        case .char("j"), .down: state.cursor += 1; clamp()
        case .char("k"), .up: state.cursor -= 1; clamp()
        case .ctrl("d"), .pageDown: state.cursor += 5; clamp()
        case .ctrl("u"), .pageUp: state.cursor -= 5; clamp()
        case .char("}"): open(state.chatIndex + 1)
        case .char("{"): open(state.chatIndex - 1)
        case .char("t"), .tab: state.showTable.toggle()
        case .char("J"): state.tableTop += 1
        case .char("K"): state.tableTop = max(0, state.tableTop - 1)
        default: state.notice = Notice(text: "j/k move · ]d/[d disagreements · }/{ chats · t table · q close", kind: .info)
        }
        return false
    }

    private func clamp() {
        guard let chat = state.chat else { return }
        state.cursor = max(1, min(chat.messages.count, state.cursor))
        if state.cursor < state.topMessage { state.topMessage = state.cursor }
        let visible = max(1, (state.height - 4) / 3)
        if state.cursor >= state.topMessage + visible { state.topMessage = state.cursor - visible + 1 }
    }

    private func open(_ index: Int) {
        guard state.project.chatIDs.indices.contains(index) else { return }
        state.chatIndex = index
        state.cursor = 1
        state.topMessage = 1
    }

    /// The next (or previous) disagreement after the cursor, across chats, in chat and text order.
    private func jump(forward: Bool) {
        let targets: [(chat: Int, message: Int)] = state.agreement.disagreements.compactMap { event in
            guard let index = state.project.index(of: event.chat) else { return nil }
            let session = event.onlyA ? state.a : state.b
            let message = Review.quotes(session, chat: event.chat, code: event.code).first?.span.from.message ?? 1
            return (index, message)
        }.sorted { ($0.chat, $0.message) < ($1.chat, $1.message) }
        let here = (state.chatIndex, state.cursor)
        let next = forward ? targets.first { ($0.chat, $0.message) > here } : targets.last { ($0.chat, $0.message) < here }
        guard let next else {
            state.notice = Notice(text: forward ? "no more disagreements" : "no disagreement before this one", kind: .info)
            return
        }
        if next.chat != state.chatIndex { open(next.chat) }
        state.cursor = next.message
        clamp()
    }
}

extension CompareDriver: TerminalProgram {
    public func handle(_ key: Key) -> ProgramOutcome {
        if key == .ctrl("z") { return .suspend }
        return send(key) ? .quit : .continue
    }
    public func idle() {}
    public func close() throws {}
}
