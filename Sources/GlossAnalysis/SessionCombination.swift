import GlossCore

/// Coders who split the chats between them (each codes a share) need one session for the whole corpus's figures:
/// `gloss sessions combine`. Each chat comes from the coder who finished it (marked it done), with its codings,
/// its entered case attributes and its done mark; the codings keep their coder, so the combined session still says
/// who coded what. A chat two or more coders finished is double coded: it comes from a consensus of two of them
/// when one is given and has the chat done, and is refused otherwise (both coders named), since picking one
/// coder's reading silently would hide the disagreement. Chats no coder finished are left out (and counted).
public struct SessionCombination: Sendable {
    /// A consensus of two of the coders (a review meeting's `--into`), for the chats both finished.
    public struct Consensus: Sendable {
        public var name: String
        public var coders: Set<String>
        public var session: Session
        public init(name: String, coders: Set<String>, session: Session) {
            self.name = name
            self.coders = coders
            self.session = session
        }
    }

    /// A chat finished by more than one coder, with no finished consensus of them.
    public struct Conflict: Equatable, Sendable {
        public var chat: String
        public var coders: [String]
    }

    /// The consensus sessions of finished review meetings of two of `coders` (from the decision logs), and a
    /// sentence for each meeting that is still provisional (not used: its undecided items would pass as final).
    public static func consensus(of coders: [String], in project: Project, except into: String,
                                 warn: (String) -> Void = { _ in }) throws -> (usable: [Consensus], unfinished: [String]) {
        var usable: [Consensus] = []
        var unfinished: [String] = []
        for name in project.coders where name != into && !coders.contains(name) {
            for meeting in try ConsensusProgress.meetings(into: name, in: project, warn: warn) where Set(meeting.coders).isSubset(of: coders) {
                if meeting.isProvisional {
                    unfinished.append("\(name) is \(meeting.sentence)")
                } else {
                    usable.append(Consensus(name: name, coders: Set(meeting.coders), session: try project.readSession(name, warn: warn)))
                }
            }
        }
        return (usable, unfinished)
    }

    public let session: Session
    /// Chat → where it came from (a coder's name, or the consensus's).
    public let sources: [String: String]
    /// Chats no coder finished (left out).
    public let leftOut: [String]

    /// Combines `sessions` (in the order given) into a new session of `into`. Throws a `GlossError` naming every
    /// double-coded chat without a consensus (at most 20 listed), and builds nothing then.
    public init(_ sessions: [Session], chats: [String], into: String, codebookRevision: Int, consensus: [Consensus] = []) throws {
        var combined = Session(coder: into, codebookRevision: codebookRevision)
        var sources: [String: String] = [:]
        var leftOut: [String] = []
        var conflicts: [Conflict] = []
        var plan: [(chat: String, from: Session)] = []
        for chat in chats {
            let finished = sessions.filter { $0.status(of: chat) == .done }
            switch finished.count {
            case 0: leftOut.append(chat)
            case 1: plan.append((chat, finished[0]))
            default:
                let names = Set(finished.map(\.coder))
                if let settled = consensus.first(where: { $0.coders.isSubset(of: names) && $0.coders.count == 2 && $0.session.status(of: chat) == .done }),
                   names.count == 2 {
                    plan.append((chat, settled.session))
                    sources[chat] = settled.name
                } else {
                    conflicts.append(Conflict(chat: chat, coders: finished.map(\.coder)))
                }
            }
        }
        guard conflicts.isEmpty else {
            let listed = conflicts.prefix(20).map { "\($0.chat) (\($0.coders.joined(separator: " and ")))" }.joined(separator: ", ")
            let more = conflicts.count > 20 ? " and \(conflicts.count - 20) more" : ""
            throw GlossError("\(conflicts.count) chat(s) were finished by more than one coder and have no finished consensus: \(listed)\(more); "
                             + "settle them in a review meeting (gloss review DIR --coders A B --into NAME) and finish it, or mark one coder's copy in progress")
        }
        var ids = Set<CodingID>()
        for (chat, source) in plan {
            if sources[chat] == nil { sources[chat] = source.coder }
            for var coding in source.codings(in: chat) {
                // Sessions copied from one another can share coding ids: a repeated id gets a new one.
                if !ids.insert(coding.id).inserted {
                    coding.id = .generate()
                    ids.insert(coding.id)
                }
                for code in coding.codes where combined.proposedCodes[code] == nil {
                    if let proposal = source.proposedCodes[code] { combined.apply(.proposal(id: code, before: nil, after: proposal)) }
                }
                combined.apply(.coding(id: coding.id, before: nil, after: coding))
            }
            for (variable, value) in (source.attributes[chat] ?? [:]).sorted(by: { $0.key < $1.key }) {
                combined.apply(.attribute(chat: chat, variable: variable, before: nil, after: .some(value)))
            }
            combined.apply(.status(chat: chat, before: .notStarted, after: .done))
        }
        session = combined
        self.sources = sources
        self.leftOut = leftOut
    }
}
