import GlossCore

/// The quotes of a code across all chats, the material a results chapter quotes from: `gloss quotes` and
/// the workbench's code view both read this.
public enum QuoteQuery {
    /// Codings that carry `code` (or, with `rollUp`, any code below it), in chat and text order.
    public static func quotes(of code: CodeID, in session: Session, hierarchy: CodeHierarchy, rollUp: Bool = true) -> [Coding] {
        let wanted = Set(rollUp ? hierarchy.subtree(of: code) : [code])
        return session.orderedCodings.filter { coding in coding.codes.contains(where: wanted.contains) }
    }

    /// `quotes(of:in:hierarchy:)` with roll-up, looking only in `chats` (the chats an index says carry the code),
    /// so the session decodes those chats and not every one.
    public static func quotes(of code: CodeID, in session: Session, hierarchy: CodeHierarchy, chats: [String]) -> [Coding] {
        let wanted = Set(hierarchy.subtree(of: code))
        return chats.sorted().flatMap { chat in session.codings(in: chat).filter { $0.codes.contains(where: wanted.contains) } }
    }
}
