import Foundation
import GlossCore

/// Issue "Foundation": load, validate, and the cost of persisting one action.
enum FoundationBench {
    static func run(root: URL) throws {
        print("\n## Foundation")
        var project: Project!
        let load = try Measure.repeated(5) { project = try Project.load(root) }
        print("load project (config, codebook, \(project.chatCount) chats)   best \(Measure.format(load.best))  median \(Measure.format(load.median))   target < 300 ms")
        var session: Session!
        let read = try Measure.repeated(5) { session = try project.readSession("bench") }
        print("read session (\(session.codingCount) codings)                  best \(Measure.format(read.best))  median \(Measure.format(read.median))")
        let both = try Measure.repeated(5) { _ = try Project.load(root).readSession("bench") }
        print("load project + session                          best \(Measure.format(both.best))  median \(Measure.format(both.median))   target < 300 ms")
        let validate = Measure.repeated(3) { _ = ProjectValidator.validate(root) }
        print("validate whole project                          best \(Measure.format(validate.best))  median \(Measure.format(validate.median))")

        // Persisting one action: journal append + fsync, at the full session size.
        let store = try SessionStore(projectRoot: root, coder: "bench", codebookRevision: project.codebook.revision)
        let leaf = project.codebook.leaves[0].id
        var times: [Double] = []
        for i in 0..<1000 {
            let chat = try project.loadChat(project.chatIDs[i % project.chatCount])
            let number = (i / project.chatCount) + 1
            guard let span = chat.wholeMessages(number, number), store.session.coding(in: chat.id, span: span) == nil else { continue }
            let coding = Coding(chat: chat.id, span: span, codes: [leaf], text: chat.text(of: span), coder: "bench", created: Timestamp.now())
            times.append(try Measure.seconds { try store.perform([.coding(id: coding.id, before: nil, after: coding)], label: "bench") } * 1000)
        }
        let undo = try Measure.repeated(50) { try store.undo() }
        times.sort()
        print("persist one action (\(times.count) actions on a \(store.session.codingCount)-coding session)")
        print("    p50 \(Measure.format(Measure.percentile(times, 0.5)))  p99 \(Measure.format(Measure.percentile(times, 0.99)))  max \(Measure.format(times.last ?? 0))   target < 5 ms")
        print("undo one action (journal)                       best \(Measure.format(undo.best))  median \(Measure.format(undo.median))")
        let checkpoint = try Measure.repeated(3) {
            let first = project.chatIDs[0]
            try store.perform([.status(chat: first, before: store.session.status(of: first),
                                       after: store.session.status(of: first) == .done ? .inProgress : .done)], label: "bench")
            try store.checkpoint()
        }
        print("checkpoint (rewrite the session file, on close)  best \(Measure.format(checkpoint.best))  median \(Measure.format(checkpoint.median))")
        try store.close()

        // The same cost on a small session shows it does not grow with size.
        let small = try SessionStore(projectRoot: root, coder: "small", codebookRevision: 1)
        var smallTimes: [Double] = []
        for i in 0..<300 {
            let chat = try project.loadChat(project.chatIDs[i])
            let span = chat.wholeMessages(1, 1)!
            let coding = Coding(chat: chat.id, span: span, codes: [leaf], text: chat.text(of: span), coder: "small", created: Timestamp.now())
            smallTimes.append(try Measure.seconds { try small.perform([.coding(id: coding.id, before: nil, after: coding)], label: "bench") } * 1000)
        }
        smallTimes.sort()
        print("persist one action on a new session (for comparison)")
        print("    p50 \(Measure.format(Measure.percentile(smallTimes, 0.5)))  p99 \(Measure.format(Measure.percentile(smallTimes, 0.99)))")
        try small.close()
    }
}
