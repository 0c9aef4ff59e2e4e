import Foundation
import GlossCore

/// The codings CSV import of one very large chat: 100,000 quotes, half of them already in the session, read
/// and merged by the functions `gloss codings import --merge` uses. The merge was quadratic in the quotes of
/// a chat (8,000 took 10.9 s); it is now linear.
enum ImportBench {
    static func run(codebook: Codebook) throws {
        let messages = 1_000, perMessage = 100, total = messages * perMessage
        let line = String(repeating: "x", count: 120)
        let transcript = (1...messages).map { "\($0 % 2 == 0 ? "A" : "B"): \(line)" }.joined(separator: "\n") + "\n"
        let chat = try TranscriptParser().parse(Data(transcript.utf8), id: "big", file: "big.txt")
        let leaves = codebook.leaves
        func csv(_ range: Range<Int>, code: Code) -> String {
            var out = CodingsCSV.columns.joined(separator: ",") + "\n"
            for k in range {
                let message = k / perMessage + 1, offset = k % perMessage
                out += "big,\(message),\(offset),\(message),\(offset + 1),\(code.id.rawValue),,\n"
            }
            return out
        }
        let earlier = try CodingsCSV.read(csv(0..<total / 2, code: leaves[0]), file: "a.csv", chats: ["big": chat], codebook: codebook, coder: "bench")
        var session = Session(coder: "bench")
        session.apply(CodingsCSV.changes(toImport: earlier, into: session, replace: false))
        let text = csv(0..<total, code: leaves[1])
        var changes: [SessionChange] = []
        let seconds = try Measure.seconds {
            let contents = try CodingsCSV.read(text, file: "b.csv", chats: ["big": chat], codebook: codebook, coder: "bench")
            changes = CodingsCSV.changes(toImport: contents, into: session, replace: false)
        }
        print(String(format: "codings import --merge of one chat with %d quotes (%d changes)   %.2f s   (target < 5 s)", total, changes.count, seconds))
    }
}
