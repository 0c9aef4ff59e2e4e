import GlossAnalysis
import GlossCore
import GlossTerminal

/// Everything the review meeting's screen shows: the two coders' sessions (read-only), the consensus
/// session being built, the agenda, and what has been decided.
public struct ReviewState: Sendable {
    public var project: Project
    public let a: Session
    public let b: Session
    public let coders: [String]
    public let into: String
    public var present: [String]
    public internal(set) var consensus: Session
    public internal(set) var hierarchy: CodeHierarchy
    public let agreement: Agreement
    public let agenda: [Review.Item]
    /// Decided items (agenda key → the decision record), from the decision log.
    public internal(set) var decided: [String: DecisionRecord]
    /// Keys in the order they were decided (for `u`).
    public internal(set) var decisionOrder: [String]
    public var position = 0
    public var width: Int
    public var height: Int
    public var overlay: ReviewOverlay?
    public var pendingNote: String?
    public var notice: Notice?
    /// Why the last write failed (the status line says NOT SAVED until a write succeeds again).
    public internal(set) var saveError: String?
    public var quitRequested = false
    /// The clock and ids for new consensus codings and decision records.
    public let environment: Environment
    /// The chat of the item on screen, once read (`ReviewEffect.loadChat`), and the one asked for.
    public internal(set) var chat: Chat?
    var requestedChat: String?
    /// The meeting went on from an earlier start (its decision log existed).
    public internal(set) var resumed = false

    /// The key contexts in force, most specific first.
    var contexts: [KeyContext] {
        switch overlay {
        case .help?: return [.reviewHelp]
        case .prompt?: return [.reviewPrompt]
        case .picker?: return [.reviewPicker]
        case .confirm?: return [.reviewConfirm]
        case nil: break
        }
        switch item {
        case .disagreement?, .different?, .spans?, .attribute?: return [.reviewDisagreement, .review]
        case .proposal?: return [.reviewProposal, .review]
        case nil: return [.review]
        }
    }

    /// The chat the item on screen is about (nil for a proposed code).
    var itemChat: String? {
        switch item {
        case .disagreement(let chat, _)?, .different(let chat, _, _)?, .spans(let chat, _)?, .attribute(let chat, _)?: return chat
        default: return nil
        }
    }

    public var item: Review.Item? { agenda.indices.contains(position) ? agenda[position] : nil }
    public var left: Int { agenda.filter { decided[$0.key] == nil }.count }

    public func path(_ id: CodeID) -> String { hierarchy.path(of: id) ?? "unknown code \(id)" }
    public func name(_ id: CodeID) -> String { hierarchy.code(id)?.name ?? "unknown code" }
}

/// Prompts and pickers of the meeting.
public enum ReviewOverlay: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case note, rule(CodeID), rename(CodeID), editCode, mergeInto(CodeID) }
    case prompt(Purpose, label: String, field: TextField)
    case picker(Purpose, field: TextField, matches: [CodeID], highlighted: Int)
    /// The keys, scrolled by this many lines.
    case help(scroll: Int)
    /// A decision that would lose what both coders had (`ReviewLoss`): `y` makes it, any other key does not.
    case confirm(ReviewEffect, question: String)
}
