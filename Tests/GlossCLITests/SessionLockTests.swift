import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writer per session: while another process holds sessions/<coder>.lock, writers are refused.
@Suite("Session lock")
struct SessionLockTests {
    /// Holds an exclusive flock on `url` for the duration of `body`, like a running Gloss would.
    func holdingLock<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(fd >= 0, "cannot open \(url.path)")
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0, "cannot lock \(url.path)")
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    @Test("codings import --merge is refused while another process holds the session lock")
    func secondWriterRefused() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let lock = sessionFile(folder.project, "ann", "lock")
            #expect(exists(lock))
            let extra = try folder.write("extra.csv", Fixtures.csvHeader + "chat-03,1,,1,,Toon,,\n")

            try holdingLock(lock) {
                let before = try FolderSnapshot(folder.project)
                let holder = try read(lock).trimmingCharacters(in: .whitespacesAndNewlines)
                for flag in ["--merge", "--replace"] {
                    let result = try gloss("codings", "import", folder.project.path, "--coder", "ann", flag, extra.path)
                    #expect(result.status == 1, "\(result)")
                    #expect(result.stdout == "", "\(result)")
                    #expect(result.stderr == "gloss: \(lock.path): The session of ann is already open in another Gloss process (\(holder)); close that one first\n",
                            "\(result)")
                    // Strict: not even the lock's holder note may change.
                    expectUnchanged(before, try FolderSnapshot(folder.project), "codings import \(flag) under a held lock")
                }
                // Readers still work while the session is open elsewhere.
                let export = try gloss("codings", "export", folder.project.path, "--coder", "ann")
                #expect(export.status == 0, "\(export)")
                #expect(export.stdout == Fixtures.expectedExport)
                expectUnchanged(before, try FolderSnapshot(folder.project), "export under a held lock")
            }

            // Once the lock is released, the same import goes through.
            let after = try gloss("codings", "import", folder.project.path, "--coder", "ann", "--merge", extra.path)
            #expect(after.status == 0, "\(after)")
            #expect(after.stdout == "Imported 1 coding rows (1 quotes) in 1 chats for ann; the session now has 5 quotes.\n")
        }
    }

    @Test("a new coder's first import is refused while their lock is held, and leaves no session")
    func firstImportRefused() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            let lock = sessionFile(folder.project, "bob", "lock")
            let csv = try folder.write("bob.csv", Fixtures.codingsCSV)
            try holdingLock(lock) {
                let before = try FolderSnapshot(folder.project)
                let result = try gloss("codings", "import", folder.project.path, "--coder", "bob", csv.path)
                #expect(result.status == 1, "\(result)")
                #expect(result.stderr == "gloss: \(lock.path): The session of bob is already open in another Gloss process; close that one first\n", "\(result)")
                expectUnchanged(before, try FolderSnapshot(folder.project), "first import under a held lock")
            }
            #expect(!exists(sessionFile(folder.project, "bob")))
        }
    }
}
