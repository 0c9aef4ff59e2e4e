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
        // Codes are numbered once over both digests, so a chat's segments are grouped by sorting integers,
        // and each chat's linear offsets come from one running sum of its message lengths.
        let union = Array(Set(a.codes).union(b.codes))
        let number = Dictionary(uniqueKeysWithValues: union.enumerated().map { ($1, $0) })
        let numbersA = a.codes.map { number[$0]! }, numbersB = b.codes.map { number[$0]! }
        var counts = [Count](repeating: Count(), count: union.count)
        var all = Count()
        var starts: [Int] = []
        for chat in chats {
            let indexA = a.index(ofChat: chat.id), indexB = b.index(ofChat: chat.id)
            guard indexA != nil || indexB != nil else { continue }
            starts.removeAll(keepingCapacity: true)
            var total = 0
            for message in 1...max(1, chat.messageCount) {
                starts.append(total)
                if message <= chat.messageCount { total += chat.length(ofMessage: message) + 1 }
            }
            func offset(_ position: TextPosition) -> Int {
                // Clamped to the chat as `ChatShape.linearOffset` is.
                let message = max(1, min(position.message, chat.messageCount + 1))
                return (message - 1 < starts.count ? starts[message - 1] : total) + position.offset
            }
            func segments(_ digest: SessionDigest, _ index: Int?, _ numbers: [Int]) -> [(code: Int, range: Range<Int>)] {
                guard let index else { return [] }
                var result: [(code: Int, range: Range<Int>)] = []
                // A coding whose span the (edited) transcript no longer holds has no place on the line (and
                // would make a backwards range): it is left out; `gloss validate` reports it.
                for i in digest.codings(inChat: index) {
                    let span = digest.codings[i].span
                    guard chat.problem(with: span) == nil else { continue }
                    let range = offset(span.from)..<offset(span.to)
                    for code in digest.codeIndexes(ofCoding: i) { result.append((numbers[Int(code)], range)) }
                }
                // Stable: within one code the segments keep their file order.
                return result.enumerated().sorted { ($0.element.code, $0.offset) < ($1.element.code, $1.offset) }.map(\.element)
            }
            let segA = segments(a, indexA, numbersA), segB = segments(b, indexB, numbersB)
            var i = 0, j = 0
            while i < segA.count || j < segB.count {
                let code = min(i < segA.count ? segA[i].code : Int.max, j < segB.count ? segB[j].code : Int.max)
                var endA = i, endB = j
                while endA < segA.count && segA[endA].code == code { endA += 1 }
                while endB < segB.count && segB[endB].code == code { endB += 1 }
                let ra = segA[i..<endA].map(\.range), rb = segB[j..<endB].map(\.range)
                let agreeing = ra.filter { x in rb.contains { Self.matches(x, $0, threshold: threshold) } }.count
                    + rb.filter { x in ra.contains { Self.matches(x, $0, threshold: threshold) } }.count
                counts[code].agreeing += agreeing
                counts[code].total += ra.count + rb.count
                all.agreeing += agreeing
                all.total += ra.count + rb.count
                i = endA
                j = endB
            }
        }
        self.all = all
        var perCode: [CodeID: Count] = [:]
        for (code, count) in zip(union, counts) where count.total > 0 { perCode[code] = count }
        self.perCode = perCode
    }
}
