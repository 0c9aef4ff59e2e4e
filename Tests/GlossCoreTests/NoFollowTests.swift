import Foundation
import Testing
@testable import GlossCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files inside a project are opened as themselves: a symbolic link, a hard link, a folder or a pipe where
/// a project file should be is refused with a message naming it, and the file a link points to is never
/// read, written or cut. Each test reproduces an attack and checks the target is byte-identical afterwards.
@Suite("Project files are never opened through a link")
struct NoFollowTests {
    /// A folder with a project-like `sessions/` and, beside it, an "outside" file the user cares about.
    struct Scene {
        let root: URL
        var sessions: URL { root.appendingPathComponent("project/sessions") }
        var project: URL { root.appendingPathComponent("project") }
        var outside: URL { root.appendingPathComponent("important.txt") }
        static let precious = Data("my thesis, chapter 3\n".utf8)

        init(_ root: URL) throws {
            self.root = root
            try FileManager.default.createDirectory(at: root.appendingPathComponent("project/sessions"), withIntermediateDirectories: true)
            try Self.precious.write(to: outside)
        }

        func link(_ relative: String, to target: URL) throws {
            try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent(relative).path, withDestinationPath: target.path)
        }

        func expectOutsideUntouched(sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(try Data(contentsOf: outside) == Self.precious, "the link's target changed", sourceLocation: sourceLocation)
        }
    }

    func withScene(_ body: (Scene) throws -> Void) throws {
        try withTemporaryDirectory { try body(try Scene($0)) }
    }

    // MARK: Reading

    @Test func readRefusesALinkAndNamesIt() throws {
        try withScene { scene in
            try scene.link("project.json", to: scene.outside)
            let url = scene.project.appendingPathComponent("project.json")
            let error = try #require(throws: GlossError.self) { try SecureFiles.read(url) }
            #expect(error.file == url.path)
            #expect(error.message.contains("is a symbolic link"))
            // A file the user named is outside the project: a link to it is followed.
            #expect(try SecureFiles.readNamedFile(url) == Scene.precious)
        }
    }

    @Test func readRefusesAFolderWithAClearMessage() throws {
        try withScene { scene in
            let folder = scene.sessions.appendingPathComponent("anouk.json")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for read in [SecureFiles.read, SecureFiles.readNamedFile] {
                let error = try #require(throws: GlossError.self) { try read(folder) }
                #expect(error.file == folder.path)
                #expect(error.message == "is a folder, not a file")
            }
        }
    }

    @Test func readRefusesAPipeAtOnce() throws {
        try withScene { scene in
            let fifo = scene.root.appendingPathComponent("codings.csv")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            let project = try refusesWithoutHanging(fifo) { _ = try SecureFiles.read(fifo) }
            #expect(project?.contains("is not a regular file") == true, "\(String(describing: project))")
            let named = try refusesWithoutHanging(fifo) { _ = try SecureFiles.readNamedFile(fifo) }
            #expect(named?.contains("is not a regular file") == true, "\(String(describing: named))")
        }
    }

    // MARK: Locks

    @Test func aLockThatIsALinkIsRefusedAndItsTargetUntouched() throws {
        try withScene { scene in
            try scene.link("sessions/anouk.lock", to: scene.outside)
            let url = scene.sessions.appendingPathComponent("anouk.lock")
            let error = try #require(throws: GlossError.self) { try FileLock(url, purpose: "The session of anouk") }
            #expect(error.file == url.path)
            #expect(error.message.contains("is a symbolic link"))
            try scene.expectOutsideUntouched()
        }
    }

    @Test func aDanglingLinkAsLockCreatesNothingAtItsTarget() throws {
        try withScene { scene in
            let target = scene.root.appendingPathComponent("created-by-gloss")
            try scene.link("sessions/anouk.lock", to: target)
            #expect(throws: GlossError.self) { try FileLock(scene.sessions.appendingPathComponent("anouk.lock"), purpose: "The session of anouk") }
            #expect(!FileManager.default.fileExists(atPath: target.path))
        }
    }

    @Test func aLockThatIsAHardLinkIsRefusedAndItsTargetUntouched() throws {
        try withScene { scene in
            let url = scene.sessions.appendingPathComponent("anouk.lock")
            try FileManager.default.linkItem(at: scene.outside, to: url)
            let error = try #require(throws: GlossError.self) { try FileLock(url, purpose: "The session of anouk") }
            #expect(error.message.contains("hard links"))
            try scene.expectOutsideUntouched()
        }
    }

    @Test func aLinkedCodebookLockIsRefusedAndItsTargetUntouched() throws {
        try withTemporaryDirectory { folder in
            let root = folder.appendingPathComponent("project")
            var project = try Project.create(at: root, name: "p", codebook: try Sample.codebook())
            let outside = folder.appendingPathComponent("important.txt")
            try Scene.precious.write(to: outside)
            let lock = root.appendingPathComponent("codebook.lock")
            try FileManager.default.createSymbolicLink(atPath: lock.path, withDestinationPath: outside.path)
            let codebook = try Data(contentsOf: project.codebookURL)
            let error = try #require(throws: GlossError.self) { try project.renameCode(Sample.armoede, to: "Armoede/lage SES", by: "anouk") }
            #expect(error.file == lock.path)
            #expect(try Data(contentsOf: outside) == Scene.precious)
            #expect(try Data(contentsOf: project.codebookURL) == codebook)
        }
    }

    @Test func aLockHeldByAnotherIsNeverCut() throws {
        try withScene { scene in
            let url = scene.sessions.appendingPathComponent("anouk.lock")
            let first = try FileLock(url, purpose: "The session of anouk")
            let note = try Data(contentsOf: url)
            #expect(throws: GlossError.self) { try FileLock(url, purpose: "The session of anouk") }
            #expect(try Data(contentsOf: url) == note)
            first.release()
        }
    }

    @Test func aLockThatIsAPipeIsRefusedAtOnce() throws {
        try withScene { scene in
            let url = scene.sessions.appendingPathComponent("anouk.lock")
            #expect(mkfifo(url.path, 0o600) == 0)
            let outcome = try refusesWithoutHanging(url) { _ = try FileLock(url, purpose: "The session of anouk") }
            #expect(outcome?.contains("is not a regular file") == true, "\(String(describing: outcome))")
        }
    }

    // MARK: Append-only logs and journals

    @Test func appendingToALinkedLogIsRefused() throws {
        try withScene { scene in
            try scene.link("codebook-changes.jsonl", to: scene.outside)
            let url = scene.project.appendingPathComponent("codebook-changes.jsonl")
            let error = try #require(throws: GlossError.self) { _ = try ChecksummedLog.openRepairing(url, rules: .merged).log.append(bytes("{\"quote\":\"geheim\"}")) }
            #expect(error.message.contains("is a symbolic link"))
            try scene.expectOutsideUntouched()
        }
    }

    /// The journal or the session file moved outside the project and linked back: opening and reading refuse
    /// it, the file outside is not changed, and the link is not replaced.
    @Test(arguments: ["anouk.journal", "anouk.json"])
    func aLinkedSessionFileIsNeitherReadNorWritten(name: String) throws {
        try withScene { scene in
            // A real session first (one action, so the journal has a record), then the file moved out and linked back.
            let store = try SessionStore(projectRoot: scene.project, coder: "anouk", codebookRevision: 1)
            try store.perform([.status(chat: "chat-01", before: .notStarted, after: .inProgress)], label: "start")
            try store.close()
            let file = scene.sessions.appendingPathComponent(name)
            let moved = scene.root.appendingPathComponent("\(name)-elsewhere")
            try FileManager.default.moveItem(at: file, to: moved)
            try scene.link("sessions/\(name)", to: moved)
            let before = try Data(contentsOf: moved)
            let error = try #require(throws: GlossError.self) { try SessionStore(projectRoot: scene.project, coder: "anouk", codebookRevision: 1) }
            #expect(error.file == file.path)
            #expect(error.message.contains("is a symbolic link"))
            #expect(try Data(contentsOf: moved) == before)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: file.path) == moved.path)
            // Reading (report, export) refuses it too.
            #expect(throws: GlossError.self) { try SessionStore.read(projectRoot: scene.project, coder: "anouk") }
        }
    }

    @Test func aHardLinkedJournalIsNotAppendedTo() throws {
        try withScene { scene in
            let store = try SessionStore(projectRoot: scene.project, coder: "anouk", codebookRevision: 1)
            try store.close()
            let journal = scene.sessions.appendingPathComponent("anouk.journal")
            let other = scene.root.appendingPathComponent("second-name")
            try FileManager.default.linkItem(at: journal, to: other)
            let before = try Data(contentsOf: other)
            let error = try #require(throws: GlossError.self) { try SessionStore(projectRoot: scene.project, coder: "anouk", codebookRevision: 1) }
            #expect(error.message.contains("hard links"))
            #expect(try Data(contentsOf: other) == before)
        }
    }

    // MARK: Session files

    @Test func aDanglingLinkAsSessionFileIsRefusedNotReplaced() throws {
        try withScene { scene in
            let target = scene.root.appendingPathComponent("not-there.json")
            try scene.link("sessions/anouk.json", to: target)
            let error = try #require(throws: GlossError.self) { try SessionStore(projectRoot: scene.project, coder: "anouk", codebookRevision: 1) }
            #expect(error.message.contains("is a symbolic link"))
            #expect(!FileManager.default.fileExists(atPath: target.path))
        }
    }

    @Test func aSessionFileThatIsAFolderSaysSo() throws {
        try withScene { scene in
            let folder = scene.sessions.appendingPathComponent("anouk.json")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let error = try #require(throws: GlossError.self) { try SessionStore(projectRoot: scene.project, coder: "anouk", codebookRevision: 1) }
            #expect(error.description == "\(folder.path): is a folder, not a file")
            let read = try #require(throws: GlossError.self) { try SessionStore.read(projectRoot: scene.project, coder: "anouk") }
            #expect(read.description == "\(folder.path): is a folder, not a file")
        }
    }

    // MARK: Folders

    @Test func aLinkedSessionsFolderIsRefused() throws {
        try withScene { scene in
            let elsewhere = scene.root.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.removeItem(at: scene.sessions)
            try scene.link("sessions", to: elsewhere)
            let error = try #require(throws: GlossError.self) { try SessionStore(projectRoot: scene.project, coder: "anouk", codebookRevision: 1) }
            #expect(error.file == scene.sessions.path)
            #expect(error.message.contains("is a symbolic link"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        }
    }

    @Test func makeDirectoryRefusesALinkUnlessItIsTheRootTheUserNamed() throws {
        try withScene { scene in
            let elsewhere = scene.root.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            try scene.link("reviews", to: elsewhere)
            let linked = scene.project.appendingPathComponent("reviews")
            let error = try #require(throws: GlossError.self) { try SecureFiles.makeDirectory(linked) }
            #expect(error.message.contains("is a symbolic link"))
            try SecureFiles.makeDirectory(linked, mayBeLink: true)
        }
    }

    @Test func loadingAProjectWithALinkedFolderIsRefused() throws {
        try withTemporaryDirectory { folder in
            let root = folder.appendingPathComponent("project")
            _ = try Project.create(at: root, name: "p", codebook: try Sample.codebook())
            let elsewhere = folder.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("rounds").path, withDestinationPath: elsewhere.path)
            let error = try #require(throws: GlossError.self) { try Project.load(root) }
            #expect(error.file == root.appendingPathComponent("rounds").path)
            #expect(error.message.contains("is a symbolic link"))
        }
    }

    @Test func aProjectRootReachedThroughALinkIsFine() throws {
        try withTemporaryDirectory { folder in
            let real = folder.appendingPathComponent("real")
            try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
            let named = folder.appendingPathComponent("named")
            try FileManager.default.createSymbolicLink(atPath: named.path, withDestinationPath: real.path)
            _ = try Project.create(at: named, name: "p", codebook: try Sample.codebook())
            #expect(try Project.load(named).codebook.count == 7)
            #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("sessions").path))
        }
    }

    // MARK: Validation

    @Test func validateListsEverySymlinkAsAnError() throws {
        try withTemporaryDirectory { folder in
            let root = folder.appendingPathComponent("project")
            _ = try Project.create(at: root, name: "p", codebook: try Sample.codebook())
            let outside = folder.appendingPathComponent("outside.txt")
            try bytes("x").write(to: outside)
            let links = ["sessions/anouk.lock", "chats/notes", "deep/er/link"]
            try FileManager.default.createDirectory(at: root.appendingPathComponent("deep/er"), withIntermediateDirectories: true)
            for link in links {
                try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(link).path, withDestinationPath: outside.path)
            }
            let report = ProjectValidator.validate(root)
            let listed = Set(report.errors.filter { $0.message.contains("is a symbolic link") }.compactMap(\.file))
            #expect(listed == Set(links.map { root.appendingPathComponent($0).path }))
            #expect(!report.isClean)
        }
    }

    @Test func validateListsALinkedFolderOnceAndDoesNotEnterIt() throws {
        try withTemporaryDirectory { folder in
            let root = folder.appendingPathComponent("project")
            _ = try Project.create(at: root, name: "p", codebook: try Sample.codebook())
            let elsewhere = folder.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            try bytes("x").write(to: elsewhere.appendingPathComponent("inside.json"))
            // A link back to the project itself must not make the walk loop.
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("reviews").path, withDestinationPath: elsewhere.path)
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("chats/loop").path, withDestinationPath: root.path)
            let report = ProjectValidator.validate(root)
            let files = report.errors.compactMap(\.file)
            #expect(files.filter { $0 == root.appendingPathComponent("reviews").path }.count == 1)
            #expect(files.contains(root.appendingPathComponent("chats/loop").path))
            #expect(!files.contains { $0.contains("inside.json") })
        }
    }
}

/// Runs `body`, which must throw a `GlossError` promptly; returns its message, or nil (and records a
/// failure) if it returned normally or was still blocked after a generous bound. A blocked open of `fifo`
/// is released by opening its other end, so the test never hangs.
func refusesWithoutHanging(_ fifo: URL, _ body: @escaping @Sendable () throws -> Void,
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
    final class Box: @unchecked Sendable { var message: String? }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        do { try body() } catch { box.message = "\(error)" }
        done.signal()
    }
    if done.wait(timeout: .now() + 20) == .timedOut {
        // Unblock the reader (or writer) so the thread can finish, then fail.
        for flags in [O_WRONLY | O_NONBLOCK, O_RDONLY | O_NONBLOCK] {
            let fd = open(fifo.path, flags)
            if fd >= 0 { close(fd) }
        }
        _ = done.wait(timeout: .now() + 20)
        Issue.record("blocked on the pipe \(fifo.path)", sourceLocation: sourceLocation)
        return nil
    }
    if box.message == nil { Issue.record("did not refuse the pipe \(fifo.path)", sourceLocation: sourceLocation) }
    return box.message
}
