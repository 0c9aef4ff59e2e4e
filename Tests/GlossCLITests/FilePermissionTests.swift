import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file Gloss writes is 0600 and every folder 0700, whatever the umask.
@Suite("Owner-only files and folders")
struct FilePermissionTests {
    /// Runs gloss through /bin/sh with a wide-open umask, so modes come from Gloss and not from the umask.
    func glossOpenUmask(_ arguments: [String]) throws -> RunResult {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "umask 000; exec '\(GlossBinary.url.path)' \(quoted)"])
    }

    @Test("project.json, codebook.json, chats, sessions, journals, locks and --output files are 0600; folders 0700")
    func modes() throws {
        try withTemporaryFolder { folder in
            try Fixtures.writeSources(in: folder)
            let csv = try folder.write("codings.csv", Fixtures.codingsCSV)
            let project = folder.project.path
            let output = folder.url.appendingPathComponent("export.csv")
            // An existing, world-readable output file is replaced by an owner-only one.
            try Data("old\n".utf8).write(to: output)
            chmod(output.path, 0o644)
            try #require(try fileMode(output) == 0o644)

            for arguments in [
                ["init", project, "--codebook", folder.source("codebook.tsv").path],
                ["import", project, folder.source("chat-01.txt").path, folder.source("chat-02.txt").path],
                ["import", project, folder.source("chat-03.txt").path],
                ["codings", "import", project, "--coder", "ann", csv.path],
                ["codings", "import", project, "--coder", "ann", "--merge", csv.path],
                ["codings", "export", project, "--coder", "ann", "--output", output.path],
                ["codings", "export", project, "--coder", "ann", "--output", folder.url.appendingPathComponent("new.csv").path],
            ] {
                let result = try glossOpenUmask(arguments)
                try #require(result.status == 0, "\(result)")
            }

            let root = folder.project
            var expectedFiles = ["project.json", "codebook.json", "chats/chat-01.txt", "chats/chat-02.txt", "chats/chat-03.txt",
                                 "sessions/ann.json", "sessions/ann.journal", "sessions/ann.lock",
                                 "cache/chats.catalog"].map { root.appendingPathComponent($0) }
            expectedFiles += [output, folder.url.appendingPathComponent("new.csv")]
            for file in expectedFiles {
                #expect(exists(file), "\(file.path) is missing")
                let mode = try fileMode(file)
                #expect(mode == 0o600, "\(file.path) has mode \(octal(mode))")
            }
            for directory in [root, root.appendingPathComponent("chats"), root.appendingPathComponent("sessions"), root.appendingPathComponent("cache")] {
                let mode = try fileMode(directory)
                #expect(mode == 0o700, "\(directory.path) has mode \(octal(mode))")
            }
            // Nothing else was left behind (no temporary files), and everything in the project is owner-only.
            // The session digest and image the import's store wrote at close are owner-only too (and their folder).
            let snapshot = try FolderSnapshot(root, includingCache: true)
            #expect(snapshot.files == ["cache/ann.digest", "cache/ann.session", "cache/chats.catalog", "chats/chat-01.txt", "chats/chat-02.txt", "chats/chat-03.txt", "codebook.json",
                                       "project.json", "sessions/ann.journal", "sessions/ann.json", "sessions/ann.lock"])
            for (path, entry) in snapshot.entries {
                switch entry {
                case .file(let mode, _): #expect(mode == 0o600, "\(path): \(octal(mode))")
                case .folder(let mode): #expect(mode == 0o700, "\(path): \(octal(mode))")
                }
            }
            #expect(try read(output) == Fixtures.expectedExport)

            // validate sees no permission warnings.
            let validate = try gloss("validate", project)
            #expect(validate.status == 0, "\(validate)")
            #expect(validate.stdout.hasSuffix("\(project): all is well (0 warning(s)).\n"), "\(validate)")
        }
    }

    @Test("validate warns about a transcript readable by others")
    func validateWarnsAboutOpenModes() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            let chat = folder.project.appendingPathComponent("chats/chat-02.txt")
            chmod(chat.path, 0o644)
            let validate = try gloss("validate", folder.project.path)
            #expect(validate.status == 0, "\(validate)")
            #expect(validate.stdout.contains("warning: \(chat.path): is readable by others (mode 644); chmod go-rwx keeps transcripts private\n"), "\(validate)")
            #expect(validate.stdout.hasSuffix("all is well (1 warning(s)).\n"), "\(validate)")
        }
    }
}
