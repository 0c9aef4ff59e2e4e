import Foundation
import GlossAnalysis
import GlossCore

/// Issue "Pair coding": comparing two 1,380-chat sessions with 20,000 codings each.
enum PairBench {
    static func run(root: URL) throws {
        print("\n## Pair coding — two sessions of 1,380 chats")
        let project = try Project.load(root)
        let a = try project.readSession("bench")
        // B: A with a tenth of the codes changed to a sibling-ish other leaf, a tenth dropped, and spans shifted.
        var random = BenchCorpus.Random(state: 11)
        let leaves = project.codebook.leaves.map(\.id)
        var b = Session(coder: "bench-b", codebookRevision: a.codebookRevision)
        for coding in a.orderedCodings {
            let roll = random.int(0...9)
            if roll == 0 { continue }
            var copy = coding
            copy.id = CodingID.generate()
            copy.coder = "bench-b"
            if roll == 1 { copy.codes = [leaves[random.int(0...(leaves.count - 1))]] }
            if roll == 2, copy.span.from.offset + 3 < (project.chat(copy.chat)?.message(copy.span.from.message)?.length ?? 0) { copy.span.from.offset += 3 }
            b.apply(.coding(id: copy.id, before: nil, after: copy))
        }
        for (chat, status) in a.chatStatuses { b.apply(.status(chat: chat, before: .notStarted, after: status)) }
        var agreement: Agreement!
        let time = Measure.repeated(3) { agreement = Agreement(a, b, codebook: project.codebook, chats: project.summaries, threshold: 90) }
        print("compare (chat × code cells, per code, segments, disagreements): \(a.codingCount) vs \(b.codingCount) codings")
        print("    best \(Measure.format(time.best))  median \(Measure.format(time.median))   target < 1 s")
        print(String(format: "    positive agreement %.1f %%, alpha %.3f, %d disagreements", (agreement.cells.positiveAgreement ?? 0) * 100,
                     agreement.cells.alpha ?? .nan, agreement.disagreements.count))
    }
}
