import Foundation
import GlossAnalysis
import GlossApp
import GlossCore
import GlossTerminal

/// Issue "Analysis": incremental update, full recount, and the report end to end on a large session.
enum AnalysisBench {
    static func run(root: URL, codebook: Codebook) throws {
        print("\n## Analysis — 10,000 chats, 200,000 codings (session only; the chats' text is not needed)")
        var random = BenchCorpus.Random(state: 7)
        let chats = (1...10_000).map { String(format: "c%05d", $0) }
        let leaves = codebook.leaves.map(\.id)
        var session = Session(coder: "big", codebookRevision: codebook.revision)
        let now = Timestamp.now()
        for index in 0..<200_000 {
            let chat = chats[random.int(0...(chats.count - 1))]
            let message = random.int(1...300)
            var codes = [leaves[random.int(0...(leaves.count - 1))]]
            if index % 10 == 0 { codes.append(leaves[random.int(0...(leaves.count - 1))]); if codes[0] == codes[1] { codes.removeLast() } }
            let span = Span(from: TextPosition(message: message, offset: 0), to: TextPosition(message: message, offset: 10))
            session.apply(.coding(id: CodingID.generate(), before: nil, after: Coding(chat: chat, span: span, codes: codes, text: "x", coder: "big", created: now)))
        }
        for chat in chats { session.apply(.status(chat: chat, before: .notStarted, after: .done)) }
        let hierarchy = CodeHierarchy(codebook: codebook)
        var index = FrequencyIndex(hierarchy: hierarchy)
        let recount = Measure.repeated(3) { index = FrequencyIndex(hierarchy: hierarchy, session: session) }
        let figures = [FigureDefinition(number: 4, title: "Dwangmiddelen", category: "Dwangmiddel"),
                       FigureDefinition(number: 5, title: "Pleger", category: "Pleger"),
                       FigureDefinition(number: 6, title: "Sleutelfiguren", category: "Betrokkenheid sleutelfiguren in faciliteren van de uitbuiting")]
        let read = Measure.repeated(20) { _ = Figure.figures(for: figures, hierarchy: hierarchy, index: index, totalChats: chats.count) }
        print("full recount (index of 200,000 codings)        best \(Measure.format(recount.best))  median \(Measure.format(recount.median))   target < 100 ms")
        print("figures 4–6 from the index                     best \(Measure.format(read.best))  median \(Measure.format(read.median))")
        var times: [Double] = []
        let all = session.orderedCodings
        for step in 0..<10_000 {
            let coding = all[random.int(0...(all.count - 1))]
            times.append(Measure.seconds {
                if step % 2 == 0 { index.remove(coding) } else { index.add(coding) }
                _ = index.chats(with: coding.codes[0])
            } * 1000)
            if step % 2 == 0 { index.add(coding) }
        }
        times.sort()
        print(String(format: "incremental update (10,000 adds/removes)        p50 %6.1f µs  p99 %6.1f µs   target p99 < 200 µs",
                     Measure.percentile(times, 0.5) * 1000, Measure.percentile(times, 0.99) * 1000))

        // Reading the whole session file (one component of a report).
        try SecureFiles.makeDirectory(root)
        let project = try Project.create(at: root, name: "analysis", codebook: codebook, figures: figures)
        try SecureFiles.writeAtomically(try SessionFile.encode(session), to: project.sessionsURL.appendingPathComponent("big.json"))
        let sessionRead = try Measure.repeated(3) { _ = try project.readSession("big") }
        let bytes = (try FileManager.default.attributesOfItem(atPath: project.sessionsURL.appendingPathComponent("big.json").path)[.size] as? Int) ?? 0
        print(String(format: "read the session file (%.0f MB)                ", Double(bytes) / 1e6) + "best \(Measure.format(sessionRead.best))  median \(Measure.format(sessionRead.median))")
        // Not an end-to-end figure: this project has no transcripts and this session no journal. The end to end
        // is `gloss-bench scale`, which runs `gloss report` itself on a project built by `gloss import`.
        print("report end to end: see the Scale section (the real `gloss report` in a new process)")
    }
}
