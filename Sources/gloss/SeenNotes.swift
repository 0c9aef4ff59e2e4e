import Foundation
import GlossCore

/// `gloss compare`'s lines about blind coding (issue 14): the chats where a coder saw the other coder's codings
/// in a comparison (`SeenMark`), and whether the chat was recoded after. Flagged, not hidden.
enum SeenNotes {
    static func lines(_ a: SessionDigest, _ b: SessionDigest, coders: [String]) -> [String] {
        var out: [String] = []
        for (own, other) in [(a, coders[1]), (b, coders[0])] {
            for chat in own.seen.keys.sorted() {
                guard let mark = own.seen[chat]?[other] else { continue }
                let recoded = own.fingerprint(ofChat: chat) != mark.fingerprint
                out.append("\(chat): \(own.coder) saw \(other)'s codings on \(mark.time.formatted(.iso8601.year().month().day()))"
                           + (recoded ? " and RECODED the chat after" : ", unchanged since"))
            }
        }
        return out
    }
}
