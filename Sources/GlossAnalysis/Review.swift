import GlossCore

/// The review meeting's agenda and the consensus it builds, as pure functions: which disagreements
/// there are, and what each decision changes in the consensus session.
///
/// A disagreement is a chat × code that one coder applied and the other did not (the unit of the
/// headline figure), in the chats both coders marked done. A "different" disagreement (A applied one code,
/// B another under the same parent) is one item with both codes: a decision acts on the pair, so taking one
/// coder's version can never drop both codes. Codes either coder proposed during open coding are on the
/// agenda too.
public enum Review {
    /// One item on the agenda.
    public enum Item: Equatable, Hashable, Sendable {
        case disagreement(chat: String, code: CodeID)
        /// A "different" disagreement: in the chat A applied `a` and B applied `b` (under the same parent) and
        /// neither applied the other's. One item, both codes side by side; a decision settles both.
        case different(chat: String, a: CodeID, b: CodeID)
        /// Both coders applied the code in the chat, but their spans differ (below the overlap threshold).
        case spans(chat: String, code: CodeID)
        case proposal(CodeID)
        /// The coders entered different values for a case attribute of the chat (or one entered one, the other
        /// not): the meeting settles which value the consensus keeps.
        case attribute(chat: String, variable: String)

        /// A stable key, for the decision log and resuming.
        public var key: String {
            switch self {
            case .disagreement(let chat, let code): return "\(chat)|\(code)"
            // Code ids hold no "|"; the chat id (which may) comes last.
            case .different(let chat, let a, let b): return "different|\(a)|\(b)|\(chat)"
            case .spans(let chat, let code): return "spans|\(chat)|\(code)"
            case .proposal(let code): return "proposal|\(code)"
            // The chat's length first: chat ids and variable names may both hold "|".
            case .attribute(let chat, let variable): return "attribute|\(chat.unicodeScalars.count)|\(chat)|\(variable)"
            }
        }
    }

    /// What the meeting decided for a disagreement.
    public enum Decision: String, Codable, Sendable, CaseIterable {
        /// A's version: A's quotes with the code, or its absence.
        case takeA = "a"
        case takeB = "b"
        /// Both coders' quotes with the code.
        case keepBoth = "both"
        /// Neither: the code is not in the chat.
        case keepNeither = "neither"
        /// The meeting chose another code for the quotes (`edit`).
        case edited = "edit"
    }

    /// What the meeting decided for a proposed code.
    public enum ProposalDecision: String, Codable, Sendable {
        case accept, rename, merge, reject
    }

    /// The agenda: disagreements in chat order, then codebook order (with `segments`, also the codes both
    /// applied whose spans differ); then proposals.
    public static func agenda(_ agreement: Agreement, a: Session, b: Session, hierarchy: CodeHierarchy, segments: Bool = false,
                              chats: [any ChatShape] = []) -> [Item] {
        var items: [Item] = []
        var seen = Set<String>()
        for event in agreement.disagreements {
            let item: Item
            if event.kind == .different, let other = event.otherCode {
                // `Agreement.classify` gives A's code as `code` and B's as `otherCode`.
                item = event.onlyA ? .different(chat: event.chat, a: event.code, b: other) : .different(chat: event.chat, a: other, b: event.code)
            } else {
                item = .disagreement(chat: event.chat, code: event.code)
            }
            if seen.insert(item.key).inserted { items.append(item) }
        }
        if segments {
            let byID = Dictionary(uniqueKeysWithValues: chats.map { ($0.id, $0) })
            for chatID in agreement.pairable {
                guard let chat = byID[chatID] else { continue }
                let codesA = Set(a.codings(in: chatID).flatMap(\.codes)), codesB = Set(b.codings(in: chatID).flatMap(\.codes))
                for code in codesA.intersection(codesB) {
                    func ranges(_ s: Session) -> [Range<Int>] {
                        quotes(s, chat: chatID, code: code).filter { chat.problem(with: $0.span) == nil }
                            .map { chat.linearOffset(of: $0.span.from)..<chat.linearOffset(of: $0.span.to) }
                    }
                    let ra = ranges(a), rb = ranges(b)
                    let allMatch = ra.allSatisfy { x in rb.contains { SegmentAgreement.matches(x, $0, threshold: agreement.segments.threshold) } }
                        && rb.allSatisfy { x in ra.contains { SegmentAgreement.matches(x, $0, threshold: agreement.segments.threshold) } }
                    if !allMatch { items.append(.spans(chat: chatID, code: code)) }
                }
            }
        }
        // Entered case attributes the coders disagree on, in the pairable chats: after the chat's codes.
        for chat in agreement.pairable {
            let variables = Set((a.attributes[chat] ?? [:]).keys).union((b.attributes[chat] ?? [:]).keys)
            for variable in variables.sorted() where a.attribute(variable, in: chat) != b.attribute(variable, in: chat) {
                items.append(.attribute(chat: chat, variable: variable))
            }
        }
        func sortKey(_ item: Item) -> (String, Int, Int, String) {
            switch item {
            case .disagreement(let chat, let code): return (chat, hierarchy.order(of: code), 0, "")
            case .different(let chat, let a, let b): return (chat, min(hierarchy.order(of: a), hierarchy.order(of: b)), 0, "")
            case .spans(let chat, let code): return (chat, hierarchy.order(of: code), 1, "")
            case .proposal(let code): return ("", hierarchy.order(of: code), 2, "")
            case .attribute(let chat, let variable): return (chat, Int.max, 3, variable)
            }
        }
        items.sort { sortKey($0) < sortKey($1) }
        let proposals = Set(a.proposedCodes.keys).union(b.proposedCodes.keys).filter { !hierarchy.codebook.contains($0) }
        items += proposals.sorted { hierarchy.order(of: $0) < hierarchy.order(of: $1) }.map { .proposal($0) }
        return items
    }

    /// The quotes of `session` in `chat` that carry `code`.
    public static func quotes(_ session: Session, chat: String, code: CodeID) -> [Coding] {
        session.codings(in: chat).filter { $0.codes.contains(code) }
    }

    /// Changes that copy the agreements into an empty consensus: in each pairable chat, every code both
    /// coders applied, with the preferred coder's quotes; and each pairable chat marked done.
    public static func seedConsensus(_ consensus: Session, agreement: Agreement, preferred: Session, other: Session, into coder: String,
                                     stamp: CodingStamp) -> [SessionChange] {
        var working = consensus
        var changes: [SessionChange] = []
        for chat in agreement.pairable {
            let codesA = Set(preferred.codings(in: chat).flatMap(\.codes))
            let codesB = Set(other.codings(in: chat).flatMap(\.codes))
            for code in codesA.intersection(codesB).sorted() {
                for change in put(code, quotes: quotes(preferred, chat: chat, code: code), chat: chat, into: working, coder: coder, stamp: stamp) {
                    changes.append(change)
                    working.apply(change)
                }
            }
            // Values both coders entered alike are agreements too.
            for (variable, value) in (preferred.attributes[chat] ?? [:]).sorted(by: { $0.key < $1.key })
            where other.attribute(variable, in: chat) == .some(value) && working.attribute(variable, in: chat) != .some(value) {
                let change = SessionChange.attribute(chat: chat, variable: variable, before: working.attribute(variable, in: chat), after: .some(value))
                changes.append(change)
                working.apply(change)
            }
            if working.status(of: chat) != .done {
                let change = SessionChange.status(chat: chat, before: working.status(of: chat), after: .done)
                changes.append(change)
                working.apply(change)
            }
        }
        return changes
    }

    /// The changes that make `code` in `chat` of the consensus exactly the given quotes' spans (memos and
    /// relations come along): the code is removed from every consensus quote in the chat, then added to a
    /// quote with each span (an existing one, or a new one).
    public static func put(_ code: CodeID, quotes source: [Coding], chat: String, into consensus: Session, coder: String,
                           stamp: CodingStamp) -> [SessionChange] {
        var working = consensus
        var changes: [SessionChange] = []
        func record(_ change: SessionChange) { changes.append(change); working.apply(change) }
        for existing in working.codings(in: chat) where existing.codes.contains(code) {
            var after = existing
            after.codes.removeAll { $0 == code }
            if after.codes.count < 2 { after.relation = nil }
            record(.coding(id: existing.id, before: existing, after: after.codes.isEmpty ? nil : after))
        }
        for quote in source {
            if let existing = working.coding(in: chat, span: quote.span) {
                guard !existing.codes.contains(code) else { continue }
                var after = existing
                after.codes.append(code)
                if after.memo == nil { after.memo = quote.memo }
                if after.relation == nil, after.codes.count > 1 { after.relation = quote.relation }
                record(.coding(id: existing.id, before: existing, after: after))
            } else {
                let copy = Coding(id: stamp.newID(), chat: chat, span: quote.span, codes: [code], relation: nil, memo: quote.memo, text: quote.text,
                                  coder: coder, created: stamp.now())
                record(.coding(id: copy.id, before: nil, after: copy))
            }
        }
        return changes
    }

    /// The changes for a decision on a disagreement.
    public static func changes(for decision: Decision, chat: String, code: CodeID, a: Session, b: Session,
                               consensus: Session, coder: String, editedCode: CodeID? = nil, stamp: CodingStamp) -> [SessionChange] {
        let quotesA = quotes(a, chat: chat, code: code), quotesB = quotes(b, chat: chat, code: code)
        switch decision {
        case .takeA: return put(code, quotes: quotesA, chat: chat, into: consensus, coder: coder, stamp: stamp)
        case .takeB: return put(code, quotes: quotesB, chat: chat, into: consensus, coder: coder, stamp: stamp)
        case .keepNeither: return put(code, quotes: [], chat: chat, into: consensus, coder: coder, stamp: stamp)
        case .keepBoth:
            var spans = Set<Span>()
            let both = (quotesA + quotesB).filter { spans.insert($0.span).inserted }
            return put(code, quotes: both, chat: chat, into: consensus, coder: coder, stamp: stamp)
        case .edited:
            guard let editedCode else { return [] }
            // The quotes stay; the code on them becomes the one the meeting chose.
            var working = consensus
            var changes = put(code, quotes: [], chat: chat, into: working, coder: coder, stamp: stamp)
            working.apply(changes)
            var spans = Set<Span>()
            let both = (quotesA + quotesB).filter { spans.insert($0.span).inserted }
            changes += put(editedCode, quotes: both + quotes(working, chat: chat, code: editedCode), chat: chat, into: working, coder: coder, stamp: stamp)
            return changes
        }
    }

    /// The changes for a decision on a "different" pair: the decision applied to A's code, then to B's, on
    /// the consensus as the first left it. `takeA` keeps A's code on A's quotes and drops B's code (A did not
    /// apply it); `takeB` the reverse; `keepBoth` keeps each code on its coder's quotes; `keepNeither` drops
    /// both; `edited` puts the chosen code on both coders' quotes instead.
    public static func changes(for decision: Decision, chat: String, pair codeA: CodeID, _ codeB: CodeID, a: Session, b: Session,
                               consensus: Session, coder: String, editedCode: CodeID? = nil, stamp: CodingStamp) -> [SessionChange] {
        var working = consensus
        var all: [SessionChange] = []
        for code in [codeA, codeB] {
            let step = changes(for: decision, chat: chat, code: code, a: a, b: b, consensus: working, coder: coder, editedCode: editedCode, stamp: stamp)
            working.apply(step)
            all += step
        }
        return all
    }

    /// The change for a decision on an entered case attribute: the consensus keeps A's entry, B's, or none
    /// (`keepNeither`: the header's or the imported value counts). Nil for a decision that has no meaning for
    /// one value (both, another code).
    public static func attributeChange(for decision: Decision, chat: String, variable: String, a: Session, b: Session,
                                       consensus: Session) -> SessionChange? {
        let chosen: String??
        switch decision {
        case .takeA: chosen = a.attribute(variable, in: chat)
        case .takeB: chosen = b.attribute(variable, in: chat)
        case .keepNeither: chosen = nil
        case .keepBoth, .edited: return nil
        }
        return .attribute(chat: chat, variable: variable, before: consensus.attribute(variable, in: chat), after: chosen)
    }

    /// Replaces `code` by `target` in every consensus quote (a proposal merged into an existing code), or
    /// removes it (`target` nil: a rejected proposal).
    public static func replace(_ code: CodeID, by target: CodeID?, in consensus: Session) -> [SessionChange] {
        consensus.orderedCodings.compactMap { coding in
            guard coding.codes.contains(code) else { return nil }
            var after = coding
            after.codes = coding.codes.flatMap { $0 == code ? (target.map { [$0] } ?? []) : [$0] }
            var seen = Set<CodeID>()
            after.codes = after.codes.filter { seen.insert($0).inserted }
            if after.codes.count < 2 { after.relation = nil }
            return .coding(id: coding.id, before: coding, after: after.codes.isEmpty ? nil : after)
        }
    }
}
