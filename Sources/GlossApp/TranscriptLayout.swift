import Foundation
import GlossCore
import GlossTerminal

/// How messages lay out in the transcript pane: a header line (number, speaker, time) and the text
/// wrapped at word boundaries. Only the messages on screen are ever wrapped, and wraps are cached, so a
/// keystroke costs the same in a 400-message chat as in a 10-message one.
public enum TranscriptLayout {
    /// Columns left of the text: the code gutter.
    public static let gutterWidth = 4
    /// Indentation of message text under its header.
    public static let textIndent = 2

    /// Text columns for a pane of `paneWidth` inner columns.
    public static func textWidth(paneWidth: Int) -> Int { max(8, paneWidth - gutterWidth - textIndent) }

    /// The wrapped lines of a message's text, as code-point ranges.
    public static func lines(of message: Message, chat: String, number: Int, width: Int) -> [Range<Int>] {
        cache.lines(key: CacheKey(text: message.text, width: width)) { TextFitting.wrap(message.text, width) }
    }

    /// Rows a message takes: its header and its text lines.
    public static func height(of message: Message, chat: String, number: Int, width: Int) -> Int {
        1 + lines(of: message, chat: chat, number: number, width: width).count
    }

    /// Keyed by the text itself: transcripts never change under an open project, and two projects (in tests)
    /// may share chat ids.
    struct CacheKey: Hashable { var text: String; var width: Int }

    final class Cache: @unchecked Sendable {
        private var storage: [CacheKey: [Range<Int>]] = [:]
        private let lock = NSLock()

        func lines(key: CacheKey, compute: () -> [Range<Int>]) -> [Range<Int>] {
            lock.lock()
            if let hit = storage[key] { lock.unlock(); return hit }
            lock.unlock()
            let value = compute()
            lock.lock()
            if storage.count > 20_000 { storage.removeAll(keepingCapacity: true) }
            storage[key] = value
            lock.unlock()
            return value
        }
    }

    static let cache = Cache()
}
