import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The review meeting on the one runtime (`gloss review`).
public typealias ReviewDriver = Runtime<ReviewScreen>

extension Runtime where Program == ReviewScreen {
    /// Opens (or resumes) a meeting: reads both coders' sessions, opens the consensus session and the
    /// decision log, and on the first start copies what the coders agree on into the consensus.
    public convenience init(projectRoot: URL, coders: [String], into: String, present: [String], prefer: String? = nil,
                            segments: Bool = false, threshold: Int = 90, width: Int = 100, height: Int = 30, theme: Theme = .fallback,
                            environment: Environment = .live) throws {
        guard coders.count == 2 else { throw GlossError("a review needs two coders") }
        guard !coders.contains(into) else { throw GlossError("the consensus session must not be one of the coders' own (\(into)); their sessions are never changed") }
        let project = try Project.load(projectRoot)
        let a = try project.readSession(coders[0]), b = try project.readSession(coders[1])
        let agreement = Agreement(a, b, codebook: project.codebook, chats: project.summaries, threshold: threshold)
        let store = try SessionStore(projectRoot: projectRoot, coder: into, codebookRevision: project.codebook.revision)
        var start = DecisionRecord(kind: .start, time: environment.now())
        start.coders = coders
        start.into = into
        start.present = present
        start.prefer = prefer ?? coders[0]
        start.threshold = threshold
        if segments { start.segments = true }
        let (log, resumed) = try DecisionLog.openOrCreate(projectRoot: projectRoot, a: coders[0], b: coders[1], into: into, start: start)
        let hierarchy = CodeHierarchy(codebook: project.codebook, sessions: [a, b, store.session])
        let agenda = Review.agenda(agreement, a: a, b: b, hierarchy: hierarchy, segments: segments, chats: project.summaries)
        var order: [String] = []
        for record in log.records {
            guard let item = record.item else { continue }
            if record.kind == .decision { order.append(item) }
            if record.kind == .undo, let index = order.lastIndex(of: item) { order.remove(at: index) }
        }
        // Decisions name codes as they were: a meeting resumed after a merge finds them on the codes as they are.
        let decided = try FollowedDecisions.decided(log, in: project)
        var state = ReviewState(project: project, a: a, b: b, coders: coders, into: into, present: present, consensus: store.session,
                                hierarchy: hierarchy, agreement: agreement, agenda: agenda, decided: decided, decisionOrder: order,
                                width: width, height: height, environment: environment)
        let runner = ReviewRunner(store: store, log: log, project: project, author: present.first ?? into)
        if !log.records.contains(where: { $0.kind == .seeded }) {
            let preferB = (prefer ?? coders[0]) == coders[1]
            let seed = Review.seedConsensus(store.session, agreement: agreement, preferred: preferB ? b : a, other: preferB ? a : b, into: into,
                                            stamp: environment.stamp)
            // A proposed code both applied comes along with its definition, as with a decision.
            try store.perform(ReviewScreen.proposalsNeeded(for: seed, state) + seed, label: "review: copy the agreements of \(coders[0]) and \(coders[1])")
            try log.append(DecisionRecord(kind: .seeded, time: environment.now()))
            state.consensus = store.session
        }
        state.position = agenda.firstIndex { state.decided[$0.key] == nil } ?? 0
        if resumed { state.notice = Notice(text: "resumed: \(state.decided.count) decided, \(state.left) left", kind: .info) }
        // A damaged decision log was recovered (the records before the damage) and kept aside: say so.
        if let note = log.notes.last { state.notice = Notice(text: note, kind: .warning) }
        state.resumed = resumed
        self.init(state: state, runner: runner, theme: theme)
        // Reads the first item's chat.
        resize(width: width, height: height)
    }

    /// Whether the meeting went on from an earlier start.
    public var resumed: Bool { state.resumed }
    public var store: SessionStore { (runner as! ReviewRunner).store }
    public var log: DecisionLog { (runner as! ReviewRunner).log }
}
