import Foundation
import Testing

/// `gloss codings import`: an import that fits the undo window is one journalled action (one undo step); a
/// larger one is written as a new snapshot with a new, empty journal (no giant journal record), and the
/// session digest is fresh afterwards.
@Suite("CLI: codings import and the journal")
struct CodingsImportHistoryTests {
    private func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    private func journalLines(_ project: URL, _ coder: String) throws -> [String] {
        String(decoding: try Data(contentsOf: project.appendingPathComponent("sessions/\(coder).journal")), as: UTF8.self)
            .split(separator: "\n").map(String.init)
    }

    @Test func aSmallImportIsOneJournalledAction() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder, coder: "ann")
            let lines = try journalLines(folder.project, "ann")
            #expect(lines.count == 2, "a header and the import's record")
            #expect(lines.last?.contains("\"label\":\"import codings.csv\"") == true)
            let mark = try #require(try json(folder.project.appendingPathComponent("sessions/ann.json"))["journal"] as? [String: Any])
            #expect(mark["seq"] as? Int == 1)
        }
    }

    @Test func aLargeImportStartsANewHistoryWithAnEmptyJournal() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder, chats: [])
            // One chat of 80 messages of 200 letters, and 16,000 distinct quotes in it: far over the 4 MiB window.
            let messages = (1...80).map { "[10:\(String(format: "%02d", $0 % 60))] Jongere: " + String(repeating: "a", count: 200) }
            let chat = try folder.write("big.txt", "# speakers: Jongere\n" + messages.joined(separator: "\n") + "\n")
            let imported = try gloss("import", folder.project.path, chat.path)
            try #require(imported.status == 0, "\(imported)")
            var csv = Fixtures.csvHeader
            for message in 1...80 {
                for start in 0..<200 { csv += "big,\(message),\(start),\(message),\(start + 1),Toon,,\n" }
            }
            let file = try folder.write("big.csv", csv)
            let result = try gloss("codings", "import", folder.project.path, "--coder", "bo", file.path)
            try #require(result.status == 0, "\(result)")
            #expect(result.stdout.contains("16000 quotes"), "\(result)")

            let lines = try journalLines(folder.project, "bo")
            #expect(lines.count == 1, "only the journal's header")
            let session = try json(folder.project.appendingPathComponent("sessions/bo.json"))
            let mark = try #require(session["journal"] as? [String: Any])
            #expect(mark["seq"] as? Int == 0)
            let id = try #require(mark["id"] as? String)
            #expect(lines.first?.contains("\"journal\":\"\(id)\"") == true)
            #expect((session["codings"] as? [Any])?.count == 16_000)
            #expect(FileManager.default.fileExists(atPath: folder.project.appendingPathComponent("cache/bo.digest").path))

            // The session opens, reads and takes a --merge of more rows (a journalled action after the new history).
            let more = try folder.write("more.csv", Fixtures.csvHeader + "big,1,0,1,5,Toon,,\n")
            let merged = try gloss("codings", "import", folder.project.path, "--coder", "bo", "--merge", more.path)
            #expect(merged.status == 0, "\(merged)")
            #expect(merged.stdout.contains("now has 16001 quotes"), "\(merged)")
            #expect(try journalLines(folder.project, "bo").count == 2)
            let status = try gloss("status", folder.project.path)
            #expect(status.status == 0 && status.stderr.isEmpty, "\(status)")
        }
    }
}
