import Foundation
import Testing

/// `gloss import` and `gloss init` with awkward or missing input files.
@Suite("Transcript import and missing files")
struct TranscriptImportTests {
    /// chat-01 as a Windows editor saves it: a UTF-8 byte-order mark and CRLF line ends.
    static var chat01CRLFWithBOM: Data {
        Data([0xEF, 0xBB, 0xBF]) + Data(Fixtures.chat01.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    @Test("a CRLF transcript with a BOM imports as the same chat as the LF version")
    func crlfAndBOM() throws {
        try withTemporaryFolder { folder in
            // Two projects from the same codebook: one gets the LF file, the other the CRLF+BOM file.
            try Fixtures.writeSources(in: folder)
            let windows = try folder.write("windows/chat-01.txt", Self.chat01CRLFWithBOM)
            #expect(try Data(contentsOf: windows).contains(0x0D))
            let lfProject = folder.url.appendingPathComponent("lf")
            let crlfProject = folder.url.appendingPathComponent("crlf")
            for project in [lfProject, crlfProject] {
                let created = try gloss("init", project.path, "--codebook", folder.source("codebook.tsv").path)
                try #require(created.status == 0, "\(created)")
            }
            let lf = try gloss("import", lfProject.path, folder.source("chat-01.txt").path)
            #expect(lf.status == 0, "\(lf)")
            let crlf = try gloss("import", crlfProject.path, windows.path)
            #expect(crlf.status == 0, "\(crlf)")
            #expect(crlf.stderr == "")
            #expect(crlf.stdout == lf.stdout)
            #expect(crlf.stdout == "chat-01: imported, 3 messages; speakers: Hulpverlener (2), Jongere (1)\n1 chat(s) added; the project has 1.\n")

            // Stored as clean UTF-8 with LF: no BOM, no CR, the same bytes as the LF source.
            let stored = try Data(contentsOf: crlfProject.appendingPathComponent("chats/chat-01.txt"))
            #expect(!stored.contains(0x0D))
            #expect(!stored.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(stored == Data(Fixtures.chat01.utf8))

            // Same codings give the same export; the codebook is unaffected.
            let csv = try folder.write("codings.csv", Fixtures.csvHeader + """
                chat-01,1,,2,,Onderwerp > Thuis,,
                chat-01,2,21,2,27,Toon > Vriendelijk,,
                chat-01,2,0,3,4,Toon,Over twee berichten,

                """)
            var exports: [String] = []
            for project in [lfProject, crlfProject] {
                let imported = try gloss("codings", "import", project.path, "--coder", "ann", csv.path)
                #expect(imported.status == 0, "\(imported)")
                let exported = try gloss("codings", "export", project.path, "--coder", "ann")
                #expect(exported.status == 0, "\(exported)")
                exports.append(exported.stdout)
                // No message text in the session carries a CR.
                for coding in try sessionCodings(project, "ann") {
                    let text = try #require(coding["text"] as? String)
                    #expect(!text.unicodeScalars.contains("\r"), "\(text.debugDescription)")
                }
            }
            #expect(exports[0] == exports[1])
            #expect(exports[1] == exportHeader + """
                chat-01,1,,2,,Onderwerp > Thuis,,,"Hoi, waar wil je over praten?
                het gaat over thuis, \u{EB}cht 😀
                Ik zei: nee"
                chat-01,2,0,3,4,Toon,Over twee berichten,,"het gaat over thuis, \u{EB}cht 😀
                Ik zei: nee
                Wat "
                chat-01,2,21,2,27,Toon > Vriendelijk,,,\u{EB}cht 😀

                """)
            let crlfQuote = try sessionCodings(crlfProject, "ann").first { ($0["memo"] as? String) == "Over twee berichten" }
            #expect((crlfQuote?["text"] as? String).map { Array($0.unicodeScalars) }
                    == Array("het gaat over thuis, \u{EB}cht 😀\nIk zei: nee\nWat ".unicodeScalars))
            for format in ["text", "tsv"] {
                let a = try gloss("codebook", lfProject.path, "--format", format)
                let b = try gloss("codebook", crlfProject.path, "--format", format)
                #expect(a.status == 0 && b.status == 0)
                #expect(a.stdout == b.stdout)
            }

            // Importing the CRLF file into the LF project finds the very same chat.
            let again = try gloss("import", lfProject.path, windows.path)
            #expect(again.status == 0, "\(again)")
            #expect(again.stdout == "chat-01: already present, unchanged, 3 messages; speakers: Hulpverlener (2), Jongere (1)\n0 chat(s) added; the project has 1.\n")
        }
    }

    static let latin1Bytes: [UInt8] = Array("# speakers: Klant, Helper\nKlant: hallo\nHelper: ".utf8)
        + [0x64, 0xE9, 0x6A, 0xE0, 0x20, 0x76, 0x75, 0x2C, 0x20, 0x63, 0x61, 0x66, 0xE9]  // "déjà vu, café" in Latin-1
        + Array("\n".utf8)

    @Test("a Latin-1 transcript is refused with line and column unless --encoding latin-1")
    func latin1() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder, chats: ["chat-02"])
            let file = try folder.write("oud.txt", Data(Self.latin1Bytes))
            let before = try FolderSnapshot(folder.project)

            let refused = try gloss("import", folder.project.path, folder.source("chat-01.txt").path, file.path)
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stdout == "")
            #expect(refused.stderr == "gloss: \(file.path): line 3, column 10: byte 0xE9 is not UTF-8; if the file is Latin-1, import it with --encoding latin-1 (or convert it: iconv -f latin1 -t utf-8)\n")
            // All files are checked before any is written: chat-01 was not imported either.
            expectUnchanged(before, try FolderSnapshot(folder.project), "after refusing a Latin-1 file")

            let accepted = try gloss("import", folder.project.path, "--encoding", "latin-1", file.path)
            #expect(accepted.status == 0, "\(accepted)")
            #expect(accepted.stdout == "oud: imported, 2 messages; speakers: Helper (1), Klant (1)\n1 chat(s) added; the project has 2.\n")
            #expect(try read(folder.project.appendingPathComponent("chats/oud.txt"))
                    == "# speakers: Klant, Helper\nKlant: hallo\nHelper: déjà vu, café\n")

            let unknown = try gloss("import", folder.project.path, "--encoding", "cp1252", file.path)
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("unknown encoding \"cp1252\""), "\(unknown)")
        }
    }

    @Test("import of a path that does not exist imports nothing")
    func importMissingFile() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder, chats: ["chat-02"])
            let before = try FolderSnapshot(folder.project)
            let missing = folder.source("chat-99.txt")
            let result = try gloss("import", folder.project.path, folder.source("chat-01.txt").path, missing.path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr == "gloss: \(missing.path): no such file\n")
            expectUnchanged(before, try FolderSnapshot(folder.project), "after importing a missing file")
        }
    }

    @Test("init with a codebook that does not exist creates nothing")
    func initMissingCodebook() throws {
        try withTemporaryFolder { folder in
            let missing = folder.source("geen.tsv")
            let result = try gloss("init", folder.project.path, "--codebook", missing.path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr == "gloss: \(missing.path): no such file\n")
            #expect(!exists(folder.project))
        }
    }

    @Test("init refuses a folder that already holds a project, and leaves it alone")
    func initOverExistingProject() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let result = try gloss("init", folder.project.path, "--codebook", folder.source("codebook.tsv").path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr == "gloss: \(folder.project.path): already holds a Gloss project\n")
            expectUnchanged(before, try FolderSnapshot(folder.project), "after init over a project")
        }
    }

    @Test("a transcript edited since import is refused, not replaced")
    func changedTranscriptRefused() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let edited = try folder.write("edited/chat-01.txt", Fixtures.chat01.replacingOccurrences(of: "thuis", with: "school"))
            let result = try gloss("import", folder.project.path, edited.path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr == "gloss: \(edited.path): chat \"chat-01\" already exists with different text; codings refer to its text, so it is not replaced\n")
            expectUnchanged(before, try FolderSnapshot(folder.project), "after importing a changed transcript")
        }
    }

    @Test("a bad CSV line in a TSV codebook names the line")
    func badCodebookTSV() throws {
        try withTemporaryFolder { folder in
            let tsv = try folder.write("book.tsv", "code\toperationalisation\texample\nA\tx\t\nA > B\ty\t\tteveel\n")
            let result = try gloss("init", folder.project.path, "--codebook", tsv.path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr == "gloss: \(tsv.path): line 3: has 4 fields; the header names 3\n")
            #expect(!exists(folder.project))
        }
    }
}
