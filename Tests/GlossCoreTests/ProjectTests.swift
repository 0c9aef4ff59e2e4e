import Foundation
import Testing
@testable import GlossCore

@Suite("Project: create, load, import")
struct ProjectTests {
    /// Writes transcript source files into `folder/in/` and returns their URLs in the given order.
    private func sources(_ files: [(name: String, data: Data)], in folder: URL) throws -> [URL] {
        let dir = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try files.map { file in
            let url = dir.appendingPathComponent(file.name)
            try file.data.write(to: url)
            return url
        }
    }

    private func newProject(in folder: URL) throws -> Project {
        try Project.create(at: folder.appendingPathComponent("project"), name: "Studie", codebook: try Sample.codebook(),
                           figures: [FigureDefinition(number: 4, title: "Dwangmiddelen", category: "Dwangmiddel")])
    }

    private func chatFiles(_ project: Project) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.chatsURL.path).sorted()
    }

    // MARK: Create and load

    @Test func createWritesTheProjectOwnerOnly() throws {
        try withTemporaryDirectory { folder in
            let project = try newProject(in: folder)
            let root = project.root
            for name in ["project.json", "codebook.json"] {
                #expect(try permissions(root.appendingPathComponent(name)) & 0o777 == 0o600)
            }
            for name in ["chats", "sessions"] {
                #expect(try permissions(root.appendingPathComponent(name)) & 0o777 == 0o700)
            }
            #expect(try permissions(root) & 0o777 == 0o700)
            #expect(project.chatIDs.isEmpty)
            #expect(project.config.name == "Studie")
        }
    }

    @Test func loadGivesBackWhatWasCreated() throws {
        try withTemporaryDirectory { folder in
            let created = try newProject(in: folder)
            let loaded = try Project.load(created.root)
            #expect(loaded.config.name == created.config.name && loaded.config.codebook == created.config.codebook)
            // The path the figure was created with is resolved to the category's id at load.
            #expect(loaded.config.figures == [FigureDefinition(number: 4, title: "Dwangmiddelen", subject: .code(CodeID("code-dwang")))])
            #expect(loaded.codebook == created.codebook)
            #expect(loaded.codebook == (try Sample.codebook()))
            #expect(loaded.chatIDs.isEmpty)
            #expect(loaded.coders.isEmpty)
        }
    }

    @Test func createRefusesAnExistingProject() throws {
        try withTemporaryDirectory { folder in
            let project = try newProject(in: folder)
            let config = try Data(contentsOf: project.configURL)
            let error = try #require(throws: GlossError.self) { try newProject(in: folder) }
            #expect(error.message.contains("already holds a Gloss project"))
            #expect(try Data(contentsOf: project.configURL) == config)
        }
    }

    @Test func loadOfAFolderWithoutProjectIsAnError() throws {
        try withTemporaryDirectory { folder in
            let error = try #require(throws: GlossError.self) { try Project.load(folder) }
            #expect(error.message.contains("not a Gloss project"))
        }
    }

    @Test func loadRefusesANewerSchema() throws {
        try withTemporaryDirectory { folder in
            let project = try newProject(in: folder)
            try bytes(#"{"schema": 9, "name": "x"}"#).write(to: project.configURL)
            let error = try #require(throws: GlossError.self) { try Project.load(project.root) }
            #expect(error.place == "schema")
        }
    }

    @Test func loadReportsEveryBadTranscript() throws {
        try withTemporaryDirectory { folder in
            let project = try newProject(in: folder)
            try bytes("Jan: hoi\n").write(to: project.chatsURL.appendingPathComponent("goed.txt"))
            try bytes("geen bericht\n").write(to: project.chatsURL.appendingPathComponent("slecht-1.txt"))
            try Data([0x4A, 0x3A, 0x20, 0xE9]).write(to: project.chatsURL.appendingPathComponent("slecht-2.txt"))
            try bytes("niet: een transcript").write(to: project.chatsURL.appendingPathComponent("notities.md"))
            let errors = try #require(throws: GlossErrors.self) { try Project.load(project.root) }.errors
            #expect(errors.count == 2)
            #expect(errors.map { URL(fileURLWithPath: $0.file ?? "").lastPathComponent } == ["slecht-1.txt", "slecht-2.txt"])
        }
    }

    // MARK: Import

    @Test func importWritesCleanUTF8AndReports() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let crlf = Data([0xEF, 0xBB, 0xBF] + Array(Sample.transcript.replacingOccurrences(of: "\n", with: "\r\n").utf8))
            let files = try sources([("chat-02.txt", bytes("Jan: een\nPiet: twee\nIk zei: nee\nJan: drie\n")), ("chat-01.txt", crlf)], in: folder)
            let report = try project.importTranscripts(files)
            #expect(report.map(\.chat) == ["chat-02", "chat-01"])
            #expect(report.map(\.skipped) == [false, false])
            #expect(report.map(\.messages) == [4, 3])
            #expect(report.map(\.declaredSpeakers) == [false, true])
            // Most frequent first, then by name: the false speaker "Ik zei" stands out with one message.
            #expect(report[0].speakers.map(\.name) == ["Jan", "Ik zei", "Piet"])
            #expect(report[0].speakers.map(\.messages) == [2, 1, 1])
            #expect(report[1].source == files[1].path)

            #expect(project.chatIDs == ["chat-01", "chat-02"])
            #expect(try chatFiles(project) == ["chat-01.txt", "chat-02.txt"])
            let stored = try Data(contentsOf: project.chatsURL.appendingPathComponent("chat-01.txt"))
            #expect(stored == bytes(Sample.transcript))
            #expect(try permissions(project.chatsURL.appendingPathComponent("chat-01.txt")) & 0o777 == 0o600)

            let loaded = try Project.load(project.root)
            #expect(try loaded.allChats() == project.allChats())
            #expect(loaded.chat("chat-01") == (try Sample.chat()))
        }
    }

    @Test func importRefusesEverythingWhenOneFileIsBad() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let files = try sources([
                ("a.txt", bytes("Jan: hoi\n")),
                ("b.txt", Data(Array("Jan: caf".utf8) + [0xE9, 0x0A])),
                ("c.txt", bytes("Piet: hallo\n")),
            ], in: folder)
            let errors = try #require(throws: GlossErrors.self) { try project.importTranscripts(files) }.errors
            #expect(errors.count == 1)
            #expect(errors[0].file == files[1].path)
            #expect(errors[0].place == "line 1, column 9")
            #expect(try chatFiles(project).isEmpty)
            #expect(project.chatIDs.isEmpty)
        }
    }

    @Test func importReportsEveryBadFile() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let files = try sources([
                ("a.txt", bytes("voor het eerste bericht\nJan: hoi\n")),
                ("b.txt", bytes("")),
                ("c.txt", bytes("Piet: hallo\n")),
            ], in: folder)
            let errors = try #require(throws: GlossErrors.self) { try project.importTranscripts(files) }.errors
            #expect(errors.map(\.file) == [files[0].path, files[1].path])
            #expect(errors[0].place == "line 1")
            #expect(try chatFiles(project).isEmpty)
        }
    }

    @Test func importWithLatin1Encoding() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let files = try sources([("l.txt", Data(Array("Jan: caf".utf8) + [0xE9, 0x0D, 0x0A]))], in: folder)
            _ = try project.importTranscripts(files, encoding: .latin1)
            #expect(try Data(contentsOf: project.chatsURL.appendingPathComponent("l.txt")) == bytes("Jan: caf\u{E9}\n"))
            #expect(ScalarText.identical(try #require(project.chat("l")).messages[0].text, "caf\u{E9}"))
            #expect(try Project.load(project.root).chat("l") == project.chat("l"))
        }
    }

    @Test func importSkipsAnIdenticalExistingChat() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let files = try sources([("x.txt", bytes("Jan: hoi\r\nPiet: hallo\r\n"))], in: folder)
            _ = try project.importTranscripts(files)
            let stored = project.chatsURL.appendingPathComponent("x.txt")
            let before = try Data(contentsOf: stored)
            // The same file again (CRLF on disk, LF in the project: the chats are the same).
            let report = try project.importTranscripts(files)
            #expect(report.map(\.skipped) == [true])
            #expect(try Data(contentsOf: stored) == before)
            #expect(project.chatCount == 1)
            // After a reload too.
            var reloaded = try Project.load(project.root)
            #expect(try reloaded.importTranscripts(files).map(\.skipped) == [true])
        }
    }

    @Test func importRefusesAChangedExistingChat() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let first = try sources([("x.txt", bytes("Jan: Zo\u{EB}\n"))], in: folder)
            _ = try project.importTranscripts(first)
            let stored = project.chatsURL.appendingPathComponent("x.txt")
            let before = try Data(contentsOf: stored)
            // The same name, now with a decomposed ë (canonically equal, but offsets would shift), plus a new chat.
            let second = try sources([("x.txt", bytes("Jan: Zoe\u{308}\n")), ("y.txt", bytes("Jan: nieuw\n"))], in: folder)
            let errors = try #require(throws: GlossErrors.self) { try project.importTranscripts(second) }.errors
            #expect(errors.count == 1)
            #expect(errors[0].message.contains("already exists with different text"))
            #expect(try Data(contentsOf: stored) == before)
            #expect(try chatFiles(project) == ["x.txt"])
            #expect(project.chatIDs == ["x"])
        }
    }

    @Test func importRefusesTheSameChatIDTwice() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
            try FileManager.default.createDirectory(at: one, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: two, withIntermediateDirectories: true)
            try bytes("Jan: een\n").write(to: one.appendingPathComponent("x.txt"))
            try bytes("Jan: twee\n").write(to: two.appendingPathComponent("x.txt"))
            let errors = try #require(throws: GlossErrors.self) {
                try project.importTranscripts([one.appendingPathComponent("x.txt"), two.appendingPathComponent("x.txt")])
            }.errors
            #expect(errors.count == 1)
            #expect(errors[0].message.contains("same chat id \"x\""))
            #expect(try chatFiles(project).isEmpty)
        }
    }

    // MARK: Sessions

    @Test func codersAndReadSession() throws {
        try withTemporaryDirectory { folder in
            let project = try newProject(in: folder)
            for coder in ["bert", "anna"] {
                let store = try SessionStore(projectRoot: project.root, coder: coder, codebookRevision: 3)
                try store.perform([.status(chat: "chat-01", before: .notStarted, after: .inProgress)], label: "start")
                try store.close()
            }
            #expect(project.coders == ["anna", "bert"])
            #expect(try project.readSession("anna").status(of: "chat-01") == .inProgress)
            #expect(throws: GlossError.self) { try project.readSession("../anna") }
        }
    }
}
