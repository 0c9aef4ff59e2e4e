import Foundation
import GlossApp
import GlossCore
import GlossTerminal

/// Starting and ending a full-screen program (workbench, review meeting, comparison) the same way every time.
enum TerminalSession {
    /// A Swift crash must never wait for a key behind the full-screen program: the runtime reads
    /// `SWIFT_BACKTRACE` at start-up, so set it and start again. Call before taking any lock.
    static func ensureQuietBacktraces() {
        guard ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil else { return }
        setenv("SWIFT_BACKTRACE", "interactive=no", 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
    }

    /// Opens the terminal, runs `program` until it quits or a stop signal arrives, and restores the
    /// terminal; `program` is closed (its session written, its lock released) in every case. Returns the
    /// theme the terminal ended up with (8-colour terminals get the monochrome one).
    static func run(_ program: some TerminalProgram, theme: Theme, mouse: Bool = false, adapt: (Theme) -> Void = { _ in }) throws {
        TerminalGuard.install()
        let backend: CursesBackend
        do {
            backend = try CursesBackend(theme: theme, mouse: mouse)
        } catch {
            try program.close()
            throw GlossError("\(error)")
        }
        adapt(ThemeChoice.adapt(theme, to: backend))
        do {
            try TerminalLoop.run(program, backend: backend)
        } catch {
            backend.shutdown()
            throw error
        }
    }
}
