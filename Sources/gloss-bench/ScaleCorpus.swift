import Foundation
import GlossCore

/// What a user brings to `gloss import` and `gloss codings import` at scale, made reproducibly from a seed:
/// a folder of transcripts (neutral everyday text, as `BenchCorpus` writes them: 50–400 messages of 4–30
/// words) and two coders' codings CSVs. Coder B is a perturbed copy of A (a tenth of the quotes dropped, a
/// tenth given another code, a tenth one message longer), so a comparison has real agreement and real
/// disagreements. The transcripts are written directly (fast); the codings go in through `gloss codings import`.
struct ScaleCorpus: Codable {
    let export: URL
    let csvA: URL
    let csvB: URL
    let chatCount: Int
    let rowsA: Int
    let rowsB: Int
    let bytes: Int

    /// Where `gloss-bench corpus` leaves the description of what it wrote.
    static func description(in folder: URL) -> URL { folder.appendingPathComponent("corpus.json") }

    static func make(in folder: URL, chats chatCount: Int, codings codingCount: Int, codebook: Codebook, seed: UInt64 = 42) throws -> ScaleCorpus {
        var random = BenchCorpus.Random(state: seed)
        let export = folder.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        let words = BenchCorpus.words.map { Array($0.utf8) }
        let width = max(4, String(chatCount).count)
        var ids: [String] = []
        var messageCounts: [Int] = []
        var bytes = 0
        var text: [UInt8] = []
        for index in 1...chatCount {
            let id = "chat-" + String(repeating: "0", count: width - String(index).count) + String(index)
            let count = random.int(50...400)
            text.removeAll(keepingCapacity: true)
            text += Array("# title: gesprek \(index)\n# speakers: Bezoeker, Medewerker\n".utf8)
            for m in 0..<count {
                let hour = (m / 60) % 24, minute = m % 60
                text += [UInt8(ascii: "["), UInt8(48 + hour / 10), UInt8(48 + hour % 10), UInt8(ascii: ":"),
                         UInt8(48 + minute / 10), UInt8(48 + minute % 10), UInt8(ascii: "]"), UInt8(ascii: " ")]
                text += Array((m % 2 == 0 ? "Bezoeker: " : "Medewerker: ").utf8)
                let length = random.int(4...30)
                for w in 0..<length {
                    if w > 0 { text.append(UInt8(ascii: " ")) }
                    text += words[random.int(0...(words.count - 1))]
                }
                text.append(UInt8(ascii: "\n"))
            }
            try Data(text).write(to: export.appendingPathComponent(id + ".txt"))
            bytes += text.count
            ids.append(id)
            messageCounts.append(count)
        }

        // Coder A: whole-message quotes (1–3 messages) on random chats, one code each, no two on the same span.
        let leaves = codebook.leaves.map { codebook.path(of: $0.id) ?? $0.id.rawValue }
        struct Row { var chat: Int; var from: Int; var to: Int; var code: Int }
        var rows: [Row] = []
        var spans = Set<Int>()
        rows.reserveCapacity(codingCount)
        while rows.count < codingCount {
            let chat = random.int(0...(chatCount - 1))
            let from = random.int(1...messageCounts[chat])
            let to = min(messageCounts[chat], from + random.int(0...2))
            guard spans.insert(chat * 1_000_000 + from * 1000 + to).inserted else { continue }
            rows.append(Row(chat: chat, from: from, to: to, code: random.int(0...(leaves.count - 1))))
        }
        rows.sort { ($0.chat, $0.from, $0.to) < ($1.chat, $1.from, $1.to) }

        // Coder B: A perturbed.
        var rowsB: [Row] = []
        var spansB = Set<Int>()
        for row in rows {
            var copy = row
            switch random.int(0...9) {
            case 0: continue
            case 1: copy.code = random.int(0...(leaves.count - 1))
            case 2 where row.to < messageCounts[row.chat]: copy.to += 1
            default: break
            }
            if !spansB.insert(copy.chat * 1_000_000 + copy.from * 1000 + copy.to).inserted { continue }
            rowsB.append(copy)
        }

        func write(_ rows: [Row], to url: URL) throws {
            var csv = CSV.line(CodingsCSV.columns)
            csv.reserveCapacity(rows.count * 64)
            for row in rows {
                csv += CSV.line([ids[row.chat], String(row.from), "", String(row.to), "", leaves[row.code], "", ""])
            }
            try Data(csv.utf8).write(to: url)
        }
        let csvA = folder.appendingPathComponent("codings-a.csv")
        let csvB = folder.appendingPathComponent("codings-b.csv")
        try write(rows, to: csvA)
        try write(rowsB, to: csvB)
        return ScaleCorpus(export: export, csvA: csvA, csvB: csvB, chatCount: chatCount, rowsA: rows.count, rowsB: rowsB.count, bytes: bytes)
    }
}
