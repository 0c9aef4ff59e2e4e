import Foundation
import GlossApp
import GlossCore
import GlossTerminal

/// `gloss compare --tui`: the side-by-side view in the terminal (read-only).
enum CompareWorkbench {
    static func open(_ root: URL, coders: [String], threshold: Int, theme: String?, blindFor: String? = nil) throws {
        if ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil {
            setenv("SWIFT_BACKTRACE", "interactive=no", 1)
            let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
            execv("/proc/self/exe", arguments)
        }
        let chosen = ThemeChoice.load(name: theme)
        let driver = try CompareDriver(projectRoot: root, coders: coders, threshold: threshold, blindFor: blindFor, theme: chosen)
        TerminalGuard.install()
        let backend: CursesBackend
        do { backend = try CursesBackend(theme: chosen) } catch { throw GlossError("\(error)") }
        try WorkbenchLoop.run(driver: driver, backend: backend)
        TerminalGuard.reraiseStopSignal()
    }
}
