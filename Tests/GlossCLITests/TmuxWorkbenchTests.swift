import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `gloss open` driven in tmux: keys in, screen text out, files on disk checked afterwards.
/// Each test starts its own tmux server (its own socket) on its own copy of the demo project. tmux is
/// required: without it these tests fail.
@Suite("Workbench in tmux", .serialized)
struct TmuxWorkbenchTests {
    /// The Codebook pane's top-level row for `code` ends in `count` (the number of this coder's quotes).
    func treeCount(_ code: String, _ count: Int) -> String {
        escapedForRegex(code) + " +\(count)│"
    }

    /// After the workbench ended: the alternate screen is gone, the cursor is visible, keypad mode is off
    /// and no workbench border is left anywhere on the screen.
    func expectRestoredTerminal(_ pane: TmuxPane, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try pane.format("#{alternate_on}") == "0", "still on the alternate screen", sourceLocation: sourceLocation)
        #expect(try pane.format("#{cursor_flag}") == "1", "cursor still hidden", sourceLocation: sourceLocation)
        #expect(try pane.format("#{keypad_cursor_flag}#{keypad_flag}") == "00", "keypad transmit mode still on", sourceLocation: sourceLocation)
        let screen = try pane.capture()
        expectScreen(!containsBoxDrawing(screen), "no workbench borders left on the screen", screen, sourceLocation: sourceLocation)
        expectScreen(!screen.contains("Transcript") && !screen.contains("Codebook"), "no workbench text left on the screen", screen,
                     sourceLocation: sourceLocation)
    }

    /// Records an issue showing the screen when `condition` is false.
    func expectScreen(_ condition: Bool, _ what: String, _ screen: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if !condition { Issue.record(Comment(rawValue: "expected: \(what); the pane shows:\n\(screen)"), sourceLocation: sourceLocation) }
    }

    // MARK: 1

    @Test("100×30: code a message, add a second code with a relation, quit; the export holds both rows")
    func codingLoop() throws {
        try withWorkbench(width: 100, height: 30) { pane, project in
            #expect(try pane.format("#{alternate_on}") == "1", "the workbench should use the alternate screen")
            try pane.waitFor("chat-01", "not started")

            try pane.send("c")
            try pane.type("bedreig")
            try pane.waitFor(regex: "▶[^\n]*Dwangmiddel > Bedreiging(?! >)")
            try pane.send("Enter")
            try pane.waitFor(regex: "chat-01 [^\n]*in progress")
            try pane.waitFor(regex: treeCount("Dwangmiddel", 1))
            try pane.waitFor("Quote 1/1 · chat-01 #1 · Dwangmiddel > Bedreiging")

            try pane.send("a")
            try pane.type("vader")
            try pane.waitFor(regex: "▶[^\n]*Pleger > Vader(?![a-z])")
            try pane.send("Enter")
            try pane.waitFor("Relation between the codes")
            try pane.type("relevant verband")
            try pane.send("Enter")
            try pane.waitFor("relation: relevant verband")
            try pane.waitFor(regex: treeCount("Pleger", 1))
            let coded = try pane.capture()
            expectScreen(matches(coded, treeCount("Dwangmiddel", 1)), "Dwangmiddel still counts 1", coded)
            expectScreen(!coded.contains("Relation between the codes"), "the relation prompt is closed", coded)

            try pane.send("q")
            #expect(try pane.waitForExit() == 0)
            let after = try pane.capture()
            let firstLine = after.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            #expect(firstLine == "EXIT=0", "the shell screen should start with the exit marker:\n\(after)")
            try expectRestoredTerminal(pane)

            let export = try gloss("codings", "export", project.path, "--coder", "tester")
            #expect(export.status == 0, "\(export)")
            #expect(export.stdout == exportHeader + """
                chat-01,1,,1,,Dwangmiddel > Bedreiging,,relevant verband,"Hoi, fijn dat je er bent. Waar wil je over praten?"
                chat-01,1,,1,,Pleger > Vader,,relevant verband,"Hoi, fijn dat je er bent. Waar wil je over praten?"

                """, "\(export)")
            let validate = try gloss("validate", project.path)
            #expect(validate.status == 0, "\(validate)")
        }
    }

    // MARK: 2

    @Test("80×24: transcript and tree on the first screen, F shows the figures, q leaves a clean terminal")
    func narrowScreenFigures() throws {
        try withWorkbench(width: 80, height: 24) { pane, _ in
            let first = try pane.waitFor("Chathulpverlener", "Hoi, fijn dat je er bent", "Dwangmiddel", "Pleger")
            expectScreen(first.split(separator: "\n").allSatisfy { $0.count <= 80 }, "no line wider than 80", first)

            // One coding, so the figure has a bar.
            try pane.send("c")
            try pane.type("bedreig")
            try pane.waitFor(regex: "▶[^\n]*Dwangmiddel > Bedreiging(?! >)")
            try pane.send("Enter")
            try pane.waitFor(regex: treeCount("Dwangmiddel", 1))

            try pane.send("F")
            let figures = try pane.waitFor("Figures", "Figuur 4")
            expectScreen(!figures.contains("Codebook"), "F shows the figures in place of the codebook", figures)
            // One row per bar (issue 12): label, bar, count and percent on the same row.
            expectScreen(matches(figures, "Bedreiging +█+ +1 +100 %"), "a bar for the one coded chat", figures)
            #expect(figures.contains("Hoi, fijn dat je er bent"), "the transcript stays:\n\(figures)")

            try pane.send("q")
            #expect(try pane.waitForExit() == 0)
            try expectRestoredTerminal(pane)
        }
    }

    // MARK: 3

    @Test("kill -9 after several actions loses none of them; reopening shows them and u undoes across the restart")
    func killNine() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let pane = try TmuxPane(width: 100, height: 30, script: workbenchScript(project))
            defer { pane.kill() }
            try pane.waitFor("Transcript", "Codebook")

            // Message 1 as Bedreiging, message 2 as Vader, chat done.
            try pane.send("c")
            try pane.type("bedreig")
            try pane.waitFor(regex: "▶[^\n]*Dwangmiddel > Bedreiging(?! >)")
            try pane.send("Enter")
            try pane.waitFor("Quote 1/1 · chat-01 #1 · Dwangmiddel > Bedreiging")
            try pane.send("j")
            try pane.send("c")
            try pane.type("vader")
            try pane.waitFor(regex: "▶[^\n]*Pleger > Vader(?![a-z])")
            try pane.send("Enter")
            try pane.waitFor("Quote 2/2 · chat-01 #2 · Pleger > Vader")
            try pane.send("d")
            try pane.waitFor(regex: "chat-01 [^\n]*· done")

            try pane.killWithSIGKILL()

            // Every action whose effect was on screen is on disk: the journal is replayed on reading.
            let sessionJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: sessionFile(project, "tester")))
            #expect(sessionJSON is [String: Any], "the session file still parses as a JSON object")
            let validate = try gloss("validate", project.path)
            #expect(validate.status == 0, "\(validate)")
            let export = try gloss("codings", "export", project.path, "--coder", "tester")
            #expect(export.status == 0, "\(export)")
            #expect(export.stdout == exportHeader + """
                chat-01,1,,1,,Dwangmiddel > Bedreiging,,,"Hoi, fijn dat je er bent. Waar wil je over praten?"
                chat-01,2,,2,,Pleger > Vader,,,ik weet niet goed hoe ik moet beginnen

                """, "\(export)")
            let status = try gloss("status", project.path)
            let statusOK = matches(status.stdout, "(?m)^tester +1 +0 +11 +2$")
            #expect(statusOK, "chat-01 done, 2 quotes:\n\(status)")

            // Open again (a fresh terminal in the same server): the codings are there, undo reaches back.
            try pane.respawn(script: workbenchScript(project, marker: "REOPENED-EXIT="))
            try pane.waitFor("Transcript", "Codebook")
            try pane.type(":chat-01")
            try pane.send("Enter")
            try pane.waitFor(regex: "chat-01 [^\n]*· done")
            try pane.waitFor(regex: treeCount("Dwangmiddel", 1))
            try pane.waitFor(regex: treeCount("Pleger", 1))
            try pane.waitFor("Quote 1/2 · chat-01 #1")

            try pane.send("u")
            try pane.waitFor("undid: mark chat-01 done")
            try pane.waitFor(regex: "chat-01 [^\n]*· in progress")
            try pane.send("u")
            try pane.waitFor("undid: code chat-01 #2 as Pleger > Vader")
            try pane.waitFor(regex: "Pleger +│")  // no count any more

            try pane.send("q")
            #expect(try pane.waitForExit(marker: "REOPENED-EXIT=") == 0)
            let final = try gloss("codings", "export", project.path, "--coder", "tester")
            #expect(final.status == 0, "\(final)")
            #expect(final.stdout == exportHeader + "chat-01,1,,1,,Dwangmiddel > Bedreiging,,,\"Hoi, fijn dat je er bent. Waar wil je over praten?\"\n", "\(final)")
            let validateAgain = try gloss("validate", project.path)
            #expect(validateAgain.status == 0, "\(validateAgain)")
        }
    }

    // MARK: 4

    @Test("SIGTERM ends the workbench, the terminal works without reset, the session file holds the coding")
    func sigterm() throws {
        try withWorkbench(width: 100, height: 30) { pane, project in
            try pane.send("c")
            try pane.type("bedreig")
            try pane.waitFor(regex: "▶[^\n]*Dwangmiddel > Bedreiging(?! >)")
            try pane.send("Enter")
            try pane.waitFor("Quote 1/1 · chat-01 #1 · Dwangmiddel > Bedreiging")

            let pid = try pane.childPID()
            #expect(kill(pid, SIGTERM) == 0)
            // The process ends by the signal it got (128 + 15 in the shell).
            #expect(try pane.waitForExit() == 128 + Int(SIGTERM))
            try expectRestoredTerminal(pane)

            // The same terminal, no reset: the typed command echoes and runs.
            try pane.type("echo ok-after-term")
            try pane.send("Enter")
            let screen = try pane.waitFor(regex: "(?m)^ok-after-term$")
            expectScreen(matches(screen, "(?m)echo ok-after-term$"), "the typed command is echoed", screen)

            // The session was written on the way out, and is intact.
            #expect(try sessionCodings(project, "tester").count == 1)
            let validate = try gloss("validate", project.path)
            #expect(validate.status == 0, "\(validate)")
            let export = try gloss("codings", "export", project.path, "--coder", "tester")
            #expect(export.stdout == exportHeader + "chat-01,1,,1,,Dwangmiddel > Bedreiging,,,\"Hoi, fijn dat je er bent. Waar wil je over praten?\"\n", "\(export)")
        }
    }

    // MARK: 5

    @Test("Resizing to 40×12 shows the too-small message; back to 100×30 shows the panes again")
    func resize() throws {
        try withWorkbench(width: 100, height: 30) { pane, _ in
            try pane.resize(width: 40, height: 12)
            let small = try pane.waitFor("the too-small message") {
                joinedScreen($0).contains("Terminal too small (needs 60×16, have 40×12)")
            }
            expectScreen(!small.contains("Transcript"), "no panes drawn when too small", small)
            expectScreen(small.split(separator: "\n").allSatisfy { $0.count <= 40 }, "no line wider than 40", small)

            try pane.resize(width: 100, height: 30)
            let again = try pane.waitFor("Transcript", "Codebook", "Hoi, fijn dat je er bent")
            expectScreen(!again.contains("Terminal too small"), "the too-small message is gone", again)

            try pane.send("q")
            #expect(try pane.waitForExit() == 0)
            try expectRestoredTerminal(pane)
        }
    }

    // MARK: 6

    @Test("A second gloss open on the same session is refused while the first runs")
    func secondOpenRefused() throws {
        try withWorkbench(width: 100, height: 30) { pane, project in
            let second = try gloss("open", project.path, "--coder", "tester")
            #expect(second.status != 0, "\(second)")
            #expect(second.stderr.contains("already open"), "\(second)")
            #expect(second.stdout.isEmpty, "\(second)")

            // The first one is unharmed and still works.
            try pane.send("c")
            try pane.type("bedreig")
            try pane.waitFor(regex: "▶[^\n]*Dwangmiddel > Bedreiging(?! >)")
            try pane.send("Enter")
            try pane.waitFor("Quote 1/1 · chat-01 #1 · Dwangmiddel > Bedreiging")
            try pane.send("q")
            #expect(try pane.waitForExit() == 0)
            let export = try gloss("codings", "export", project.path, "--coder", "tester")
            #expect(export.stdout == exportHeader + "chat-01,1,,1,,Dwangmiddel > Bedreiging,,,\"Hoi, fijn dat je er bent. Waar wil je over praten?\"\n", "\(export)")
        }
    }

    // MARK: 7

    @Test("Ctrl-z suspends to the shell with the terminal restored; fg brings the workbench back")
    func suspendAndResume() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            // An interactive shell (job control), in which the test types the command.
            let pane = try TmuxPane(width: 100, height: 30, script: "exec /bin/sh -i")
            defer { pane.kill() }
            try pane.waitFor("the shell prompt") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            try pane.type("\(shellQuoted(GlossBinary.url.path)) open \(shellQuoted(project.path)) --coder tester")
            try pane.send("Enter")
            try pane.waitFor("Transcript", "Codebook")

            try pane.send("C-z")
            let stopped = try pane.waitFor("Stopped")
            expectScreen(!containsBoxDrawing(stopped), "the shell's screen, without workbench borders", stopped)
            try expectRestoredTerminal(pane)

            try pane.type("fg; echo FG-EXIT=$?")
            try pane.send("Enter")
            try pane.waitFor("Transcript", "Codebook")
            #expect(try pane.format("#{alternate_on}") == "1")
            try pane.send("j")
            try pane.waitFor(regex: "▶ +2 ")
            try pane.send("q")
            #expect(try pane.waitForExit(marker: "FG-EXIT=") == 0)
            try expectRestoredTerminal(pane)
        }
    }
}
