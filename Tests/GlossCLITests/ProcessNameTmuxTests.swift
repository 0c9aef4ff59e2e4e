import Foundation
import Testing

/// The workbench restarts itself from `/proc/self/exe` (so a crash report never waits for a key), which named
/// the process `exe`: `pgrep gloss` found nothing while it ran.
@Suite("process name", .serialized)
struct ProcessNameTmuxTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/comm"), "needs Linux's /proc"))
    func theRunningWorkbenchIsNamedGloss() throws {
        try withWorkbench { pane, _ in
            let pid = try pane.childPID()
            let comm = try String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)
            #expect(comm == "gloss\n")
            let pgrep = try #require(findExecutable("pgrep"), "pgrep is not installed (procps)")
            let found = try runProcess(pgrep, ["-x", "-P", "\(try pane.panePID())", "gloss"])
            #expect(found.stdout == "\(pid)\n", "\(found)")
        }
    }
}
