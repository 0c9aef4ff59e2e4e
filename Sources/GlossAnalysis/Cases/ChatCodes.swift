import GlossCore

/// What a `code:PATH` condition reads of one coder's session: per chat, whether it carries a code (the code
/// itself or one below it, the roll-up figures use), and whether the chat was coded at all.
public struct ChatCodes: Sendable {
    public let hierarchy: CodeHierarchy
    public let index: FrequencyIndex

    public init(hierarchy: CodeHierarchy, index: FrequencyIndex) {
        self.hierarchy = hierarchy
        self.index = index
    }

    /// From a session digest (`Project.readDigest`), counted once by the one counting path.
    public init(hierarchy: CodeHierarchy, digest: SessionDigest) {
        self.init(hierarchy: hierarchy, index: FrequencyIndex(hierarchy: hierarchy, digest: digest))
    }

    /// 1 (true) where the chat carries `code`, 0 (false) where the chat is coded (done or in progress) without
    /// it, unknown (nil) where it is not started or is no chat (an attribute-only case).
    public func presence(_ code: CodeID, in chat: String) -> Bool? {
        guard let status = index.statuses[chat], status != .notStarted else { return nil }
        return index.chat(chat, carries: code)
    }
}
