import GlossCore

/// Agreement among any number of coders (a team of three, a supervisor who codes a sample) on the unit of the
/// two-coder comparison: chat × code presence. Formulas, choices and a worked example: `docs/analysis.md`.
///
/// - **Units.** The chats of the list that at least two coders marked done, × the compared codes (every code
///   without sub-codes, plus any code with sub-codes or proposed code that some coder applied directly in
///   those chats). A coder who did not mark a chat done is *missing* for that chat's units.
/// - **Krippendorff's α** (nominal, missing values allowed) over every unit, and per code.
/// - **Fleiss' κ** only when every coder marked every one of those chats done; otherwise it is absent and
///   `fleissAbsence` says why (never a value computed on a part of the data without saying so).
/// - **Pairs.** For every pair of coders, the four cells over the units both rated (the chats both marked
///   done): positive agreement, agreement over all cells, Cohen's κ, α, and segment agreement.
/// - **Pooled** positive agreement and segment agreement: the pairs' counts summed (each segment compared
///   with every other coder who finished its chat); with two coders they equal the two-coder figures.
public struct MultiCoderAgreement: Sendable {
    /// A chat of the list left out because fewer than two coders marked it done (but someone started it).
    public struct Excluded: Equatable, Sendable {
        public var chat: String
        /// Per coder, in the order of the coders.
        public var statuses: [ChatStatus]
    }

    /// Why Fleiss' κ is absent.
    public enum FleissAbsence: Equatable, Sendable {
        /// Some coders did not mark these chats done (Fleiss' κ needs every coder on every unit).
        case missingCoders([String])
        /// No chat has two coders' values.
        case noUnits
        /// Every rating is the same, so P_e = 1 and κ is 0/0.
        case undefined
    }

    public struct CodeRow: Equatable, Sendable {
        public var code: CodeID
        public var tally: PresenceTally
        public var alpha: Double? { tally.alpha }
        public var fleissKappa: Double? { tally.fleissKappa }
    }

    public struct Pair: Equatable, Sendable {
        /// Indexes into the coders.
        public var a: Int, b: Int
        /// The chats both marked done.
        public var chats: Int
        public var cells: Agreement.Cells
        public var segments: SegmentAgreement.Count
    }

    public let coderCount: Int
    /// The chats whose units count: at least two coders marked them done.
    public let chats: [String]
    /// Per chat of `chats`, which coders (indexes) marked it done.
    public let doneBy: [[Int]]
    public let excluded: [Excluded]
    public let codes: [CodeID]
    public let tally: PresenceTally
    public let perCode: [CodeRow]
    public let pairs: [Pair]

    public var alpha: Double? { tally.alpha }
    public var fleissKappa: Double? { tally.fleissKappa }

    public var fleissAbsence: FleissAbsence? {
        if chats.isEmpty || codes.isEmpty { return .noUnits }
        let partial = zip(chats, doneBy).filter { $0.1.count < coderCount }.map(\.0)
        if !partial.isEmpty { return .missingCoders(partial) }
        return tally.fleissKappa == nil ? .undefined : nil
    }

    /// The pairs' cells summed: positive agreement Σ n11 / Σ (n11 + n10 + n01) over every pair.
    public var pooledCells: Agreement.Cells { pairs.reduce(Agreement.Cells()) { $0 + $1.cells } }

    /// Segment agreement over every pair: each segment of each coder compared with every other coder who
    /// marked its chat done.
    public var pooledSegments: SegmentAgreement.Count {
        pairs.reduce(SegmentAgreement.Count()) { SegmentAgreement.Count(agreeing: $0.agreeing + $1.segments.agreeing, total: $0.total + $1.segments.total) }
    }

    /// Mean of the defined per-code values, and how many codes were undefined (left out of the mean).
    public func mean(_ value: KeyPath<CodeRow, Double?>) -> (mean: Double?, undefined: Int) {
        let defined = perCode.compactMap { $0[keyPath: value] }
        return (defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count), perCode.count - defined.count)
    }

    /// Compares the coders' digests on `chats` (the project's chats, or the ones a round names).
    public init<C: ChatShape>(_ digests: [SessionDigest], codebook: Codebook, chats: [C], threshold: Int = 90) {
        coderCount = digests.count
        let hierarchy = CodeHierarchy(codebook: codebook, digests: digests)
        var included: [String] = [], doneBy: [[Int]] = [], excluded: [Excluded] = []
        for chat in chats {
            let statuses = digests.map { $0.status(of: chat.id) }
            let done = statuses.indices.filter { statuses[$0] == .done }
            if done.count >= 2 {
                included.append(chat.id)
                doneBy.append(done)
            } else if statuses.contains(where: { $0 != .notStarted }) {
                excluded.append(Excluded(chat: chat.id, statuses: statuses))
            }
        }
        self.chats = included
        self.doneBy = doneBy
        self.excluded = excluded

        // A coder's presence is read only in the chats they marked done (elsewhere they are missing): the other
        // chats are passed as "", which is never a chat id, so they read as empty.
        let presence = digests.enumerated().map { coder, digest in
            CodePresence(digest, chats: zip(included, doneBy).map { $0.1.contains(coder) ? $0.0 : "" })
        }
        var applied = Set<CodeID>()
        for p in presence { applied.formUnion(p.applied) }
        let compared = Set(hierarchy.codebook.leaves.map(\.id)).union(applied.filter { hierarchy.contains($0) })
        let codes = compared.sorted { hierarchy.order(of: $0) < hierarchy.order(of: $1) }
        self.codes = codes
        let position = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let bits = presence.map { $0.bitsets(positions: position, width: codes.count) }

        var tallies = [PresenceTally](repeating: PresenceTally(coders: digests.count), count: codes.count)
        var pairCells = [[Agreement.Cells]](repeating: [Agreement.Cells](repeating: Agreement.Cells(), count: digests.count), count: digests.count)
        var pairChats = [[Int]](repeating: [Int](repeating: 0, count: digests.count), count: digests.count)
        var ones = [Int](repeating: 0, count: codes.count)
        for (chatIndex, done) in doneBy.enumerated() {
            for i in ones.indices { ones[i] = 0 }
            for coder in done {
                for word in bits[coder][chatIndex].indices {
                    for bit in Bitset.members(bits[coder][chatIndex][word]) { ones[word * 64 + bit] += 1 }
                }
            }
            for code in codes.indices { tallies[code].add(ones: ones[code], of: done.count) }
            for (x, a) in done.enumerated() {
                for b in done[(x + 1)...] {
                    pairChats[a][b] += 1
                    var cells = pairCells[a][b]
                    for word in bits[a][chatIndex].indices {
                        let wa = bits[a][chatIndex][word], wb = bits[b][chatIndex][word]
                        cells.n11 += (wa & wb).nonzeroBitCount
                        cells.n10 += (wa & ~wb).nonzeroBitCount
                        cells.n01 += (wb & ~wa).nonzeroBitCount
                    }
                    pairCells[a][b] = cells
                }
            }
        }
        perCode = codes.indices.map { CodeRow(code: codes[$0], tally: tallies[$0]) }
        tally = tallies.reduce(PresenceTally(coders: digests.count), +)

        let chatByID = Dictionary(chats.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var pairs: [Pair] = []
        for a in digests.indices {
            for b in digests.indices where b > a {
                var cells = pairCells[a][b]
                cells.n00 = pairChats[a][b] * codes.count - cells.n11 - cells.n10 - cells.n01
                let both = zip(included, doneBy).filter { $0.1.contains(a) && $0.1.contains(b) }.compactMap { chatByID[$0.0] }
                let segments = SegmentAgreement(digests[a], digests[b], chats: both, threshold: threshold)
                pairs.append(Pair(a: a, b: b, chats: pairChats[a][b], cells: cells, segments: segments.all))
            }
        }
        self.pairs = pairs
    }
}
