import Foundation
import Testing
@testable import GlossCore

/// `Project.importTranscripts` streams: each file is read, checked in one pass, summarised and written to a
/// hidden temporary, and only its summary is kept; the catalog is written from those summaries.
@Suite("Import: streamed, all-or-nothing, catalog seeded")
struct StreamingImportTests {
    private func newProject(in folder: URL) throws -> Project {
        try Project.create(at: folder.appendingPathComponent("project"), name: "Studie", codebook: try Sample.codebook())
    }

    private func sources(_ files: [(name: String, text: String)], in folder: URL) throws -> [URL] {
        let dir = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try files.map { file in
            let url = dir.appendingPathComponent(file.name)
            try Data(file.text.utf8).write(to: url)
            return url
        }
    }

    /// Every entry in `chats/`, hidden temporaries included.
    private func chatsFolder(_ project: Project) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.chatsURL.path).sorted()
    }

    private static let transcripts: [(name: String, text: String)] = [
        ("chat-01.txt", Sample.transcript),
        ("chat-02.txt", "Jan: een\nPiet: twee drie\n\n\nnog een regel\nJan: é😔 e\u{301}\n"),
        ("chat-03.txt", "[19:02] Jan: hoi\n[19:03] Piet: ja: nee\nIk zei: nee\n"),
    ]

    @Test("staged copies a killed import left are removed by the next import; a running import's are left alone")
    func abandonedStagedCopiesAreRemoved() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            // A process that has ended: its pid names no running process (a reused pid only means it is kept).
            let ended = Process()
            ended.executableURL = URL(fileURLWithPath: "/bin/true")
            try ended.run()
            ended.waitUntilExit()
            let dead = ".chat-09.txt.tmp-\(ended.processIdentifier)-12345"
            let alive = ".chat-08.txt.tmp-\(getpid())-6789"  // this process runs: another import in progress
            for name in [dead, alive] {
                try Data("Jan: oud\n".utf8).write(to: project.chatsURL.appendingPathComponent(name))
            }
            _ = try project.importTranscripts(try sources([Self.transcripts[0]], in: folder))
            let left = try chatsFolder(project)
            #expect(!left.contains(dead))
            #expect(left.contains(alive))
            #expect(left.contains("chat-01.txt"))
        }
    }

    @Test("the import writes the chat catalog, so the next load parses no transcript")
    func importSeedsTheCatalog() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let files = try sources(Self.transcripts, in: folder)
            _ = try project.importTranscripts(files)
            let loaded = try Project.load(project.root)
            #expect(loaded.transcriptsParsed == 0)
            #expect(loaded.chatIDs == ["chat-01", "chat-02", "chat-03"])
            for file in files {
                let id = file.deletingPathExtension().lastPathComponent
                #expect(loaded.summary(id) == ChatSummary(try TranscriptParser().parse(fileAt: file)))
            }
            // A second import adds to the catalog and keeps what it knew.
            let more = try sources([("chat-04.txt", "Jan: later\n")], in: folder)
            var again = loaded
            _ = try again.importTranscripts(more + files)
            let reloaded = try Project.load(project.root)
            #expect(reloaded.transcriptsParsed == 0)
            #expect(reloaded.chatIDs == ["chat-01", "chat-02", "chat-03", "chat-04"])
        }
    }

    @Test("a transcript rewritten right after the import, same size, is parsed again, not taken from the catalog")
    func changeRightAfterImportIsSeen() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            _ = try project.importTranscripts(try sources(Self.transcripts, in: folder))
            let stored = project.transcriptURL("chat-03")
            let text = try String(contentsOf: stored, encoding: .utf8)
            let edited = text.replacingOccurrences(of: "Ik zei: nee", with: "[19:04] J: ")
            #expect(edited.utf8.count == text.utf8.count)
            let handle = try FileHandle(forWritingTo: stored)  // in place: same inode, same size
            try handle.write(contentsOf: Data(edited.utf8))
            try handle.close()
            let loaded = try Project.load(project.root)
            #expect(loaded.transcriptsParsed == 1)
            #expect(loaded.summary("chat-03")?.messageCount == 3)
        }
    }

    @Test("the new transcripts' modification time is set before the catalog's time, so the catalog trusts them")
    func importedFilesAreNotRacy() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            _ = try project.importTranscripts(try sources(Self.transcripts, in: folder))
            let catalog = try #require(ChatCatalog.read(projectRoot: project.root))
            for id in project.chatIDs {
                let key = try #require(FileKey.of(project.transcriptURL(id)))
                #expect(!key.isRacy(comparedWith: catalog.written))
                #expect(catalog.trustedEntry(id, key: key) != nil)
                #expect(key.modifiedNanoseconds < FileKey.now() - 2_000_000_000)
            }
        }
    }

    @Test("a bad transcript after many good ones: error with file and line, and chats/ holds nothing, no temporary either")
    func badTranscriptLeavesNoTemporaries() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            var files = (1...40).map { (name: String(format: "chat-%02d.txt", $0), text: "Jan: hoi \($0)\nPiet: ja\n") }
            files.append((name: "chat-99.txt", text: "# speakers: Jan\nvoor het eerste bericht\nJan: hoi\n"))
            let errors = try #require(throws: GlossErrors.self) { try project.importTranscripts(try sources(files, in: folder)) }.errors
            #expect(errors.count == 1)
            #expect(errors[0].file?.hasSuffix("chat-99.txt") == true)
            #expect(errors[0].place == "line 2")
            #expect(try chatsFolder(project) == [])
            #expect(project.chatIDs.isEmpty)
            #expect(ChatCatalog.read(projectRoot: project.root)?.entries.isEmpty ?? true)
        }
    }

    @Test("a transcript larger than the limit is refused before it is read, naming the file")
    func oversizedTranscriptIsRefused() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let files = try sources([("chat-01.txt", "Jan: hoi\n"), ("groot.txt", "")], in: folder)
            // A sparse file: its size is all the check needs, nothing is written to disk.
            try #require(truncate(files[1].path, off_t(Project.maximumTranscriptBytes + 1)) == 0)
            let errors = try #require(throws: GlossErrors.self) { try project.importTranscripts(files) }.errors
            #expect(errors.count == 1)
            #expect(errors[0].file == files[1].path)
            #expect(errors[0].message.contains("larger than 64 MiB"), "\(errors[0].message)")
            #expect(try chatsFolder(project) == [])
        }
    }

    @Test("the import reports control characters by line, from the same pass that checks the bytes")
    func controlLinesAreReported() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let files = try sources([("chat-01.txt", "Jan: hoi\nPiet: \u{1B}[2J weg\nJan: \u{202E}om\u{202E}\nPiet: goed\n"),
                                     ("chat-02.txt", "Jan: hoi\n")], in: folder)
            let report = try project.importTranscripts(files)
            #expect(report[0].controls == TextDecoding.ControlLines(first: 2, control: "\u{1B}", lines: 2))
            #expect(report[1].controls == nil)
        }
    }
}

/// The summary counted off the bytes and the one-pass scan agree with the full parse and `TerminalText`.
@Suite("Transcript summary and control scan: the same answers as the full parse")
struct TranscriptSummaryTests {
    static let texts: [String] = [
        Sample.transcript,
        "Jan: een\nPiet: twee drie\n\n\nnog een regel\n\nJan: é😔 e\u{301}\n\n",
        "[19:02] Jan: hoi\n[19:03] Piet: ja: nee\nIk zei: nee\n[2021-03-14 19:04] Jan:\n",
        "# title: t\n# speakers: Hulpverlener, Hulpverlener 2\nHulpverlener 2: a\nHulpverlener: b\n\tingesprongen\n",
        "# speakers: A\n\n\nA: \u{7F}\u{85}x\r\n\r\nA:  \u{200F}\u{061C}\u{2066}\n",
        "Zoë: 👩‍👩‍👧 \u{2069}\nZoë 2: \u{9B}",
    ]

    @Test("the summary read off the bytes equals the summary of the parsed chat")
    func summaryMatchesParse() throws {
        for text in Self.texts {
            let data = Data(text.utf8)
            let chat = try TranscriptParser().parse(data, id: "c", file: "c.txt")
            #expect(try TranscriptParser().summary(data, id: "c", file: "c.txt") == ChatSummary(chat), "\(text.debugDescription)")
        }
        let samples = ParserFuzz.samples("Samples/demo/chats", ext: "txt")
        #expect(!samples.isEmpty)
        for sample in samples {
            let data = try Data(contentsOf: sample)
            #expect(try TranscriptParser().summary(data, id: "c", file: sample.path) == ChatSummary(try TranscriptParser().parse(data, id: "c", file: sample.path)))
        }
    }

    @Test("the one-pass scan finds the lines TerminalText.linesWithControls finds")
    func scanMatchesTerminalText() throws {
        let extra = ["\u{1B}", "a\u{7}b\nc\u{9B}\n\u{202A}", "\t\n\t", "x\u{200E}\ny\u{200D}\nz\u{2066}\u{1F}", "\u{80}\u{9F}\u{A0}"]
        for text in Self.texts + extra {
            let clean = try TextDecoding.decodeScanned(Data(text.utf8), file: "x")
            let expected = TerminalText.linesWithControls(in: String(decoding: clean.bytes, as: UTF8.self))
            let found = clean.controls
            #expect(found?.first == expected.first?.line, "\(text.debugDescription)")
            #expect(found?.control == expected.first?.control, "\(text.debugDescription)")
            #expect((found?.lines ?? 0) == expected.count, "\(text.debugDescription)")
        }
    }
}

/// Work a hostile transcript can cause stays linear in its size.
@Suite("Transcript parser: bounded work", .timeLimit(.minutes(1)))
struct TranscriptParserWorkTests {
    @Test("a '# speakers:' header of 20,000 names costs each line no 20,000 comparisons")
    func manySpeakerNames() throws {
        let names = (0..<20_000).map { "Naam\($0)" }
        var text = "# speakers: " + names.joined(separator: ", ") + "\n"
        for index in 0..<100_000 { text += index % 2 == 0 ? "Naam19999: hoi\n" : "Naam: x: y: Naam1: z\n" }
        let summary = try TranscriptParser().summary(Data(text.utf8), id: "c", file: "c.txt")
        #expect(summary.messageCount == 50_000)
        #expect(summary.speakers == ["Naam19999"])
        // The longest name followed by ':' wins, as before, also when a shorter one is a prefix of it.
        let nested = try TranscriptParser().parse(Data("# speakers: A, A:B, A:B C\nA:B C: een\nA:B: twee\nA: drie\nA:Bx: vier\n".utf8), id: "c", file: "c.txt")
        #expect(nested.messages.map(\.speaker) == ["A:B C", "A:B", "A", "A"])
        #expect(nested.messages.map(\.text) == ["een", "twee", "drie", "Bx: vier"])
    }
}
