import Foundation
import GlossCore

/// `gloss compare`'s lines about blind coding (issue 14): the chats where a coder saw another coder's codings
/// in a comparison (`SeenMark`), and whether the chat was recoded after. Flagged, not hidden: in a comparison
/// and in every saved round (whose frozen sessions keep their marks).
enum SeenNotes {
    /// One coder having seen another's codings of one chat.
    struct Entry: Encodable, Equatable {
        var chat: String
        var coder: String
        var saw: String
        var time: Date
        /// The coder's own codings of the chat changed after seeing (the fingerprint differs).
        var recodedAfter: Bool

        enum CodingKeys: String, CodingKey { case chat, coder, saw, time, recodedAfter = "recoded_after" }
    }

    /// Every mark among `sessions` on another of these coders, for the chats in `chats` (all when nil), by
    /// chat, then coder, then the coder seen.
    static func entries(_ sessions: [SessionDigest], chats: Set<String>? = nil) -> [Entry] {
        let coders = Set(sessions.map(\.coder))
        var out: [Entry] = []
        for own in sessions {
            for chat in own.seen.keys.sorted() where chats?.contains(chat) ?? true {
                for (other, mark) in (own.seen[chat] ?? [:]).sorted(by: { $0.key < $1.key }) where other != own.coder && coders.contains(other) {
                    out.append(Entry(chat: chat, coder: own.coder, saw: other, time: mark.time,
                                     recodedAfter: own.fingerprint(ofChat: chat) != mark.fingerprint))
                }
            }
        }
        return out.sorted { ($0.chat, $0.coder, $0.saw) < ($1.chat, $1.coder, $1.saw) }
    }

    /// "chat-03: anouk saw bram's codings on 2026-12-01 and RECODED the chat after".
    static func line(_ entry: Entry) -> String {
        "\(entry.chat): \(entry.coder) saw \(entry.saw)'s codings on \(entry.time.formatted(.iso8601.year().month().day()))"
            + (entry.recodedAfter ? " and RECODED the chat after" : ", unchanged since")
    }

    static func lines(_ a: SessionDigest, _ b: SessionDigest, coders: [String]) -> [String] {
        entries([a, b]).map(line)
    }
}
