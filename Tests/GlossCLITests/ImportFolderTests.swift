import Foundation
import Testing

/// `gloss import` of a folder or a quoted pattern, which Gloss expands itself (no thousands of arguments).
@Suite("Import of folders and patterns")
struct ImportFolderTests {
    /// A project with no chats yet, and the fixture transcripts in `export/` (written out of name order).
    static func prepare(_ folder: TemporaryFolder) throws {
        try Fixtures.makeProject(in: folder, chats: [])
        try folder.write("export/chat-03.txt", Fixtures.chat03)
        try folder.write("export/chat-01.txt", Fixtures.chat01)
        try folder.write("export/chat-02.txt", Fixtures.chat02)
    }

    static func chatFiles(_ project: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("chats").path).sorted()
    }

    @Test("a folder argument imports every .txt in it, in name order")
    func folderArgument() throws {
        try withTemporaryFolder { folder in
            try Self.prepare(folder)
            let result = try gloss("import", folder.project.path, folder.source("export").path)
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.map { String($0.prefix(8)) } == ["chat-01:", "chat-02:", "chat-03:", "3 chat(s"])
            #expect(try Self.chatFiles(folder.project) == ["chat-01.txt", "chat-02.txt", "chat-03.txt"])
        }
    }

    @Test("a quoted pattern is expanded by Gloss, hidden files left out")
    func patternArgument() throws {
        try withTemporaryFolder { folder in
            try Self.prepare(folder)
            try folder.write("export/.chat-04.txt", Fixtures.chat01)
            let result = try gloss("import", folder.project.path, folder.source("export").path + "/chat-0[12].txt")
            #expect(result.status == 0, "\(result)")
            #expect(try Self.chatFiles(folder.project) == ["chat-01.txt", "chat-02.txt"])
            let all = try gloss("import", folder.project.path, folder.source("export").path + "/*.txt")
            #expect(all.status == 0, "\(all)")
            #expect(try Self.chatFiles(folder.project) == ["chat-01.txt", "chat-02.txt", "chat-03.txt"])
        }
    }

    @Test("a folder's other files, hidden files and sub-folders are left alone; a link in it is refused")
    func folderWithOtherFiles() throws {
        try withTemporaryFolder { folder in
            try Self.prepare(folder)
            try folder.write("export/notes.md", "not a transcript")
            try folder.write("export/codings.csv", Fixtures.csvHeader)
            try folder.write("export/.hidden.txt", Fixtures.chat01)
            try folder.write("export/deeper/chat-09.txt", Fixtures.chat01)
            let result = try gloss("import", folder.project.path, folder.source("export").path)
            #expect(result.status == 0, "\(result)")
            #expect(try Self.chatFiles(folder.project) == ["chat-01.txt", "chat-02.txt", "chat-03.txt"])

            // A link named like a transcript could point at a private file: refused, nothing imported.
            let secret = try folder.write("secret/private.txt", "# speakers: A\nA: mijn pincode\n")
            let linked = try Fixtures.makeLinkedExport(in: folder, to: secret)
            let before = try FolderSnapshot(folder.project)
            let refused = try gloss("import", folder.project.path, linked.path)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("zz-link.txt: is a symbolic link"), "\(refused)")
            #expect(!refused.stderr.contains("pincode"))
            expectUnchanged(before, try FolderSnapshot(folder.project))
        }
    }

    @Test("an empty folder is a clear error and changes nothing")
    func emptyFolder() throws {
        try withTemporaryFolder { folder in
            try Self.prepare(folder)
            let empty = folder.source("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            try folder.write("empty/readme.md", "no transcripts here")
            let before = try FolderSnapshot(folder.project)
            let result = try gloss("import", folder.project.path, empty.path)
            #expect(result.status != 0)
            #expect(result.stderr == "gloss: \(empty.path): holds no transcript (no *.txt file directly in it; sub-folders are not searched)\n", "\(result)")
            expectUnchanged(before, try FolderSnapshot(folder.project))
        }
    }

    @Test("a pattern matching nothing is a clear error and changes nothing, even beside good files")
    func patternMatchingNothing() throws {
        try withTemporaryFolder { folder in
            try Self.prepare(folder)
            let pattern = folder.source("export").path + "/*.text"
            let before = try FolderSnapshot(folder.project)
            let result = try gloss("import", folder.project.path, folder.source("export/chat-01.txt").path, pattern)
            #expect(result.status != 0)
            #expect(result.stderr == "gloss: \(pattern): no file matches this pattern\n", "\(result)")
            expectUnchanged(before, try FolderSnapshot(folder.project))
        }
    }
}

extension Fixtures {
    /// `src/linked/` with chat-01 and a link `zz-link.txt` to `target`.
    static func makeLinkedExport(in folder: TemporaryFolder, to target: URL) throws -> URL {
        try folder.write("linked/chat-01.txt", chat01)
        let linked = folder.source("linked")
        try FileManager.default.createSymbolicLink(atPath: linked.appendingPathComponent("zz-link.txt").path, withDestinationPath: target.path)
        return linked
    }
}
