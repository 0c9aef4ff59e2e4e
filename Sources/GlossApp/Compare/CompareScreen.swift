import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The side-by-side comparison of two coders over one chat as a program for the one runtime: A's codings on
/// the left, B's on the right, over the same transcript lines; `]d`/`[d` jump between disagreements across
/// chats. Read-only: it never writes a session, so its only effect is reading the chat on screen.
public enum CompareScreen: ScreenProgram {
    public typealias State = CompareState

    public static func update(_ state: inout CompareState, _ message: CompareMessage) -> [CompareEffect] {
        var effects: [CompareEffect] = []
        switch message {
        case .key(let key):
            state.notice = nil
            effects = handle(key, &state)
        case .resized(let width, let height):
            state.width = width
            state.height = height
            clamp(&state)
        case .idle:
            break
        case .chatLoaded(let chat):
            if state.requestedChat == chat.id { state.requestedChat = nil }
            if chat.id == state.chatID { state.chat = chat; clamp(&state) }
        case .chatUnreadable(let id, let reason):
            if id == state.chatID { state.notice = Notice(text: reason, kind: .error) }
        }
        if let id = state.chatID, state.chat?.id != id, state.requestedChat != id {
            state.requestedChat = id
            effects.append(.loadChat(id))
        }
        return effects
    }

    public static func view(_ state: CompareState, theme: Theme) -> ScreenBuffer { CompareView.render(state, theme: theme) }
    public static func key(_ key: Key) -> CompareMessage { .key(key) }
    public static func resized(width: Int, height: Int) -> CompareMessage { .resized(width: width, height: height) }
    public static var idle: CompareMessage { .idle }
    public static func outcome(of effect: CompareEffect) -> ProgramOutcome? {
        switch effect {
        case .quit: return .quit
        case .suspend: return .suspend
        case .loadChat: return nil
        }
    }

    static func handle(_ key: Key, _ state: inout CompareState) -> [CompareEffect] {
        if key == .resize { return [] }
        if let scroll = state.help {
            switch Keymap.match([key], in: [.compareHelp]) {
            case .action(.moveDown):
                let box = OverlayView.helpBox(width: state.width, height: state.height).inset(1)
                state.help = min(max(0, KeyReference.fit(KeyReference.lines(for: .compare), width: box.width).count - box.height), scroll + 1)
            case .action(.moveUp): state.help = max(0, scroll - 1)
            default: state.help = nil
            }
            return []
        }
        if key == .char("0"), let count = state.count, state.pendingKeys.isEmpty {
            state.count = min(Update.maximumCount, count * 10)
            return []
        }
        let keys = state.pendingKeys + [key]
        switch Keymap.match(keys, in: state.contexts) {
        case .prefix:
            state.pendingKeys = keys
            return []
        case .none:
            let pending = !state.pendingKeys.isEmpty || state.count != nil
            state.pendingKeys = []
            state.count = nil
            if pending, Keymap.match([key], in: state.contexts) == .action(.close) { return [] }
            state.notice = Notice(text: "\(Binding.name(keys)) does nothing here; ? shows the keys", kind: .info)
            return []
        case .action(.count(let digit)):
            state.pendingKeys = []
            state.count = min(Update.maximumCount, (state.count ?? 0) * 10 + digit)
            return []
        case .action(let action):
            state.pendingKeys = []
            if state.count != nil, action == .close {
                state.count = nil
                return []  // a quit key after a count cancels the count
            }
            let count = state.count ?? 1
            state.count = nil
            return perform(action, count: count, &state)
        }
    }

    static func perform(_ action: Action, count: Int, _ state: inout CompareState) -> [CompareEffect] {
        switch action {
        case .close: return [.quit]
        case .suspend: return [.suspend]
        case .help: state.help = 0
        case .moveDown: state.cursor += count; clamp(&state)
        case .moveUp: state.cursor -= count; clamp(&state)
        case .halfPageDown: state.cursor += 5 * count; clamp(&state)
        case .halfPageUp: state.cursor -= 5 * count; clamp(&state)
        case .nextChat: open(state.chatIndex + count, &state)
        case .previousChat: open(state.chatIndex - count, &state)
        case .toggleTable: state.showTable.toggle()
        case .tableDown: state.tableTop += count
        case .tableUp: state.tableTop = max(0, state.tableTop - count)
        case .nextDisagreement, .previousDisagreement:
            for _ in 0..<count { jump(forward: action == .nextDisagreement, &state) }
        default: break
        }
        return []
    }

    static func clamp(_ state: inout CompareState) {
        guard let chat = state.chat, chat.id == state.chatID else { return }
        state.cursor = max(1, min(chat.messages.count, state.cursor))
        if state.cursor < state.topMessage { state.topMessage = state.cursor }
        let visible = max(1, (state.height - 4) / 3)
        if state.cursor >= state.topMessage + visible { state.topMessage = state.cursor - visible + 1 }
    }

    static func open(_ index: Int, _ state: inout CompareState) {
        guard state.project.chatIDs.indices.contains(index) else {
            state.notice = Notice(text: index < 0 ? "this is the first chat" : "this is the last chat", kind: .info)
            return
        }
        if index != state.chatIndex { state.chat = nil }
        state.chatIndex = index
        state.cursor = 1
        state.topMessage = 1
    }

    /// The next (or previous) disagreement after the cursor, across chats, in chat and text order.
    static func jump(forward: Bool, _ state: inout CompareState) {
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
        if next.chat != state.chatIndex { open(next.chat, &state) }
        state.cursor = next.message
        clamp(&state)
    }

    /// Reads two coders' sessions and their agreement: the comparison's start (`gloss compare --tui`, or
    /// `:compare B` from the workbench).
    public static func open(projectRoot: URL, coders: [String], threshold: Int = 90, blindFor: String?,
                            width: Int = 120, height: Int = 30) throws -> (CompareState, CompareRunner) {
        let project = try Project.load(projectRoot)
        let a = try project.readSession(coders[0]), b = try project.readSession(coders[1])
        let hierarchy = CodeHierarchy(codebook: project.codebook, sessions: [a, b])
        let agreement = Agreement(a, b, codebook: project.codebook, chats: project.summaries, threshold: threshold)
        var state = CompareState(project: project, a: a, b: b, coders: coders, agreement: agreement, hierarchy: hierarchy, blindFor: blindFor,
                                 width: width, height: height)
        if let first = agreement.disagreements.first, let index = project.index(of: first.chat) {
            state.chatIndex = index
        }
        return (state, CompareRunner(project: project))
    }
}

/// The comparison's I/O: reading the chat on screen.
public final class CompareRunner: EffectRunner {
    public typealias Program = CompareScreen
    private let project: Project

    init(project: Project) { self.project = project }

    public func run(_ effect: CompareEffect) -> [CompareMessage] {
        guard case .loadChat(let id) = effect else { return [] }
        do {
            return [.chatLoaded(try project.loadChat(id))]
        } catch {
            return [.chatUnreadable(id: id, reason: "\(error)")]
        }
    }

    public func close(_ state: CompareState) throws {}
}

/// The comparison on its own (`gloss compare --tui`).
public typealias CompareDriver = Runtime<CompareScreen>

extension Runtime where Program == CompareScreen {
    public convenience init(projectRoot: URL, coders: [String], threshold: Int = 90, blindFor: String? = nil,
                            width: Int = 120, height: Int = 30, theme: Theme = .fallback) throws {
        let (state, runner) = try CompareScreen.open(projectRoot: projectRoot, coders: coders, threshold: threshold, blindFor: blindFor,
                                                     width: width, height: height)
        self.init(state: state, runner: runner, theme: theme)
        resize(width: width, height: height)
    }
}
