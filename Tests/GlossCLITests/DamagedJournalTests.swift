import Foundation
import Testing

/// One damaged byte in a journal must never lock a coder out of complete work (issue 8): every command goes
/// on with a warning that names the file and line, and the session file's data is all there.
@Suite("CLI: a damaged journal")
struct DamagedJournalTests {
    /// Flips one bit of a byte inside the JSON of journal line `line` (1-based; line 1 is the header).
    private func flipByte(onLine line: Int, of journal: URL) throws {
        var data = try Data(contentsOf: journal)
        var start = 0
        for _ in 1..<line { start = data[start...].firstIndex(of: 0x0A)! + 1 }
        let end = data[start...].firstIndex(of: 0x0A)!
        let position = start + (end - start) / 2
        data[position] ^= 0x01
        try data.write(to: journal)
    }

    @Test func aDamagedRecordAlreadyInTheSessionFileStopsNoCommand() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)   // the import is record 1, folded into ann.json at close
            let journal = sessionFile(folder.project, "ann", "journal")
            let export = try gloss("codings", "export", folder.project.path, "--coder", "ann")
            try #require(export.status == 0, "\(export)")
            try flipByte(onLine: 2, of: journal)
            let damaged = try Data(contentsOf: journal)

            for arguments in [["codings", "export", folder.project.path, "--coder", "ann"], ["status", folder.project.path],
                              ["report", folder.project.path, "--coder", "ann"], ["validate", folder.project.path]] {
                let result = try gloss(arguments)
                #expect(result.status == 0, "\(result)")
                // validate lists warnings on standard output, the other commands on standard error.
                #expect((result.stderr + result.stdout).contains("warning: \(journal.path): line 2: the record is damaged (checksum mismatch)"), "\(result)")
                // Reading commands change nothing.
                #expect(try Data(contentsOf: journal) == damaged)
            }
            #expect(try gloss("codings", "export", folder.project.path, "--coder", "ann").stdout == export.stdout)

            // A command that opens the session for writing sets the damaged journal aside and goes on.
            let csv = try folder.write("more.csv", Fixtures.csvHeader + "chat-03,,,,,,,\n")
            let merge = try gloss("codings", "import", folder.project.path, "--coder", "ann", "--merge", csv.path)
            #expect(merge.status == 0, "\(merge)")
            #expect(merge.stderr.contains("undo history before this point is lost"), "\(merge)")
            let names = try FileManager.default.contentsOfDirectory(atPath: journal.deletingLastPathComponent().path)
            let aside = names.filter { $0.hasPrefix("ann.journal.damaged-") }
            #expect(aside.count == 1)
            if let name = aside.first {
                #expect(try Data(contentsOf: journal.deletingLastPathComponent().appendingPathComponent(name)) == damaged)
            }
            // Everything is still there, and no warning is left.
            let status = try gloss("status", folder.project.path)
            #expect(status.status == 0 && status.stderr.isEmpty, "\(status)")
            let after = try gloss("codings", "export", folder.project.path, "--coder", "ann")
            for row in export.stdout.split(separator: "\n") { #expect(after.stdout.contains(row), "\(row)") }
        }
    }
}
