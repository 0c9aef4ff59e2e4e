import Foundation
import Testing

/// A session file or codebook.json that does not parse: every command fails, naming the file and the
/// place, and nothing is overwritten.
@Suite("Malformed project JSON")
struct MalformedJSONTests {
    /// A session file with a syntax error on line 4 (a missing comma after line 3).
    static let brokenSession = """
        {
          "schema" : 1,
          "coder" : "ann"
          "chats" : {}
        }

        """

    @Test("a session file with a JSON syntax error: import --merge/--replace, export, validate and status fail; nothing is written")
    func sessionSyntaxError() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let session = sessionFile(folder.project, "ann")
            try Data(Self.brokenSession.utf8).write(to: session)
            let before = try FolderSnapshot(folder.project)
            let csv = folder.source("codings.csv").path
            let project = folder.project.path
            let filePattern = escapedForRegex(session.path)

            for mode in ["--merge", "--replace"] {
                let result = try gloss("codings", "import", project, "--coder", "ann", mode, csv)
                #expect(result.status != 0, "\(result)")
                #expect(result.stdout == "", "\(result)")
                // The file and the place of the error (line 4, where the comma is missing).
                #expect(matches(result.stderr, "^gloss: \(filePattern): line 4, column [0-9]+: not valid JSON"), "\(result)")
                // The store takes the session lock before reading the snapshot, so the lock's holder note
                // is rewritten; the session and journal must be untouched.
                expectUnchanged(before, try FolderSnapshot(folder.project), ignoringLockNotes: true, "codings import \(mode)")
            }

            let export = try gloss("codings", "export", project, "--coder", "ann")
            #expect(export.status != 0, "\(export)")
            #expect(export.stdout == "")
            #expect(matches(export.stderr, "^gloss: \(filePattern): line 4, column [0-9]+: not valid JSON"), "\(export)")

            let validate = try gloss("validate", project)
            #expect(validate.status != 0, "\(validate)")
            #expect(matches(validate.stderr, "(^|\n)gloss: \(filePattern): line 4, column [0-9]+: not valid JSON"), "\(validate)")
            #expect(validate.stderr.contains("gloss: 1 error(s) in \(project)"), "\(validate)")

            let status = try gloss("status", project)
            #expect(status.status != 0, "\(status)")
            #expect(status.stderr.contains(session.path), "\(status)")

            expectUnchanged(before, try FolderSnapshot(folder.project), ignoringLockNotes: true, "after export, validate, status")
            #expect(try read(session) == Self.brokenSession)
        }
    }

    @Test("a session file with a wrong type names the JSON path; nothing is written")
    func sessionTypeError() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let session = sessionFile(folder.project, "ann")
            var text = try read(session)
            // The first coding's start message becomes a string.
            let range = try #require(text.range(of: "\"message\" : 1"))
            text.replaceSubrange(range, with: "\"message\" : \"een\"")
            try Data(text.utf8).write(to: session)
            let before = try FolderSnapshot(folder.project)
            let filePattern = escapedForRegex(session.path)

            let merge = try gloss("codings", "import", folder.project.path, "--coder", "ann", "--merge", folder.source("codings.csv").path)
            #expect(merge.status != 0, "\(merge)")
            #expect(matches(merge.stderr, "^gloss: \(filePattern): codings\\[0\\]\\.from\\.message: expected a whole number"), "\(merge)")

            let export = try gloss("codings", "export", folder.project.path, "--coder", "ann")
            #expect(export.status != 0, "\(export)")
            #expect(export.stdout == "")
            #expect(matches(export.stderr, "^gloss: \(filePattern): codings\\[0\\]\\.from\\.message: expected a whole number"), "\(export)")

            let validate = try gloss("validate", folder.project.path)
            #expect(validate.status != 0, "\(validate)")
            #expect(validate.stderr.contains("\(session.path): codings[0].from.message: expected a whole number"), "\(validate)")

            expectUnchanged(before, try FolderSnapshot(folder.project), ignoringLockNotes: true, "after a session with a wrong type")
        }
    }

    @Test("a malformed codebook.json: every command that loads the project fails with file and place; nothing is written")
    func codebookSyntaxError() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let codebook = folder.project.appendingPathComponent("codebook.json")
            var text = try read(codebook)
            // Drop the trailing comma of the first "color" line of the pretty-printed file.
            let lines = text.components(separatedBy: "\n")
            let colorLine = try #require(lines.firstIndex { $0.contains("\"color\"") })
            var broken = lines
            broken[colorLine] = String(broken[colorLine].dropLast())  // the trailing comma
            text = broken.joined(separator: "\n")
            try Data(text.utf8).write(to: codebook)
            let brokenLine = colorLine + 2  // the next line (1-based) is where the parser trips

            let before = try FolderSnapshot(folder.project)
            let project = folder.project.path
            let filePattern = escapedForRegex(codebook.path)
            let commands: [[String]] = [
                ["codebook", project],
                ["codebook", project, "--format", "json"],
                ["status", project],
                ["codings", "export", project, "--coder", "ann"],
                ["codings", "import", project, "--coder", "ann", "--merge", folder.source("codings.csv").path],
                ["import", project, folder.source("chat-01.txt").path],
            ]
            for arguments in commands {
                let result = try gloss(arguments)
                #expect(result.status != 0, "\(result)")
                #expect(result.stdout == "", "\(result)")
                #expect(matches(result.stderr, "^gloss: \(filePattern): line \(brokenLine), column [0-9]+: not valid JSON"), "\(result)")
            }
            let validate = try gloss("validate", project)
            #expect(validate.status != 0, "\(validate)")
            #expect(matches(validate.stderr, "(^|\n)gloss: \(filePattern): line \(brokenLine), column [0-9]+: not valid JSON"), "\(validate)")
            expectUnchanged(before, try FolderSnapshot(folder.project), "after commands on a malformed codebook.json")
        }
    }

    @Test("a codebook.json with a wrong type names the JSON path")
    func codebookTypeError() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let codebook = folder.project.appendingPathComponent("codebook.json")
            var text = try read(codebook)
            let range = try #require(text.range(of: "\"name\" : \"Thuis\""))
            text.replaceSubrange(range, with: "\"name\" : 7")
            try Data(text.utf8).write(to: codebook)
            let before = try FolderSnapshot(folder.project)

            let result = try gloss("codebook", folder.project.path)
            #expect(result.status != 0, "\(result)")
            #expect(result.stderr == "gloss: \(codebook.path): codes[1].name: expected a string\n", "\(result)")
            let validate = try gloss("validate", folder.project.path)
            #expect(validate.status != 0, "\(validate)")
            #expect(validate.stderr.contains("gloss: \(codebook.path): codes[1].name: expected a string\n"), "\(validate)")
            expectUnchanged(before, try FolderSnapshot(folder.project), "after a codebook with a wrong type")
        }
    }

    @Test("init refuses a malformed JSON codebook, naming file and place, and creates no project")
    func initWithMalformedJSONCodebook() throws {
        try withTemporaryFolder { folder in
            let codebook = try folder.write("book.json", "{\n  \"schema\" : 1,\n  \"codes\" : [\n    { \"id\" : \"a\", \"name\" : }\n  ]\n}\n")
            let result = try gloss("init", folder.project.path, "--codebook", codebook.path)
            #expect(result.status != 0, "\(result)")
            #expect(matches(result.stderr, "^gloss: \(escapedForRegex(codebook.path)): line 4, column [0-9]+: not valid JSON"), "\(result)")
            #expect(!exists(folder.project))
        }
    }
}
