import Foundation

/// The few transcripts a project has read lately, so a workbench moving between chats, or a command
/// walking codings in chat order, does not read one again; bounded, so memory does not grow with the corpus.
///
/// Shared by the copies of a `Project` (it holds only what the files say) and safe to use from any thread.
final class TranscriptCache: @unchecked Sendable {
    static let capacity = 8

    private let lock = NSLock()
    /// Most recently used last.
    private var recent: [Chat] = []
    /// Summaries of transcripts found changed since the project was loaded, by id.
    private var refreshed: [String: ChatSummary] = [:]

    /// The chat in `url`, from the cache or read now. `expected` is the key of the file the project's
    /// summary was made from: when the file has changed since, the new text is returned and its summary
    /// replaces the old one (`refreshedSummary`).
    func chat(_ id: String, url: URL, expected: FileKey?) throws -> Chat {
        if let chat = lookUp(id) { return chat }
        let (data, key) = try SecureFiles.readWithKey(url)
        let chat = try TranscriptParser().parse(data, id: id, file: url.path)
        lock.withLock {
            if key != expected { refreshed[id] = ChatSummary(chat) }
            remember(chat)
        }
        return chat
    }

    /// How many chats are kept now (at most `capacity`).
    var count: Int { lock.withLock { recent.count } }

    func refreshedSummary(_ id: String) -> ChatSummary? {
        lock.withLock { refreshed.isEmpty ? nil : refreshed[id] }
    }

    /// Forgets a chat (its file was just written).
    func forget(_ id: String) {
        lock.withLock {
            recent.removeAll { $0.id == id }
            refreshed[id] = nil
        }
    }

    private func lookUp(_ id: String) -> Chat? {
        lock.withLock {
            guard let index = recent.lastIndex(where: { $0.id == id }) else { return nil }
            let chat = recent.remove(at: index)
            recent.append(chat)
            return chat
        }
    }

    private func remember(_ chat: Chat) {
        recent.removeAll { $0.id == chat.id }
        recent.append(chat)
        if recent.count > Self.capacity { recent.removeFirst(recent.count - Self.capacity) }
    }
}
