import GlossCore

/// What a review decision would lose that both coders had: the meeting asks for confirmation before it.
///
/// Each decision is local (one chat × code, or one "different" pair), so a sequence of them can lose more
/// than any one of them means to: A's version of one code and B's version of its neighbour can leave a passage
/// both coders coded with no code at all. The check therefore looks at the consensus the decision leaves, not
/// at the decision alone:
/// - a code both coders applied in the chat that the consensus had before the decision and not after it;
/// - a passage both coders coded (where a quote of A's overlaps a quote of B's, one of them carrying a code of
///   the item) that no consensus quote covers after the decision.
public enum ReviewLoss: Equatable, Sendable {
    case codeBothApplied(CodeID)
    /// The passage (the overlap of the two coders' quotes) left with no code.
    case passageUncoded(Span)

    /// The losses the consensus `after` has that a decision on `codes` in `chat` made (or completed).
    public static func losses(chat: String, codes: Set<CodeID>, a: Session, b: Session, before: Session, after: Session) -> [ReviewLoss] {
        let codingsA = a.codings(in: chat), codingsB = b.codings(in: chat)
        func applied(_ session: Session) -> Set<CodeID> { Set(session.codings(in: chat).flatMap(\.codes)) }
        let both = Set(codingsA.flatMap(\.codes)).intersection(codingsB.flatMap(\.codes))
        let had = applied(before), has = applied(after)
        var found: [ReviewLoss] = both.intersection(had).subtracting(has).sorted().map { .codeBothApplied($0) }
        let kept = after.codings(in: chat).filter { !$0.codes.isEmpty }.map(\.span)
        var passages = Set<Span>()
        for quoteA in codingsA {
            for quoteB in codingsB where quoteA.span.overlaps(quoteB.span) {
                guard !codes.isDisjoint(with: quoteA.codes) || !codes.isDisjoint(with: quoteB.codes) else { continue }
                let passage = Span(from: max(quoteA.span.from, quoteB.span.from), to: min(quoteA.span.to, quoteB.span.to))
                if !kept.contains(where: { $0.overlaps(passage) }), passages.insert(passage).inserted {
                    found.append(.passageUncoded(passage))
                }
            }
        }
        return found
    }
}
