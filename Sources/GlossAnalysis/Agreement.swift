import GlossCore

/// Agreement between two coders' sessions, on the unit of the headline figure: chat × code presence (a
/// coder applied the code in the chat at least once). Formulas and a worked example: `docs/analysis.md`.
///
/// Only pairable chats count (both coders marked them done). The codes compared are every code without
/// sub-codes, plus any code with sub-codes (or proposed code) that either coder applied directly.
/// Every coefficient that would be 0/0 is `nil` ("undefined"), never 0, 1 or NaN.
public struct Agreement: Sendable {
    /// Chat × code cells: both applied, only A, only B, neither.
    public struct Cells: Equatable, Sendable {
        public var n11 = 0, n10 = 0, n01 = 0, n00 = 0
        public init(n11: Int = 0, n10: Int = 0, n01: Int = 0, n00: Int = 0) {
            self.n11 = n11; self.n10 = n10; self.n01 = n01; self.n00 = n00
        }
        public var total: Int { n11 + n10 + n01 + n00 }

        /// n11 / (n11 + n10 + n01): agreement on the codes either coder used.
        public var positiveAgreement: Double? {
            let d = n11 + n10 + n01
            return d == 0 ? nil : Double(n11) / Double(d)
        }
        /// (n11 + n00) / all cells, inflated by the many codes nobody used.
        public var overallAgreement: Double? { total == 0 ? nil : Double(n11 + n00) / Double(total) }

        /// Cohen's κ = (po − pe) / (1 − pe), pe = pA1·pB1 + pA0·pB0 (a sum of products; QualCoder's product
        /// is wrong). Undefined when pe = 1 (both coders constant and identical) or there are no cells.
        public var kappa: Double? {
            let n = Double(total)
            guard n > 0 else { return nil }
            let po = Double(n11 + n00) / n
            let a1 = Double(n11 + n10) / n, b1 = Double(n11 + n01) / n
            let pe = a1 * b1 + (1 - a1) * (1 - b1)
            // pe = 1 exactly when both marginals are 0 or both are 1: compare in integers, not floats.
            let aOnes = n11 + n10, bOnes = n11 + n01
            if (aOnes == 0 && bOnes == 0) || (aOnes == total && bOnes == total) { return nil }
            return (po - pe) / (1 - pe)
        }

        /// Krippendorff's α for two coders, nominal binary values, no missing data:
        /// α = 1 − (n − 1)·(n10 + n01) / (n0·n1), with n = 2·cells, n1 = 2·n11 + n10 + n01, n0 = 2·n00 + n10 + n01.
        /// Undefined when every value is the same (n0·n1 = 0), where NLTK wrongly says 1.0.
        public var alpha: Double? {
            let n = 2 * total
            let ones = 2 * n11 + n10 + n01
            let zeros = 2 * n00 + n10 + n01
            guard n > 1, ones > 0, zeros > 0 else { return nil }
            return 1 - Double(n - 1) * Double(n10 + n01) / (Double(ones) * Double(zeros))
        }

        static func + (a: Cells, b: Cells) -> Cells { Cells(n11: a.n11 + b.n11, n10: a.n10 + b.n10, n01: a.n01 + b.n01, n00: a.n00 + b.n00) }
    }

    public struct CodeRow: Equatable, Sendable {
        public var code: CodeID
        public var cells: Cells
        /// (n11 + n00) / pairable chats.
        public var agreement: Double? { cells.overallAgreement }
        public var kappa: Double? { cells.kappa }
        public var alpha: Double? { cells.alpha }
    }

    /// A chat left out, and why.
    public struct Excluded: Equatable, Sendable {
        public var chat: String
        public var statusA: ChatStatus
        public var statusB: ChatStatus
    }

    public enum DisagreementKind: String, Sendable { case forgotten, different }

    /// One disagreement event. `forgotten`: only `onlyA` (true: coder A, false: B) applied `code` in the chat
    /// and nothing took its place. `different`: A applied `code` and B applied `otherCode`, under the same parent.
    public struct Disagreement: Equatable, Sendable {
        public var chat: String
        public var code: CodeID
        public var kind: DisagreementKind
        public var onlyA: Bool
        public var otherCode: CodeID?
    }

    public let pairable: [String]
    public let excluded: [Excluded]
    public let codes: [CodeID]
    public let cells: Cells
    public let perCode: [CodeRow]
    public let disagreements: [Disagreement]
    public let segments: SegmentAgreement

    /// Mean of the defined per-code values, and how many codes were undefined (left out of the mean).
    public func mean(_ value: KeyPath<CodeRow, Double?>) -> (mean: Double?, undefined: Int) {
        let defined = perCode.compactMap { $0[keyPath: value] }
        return (defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count), perCode.count - defined.count)
    }

    public var forgottenCount: Int { disagreements.filter { $0.kind == .forgotten }.count }
    public var differentCount: Int { disagreements.filter { $0.kind == .different }.count }

    /// Compares two sessions on `chats` (the project's chats; summaries are enough, no text is read).
    public init<C: ChatShape>(_ a: Session, _ b: Session, codebook: Codebook, chats: [C], threshold: Int = 90) {
        self.init(SessionDigest(a), SessionDigest(b), codebook: codebook, chats: chats, threshold: threshold)
    }

    /// Compares two sessions by their digests (all agreement needs: statuses, and per coding chat, span and codes).
    public init<C: ChatShape>(_ a: SessionDigest, _ b: SessionDigest, codebook: Codebook, chats: [C], threshold: Int = 90) {
        let hierarchy = CodeHierarchy(codebook: codebook, digests: [a, b])
        let chatByID = Dictionary(uniqueKeysWithValues: chats.map { ($0.id, $0) })
        pairable = chats.map(\.id).filter { a.status(of: $0) == .done && b.status(of: $0) == .done }
        excluded = chats.map(\.id).compactMap { id in
            let sa = a.status(of: id), sb = b.status(of: id)
            guard !(sa == .done && sb == .done), sa != .notStarted || sb != .notStarted else { return nil }
            return Excluded(chat: id, statusA: sa, statusB: sb)
        }

        // Everything below works on small integers: a chat × code cell is a bit, so the cost is the codings of
        // the pairable chats plus one word operation per 64 codes per chat (at 10,000 chats a set of code
        // names per chat, hashed per code, was most of `gloss compare`).
        let presentA = CodePresence(a, chats: pairable), presentB = CodePresence(b, chats: pairable)
        let applied = presentA.applied.union(presentB.applied)
        let compared = Set(hierarchy.codebook.leaves.map(\.id)).union(applied.filter { hierarchy.contains($0) })
        codes = compared.sorted { hierarchy.order(of: $0) < hierarchy.order(of: $1) }

        let position = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let bitsA = presentA.bitsets(positions: position, width: codes.count)
        let bitsB = presentB.bitsets(positions: position, width: codes.count)
        var counts = [Cells](repeating: Cells(), count: codes.count)
        var events: [Disagreement] = []
        for (chatIndex, chat) in pairable.enumerated() {
            let inA = bitsA[chatIndex], inB = bitsB[chatIndex]
            var onlyA: [CodeID] = [], onlyB: [CodeID] = []
            for word in 0..<inA.count {
                let both = inA[word] & inB[word], aOnly = inA[word] & ~inB[word], bOnly = inB[word] & ~inA[word]
                for bit in Bitset.members(both) { counts[word * 64 + bit].n11 += 1 }
                for bit in Bitset.members(aOnly) { counts[word * 64 + bit].n10 += 1; onlyA.append(codes[word * 64 + bit]) }
                for bit in Bitset.members(bOnly) { counts[word * 64 + bit].n01 += 1; onlyB.append(codes[word * 64 + bit]) }
            }
            if !onlyA.isEmpty || !onlyB.isEmpty {
                events += Self.classify(onlyA: onlyA, onlyB: onlyB, chat: chat, hierarchy: hierarchy)
            }
        }
        for i in counts.indices { counts[i].n00 = pairable.count - counts[i].n11 - counts[i].n10 - counts[i].n01 }
        let rows = Dictionary(uniqueKeysWithValues: zip(codes, counts))
        perCode = codes.map { CodeRow(code: $0, cells: rows[$0]!) }
        cells = perCode.reduce(Cells()) { $0 + $1.cells }
        disagreements = events
        segments = SegmentAgreement(a, b, chats: pairable.compactMap { chatByID[$0] }, threshold: threshold)
    }

    /// Pairs each code only A used with a code only B used under the same parent (top-level codes have none, so
    /// they never pair), greedily in codebook order
    /// (each pair one "different" event); every code left over was "forgotten" by the coder who lacks it.
    static func classify(onlyA: [CodeID], onlyB: [CodeID], chat: String, hierarchy: CodeHierarchy) -> [Disagreement] {
        var events: [Disagreement] = []
        var remainingB = onlyB
        for code in onlyA {
            // A top-level code has no parent: it is not "under the same parent" as another top-level code.
            let parent = hierarchy.code(code)?.parent
            if let parent, let index = remainingB.firstIndex(where: { hierarchy.code($0)?.parent == parent }) {
                events.append(Disagreement(chat: chat, code: code, kind: .different, onlyA: true, otherCode: remainingB[index]))
                remainingB.remove(at: index)
            } else {
                events.append(Disagreement(chat: chat, code: code, kind: .forgotten, onlyA: true, otherCode: nil))
            }
        }
        for code in remainingB { events.append(Disagreement(chat: chat, code: code, kind: .forgotten, onlyA: false, otherCode: nil)) }
        return events
    }
}
