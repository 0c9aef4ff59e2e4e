import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A coder's day with the real `gloss open` in tmux: vim counts, `q` that cancels rather than quits, and
/// reopening exactly where the coder was after `kill -9`.
@Suite("A coder's day in tmux", .serialized)
struct TmuxCodersDayTests {
    @Test("3j moves three messages and codes nothing; q in a selection cancels it and the workbench stays open")
    func countsAndQInASelection() throws {
        try withWorkbench(width: 100, height: 30) { pane, project in
            try pane.waitFor(regex: "▶ +1 ")
            try pane.type("3j")
            try pane.waitFor(regex: "▶ +4 ")
            try pane.send("V")
            try pane.waitFor("V-LINE")
            try pane.send("q")
            try pane.waitFor(" NORMAL ")
            try pane.type("g")
            try pane.waitFor("g… g first message")
            try pane.send("C-c")
            try pane.waitFor(" NORMAL ")
            // Still running: the pane shows the workbench, and nothing was coded.
            try pane.waitFor("Transcript", "Codebook")
            try pane.send("q")
            #expect(try pane.waitForExit() == 0)
            let export = try gloss("codings", "export", project.path, "--coder", "tester")
            #expect(export.status == 0, "\(export)")
            #expect(export.stdout.split(separator: "\n").count == 1, "a digit coded something: \(export.stdout)")
        }
    }

    @Test("After kill -9 the workbench reopens on the message and chat the coder was on")
    func reopensWhereTheCoderWasAfterKill() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let pane = try TmuxPane(width: 100, height: 30, script: workbenchScript(project))
            defer { pane.kill() }
            try pane.waitFor("Transcript", "Codebook")
            try pane.send("}")
            try pane.waitFor("chat-02 ·")
            try pane.type("7j")
            try pane.waitFor(regex: "▶ +8 ")
            // A quiet moment (two seconds without a key) keeps the place.
            Thread.sleep(forTimeInterval: 3)
            try pane.killWithSIGKILL()
            try pane.respawn(script: workbenchScript(project, marker: "REOPENED-EXIT="))
            try pane.waitFor("chat-02 ·")
            try pane.waitFor(regex: "▶ +8 ")
            try pane.send("q")
            #expect(try pane.waitForExit(marker: "REOPENED-EXIT=") == 0)
        }
    }
}
