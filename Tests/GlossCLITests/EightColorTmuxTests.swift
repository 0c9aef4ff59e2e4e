import Foundation
import Testing

/// On 8-colour terminals (`TERM=screen`, `TERM=xterm`) the workbench is drawn in colour: the theme's palette
/// mapped to the eight ANSI colours. It used to switch to the monochrome theme there, with no colour at all.
@Suite("8-colour terminals in tmux", .serialized)
struct EightColorTmuxTests {
    /// The SGR parameters (`ESC [ … m`) in a `capture-pane -e` dump, one list per sequence.
    static func sgrParameters(_ text: String) -> [[Int]] {
        let regex = try! NSRegularExpression(pattern: "\u{1b}\\[([0-9;]*)m")
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { text[$0].split(separator: ";").compactMap { Int($0) } }
        }
    }

    @Test(arguments: ["screen", "xterm"])
    func theWorkbenchIsDrawnInTheEightColours(term: String) throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            // `swift test` sets NO_COLOR=1 for the tests (and so for gloss): unset it, this test is about colour.
            let pane = try TmuxPane(width: 100, height: 30, script: "env -u NO_COLOR TERM=\(term) " + workbenchScript(project))
            defer { pane.kill() }
            try pane.waitFor("Transcript", "Codebook")
            let dump = try pane.run(["capture-pane", "-e", "-p", "-t", pane.target])
            #expect(dump.status == 0, "\(dump)")
            let parameters = Self.sgrParameters(dump.stdout).flatMap { $0 }
            let foregrounds = Set(parameters.filter { (30...37).contains($0) })
            let backgrounds = Set(parameters.filter { (40...47).contains($0) })
            // Borders, speakers, counts, the status bar and its keys: several foreground colours, and the
            // status bar's white background (reverse of the dark theme's grey bar).
            #expect(foregrounds.count >= 3, "foreground colours \(foregrounds.sorted()) in:\n\(dump.stdout)")
            #expect(backgrounds.contains(47), "background colours \(backgrounds.sorted()) in:\n\(dump.stdout)")
            // Only the eight: no 256-colour or bright colours were sent to an 8-colour terminal.
            #expect(!parameters.contains(38) && !parameters.contains(48) && !parameters.contains { (90...107).contains($0) },
                    "\(parameters)")
        }
    }

    @Test func monochromeStaysWithoutColour() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let script = "env -u NO_COLOR TERM=screen \(shellQuoted(GlossBinary.url.path)) open \(shellQuoted(project.path)) --coder tester --theme monochrome; exec /bin/sh"
            let pane = try TmuxPane(width: 100, height: 30, script: script)
            defer { pane.kill() }
            try pane.waitFor("Transcript", "Codebook")
            let dump = try pane.run(["capture-pane", "-e", "-p", "-t", pane.target])
            let parameters = Self.sgrParameters(dump.stdout).flatMap { $0 }
            #expect(!parameters.contains { (30...37).contains($0) || (40...47).contains($0) }, "\(parameters)")
            #expect(parameters.contains(7), "reverse video carries the status bar")
        }
    }
}
