import Foundation
import Testing
@testable import GlossCore

@Suite("SecureFiles and FileLock")
struct SecureFilesTests {
    @Test func writeAtomicallyCreatesAnOwnerOnlyFile() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("a.json")
            try SecureFiles.writeAtomically(bytes("een"), to: url)
            #expect(try Data(contentsOf: url) == bytes("een"))
            #expect(try permissions(url) & 0o777 == 0o600)
        }
    }

    @Test func writeAtomicallyReplacesAndTightensMode() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("a.json")
            try bytes("oud en lang").write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
            try SecureFiles.writeAtomically(bytes("nieuw"), to: url)
            #expect(try Data(contentsOf: url) == bytes("nieuw"))
            #expect(try permissions(url) & 0o777 == 0o600)
            // No temporary file is left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.json"])
        }
    }

    @Test func writeAtomicallyIntoAMissingFolderFailsCleanly() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("missing/a.json")
            let error = try #require(throws: GlossError.self) { try SecureFiles.writeAtomically(bytes("x"), to: url) }
            #expect(error.message.contains("temporary file"))
        }
    }

    @Test func makeDirectoryCreatesParentsOwnerOnly() throws {
        try withTemporaryDirectory { folder in
            let deep = folder.appendingPathComponent("a/b/c")
            try SecureFiles.makeDirectory(deep)
            for path in ["a", "a/b", "a/b/c"] {
                #expect(try permissions(folder.appendingPathComponent(path)) & 0o777 == 0o700)
            }
            // Existing folders are fine, and their mode is left alone.
            try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: deep.path)
            try SecureFiles.makeDirectory(deep)
            #expect(try permissions(deep) & 0o777 == 0o750)
        }
    }

    @Test func makeDirectoryOverAFileIsAnError() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("f")
            try bytes("x").write(to: file)
            let error = try #require(throws: GlossError.self) { try SecureFiles.makeDirectory(file) }
            #expect(error.file == file.path)
            #expect(error.message.contains("not a folder"))
        }
    }

    @Test func readOfAMissingFileNamesIt() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("nope.txt")
            let error = try #require(throws: GlossError.self) { try SecureFiles.read(url) }
            #expect(error.file == url.path)
            #expect(error.message == "no such file")
        }
    }

    // MARK: FileLock

    @Test func secondLockOnTheSamePathIsRefused() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("x.lock")
            let first = try FileLock(url, purpose: "The session of anna")
            #expect(try permissions(url) & 0o777 == 0o600)
            let error = try #require(throws: GlossError.self) { try FileLock(url, purpose: "The session of anna") }
            #expect(error.message.contains("The session of anna is already open"))
            // The holder is named (pid and host), from what the first lock wrote.
            #expect(error.message.contains("pid \(ProcessInfo.processInfo.processIdentifier)"))
            first.release()
            let second = try FileLock(url, purpose: "x")
            second.release()
        }
    }

    @Test func releasingTwiceIsHarmless() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("x.lock")
            let lock = try FileLock(url, purpose: "x")
            lock.release()
            lock.release()
            let again = try FileLock(url, purpose: "x")
            again.release()
        }
    }

    @Test func deinitReleasesTheLock() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("x.lock")
            do {
                let held = try FileLock(url, purpose: "x")
                #expect(throws: GlossError.self) { try FileLock(url, purpose: "x") }
                withExtendedLifetime(held) {}
            }
            let again = try FileLock(url, purpose: "x")
            again.release()
        }
    }
}
