import Foundation
import GlossCore

/// A generated project of neutral everyday chat text, the size the issues name
/// (1,380 chats of 50–400 messages, 20,000 codings), made reproducibly from a seed.
struct BenchCorpus {
    let root: URL
    let chatCount: Int
    let codingCount: Int

    static let words = ["de", "het", "een", "boodschappen", "fiets", "trein", "koffie", "morgen", "vandaag", "weer",
                        "regen", "zon", "school", "werk", "tuin", "bibliotheek", "markt", "brood", "kaas", "appel",
                        "wandelen", "bellen", "afspraak", "later", "eerst", "misschien", "graag", "samen", "thuis",
                        "buurt", "park", "bus", "station", "huiswerk", "film", "muziek", "soep", "taart", "ochtend",
                        "avond", "week", "jas", "paraplu", "kapper", "sport", "zwemmen", "boek", "ëcht", "café", "🙂"]

    /// Deterministic pseudo-random numbers (SplitMix64), so every run measures the same project.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    }

    /// Writes the project (codebook from the CKM sample, chats, one session with `codingCount` codings).
    static func make(at root: URL, chats chatCount: Int, codings codingCount: Int, codebook: Codebook) throws -> BenchCorpus {
        var random = Random(state: 42)
        var project = try Project.create(at: root, name: "bench", codebook: codebook,
                                         figures: [FigureDefinition(number: 4, title: "Dwangmiddelen", category: "Dwangmiddel")])
        _ = project
        var chats: [String: Chat] = [:]
        for index in 1...chatCount {
            let id = String(format: "chat-%04d", index)
            var lines = ["# title: gesprek \(index)", "# speakers: Bezoeker, Medewerker"]
            var messages: [Message] = []
            let count = random.int(50...400)
            for m in 0..<count {
                let speaker = m % 2 == 0 ? "Bezoeker" : "Medewerker"
                let length = random.int(4...30)
                let text = (0..<length).map { _ in words[random.int(0...(words.count - 1))] }.joined(separator: " ")
                let stamp = String(format: "[%02d:%02d]", (m / 60) % 24, m % 60)
                lines.append("\(stamp) \(speaker): \(text)")
                messages.append(Message(speaker: speaker, timestamp: nil, text: text))
            }
            try SecureFiles.writeAtomically(Data((lines.joined(separator: "\n") + "\n").utf8),
                                            to: root.appendingPathComponent("chats/\(id).txt"))
            chats[id] = Chat(id: id, messages: messages)
        }
        project = try Project.load(root)
        let leaves = codebook.leaves.map(\.id)
        var session = Session(coder: "bench", codebookRevision: codebook.revision)
        let chatIDs = chats.keys.sorted()
        let now = Timestamp.now()
        var made = 0
        while made < codingCount {
            let chat = chats[chatIDs[random.int(0...(chatIDs.count - 1))]]!
            let first = random.int(1...chat.messages.count)
            let last = min(chat.messages.count, first + random.int(0...2))
            let span = chat.wholeMessages(first, last)!
            if session.coding(in: chat.id, span: span) != nil { continue }
            var codes = [leaves[random.int(0...(leaves.count - 1))]]
            if random.int(0...9) == 0, let second = leaves.randomElement(), second != codes[0] { codes.append(second) }
            let coding = Coding(chat: chat.id, span: span, codes: codes, text: chat.text(of: span), coder: "bench", created: now)
            session.apply(.coding(id: coding.id, before: nil, after: coding))
            if session.status(of: chat.id) == .notStarted { session.apply(.status(chat: chat.id, before: .notStarted, after: .done)) }
            made += 1
        }
        try SecureFiles.writeAtomically(try SessionFile.encode(session), to: root.appendingPathComponent("sessions/bench.json"))
        return BenchCorpus(root: root, chatCount: chatCount, codingCount: codingCount)
    }
}
