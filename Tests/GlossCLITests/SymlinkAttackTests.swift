import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A project that arrives by git, zip or a colleague's disk can hold links. Gloss opens every project file
/// as itself: a link where a lock, journal, session file or project folder should be is refused with a
/// message naming it, and the file it points to (here `important.txt`, beside the project) is never read,
/// written or cut. Files the user names (a CSV, a codebook, transcripts) may be links, but a pipe is
/// refused at once instead of blocking the read.
@Suite("Links and pipes in a project are refused")
struct SymlinkAttackTests {
    static let precious = Data("pid 1 on nowhere? no: my thesis, chapter 3\n".utf8)

    /// A coded project (coder ann), a CSV to merge, and a file outside the project to attack.
    func withAttackedProject(_ body: (TemporaryFolder, URL, URL) throws -> Void) throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let outside = folder.url.appendingPathComponent("important.txt")
            try Self.precious.write(to: outside)
            let csv = try folder.write("more.csv", Fixtures.csvHeader + "chat-03,1,,1,,Toon,,\n")
            try body(folder, outside, csv)
        }
    }

    func replaceWithLink(_ url: URL, to target: URL, movingTo moved: URL? = nil) throws {
        let fm = FileManager.default
        if let moved { try fm.moveItem(at: url, to: moved) } else if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
        try fm.createSymbolicLink(atPath: url.path, withDestinationPath: (moved ?? target).path)
    }

    @Test("a symlinked session lock: codings import refuses and the target is unchanged (the issue's reproduction)")
    func symlinkedLock() throws {
        try withAttackedProject { folder, outside, csv in
            let lock = sessionFile(folder.project, "ann", "lock")
            try replaceWithLink(lock, to: outside)
            let result = try gloss("codings", "import", folder.project.path, "--coder", "ann", "--merge", csv.path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.hasPrefix("gloss: \(lock.path): is a symbolic link"), "\(result)")
            #expect(try Data(contentsOf: outside) == Self.precious)
        }
    }

    @Test("a symlinked journal is neither appended to nor read")
    func symlinkedJournal() throws {
        try withAttackedProject { folder, _, csv in
            let journal = sessionFile(folder.project, "ann", "journal")
            let moved = folder.url.appendingPathComponent("journal-outside")
            try replaceWithLink(journal, to: moved, movingTo: moved)
            let before = try Data(contentsOf: moved)
            let merge = try gloss("codings", "import", folder.project.path, "--coder", "ann", "--merge", csv.path)
            #expect(merge.status == 1, "\(merge)")
            #expect(merge.stderr.contains("\(journal.path): is a symbolic link"), "\(merge)")
            let report = try gloss("report", folder.project.path, "--coder", "ann")
            #expect(report.status == 1, "\(report)")
            #expect(report.stderr.contains("\(journal.path): is a symbolic link"), "\(report)")
            #expect(try Data(contentsOf: moved) == before)
        }
    }

    @Test("a symlinked session file is not read through")
    func symlinkedSessionFile() throws {
        try withAttackedProject { folder, _, csv in
            let snapshot = sessionFile(folder.project, "ann")
            let moved = folder.url.appendingPathComponent("session-outside.json")
            try replaceWithLink(snapshot, to: moved, movingTo: moved)
            let before = try Data(contentsOf: moved)
            for arguments in [["codings", "export", folder.project.path, "--coder", "ann"],
                              ["codings", "import", folder.project.path, "--coder", "ann", "--merge", csv.path]] {
                let result = try gloss(arguments)
                #expect(result.status == 1, "\(result)")
                #expect(result.stdout == "", "\(result)")
                #expect(result.stderr.contains("\(snapshot.path): is a symbolic link"), "\(result)")
            }
            #expect(try Data(contentsOf: moved) == before)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: snapshot.path) == moved.path)
        }
    }

    @Test("a symlinked sessions folder: nothing is written into it")
    func symlinkedSessionsFolder() throws {
        try withAttackedProject { folder, _, csv in
            let sessions = folder.project.appendingPathComponent("sessions")
            let moved = folder.url.appendingPathComponent("sessions-outside")
            try replaceWithLink(sessions, to: moved, movingTo: moved)
            let before = try FolderSnapshot(moved)
            let result = try gloss("codings", "import", folder.project.path, "--coder", "bob", csv.path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.hasPrefix("gloss: \(sessions.path): is a symbolic link"), "\(result)")
            expectUnchanged(before, try FolderSnapshot(moved), "the linked sessions folder")
        }
    }

    @Test("a session file that is a folder says so")
    func sessionFileIsAFolder() throws {
        try withAttackedProject { folder, _, _ in
            let snapshot = sessionFile(folder.project, "bob")
            try FileManager.default.createDirectory(at: snapshot, withIntermediateDirectories: false)
            let result = try gloss("codings", "export", folder.project.path, "--coder", "bob")
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr == "gloss: \(snapshot.path): is a folder, not a file\n", "\(result)")
        }
    }

    @Test("a pipe as import file, codebook or transcript is refused at once")
    func pipesAreRefusedWithoutBlocking() throws {
        try withAttackedProject { folder, _, _ in
            let fifo = folder.url.appendingPathComponent("codings.csv")
            try #require(mkfifo(fifo.path, 0o600) == 0)
            let transcript = folder.url.appendingPathComponent("chat-09.txt")
            try #require(mkfifo(transcript.path, 0o600) == 0)
            let commands: [(arguments: [String], fifo: URL)] = [
                (["codings", "import", folder.project.path, "--coder", "bob", fifo.path], fifo),
                (["init", folder.url.appendingPathComponent("new").path, "--codebook", fifo.path], fifo),
                (["import", folder.project.path, transcript.path], transcript),
            ]
            for command in commands {
                let before = try FolderSnapshot(folder.project)
                let result = try glossUnblocking(command.arguments, fifo: command.fifo)
                #expect(result.status == 1, "\(result)")
                #expect(result.stderr.contains("\(command.fifo.path): is not a regular file"), "\(result)")
                expectUnchanged(before, try FolderSnapshot(folder.project), ignoringLockNotes: true, command.arguments[0])
            }
        }
    }

    @Test("validate lists every symlink in the project as an error")
    func validateListsLinks() throws {
        try withAttackedProject { folder, outside, _ in
            let links = [sessionFile(folder.project, "ann", "lock"), folder.project.appendingPathComponent("chats/extra"),
                         folder.project.appendingPathComponent("notes/elsewhere")]
            try FileManager.default.createDirectory(at: folder.project.appendingPathComponent("notes"), withIntermediateDirectories: true)
            for link in links { try replaceWithLink(link, to: outside) }
            let result = try gloss("validate", folder.project.path)
            #expect(result.status == 1, "\(result)")
            for link in links {
                #expect(result.stderr.contains("gloss: \(link.path): is a symbolic link"), "\(result)")
            }
            #expect(try Data(contentsOf: outside) == Self.precious)
        }
    }
}

/// Runs `gloss`, which must not block on `fifo`: if it is still running after a generous bound, the pipe's
/// other end is opened and closed (the read ends) and the test fails, so a regression never hangs the suite.
func glossUnblocking(_ arguments: [String], fifo: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
    final class Flag: @unchecked Sendable { var blocked = false; var finished = false; let lock = NSLock() }
    let flag = Flag()
    let path = fifo.path
    Thread.detachNewThread {
        Thread.sleep(forTimeInterval: 30)
        flag.lock.lock()
        defer { flag.lock.unlock() }
        guard !flag.finished else { return }
        flag.blocked = true
        for _ in 0..<50 {
            let fd = open(path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd); break }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
    let result = try gloss(arguments)
    flag.lock.lock()
    flag.finished = true
    let blocked = flag.blocked
    flag.lock.unlock()
    if blocked { Issue.record("gloss \(arguments.joined(separator: " ")) blocked on the pipe \(path)", sourceLocation: sourceLocation) }
    return result
}
