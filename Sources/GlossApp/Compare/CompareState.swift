import Foundation
import GlossAnalysis
import GlossCore
import GlossTerminal

/// Everything the side-by-side comparison shows: two coders' sessions (only read), their agreement, and
/// where the viewer is. The chat on screen is read by an effect (`CompareEffect.loadChat`).
public struct CompareState: Sendable {
    public var project: Project
    public let a: Session
    public let b: Session
    public let coders: [String]
    public let agreement: Agreement
    public let hierarchy: CodeHierarchy
    /// When set (blind coding), chats this coder has not marked done stay closed.
    public let blindFor: String?
    public var chatIndex = 0
    /// The chat on screen with its text, once read.
    public internal(set) var chat: Chat?
    var requestedChat: String?
    public var topMessage = 1
    public var cursor = 1
    public var showTable = false
    public var tableTop = 0
    public var width: Int
    public var height: Int
    public var notice: Notice?
    public var pendingKeys: [Key] = []
    public var count: Int?
    /// The help overlay's scroll, while it is open.
    public var help: Int?

    public init(project: Project, a: Session, b: Session, coders: [String], agreement: Agreement, hierarchy: CodeHierarchy,
                blindFor: String?, width: Int, height: Int) {
        self.project = project
        self.a = a
        self.b = b
        self.coders = coders
        self.agreement = agreement
        self.hierarchy = hierarchy
        self.blindFor = blindFor
        self.width = width
        self.height = height
    }

    /// The id of the chat on screen.
    public var chatID: String? { project.chatIDs.indices.contains(chatIndex) ? project.chatIDs[chatIndex] : nil }

    /// Whether blind coding keeps this chat closed.
    public var isClosed: Bool {
        guard let coder = blindFor, let id = chatID else { return false }
        let own = coders.first == coder ? a : (coders.last == coder ? b : nil)
        return own?.status(of: id) != .done
    }

    /// Whether either coder saw the other's codings of `chat` in a comparison (`SeenMark`), and recoded the chat
    /// after: "seen: A saw B's codings 2026-12-03 and recoded after". Flagged, not hidden: blind coding was
    /// broken for that chat, and the meeting should know.
    public func seenNote(_ chat: String) -> String? {
        var parts: [String] = []
        for (label, own, otherLabel, other) in [("A", a, "B", coders[1]), ("B", b, "A", coders[0])] {
            guard let mark = own.seen[chat]?[other] else { continue }
            let day = mark.time.formatted(.iso8601.year().month().day())
            parts.append("\(label) saw \(otherLabel)'s codings \(day)" + (mark.recoded(own.codings(in: chat)) ? " and RECODED after" : ", unchanged since"))
        }
        return parts.isEmpty ? nil : "seen: " + parts.joined(separator: "; ")
    }

    /// The key contexts in force.
    var contexts: [KeyContext] { help != nil ? [.compareHelp] : [.compare] }
}

/// What the comparison hears: keys, sizes, and the chat it asked for.
public enum CompareMessage: Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case idle
    case chatLoaded(Chat)
    case chatUnreadable(id: String, reason: String)
}

/// What the comparison asks for: a chat's text, or to close (quit) or suspend.
public enum CompareEffect: Equatable, Sendable {
    case loadChat(String)
    case quit
    case suspend
}
