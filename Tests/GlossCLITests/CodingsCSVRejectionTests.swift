import Foundation
import Testing

/// `codings import` of a bad CSV: non-zero exit, the CSV and the row named, nothing imported.
@Suite("codings import refuses bad CSV files")
struct CodingsCSVRejectionTests {
    /// Imports `csvText` for `coder` into a fresh coded project (ann has the round-trip session) and checks
    /// the refusal: exit status, stderr exactly `expectedErrors` (one line each, after "gloss: <csv>: "),
    /// and no file of the project changed.
    func expectRefused(_ csvText: String, coder: String, flags: [String] = [], errors expectedErrors: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let csv = try folder.write("bad.csv", csvText)
            let before = try FolderSnapshot(folder.project)
            let result = try gloss(["codings", "import", folder.project.path, "--coder", coder] + flags + [csv.path])
            #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
            #expect(result.stdout == "", "\(result)", sourceLocation: sourceLocation)
            #expect(result.stderr == expectedErrors.map { "gloss: \(csv.path): \($0)\n" }.joined(), "\(result)",
                    sourceLocation: sourceLocation)
            expectUnchanged(before, try FolderSnapshot(folder.project), "after refusing bad.csv", sourceLocation: sourceLocation)
            if coder != "ann" {
                #expect(!exists(sessionFile(folder.project, coder)), sourceLocation: sourceLocation)
            }
        }
    }

    @Test("an unknown code names the row")
    func unknownCode() throws {
        try expectRefused(Fixtures.csvHeader + """
            chat-01,1,,1,,Onderwerp > Werk,,

            """, coder: "bob", errors: [
                "row 1 (line 2): unknown code \"Onderwerp > Werk\" (give a path like 'Main > Sub' or an id)",
            ])
    }

    @Test("rows 1–2 good and row 3 bad: nothing is imported for a new coder")
    func badThirdRowNewCoder() throws {
        try expectRefused(Fixtures.csvHeader + """
            chat-01,1,,1,,Toon,,
            chat-02,1,0,1,5,Toon > Vriendelijk,,
            chat-02,2,,2,,Toon > Verdrietig,,
            chat-03,,,,,,,

            """, coder: "bob", errors: [
                "row 3 (line 4): unknown code \"Toon > Verdrietig\" (give a path like 'Main > Sub' or an id)",
            ])
    }

    @Test("rows 1–2 good and row 3 bad: the existing session is unchanged with --merge and --replace")
    func badThirdRowExistingCoder() throws {
        let csv = Fixtures.csvHeader + """
            chat-03,1,,1,,Toon,,
            chat-02,1,0,1,5,Toon > Vriendelijk,,
            chat-02,2,,2,,Toon > Verdrietig,,

            """
        let error = "row 3 (line 4): unknown code \"Toon > Verdrietig\" (give a path like 'Main > Sub' or an id)"
        try expectRefused(csv, coder: "ann", flags: ["--merge"], errors: [error])
        try expectRefused(csv, coder: "ann", flags: ["--replace"], errors: [error])
    }

    @Test("an offset past the end of a message")
    func offsetOutOfRange() throws {
        try expectRefused(Fixtures.csvHeader + """
            chat-01,1,,1,,Toon,,
            chat-01,2,21,2,40,Toon > Boos,,

            """, coder: "bob", errors: [
                "row 2 (line 3): in chat chat-01: offset 40 is past the end of message 2 (39 characters)",
            ])
    }

    @Test("a message that does not exist")
    func messageOutOfRange() throws {
        try expectRefused(Fixtures.csvHeader + """
            chat-03,1,,3,,Toon,,

            """, coder: "bob", errors: [
                "row 1 (line 2): chat chat-03 has messages 1–2; the row names 1–3",
            ])
    }

    @Test("every bad row is named, with its file line when a quoted memo spans lines")
    func everyBadRowNamed() throws {
        try expectRefused(Fixtures.csvHeader + """
            chat-01,1,,1,,Toon,"twee
            regels",
            chat-09,1,,1,,Toon,,
            chat-01,0,,1,,Toon,,
            chat-01,2,5,2,5,Toon,,
            chat-01,1,,1,,Toon,,

            """, coder: "bob", errors: [
                "row 2 (line 4): no chat \"chat-09\" in the project",
                "row 3 (line 5): chat chat-01 has messages 1–3; the row names 0–1",
                "row 4 (line 6): in chat chat-01: the span is empty or runs backwards",
                "row 5 (line 7): the memo differs from row 1, which has the same span; rows of one quote must agree",
            ])
    }

    @Test("a CSV with a broken quote names the line")
    func unclosedQuote() throws {
        try expectRefused(Fixtures.csvHeader + """
            chat-01,1,,1,,Toon,,
            chat-01,2,,2,,Toon,"open,

            """, coder: "bob", errors: ["line 3: a quoted field is never closed"])
    }

    @Test("a coder who already has a session needs --replace or --merge")
    func existingSessionNeedsAFlag() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let result = try gloss("codings", "import", folder.project.path, "--coder", "ann", folder.source("codings.csv").path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr == "gloss: \(sessionFile(folder.project, "ann").path): coder ann already has a session; use --replace to make the CSV the session or --merge to add to it\n")
            expectUnchanged(before, try FolderSnapshot(folder.project), "after refusing an import over an existing session")
        }
    }

    @Test("a CSV that does not exist")
    func missingCSV() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let missing = folder.source("nirgends.csv")
            for coder in ["ann", "bob"] {
                let result = try gloss("codings", "import", folder.project.path, "--coder", coder, "--merge", missing.path)
                #expect(result.status == 1, "\(result)")
                #expect(result.stderr == "gloss: \(missing.path): no such file\n", "\(result)")
            }
            expectUnchanged(before, try FolderSnapshot(folder.project), "after importing a missing CSV")
            #expect(!exists(sessionFile(folder.project, "bob")))
        }
    }

    @Test("a coder name that is not a plain file name is refused before anything is written")
    func invalidCoderName() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let outside = try FolderSnapshot(folder.url)
            for coder in ["../evil", ".hidden", "a b", "zoë"] {
                let result = try gloss("codings", "import", folder.project.path, "--coder", coder, folder.source("codings.csv").path)
                #expect(result.status == 1, "\(result)")
                #expect(result.stderr == "gloss: \"\(coder)\" is not a valid coder name: use letters, digits, '-', '_' or '.'\n", "\(result)")
            }
            expectUnchanged(before, try FolderSnapshot(folder.project), "after invalid coder names")
            expectUnchanged(outside, try FolderSnapshot(folder.url), "around the project after invalid coder names")
        }
    }

    @Test("export for a coder without a session fails, naming the session file, and writes no --output")
    func exportWithoutSession() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let output = folder.url.appendingPathComponent("zoe.csv")
            let result = try gloss("codings", "export", folder.project.path, "--coder", "zoe", "--output", output.path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr == "gloss: \(sessionFile(folder.project, "zoe").path): no such file\n", "\(result)")
            #expect(!exists(output))
            expectUnchanged(before, try FolderSnapshot(folder.project), "after exporting a coder without a session")
        }
    }
}

/// Exact duplicate rows are no reason to refuse a file (issue 9): they are merged, and a warning says how many.
@Suite("codings import merges exact duplicate rows")
struct CodingsCSVDuplicateRowTests {
    @Test("a row repeated exactly is merged with a warning; the import goes on")
    func duplicateRowsMerged() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let row = "chat-01,1,,1,,Onderwerp > School,,\n"
            let csv = try folder.write("dup.csv", Fixtures.csvHeader + row + row + row)
            let result = try gloss(["codings", "import", folder.project.path, "--coder", "bob", csv.path])
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr == "gloss: warning: \(csv.path): merged 2 row(s) that repeat an earlier row exactly (same chat, span, code, memo and relation)\n", "\(result)")
            #expect(result.stdout.contains("(1 quotes)"), "\(result)")
        }
    }
}
