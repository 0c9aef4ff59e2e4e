import Foundation
import Testing

/// `gloss compare --coders A B C --tui`: the side-by-side view shows two of the coders, the first two or the
/// ones `--pair` names. The real program in tmux on the demo copy with a third coder (carla).
@Suite("Compare side by side: choosing the pair", .serialized)
struct TmuxComparePairTests {
    static let demoAvailable = FileManager.default.fileExists(atPath: PackagePaths.demo.appendingPathComponent("project.json").path)

    static func script(_ project: URL, _ extra: String) -> String {
        "\(shellQuoted(GlossBinary.url.path)) compare \(shellQuoted(project.path)) --coders anouk bram carla --tui \(extra); echo EXIT=$?; exec /bin/sh"
    }

    @Test("three coders: --tui opens on the first two; --pair bram carla opens on bram × carla",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func pairChosen() throws {
        try withTemporaryFolder { folder in
            let project = try TeamReference.project(in: folder)
            let first = try TmuxPane(width: 110, height: 30, script: Self.script(project, ""))
            defer { first.kill() }
            try first.waitFor("A anouk vs B bram", timeout: 10)
            try first.send("q")
            #expect(try first.waitForExit() == 0)

            let chosen = try TmuxPane(width: 110, height: 30, script: Self.script(project, "--pair bram carla"))
            defer { chosen.kill() }
            let screen = try chosen.waitFor("A bram vs B carla", timeout: 10)
            #expect(!screen.contains("anouk"), "\(screen)")
            try chosen.send("q")
            #expect(try chosen.waitForExit() == 0)
        }
    }
}
