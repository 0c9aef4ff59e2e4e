import Foundation
import GlossApp
import GlossCore
import GlossTerminal

/// `gloss compare --tui`: the side-by-side view in the terminal (read-only).
enum CompareWorkbench {
    static func open(_ root: URL, coders: [String], threshold: Int, theme: String?) throws {
        TerminalSession.ensureQuietBacktraces()
        let chosen = try ThemeChoice.load(name: theme)
        let driver = try CompareDriver(projectRoot: root, coders: coders, threshold: threshold, theme: chosen)
        try TerminalSession.run(driver, theme: chosen) { driver.theme = $0 }
        TerminalGuard.reraiseStopSignal()
    }
}
