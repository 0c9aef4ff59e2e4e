import GlossCore

/// Where the coder was: the chat, the message under the cursor, the scroll position and the recent codes.
/// Kept beside the journal (`sessions/<coder>.resume`, local like the journal) and written at quiet moments
/// and at close, so the workbench reopens there, after `kill -9` too (losing at most the last two seconds
/// of moving about). Files from before the scroll and recent codes were kept hold only chat and message.
public struct WorkbenchPlace: Codable, Equatable, Sendable {
    public var chat: String
    public var message: Int
    public var topMessage: Int?
    public var topLine: Int?
    public var recentCodes: [CodeID]?

    public init(chat: String, message: Int, topMessage: Int? = nil, topLine: Int? = nil, recentCodes: [CodeID]? = nil) {
        self.chat = chat
        self.message = message
        self.topMessage = topMessage
        self.topLine = topLine
        self.recentCodes = recentCodes
    }
}

extension AppState {
    /// Where the coder is now, or nil before a chat is shown.
    public var place: WorkbenchPlace? {
        guard let chat else { return nil }
        return WorkbenchPlace(chat: chat.id, message: cursor, topMessage: topMessage, topLine: topLine, recentCodes: recentCodes)
    }

    /// Goes back to a saved place: its chat (if it still exists), message and scroll, and the recent codes
    /// that still exist.
    mutating func restore(_ place: WorkbenchPlace) {
        recentCodes = (place.recentCodes ?? []).filter { hierarchy.code($0) != nil }.prefix(9).map { $0 }
        guard let index = project.index(of: place.chat) else { return }
        Update.openChat(index, &self)
        cursor = max(1, place.message)
        topMessage = max(1, place.topMessage ?? place.message)
        topLine = max(0, place.topLine ?? 0)
        savedPlace = place
    }
}
