import Foundation
import Testing
import GlossCore

/// `gloss snapshot` works on a copy of the project (transcripts included) in `$TMPDIR`. The copy must not
/// outlive the command, also when it is stopped by a signal, and it must show unsaved work (the journal)
/// as `gloss open` would.
@Suite("Snapshot scratch copy")
struct SnapshotScratchTests {
    func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("gloss-snapshot") }
    }

    @Test func theCopyIsMadeInTMPDIRAndRemovedAfterwards() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let tmp = folder.url.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            let result = try gloss(["snapshot", folder.project.path, "--coder", "ann"], environment: ["TMPDIR": tmp.path])
            #expect(result.status == 0, "\(result)")
            #expect(try leftovers(in: tmp).isEmpty)
        }
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSnapshotStoppedBySignalLeavesNoCopyBehind(signalNumber: Int32) throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let tmp = folder.url.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            let errURL = folder.url.appendingPathComponent("stderr")
            #expect(FileManager.default.createFile(atPath: errURL.path, contents: nil))
            let err = try FileHandle(forWritingTo: errURL)
            let process = Process()
            process.executableURL = GlossBinary.url
            process.arguments = ["snapshot", folder.project.path, "--coder", "ann"]
            var environment = ProcessInfo.processInfo.environment
            environment["TMPDIR"] = tmp.path
            environment["GLOSS_TEST_PAUSE_AFTER_COPY"] = "30"
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = err
            try process.run()
            // Wait for the copy (the hook says so on stderr), then stop the process.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, !(try read(errURL)).contains("test pause after copy") { usleep(20_000) }
            try #require(try read(errURL).contains("test pause after copy"), "the snapshot never reached the pause")
            #expect(try leftovers(in: tmp).count == 1, "the copy is in $TMPDIR while the snapshot runs")
            kill(process.processIdentifier, signalNumber)
            process.waitUntilExit()
            try err.close()
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signalNumber,
                    "ends by the same signal: \(process.terminationReason) \(process.terminationStatus)")
            #expect(try leftovers(in: tmp).isEmpty, "the copy outlived the snapshot")
        }
    }

    @Test func unsavedWorkInTheJournalShowsInTheSnapshot() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            // A workbench that stopped before its checkpoint: the change is in the journal only.
            let store = try SessionStore(projectRoot: folder.project, coder: "ann", codebookRevision: 1)
            try store.perform([.status(chat: "chat-01", before: .notStarted, after: .done)], label: "done")
            let saved = (try? read(sessionFile(folder.project, "ann"))) ?? ""
            #expect(!saved.contains("done"), "the change must be in the journal only")
            let result = try withExtendedLifetime(store) {
                try gloss(["snapshot", folder.project.path, "--coder", "ann"], environment: ["TMPDIR": folder.url.path])
            }
            #expect(result.status == 0, "\(result)")
            // The workbench opens on the first chat not done: chat-02 once the journal's change is seen.
            #expect(result.stdout.contains("┃chat-02 ") && !result.stdout.contains("┃chat-01 "),
                    "the snapshot must show the journal's change (chat-01 done):\n\(result.stdout)")
        }
    }
}
