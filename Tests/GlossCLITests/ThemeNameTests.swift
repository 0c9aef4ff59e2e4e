import Foundation
import Testing

/// A misspelled `--theme` is an error naming the theme and listing the available ones, in every command that
/// takes one, also where the workbench does not open (it was silently ignored there).
@Suite("theme names")
struct ThemeNameTests {
    static func expectThemeError(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("gloss: "), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("no theme named 'hgih-contrast'"), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("available: default, high-contrast, light, monochrome"), "\(result)", sourceLocation: sourceLocation)
    }

    @Test func aMisspelledThemeIsAnErrorEverywhere() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let environment = ["TMPDIR": folder.url.path, "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path]
            Self.expectThemeError(try gloss(["open", project.path, "--coder", "ann", "--theme", "hgih-contrast"]))
            Self.expectThemeError(try gloss(["compare", project.path, "--coders", "anouk", "bram", "--theme", "hgih-contrast"]))
            Self.expectThemeError(try gloss(["review", project.path, "--coders", "anouk", "bram", "--summary", "--theme", "hgih-contrast"]))
            // The demo checks it before copying anything.
            let into = folder.url.appendingPathComponent("demo2")
            let demo = try gloss(["demo", "--into", into.path, "--no-open", "--theme", "hgih-contrast"], environment: environment)
            Self.expectThemeError(demo)
            #expect(!FileManager.default.fileExists(atPath: into.path), "nothing was copied")
            // Spelled right, the same commands work.
            #expect(try gloss(["compare", project.path, "--coders", "anouk", "bram", "--theme", "high-contrast"]).status == 0)
        }
    }
}
