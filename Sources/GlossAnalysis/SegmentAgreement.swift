import GlossCore

/// MAXQDA-style segment agreement: each coder's coded segment (a quote × one of its codes) agrees when the
/// other coder has the same code on a quote whose overlap with it is at least T % of the union of the two
/// spans. Agreement = agreeing segments of both coders / all segments of both coders, in total and per code.
///
/// Positions run over a chat's messages joined by one newline, in code points. The test is done in
/// integers: 100 · overlap ≥ T · union (inclusive), so "exactly 90 %" agrees at T = 90.
public struct SegmentAgreement: Equatable, Sendable {
    public struct Count: Equatable, Sendable {
        public var agreeing = 0
        public var total = 0
        public var agreement: Double? { total == 0 ? nil : Double(agreeing) / Double(total) }
    }

    public let threshold: Int
    public let all: Count
    public let perCode: [CodeID: Count]

    /// Whether two spans (as linear [start, end) offsets) overlap by at least `threshold` % of their union.
    public static func matches(_ a: Range<Int>, _ b: Range<Int>, threshold: Int) -> Bool {
        let overlap = min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)
        guard overlap > 0 else { return false }
        let union = max(a.upperBound, b.upperBound) - min(a.lowerBound, b.lowerBound)
        return 100 * overlap >= threshold * union
    }

    public init<C: ChatShape>(_ a: Session, _ b: Session, chats: [C], threshold: Int) {
        self.init(SessionDigest(a), SessionDigest(b), chats: chats, threshold: threshold)
    }

    /// The same measure from two session digests (spans and codes are all it needs).
    public init<C: ChatShape>(_ a: SessionDigest, _ b: SessionDigest, chats: [C], threshold: Int) {
        self.threshold = threshold
        var perCode: [CodeID: Count] = [:]
        var all = Count()
        for chat in chats {
            func segments(_ digest: SessionDigest) -> [CodeID: [Range<Int>]] {
                var result: [CodeID: [Range<Int>]] = [:]
                guard let index = digest.index(ofChat: chat.id) else { return result }
                // A coding whose span the (edited) transcript no longer holds has no place on the line (and
                // would make a backwards range): it is left out; `gloss validate` reports it.
                for i in digest.codings(inChat: index) {
                    let span = digest.codings[i].span
                    guard chat.problem(with: span) == nil else { continue }
                    let range = chat.linearOffset(of: span.from)..<chat.linearOffset(of: span.to)
                    for code in digest.codeIndexes(ofCoding: i) { result[digest.codes[Int(code)], default: []].append(range) }
                }
                return result
            }
            let segA = segments(a), segB = segments(b)
            for code in Set(segA.keys).union(segB.keys) {
                let ra = segA[code] ?? [], rb = segB[code] ?? []
                let agreeing = ra.filter { x in rb.contains { Self.matches(x, $0, threshold: threshold) } }.count
                    + rb.filter { x in ra.contains { Self.matches(x, $0, threshold: threshold) } }.count
                perCode[code, default: Count()].agreeing += agreeing
                perCode[code, default: Count()].total += ra.count + rb.count
                all.agreeing += agreeing
                all.total += ra.count + rb.count
            }
        }
        self.all = all
        self.perCode = perCode
    }
}
