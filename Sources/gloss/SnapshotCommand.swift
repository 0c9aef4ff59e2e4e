import ArgumentParser
import Foundation
import GlossApp
import GlossCore
import GlossTerminal

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the workbench screen after some keys, without a terminal (on a copy of the project).",
        discussion: """
        Keys are separated by spaces: key names as in docs/keys.md (j, Enter, Esc, Tab, Ctrl-d, …); any other \
        word is typed letter by letter ("bedreig"). Runs on a temporary copy in $TMPDIR (journals included, so \
        unsaved work shows as `gloss open` would show it), removed at the end or on SIGTERM, SIGINT or SIGHUP: \
        the project is never changed. Used for the screens in docs/user-guide.md.
        """
    )

    @OptionGroup var project: ProjectArgument
    @OptionGroup var coder: CoderOption

    @Option(help: "Keys to send, separated by spaces.")
    var keys: String = ""

    @Option(help: "Screen size, WIDTHxHEIGHT.")
    var size: String = "100x30"

    @Option(help: "Theme name (Themes/NAME.json).")
    var theme: String = "monochrome"

    @Option(help: "Show the side-by-side comparison of --coder (A) with this coder (B) instead of the workbench.")
    var compare: String?

    @Option(help: "Show the review meeting of --coder (A) and this coder (B), into a consensus session, instead.")
    var review: String?

    func run() throws {
        try reportingErrors {
            let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2 else { throw GlossError("--size must look like 100x30") }
            let chosen = try ThemeChoice.load(name: theme)
            // The copy holds transcripts: it lives in $TMPDIR only while this runs, signals included.
            let scratch = try ScratchFolder(prefix: "gloss-snapshot")
            defer { scratch.remove() }
            try scratch.whileOpen { try SampleLocator.copyProject(from: project.url, to: $0, withUnsavedWork: true) }
            Self.pauseForTests()
            let copy = scratch.folder
            let keys = KeyScript.parse(self.keys)
            if let other = compare {
                let driver = try CompareDriver(projectRoot: copy, coders: [try coder.resolved(), other], width: parts[0], height: parts[1], theme: chosen)
                for key in keys { driver.send(key) }
                Output.text(driver.render().text)
            } else if let other = review {
                let driver = try ReviewDriver(projectRoot: copy, coders: [try coder.resolved(), other], into: "consensus", present: [],
                                              width: parts[0], height: parts[1], theme: chosen)
                for key in keys { driver.send(key) }
                Output.text(driver.render().text)
                try driver.close()
            } else {
                let driver = try AppDriver(projectRoot: copy, coder: try coder.resolved(), width: parts[0], height: parts[1], theme: chosen)
                for key in keys { driver.send(key) }
                Output.text(driver.render().text)
                try driver.close()
            }
        }
    }
}

extension SnapshotCommand {
    /// Test-only: with `GLOSS_TEST_PAUSE_AFTER_COPY=SECONDS`, says so on standard error and waits after the
    /// copy is made, so a test can stop the process at a known moment (ScratchFolder's signal cleanup).
    static func pauseForTests() {
        guard let value = ProcessInfo.processInfo.environment["GLOSS_TEST_PAUSE_AFTER_COPY"], let seconds = Double(value) else { return }
        FileHandle.standardError.write(Data("gloss: test pause after copy\n".utf8))
        Thread.sleep(forTimeInterval: min(seconds, 60))
    }
}

/// Scripted keys: `j j c bedreig Enter` → j, j, c, b, e, d, r, e, i, g, Enter.
enum KeyScript {
    static func parse(_ script: String) -> [Key] {
        script.split(separator: " ").flatMap { word -> [Key] in
            if let key = Key(name: String(word)) { return [key] }
            return Key.typing(String(word))
        }
    }
}
