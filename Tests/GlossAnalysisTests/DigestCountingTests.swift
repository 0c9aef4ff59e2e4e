import Foundation
import Testing
@testable import GlossAnalysis
@testable import GlossCore

/// Counting from a session digest (what `report`, `status` and `compare` now read) must give exactly what counting
/// from the full session gives: the frequency index and matrix against `FrequencyIndex(hierarchy:session:)`, and
/// agreement against a reference written here over `Session` (the computation as it was before digests), on
/// random sessions after random edits, and after the digest went through its file form.
@Suite("Counting from a session digest equals counting from the session")
struct DigestCountingTests {
    static let chats = Chats.all

    /// A random session over the nine fixture chats: codings with 1–3 codes (codebook, proposed and unknown
    /// ones), some spans the transcripts do not hold, statuses; then random removals, recodings and status changes.
    static func randomSession(coder: String, seed: UInt64, proposals: [Code]) -> Session {
        var random = SplitMix64(seed: seed)
        var session = Session(coder: coder)
        for code in proposals { session.apply(.proposal(id: code.id, before: nil, after: code)) }
        let pool = (try! RandomBook.codebook()).codes.map(\.id) + proposals.map(\.id) + [RandomBook.unknown]
        for n in 0..<(20 + random.int(60)) {
            let chat = random.pick(chats)
            let message = random.int(in: 1...(chat.messages.count + (random.chance(5) ? 1 : 0)))
            let length = message <= chat.messages.count ? chat.messages[message - 1].length : 5
            let from = random.int(in: 0...(length - 1))
            let to = random.chance(5) ? length + 3 : random.int(in: (from + 1)...length)
            var codes: [CodeID] = []
            for _ in 0..<random.int(in: 1...3) { let code = random.pick(pool); if !codes.contains(code) { codes.append(code) } }
            let coding = Coding(id: CodingID("\(coder)-\(n)"), chat: chat.id,
                                span: Span(from: TextPosition(message: message, offset: from), to: TextPosition(message: message, offset: to)),
                                codes: codes, text: "", coder: coder, created: fixedDate)
            session.apply(.coding(id: coding.id, before: nil, after: coding))
        }
        for chat in chats where random.chance(80) {
            session.apply(.status(chat: chat.id, before: .notStarted, after: random.chance(75) ? .done : .inProgress))
        }
        // Edits, as the workbench makes them.
        for _ in 0..<random.int(30) {
            let existing = session.orderedCodings
            guard !existing.isEmpty else { break }
            let coding = random.pick(existing)
            switch random.int(3) {
            case 0: session.apply(.coding(id: coding.id, before: coding, after: nil))
            case 1:
                var recoded = coding
                recoded.codes = [random.pick(pool)]
                session.apply(.coding(id: coding.id, before: coding, after: recoded))
            default:
                let chat = random.pick(chats).id
                session.apply(.status(chat: chat, before: session.status(of: chat), after: random.pick(ChatStatus.allCases)))
            }
        }
        return session
    }

    /// The digest as a command finds it: written to its file form and read back.
    static func throughFile(_ session: Session) throws -> SessionDigest {
        let key = SessionDigestKey(snapshot: FileKey(device: 0, inode: 0, size: 0, modifiedNanoseconds: 0, changedNanoseconds: 0),
                                   journal: nil, journalID: "", journalSeq: 0)
        return try #require(SessionDigestFile.decode(SessionDigestFile.encode(SessionDigest(session), key: key))).digest
    }

    static let proposalsB: [Code] = [
        // The same id as one of A's proposals with another name: A's wins in the shared tree, as for sessions.
        Code(id: CodeID("p.r1"), name: "B's name for it", parent: CodeID("r2")),
        Code(id: CodeID("p.b.only"), name: "Only B", parent: CodeID("r0.c1")),
    ]

    @Test(arguments: 0..<40)
    func frequencyIndexAndMatrixFromTheDigest(seed: Int) throws {
        let codebook = try RandomBook.codebook()
        let session = Self.randomSession(coder: "anna", seed: UInt64(seed), proposals: RandomBook.proposals)
        let digest = try Self.throughFile(session)
        let hierarchy = CodeHierarchy(codebook: codebook, proposed: session.proposedCodes)
        let fromDigestTree = CodeHierarchy(codebook: codebook, proposed: digest.proposedCodes)
        let full = FrequencyIndex(hierarchy: hierarchy, session: session)
        let fast = FrequencyIndex(hierarchy: fromDigestTree, digest: digest)
        #expect(fast == full)
        #expect(fast.unknownCodes == full.unknownCodes)
        #expect(Set(fast.chatsWithCodes) == Set(full.chatsWithCodes))
        for allLevels in [false, true] {
            #expect(CodeStatistics.matrix(hierarchy: fromDigestTree, index: fast, allLevels: allLevels)
                    == CodeStatistics.matrix(hierarchy: hierarchy, index: full, allLevels: allLevels))
        }
        for category in RandomBook.categories {
            let a = Figure(number: 1, title: "t", category: category, hierarchy: hierarchy, index: full, totalChats: 9, hideEmpty: false)
            let b = Figure(number: 1, title: "t", category: category, hierarchy: fromDigestTree, index: fast, totalChats: 9, hideEmpty: false)
            #expect(a.bars.map(\.code) == b.bars.map(\.code) && a.bars.map(\.chats) == b.bars.map(\.chats) && a.n == b.n)
        }
    }

    @Test(arguments: 0..<40)
    func agreementFromDigestsEqualsTheSessionReference(seed: Int) throws {
        let codebook = try RandomBook.codebook()
        let a = Self.randomSession(coder: "anna", seed: UInt64(1000 + seed), proposals: RandomBook.proposals)
        let b = Self.randomSession(coder: "bram", seed: UInt64(2000 + seed), proposals: Self.proposalsB)
        let (da, db) = (try Self.throughFile(a), try Self.throughFile(b))
        for threshold in [0, 50, 90, 100] {
            let found = Agreement(da, db, codebook: codebook, chats: Self.chats, threshold: threshold)
            let expected = Reference(a, b, codebook: codebook, chats: Self.chats, threshold: threshold)
            #expect(found.pairable == expected.pairable)
            #expect(found.excluded == expected.excluded)
            #expect(found.codes == expected.codes)
            #expect(found.perCode == expected.perCode)
            #expect(found.disagreements == expected.disagreements)
            #expect(found.segments.all == expected.segmentsAll)
            #expect(found.segments.perCode == expected.segmentsPerCode)
        }
        #expect(CodeHierarchy(codebook: codebook, digests: [da, db]).proposed == CodeHierarchy(codebook: codebook, sessions: [a, b]).proposed)
    }

    /// Agreement computed over `Session` values, as `Agreement` and `SegmentAgreement` did before digests.
    struct Reference {
        var pairable: [String] = []
        var excluded: [Agreement.Excluded] = []
        var codes: [CodeID] = []
        var perCode: [Agreement.CodeRow] = []
        var disagreements: [Agreement.Disagreement] = []
        var segmentsAll = SegmentAgreement.Count()
        var segmentsPerCode: [CodeID: SegmentAgreement.Count] = [:]

        init(_ a: Session, _ b: Session, codebook: Codebook, chats: [Chat], threshold: Int) {
            let hierarchy = CodeHierarchy(codebook: codebook, sessions: [a, b])
            pairable = chats.map(\.id).filter { a.status(of: $0) == .done && b.status(of: $0) == .done }
            excluded = chats.map(\.id).compactMap { id in
                let sa = a.status(of: id), sb = b.status(of: id)
                guard !(sa == .done && sb == .done), sa != .notStarted || sb != .notStarted else { return nil }
                return Agreement.Excluded(chat: id, statusA: sa, statusB: sb)
            }
            let pairableSet = Set(pairable)
            func presence(_ session: Session) -> [String: Set<CodeID>] {
                var result: [String: Set<CodeID>] = [:]
                for coding in session.codings.values where pairableSet.contains(coding.chat) {
                    result[coding.chat, default: []].formUnion(coding.codes)
                }
                return result
            }
            let presentA = presence(a), presentB = presence(b)
            let applied = Set(presentA.values.flatMap { $0 }).union(presentB.values.flatMap { $0 })
            let compared = Set(hierarchy.codebook.leaves.map(\.id)).union(applied.filter { hierarchy.contains($0) })
            codes = compared.sorted { hierarchy.order(of: $0) < hierarchy.order(of: $1) }
            var rows: [CodeID: Agreement.Cells] = Dictionary(uniqueKeysWithValues: codes.map { ($0, Agreement.Cells()) })
            for chat in pairable {
                let inA = presentA[chat] ?? [], inB = presentB[chat] ?? []
                for code in codes {
                    switch (inA.contains(code), inB.contains(code)) {
                    case (true, true): rows[code]!.n11 += 1
                    case (true, false): rows[code]!.n10 += 1
                    case (false, true): rows[code]!.n01 += 1
                    case (false, false): rows[code]!.n00 += 1
                    }
                }
                disagreements += Agreement.classify(onlyA: codes.filter { inA.contains($0) && !inB.contains($0) },
                                                    onlyB: codes.filter { inB.contains($0) && !inA.contains($0) }, chat: chat, hierarchy: hierarchy)
            }
            perCode = codes.map { Agreement.CodeRow(code: $0, cells: rows[$0]!) }
            for chat in chats where pairableSet.contains(chat.id) {
                func segments(_ session: Session) -> [CodeID: [Range<Int>]] {
                    var result: [CodeID: [Range<Int>]] = [:]
                    for coding in session.codings(in: chat.id) where chat.problem(with: coding.span) == nil {
                        let range = chat.linearOffset(of: coding.span.from)..<chat.linearOffset(of: coding.span.to)
                        for code in coding.codes { result[code, default: []].append(range) }
                    }
                    return result
                }
                let segA = segments(a), segB = segments(b)
                for code in Set(segA.keys).union(segB.keys) {
                    let ra = segA[code] ?? [], rb = segB[code] ?? []
                    let agreeing = ra.filter { x in rb.contains { SegmentAgreement.matches(x, $0, threshold: threshold) } }.count
                        + rb.filter { x in ra.contains { SegmentAgreement.matches(x, $0, threshold: threshold) } }.count
                    segmentsPerCode[code, default: .init()].agreeing += agreeing
                    segmentsPerCode[code, default: .init()].total += ra.count + rb.count
                    segmentsAll.agreeing += agreeing
                    segmentsAll.total += ra.count + rb.count
                }
            }
        }
    }
}
