import Foundation
import Testing
@testable import GlossCore
#if canImport(Glibc)
import Glibc
#endif

/// The chat catalog (`cache/chats.catalog`): a project loads from it without parsing transcripts, parses
/// exactly the new or changed ones, and ignores a catalog that is damaged, foreign or a link.
@Suite("Chat catalog")
struct ChatCatalogTests {
    /// A project with `count` transcripts whose modification times lie an hour back, so the catalog
    /// written by the first load is not racily clean.
    private func project(in folder: URL, chats count: Int = 5) throws -> URL {
        let project = try Project.create(at: folder.appendingPathComponent("project"), name: "Catalog", codebook: try Sample.codebook())
        for number in 1...count {
            let text = "# title: Gesprek \(number)\n# speakers: Jan, Piet\n[10:0\(number % 10)] Jan: hoi \(number)\nPiet: dag café 😔\nnog een regel\n"
            try write(text, to: project.transcriptURL(String(format: "chat-%02d", number)))
        }
        return project.root
    }

    private func write(_ text: String, to url: URL, age: TimeInterval = 3600) throws {
        try SecureFiles.writeAtomically(Data(text.utf8), to: url)
        try setAge(url, age)
    }

    private func setAge(_ url: URL, _ age: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: url.path)
    }

    private func catalogURL(_ root: URL) -> URL { ChatCatalog.url(projectRoot: root) }

    /// What a project knows of its chats, parsed from scratch with no catalog.
    private func fresh(_ root: URL) throws -> [ChatSummary] { try Project.load(root, useCatalog: false).summaries }

    @Test("encoding and decoding give back the same catalog")
    func roundTrip() throws {
        let chat = try TranscriptParser().parse(Data("# title: x\n# empty:\nJan: é😔\n\nnog\nPiet: \nJan: z\n".utf8), id: "c-1", file: "c-1.txt")
        let key = FileKey(device: 2049, inode: UInt64.max, size: 42, modifiedNanoseconds: 1_700_000_000_123_456_789,
                          changedNanoseconds: -5_999_999_999)
        let catalog = ChatCatalog(entries: ["c-1": .init(key: key, summary: ChatSummary(chat))], written: 1_800_000_000_000_000_007)
        let decoded = try #require(ChatCatalog.decode(catalog.encoded()))
        #expect(decoded.entries == catalog.entries)
        #expect(decoded.written == catalog.written)
        #expect(decoded.entries["c-1"]?.summary.messageLengths == [7, 0, 1])
        #expect(decoded.entries["c-1"]?.summary.speakers == ["Jan", "Piet"])
        #expect(decoded.entries["c-1"]?.summary.messageSpeakers == [0, 1, 0])
    }

    @Test("a warm catalog loads every chat without parsing a transcript, with the same summaries")
    func warmLoadParsesNothing() throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder)
            let cold = try Project.load(root)
            #expect(cold.transcriptsParsed == 5)
            #expect(try permissions(catalogURL(root)) & 0o777 == 0o600)
            #expect(try permissions(catalogURL(root).deletingLastPathComponent()) & 0o777 == 0o700)
            let before = try Data(contentsOf: catalogURL(root))
            let warm = try Project.load(root)
            #expect(warm.transcriptsParsed == 0)
            #expect(warm.summaries == cold.summaries)
            #expect(warm.summaries == (try fresh(root)))
            // Nothing changed, so the catalog was not rewritten.
            #expect(try Data(contentsOf: catalogURL(root)) == before)
            // The text is read on demand and equals a parse of the file.
            #expect(warm.chat("chat-03") == (try TranscriptParser().parse(fileAt: warm.transcriptURL("chat-03"))))
        }
    }

    @Test("a transcript changed with the same size and time, a new size, or a replaced file is parsed again")
    func changedTranscriptsAreParsedAgain() throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder)
            var project = try Project.load(root)
            // Same size, rewritten in place (same inode), its modification time put back: only the change
            // time tells, and it is part of the key.
            let url1 = project.transcriptURL("chat-01")
            var info = stat()
            #expect(lstat(url1.path, &info) == 0)
            let original = try Data(contentsOf: url1)
            var edited = original
            edited[edited.firstIndex(of: UInt8(ascii: "h"))!] = UInt8(ascii: "H")
            let handle = try FileHandle(forWritingTo: url1)
            try handle.write(contentsOf: edited)
            try handle.close()
            var times = [info.st_atim, info.st_mtim]
            #expect(utimensat(AT_FDCWD, url1.path, &times, 0) == 0)
            // A new size.
            try write("Jan: een veel langer bericht dan eerst\n", to: project.transcriptURL("chat-02"))
            // Replaced by another file of the same size and time (a new inode).
            let url3 = project.transcriptURL("chat-03")
            let replacement = String(decoding: try Data(contentsOf: url3), as: UTF8.self).replacingOccurrences(of: "dag", with: "DAG")
            var info3 = stat()
            #expect(lstat(url3.path, &info3) == 0)
            try SecureFiles.writeAtomically(Data(replacement.utf8), to: url3)
            var times3 = [info3.st_atim, info3.st_mtim]
            #expect(utimensat(AT_FDCWD, url3.path, &times3, 0) == 0)

            project = try Project.load(root)
            #expect(project.transcriptsParsed == 3)
            #expect(project.summaries == (try fresh(root)))
            #expect(project.summary("chat-02")?.messageLengths == [UInt32(ScalarText.length("een veel langer bericht dan eerst"))])
            #expect(project.chat("chat-01")?.messages[0].text == "Hoi 1")
            #expect(project.chat("chat-03")?.messages[1].text == "DAG café 😔\nnog een regel")
            #expect(try Project.load(root).transcriptsParsed == 0)
        }
    }

    @Test("a removed transcript disappears; a new one appears")
    func removedAndAdded() throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder)
            _ = try Project.load(root)
            try FileManager.default.removeItem(at: root.appendingPathComponent("chats/chat-04.txt"))
            try write("Jan: nieuw\n", to: root.appendingPathComponent("chats/chat-09.txt"))
            let project = try Project.load(root)
            #expect(project.chatIDs == ["chat-01", "chat-02", "chat-03", "chat-05", "chat-09"])
            #expect(project.transcriptsParsed == 1)
            #expect(project.summary("chat-04") == nil && project.chat("chat-04") == nil)
            let catalog = try #require(ChatCatalog.read(projectRoot: root))
            #expect(catalog.entries.keys.sorted() == project.chatIDs)
        }
    }

    @Test("a damaged, truncated, foreign-magic or linked catalog is ignored and rebuilt, never an error",
          arguments: ["flip", "truncate", "magic", "version", "empty", "symlink", "folder"])
    func damagedCatalogIsRebuilt(_ damage: String) throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder)
            _ = try Project.load(root)
            let url = catalogURL(root)
            var bytes = try Data(contentsOf: url)
            let elsewhere = folder.appendingPathComponent("elsewhere.catalog")
            switch damage {
            case "flip": bytes[bytes.count / 2] ^= 0x20
            case "truncate": bytes = bytes.prefix(bytes.count - 7)
            case "magic": bytes[0] = UInt8(ascii: "X")
            case "version": bytes[8] = 99
            case "empty": bytes = Data()
            default: break
            }
            try FileManager.default.removeItem(at: url)
            switch damage {
            case "symlink":
                // A valid catalog elsewhere, linked into place: never read through the link.
                try bytes.write(to: elsewhere)
                try FileManager.default.createSymbolicLink(at: url, withDestinationURL: elsewhere)
            case "folder":
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            default:
                try bytes.write(to: url)
            }
            let project = try Project.load(root)
            #expect(project.transcriptsParsed == 5, "the \(damage) catalog was trusted")
            #expect(project.summaries == (try fresh(root)))
            if damage == "symlink" {
                #expect(try Data(contentsOf: elsewhere) == bytes, "the link's target was changed")
                #expect(try FileManager.default.destinationOfSymbolicLinkOrNil(url) == nil, "the link is still there")
            }
            if damage != "folder" {
                #expect(ChatCatalog.read(projectRoot: root) != nil, "the catalog was not rebuilt")
                #expect(try Project.load(root).transcriptsParsed == 0)
            }
        }
    }

    @Test("a catalog whose cache folder is a link is neither read nor written through it")
    func linkedCacheFolder() throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder)
            _ = try Project.load(root)
            let cache = root.appendingPathComponent("cache")
            let elsewhere = folder.appendingPathComponent("elsewhere")
            try FileManager.default.moveItem(at: cache, to: elsewhere)
            try FileManager.default.createSymbolicLink(at: cache, withDestinationURL: elsewhere)
            let before = try Data(contentsOf: elsewhere.appendingPathComponent("chats.catalog"))
            try write("Jan: nieuw\n", to: root.appendingPathComponent("chats/chat-09.txt"))
            let project = try Project.load(root)
            #expect(project.transcriptsParsed == 6)
            #expect(project.summaries == (try fresh(root)))
            #expect(try Data(contentsOf: elsewhere.appendingPathComponent("chats.catalog")) == before)
        }
    }

    @Test("an entry whose transcript changed within two seconds of the catalog's writing is not trusted (racy)")
    func racilyCleanEntryIsParsedAgain() throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder, chats: 1)
            let url = root.appendingPathComponent("chats/chat-01.txt")
            let key = try #require(FileKey.of(url))
            // A catalog with the file's exact key but a wrong summary (as after a same-size rewrite in the
            // same tick): written one second after the file, it must not be trusted…
            let wrong = ChatSummary(id: "chat-01", attributes: [], messageLengths: [1], speakers: ["X"], messageSpeakers: [0])
            var catalog = ChatCatalog(entries: ["chat-01": .init(key: key, summary: wrong)],
                                      written: key.modifiedNanoseconds + 1_000_000_000)
            try SecureFiles.makeDirectory(catalogURL(root).deletingLastPathComponent())
            try SecureFiles.writeAtomically(catalog.encoded(), to: catalogURL(root))
            let project = try Project.load(root)
            #expect(project.transcriptsParsed == 1)
            #expect(project.summaries == (try fresh(root)))
            // …while written well after the file it is (which is why the rule is needed at all).
            catalog.written = key.modifiedNanoseconds + 60_000_000_000
            try SecureFiles.writeAtomically(catalog.encoded(), to: catalogURL(root))
            #expect(try Project.load(root).summary("chat-01") == wrong)
        }
    }

    @Test("a transcript that fails to parse is reported with file and line on every load, warm or cold")
    func brokenTranscriptIsStillReported() throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder)
            _ = try Project.load(root)
            try write("# title: x\ngeen bericht\n", to: root.appendingPathComponent("chats/kapot.txt"))
            for _ in 0..<2 {
                #expect {
                    try Project.load(root)
                } throws: { error in
                    let error = error as? GlossError
                    return error?.file?.hasSuffix("chats/kapot.txt") == true && error?.place == "line 2"
                }
            }
            // The good ones were remembered: only the broken one is parsed again.
            try FileManager.default.removeItem(at: root.appendingPathComponent("chats/kapot.txt"))
            #expect(try Project.load(root).transcriptsParsed == 0)
        }
    }

    @Test("a catalog copied from another project (other inodes and change times) is not trusted")
    func foreignCatalogIsNotTrusted() throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder)
            _ = try Project.load(root)
            let copy = folder.appendingPathComponent("copy")
            try FileManager.default.copyItem(at: root, to: copy)
            let project = try Project.load(copy)
            #expect(project.transcriptsParsed == 5)
            #expect(project.summaries == (try fresh(copy)))
        }
    }

    @Test("chat(_:) reads a transcript changed since loading anew, and its summary follows")
    func chatOnDemandSeesAChangedFile() throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder)
            let project = try Project.load(root)
            try write("Jan: anders\nPiet: ook\n", to: project.transcriptURL("chat-05"))
            #expect(project.chat("chat-05")?.messages.map(\.text) == ["anders", "ook"])
            #expect(project.summary("chat-05")?.messageLengths == [6, 3])
            try FileManager.default.removeItem(at: project.transcriptURL("chat-04"))
            #expect(throws: GlossError.self) { try project.loadChat("chat-04") }
            #expect(throws: GlossError.self) { try project.loadChat("nope") }
        }
    }

    @Test("the project keeps only the last few chats it read")
    func transcriptCacheIsBounded() throws {
        try withTemporaryDirectory { folder in
            let root = try project(in: folder, chats: 20)
            let project = try Project.load(root)
            for id in project.chatIDs { _ = try project.loadChat(id) }
            #expect(project.cachedChatCount == TranscriptCache.capacity)
            // The most recent one is served without reading: remove its file and it is still there.
            try FileManager.default.removeItem(at: project.transcriptURL("chat-20"))
            #expect(project.chat("chat-20") != nil)
            try FileManager.default.removeItem(at: project.transcriptURL("chat-01"))
            #expect(project.chat("chat-01") == nil)
        }
    }
}

private extension FileManager {
    func destinationOfSymbolicLinkOrNil(_ url: URL) throws -> String? { try? destinationOfSymbolicLink(atPath: url.path) }
}
