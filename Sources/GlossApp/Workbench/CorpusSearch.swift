import Foundation
import GlossCore

/// Search across every chat (interim: one chat at a time through the project's reader).
enum CorpusSearch {
    static let defaultLimit = 10_000

    static func search(_ pattern: String, in project: Project, limit: Int) -> (hits: [CorpusHit], truncated: Bool) {
        var hits: [CorpusHit] = []
        for id in project.chatIDs {
            guard let chat = try? project.loadChat(id) else { continue }
            for (index, message) in chat.messages.enumerated() {
                let text = message.text
                var start = text.startIndex
                while let range = text.range(of: pattern, options: [.caseInsensitive, .diacriticInsensitive], range: start..<text.endIndex) {
                    let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
                    let length = text.unicodeScalars.distance(from: range.lowerBound, to: range.upperBound)
                    if hits.count == limit { return (hits, true) }
                    hits.append(CorpusHit(chat: id, message: index + 1, offset: offset, length: length, context: String(text[range])))
                    start = range.upperBound
                    if start >= text.endIndex { break }
                }
            }
        }
        return (hits, false)
    }
}
