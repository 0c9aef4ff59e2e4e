import Foundation
import Testing

/// The chat catalog seen from the command line: every command prints the same with the catalog deleted,
/// warm or damaged; on a warm catalog the counting commands open no transcript; validate trusts no cache.
@Suite("chat catalog (cache/chats.catalog)")
struct ChatCatalogCLITests {
    /// A coded project of two coders whose transcripts were last written an hour ago, so a catalog written
    /// now is trusted by the next command (not racily clean).
    private func makeProject(in folder: TemporaryFolder) throws {
        try Fixtures.makeCodedProject(in: folder)
        let csv = folder.sources.appendingPathComponent("codings.csv")
        let bob = try gloss("codings", "import", folder.project.path, "--coder", "bob", csv.path)
        try #require(bob.status == 0, "\(bob)")
        for name in try FileManager.default.contentsOfDirectory(atPath: chats(folder).path) {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)],
                                                  ofItemAtPath: chats(folder).appendingPathComponent(name).path)
        }
    }

    private func chats(_ folder: TemporaryFolder) -> URL { folder.project.appendingPathComponent("chats") }
    private func catalog(_ folder: TemporaryFolder) -> URL { folder.project.appendingPathComponent("cache/chats.catalog") }

    private func commands(_ project: String) -> [[String]] {
        [["report", project, "--coder", "ann"], ["report", project, "--coder", "ann", "--matrix"],
         ["report", project, "--coder", "ann", "--format", "json"], ["status", project],
         ["compare", project, "--coders", "ann", "bob"], ["quotes", project, "--coder", "ann", "--code", "Onderwerp"],
         ["codings", "export", project, "--coder", "ann"], ["validate", project]]
    }

    @Test("report, status, compare, quotes, export and validate print the same with the catalog deleted, warm, damaged or a link")
    func sameOutputWithAndWithoutTheCatalog() throws {
        try withTemporaryFolder { folder in
            try makeProject(in: folder)
            try? FileManager.default.removeItem(at: catalog(folder))
            for arguments in commands(folder.project.path) {
                try? FileManager.default.removeItem(at: catalog(folder))
                let cold = try gloss(arguments)
                #expect(cold.status == 0, "\(cold)")
                _ = try gloss("status", folder.project.path)  // the catalog is warm now
                let warm = try gloss(arguments)
                var damaged = try Data(contentsOf: catalog(folder))
                damaged[damaged.count / 2] ^= 0x01
                try damaged.write(to: catalog(folder))
                let afterDamage = try gloss(arguments)
                try FileManager.default.removeItem(at: catalog(folder))
                try FileManager.default.createSymbolicLink(at: catalog(folder), withDestinationURL: folder.sources.appendingPathComponent("codings.csv"))
                let throughLink = try gloss(arguments)
                // (validate reports the link itself, as it reports every link in a project.)
                let variants = [("warm", warm), ("damaged", afterDamage)] + (arguments[0] == "validate" ? [] : [("link", throughLink)])
                for (name, result) in variants {
                    #expect(result.status == cold.status && result.stdout == cold.stdout && result.stderr == cold.stderr,
                            "\(name) catalog: \(result)\nwithout a catalog: \(cold)")
                }
            }
            #expect(try String(contentsOf: folder.sources.appendingPathComponent("codings.csv"), encoding: .utf8) == Fixtures.codingsCSV)
        }
    }

    @Test("a transcript changed after the catalog was written is seen by the next command")
    func changedTranscriptIsSeen() throws {
        try withTemporaryFolder { folder in
            try makeProject(in: folder)
            _ = try gloss("status", folder.project.path)  // the catalog is warm
            let csv = try folder.write("third.csv", Fixtures.csvHeader + "chat-03,3,,3,,Onderwerp > Thuis,,\n")
            let refused = try gloss("codings", "import", folder.project.path, "--coder", "carl", csv.path)
            #expect(refused.status == 1 && refused.stderr.contains("chat chat-03 has messages 1–2"), "\(refused)")
            // chat-03 gains a third message: the next command knows it.
            let url = chats(folder).appendingPathComponent("chat-03.txt")
            try Data((try String(contentsOf: url, encoding: .utf8) + "Jongere: nog iets\n").utf8).write(to: url)
            let imported = try gloss("codings", "import", folder.project.path, "--coder", "carl", csv.path)
            #expect(imported.status == 0, "\(imported)")
            let export = try gloss("codings", "export", folder.project.path, "--coder", "carl")
            #expect(export.stdout == exportHeader + "chat-03,3,,3,,Onderwerp > Thuis,,,nog iets\n", "\(export)")
        }
    }

    @Test("validate neither creates nor changes the catalog")
    func validateLeavesTheCacheAlone() throws {
        try withTemporaryFolder { folder in
            try makeProject(in: folder)
            try? FileManager.default.removeItem(at: folder.project.appendingPathComponent("cache"))
            #expect(try gloss("validate", folder.project.path).status == 0)
            #expect(!FileManager.default.fileExists(atPath: folder.project.appendingPathComponent("cache").path))
            _ = try gloss("status", folder.project.path)
            let before = try Data(contentsOf: catalog(folder))
            #expect(try gloss("validate", folder.project.path).status == 0)
            #expect(try Data(contentsOf: catalog(folder)) == before)
        }
    }

    /// The files under `chats/` that `gloss arguments` opens, seen by strace.
    private func transcriptsOpened(_ arguments: [String], folder: TemporaryFolder) throws -> [String] {
        let log = folder.url.appendingPathComponent("strace-\(UUID().uuidString).log")
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/strace"),
                                    ["-f", "-qq", "-e", "trace=open,openat,openat2", "-o", log.path, GlossBinary.url.path] + arguments)
        try #require(result.status == 0, "\(result)")
        let trace = try String(contentsOf: log, encoding: .utf8)
        return trace.split(separator: "\n").filter { $0.contains(chats(folder).path + "/") }.map(String.init)
    }

    @Test("on a warm catalog, report, status and compare open no transcript (strace)",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")))
    func warmCommandsOpenNoTranscript() throws {
        try withTemporaryFolder { folder in
            try makeProject(in: folder)
            try? FileManager.default.removeItem(at: catalog(folder))
            // Cold: the transcripts are read (which shows the trace sees them)…
            let cold = try transcriptsOpened(["report", folder.project.path, "--coder", "ann", "--matrix"], folder: folder)
            #expect(cold.count >= 3, "\(cold)")
            // …warm: none is.
            for arguments in [["report", folder.project.path, "--coder", "ann", "--matrix"], ["report", folder.project.path, "--coder", "ann"],
                              ["status", folder.project.path], ["compare", folder.project.path, "--coders", "ann", "bob"],
                              ["codings", "export", folder.project.path, "--coder", "ann"]] {
                let opened = try transcriptsOpened(arguments, folder: folder)
                #expect(opened.isEmpty, "\(arguments.joined(separator: " ")) opened: \(opened)")
            }
        }
    }
}
