import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// A project that cannot be written (a mounted archive, a colleague's folder) opens read-only instead of
/// being refused: the coder can read and browse, the status line says READ-ONLY, and every edit is refused
/// with a message while nothing in the folder changes.
///
/// The tests run as root, whom a folder's mode (chmod 0500) does not stop, so most of them open the
/// driver with the read-only reason injected (the internal initialiser); `realReadOnlyFileSystem` mounts a
/// read-only tmpfs where the machine allows it, to check the detection itself.
@Suite("Read-only workbench")
struct ReadOnlyTests {
    static let reason = "sessions: Read-only file system"

    func readOnlyDriver(_ copy: DemoCopy, coder: String = "anouk") throws -> AppDriver {
        try AppDriver(projectRoot: copy.root, coder: coder, width: 100, height: 30, blind: false, theme: .monochrome, readOnly: Self.reason)
    }

    @Test func opensWithTheSessionAndSaysReadOnly() throws {
        let copy = try DemoCopy()
        let before = try FolderContents(copy.root)
        let driver = try readOnlyDriver(copy)
        #expect(driver.state.readOnly == Self.reason)
        #expect(driver.state.session == (try copy.sessionOnDisk("anouk")))
        #expect(driver.store == nil)
        let status = try #require(driver.screen.split(separator: "\n").last)
        #expect(status.contains("READ-ONLY"), "\(status)")
        #expect(!status.contains("saved"), "\(status)")
        driver.keys("j j ] q")  // reading and moving work
        #expect(driver.state.cursor > 1)
        try driver.close()
        #expect(try FolderContents(copy.root) == before, "nothing in the project may change")
    }

    @Test func everyEditKeyIsRefusedWithAMessage() throws {
        let copy = try DemoCopy()
        let before = try FolderContents(copy.root)
        let driver = try readOnlyDriver(copy)
        let session = driver.state.session
        // Transcript keys, then (after one Tab) codebook keys.
        for script in ["d", "c", "V c", "] q a", "] q x", "] q m", "u", "Ctrl-r", "'1", ".", "Tab c", "A", "r"] {
            driver.keys("Esc")
            driver.keys(script)
            #expect(driver.state.notice?.text.hasPrefix("read-only") == true, "\(script): \(String(describing: driver.state.notice))")
            #expect(driver.state.overlay == nil, "\(script) opened \(String(describing: driver.state.overlay))")
            #expect(driver.state.session == session, "\(script) changed the session")
        }
        try driver.close()
        #expect(try FolderContents(copy.root) == before, "nothing in the project may change")
    }

    @Test func anEditThatReachesTheDriverIsStillRefused() throws {
        // Enter on a code without sub-codes applies it (the same key opens categories, so `Update` lets it
        // through): the driver, which has no store to write with, refuses the effect.
        let copy = try DemoCopy()
        let before = try FolderContents(copy.root)
        let driver = try readOnlyDriver(copy, coder: "tester")
        let leaf = try #require(driver.state.project.codebook.codes.first { $0.parent != nil && driver.state.hierarchy.children(of: $0.id).isEmpty })
        driver.keys("V Tab zR")
        driver.moveTree(to: leaf.id)
        driver.keys("Enter")
        #expect(driver.state.notice?.text.hasPrefix("read-only") == true, "\(String(describing: driver.state.notice))")
        #expect(driver.state.session.codingCount == 0)
        try driver.close()
        #expect(try FolderContents(copy.root) == before)
    }

    @Test func aCoderWithoutASessionOpensAnEmptyOne() throws {
        let copy = try DemoCopy()
        let driver = try readOnlyDriver(copy, coder: "nieuw")
        #expect(driver.state.session.codingCount == 0)
        #expect(!FileManager.default.fileExists(atPath: copy.root.appendingPathComponent("sessions/nieuw.json").path))
        #expect(!FileManager.default.fileExists(atPath: copy.root.appendingPathComponent("sessions/nieuw.lock").path))
    }

    @Test func aWritableProjectIsNotReadOnly() throws {
        let copy = try DemoCopy()
        let driver = try copy.driver("anouk")
        #expect(driver.state.readOnly == nil)
        #expect(driver.screen.split(separator: "\n").last?.contains("saved") == true)
    }

    @Test(.enabled(if: ReadOnlyMount.available, "needs permission to mount a tmpfs (root in a container that allows it)"))
    func realReadOnlyFileSystem() throws {
        let copy = try DemoCopy()
        try ReadOnlyMount.with(copy.root) { mounted in
            let driver = try AppDriver(projectRoot: mounted, coder: "anouk", width: 100, height: 30, theme: .monochrome)
            #expect(driver.state.readOnly?.contains("Read-only file system") == true, "\(String(describing: driver.state.readOnly))")
            #expect(driver.state.session == (try copy.sessionOnDisk("anouk")))
            driver.keys("d")
            #expect(driver.state.notice?.text.hasPrefix("read-only") == true)
            try driver.close()
        }
    }
}

/// Every file below a root with its bytes (and every folder), to check that nothing was written.
struct FolderContents: Equatable {
    var entries: [String: Data?]

    init(_ root: URL) throws {
        var entries: [String: Data?] = [:]
        let fm = FileManager.default
        for case let relative as String in fm.enumerator(atPath: root.path) ?? FileManager.DirectoryEnumerator() {
            // The derived cache (`cache/`) is not project data: any load may write it.
            if relative == "cache" || relative.hasPrefix("cache/") { continue }
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            entries[relative] = isDirectory.boolValue ? nil : try Data(contentsOf: root.appendingPathComponent(relative))
        }
        self.entries = entries
    }
}

/// A read-only tmpfs holding a copy of a project, where the machine lets the tests mount one.
enum ReadOnlyMount {
    static let available: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-mount-probe-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", probe.path]) else { return false }
        return run("/bin/umount", [probe.path])
    }()

    /// Copies `project` onto a fresh tmpfs, remounts it read-only, runs `body` on it, and unmounts.
    static func with(_ project: URL, _ body: (URL) throws -> Void) throws {
        let fm = FileManager.default
        let point = fm.temporaryDirectory.appendingPathComponent("gloss-ro-\(UUID().uuidString)")
        try fm.createDirectory(at: point, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: point) }
        try #require(run("/bin/mount", ["-t", "tmpfs", "-o", "size=32m", "tmpfs", point.path]))
        defer { _ = run("/bin/umount", [point.path]) }
        for name in try fm.contentsOfDirectory(atPath: project.path) {
            try fm.copyItem(at: project.appendingPathComponent(name), to: point.appendingPathComponent(name))
        }
        try #require(run("/bin/mount", ["-o", "remount,ro", point.path]))
        try body(point)
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
