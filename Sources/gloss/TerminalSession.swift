import Foundation
import GlossApp
import GlossCore
import GlossTerminal

/// Starting and ending a full-screen program (workbench, review meeting, comparison) the same way every time.
enum TerminalSession {
    /// A Swift crash must never wait for a key behind the full-screen program: the runtime reads
    /// `SWIFT_BACKTRACE` at start-up, so set it and start again. Call before taking any lock.
    ///
    /// The new process is started from `/proc/self/exe` (the same binary even if the file was replaced since),
    /// which names it `exe`; `restoreProcessName` at start-up gives it its name back.
    static func ensureQuietBacktraces() {
        guard ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil else { return }
        setenv("SWIFT_BACKTRACE", "interactive=no", 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
    }

    /// After `ensureQuietBacktraces`' restart the kernel names the process `exe` (the last part of the path
    /// it was started from), so `pgrep gloss` and `top` cannot find it. Writing `/proc/self/comm` (what
    /// `prctl(PR_SET_NAME)` sets, for the main thread, which names the process) gives it the name it was
    /// started as: the last part of `argv[0]`, at most 15 bytes as the kernel keeps. Linux only; elsewhere,
    /// and when the name is already right, nothing happens.
    static func restoreProcessName() {
        #if os(Linux)
        guard let current = try? String(contentsOfFile: "/proc/self/comm", encoding: .utf8),
              current.trimmingCharacters(in: .newlines) == "exe",
              let first = CommandLine.arguments.first else { return }
        let name = String(decoding: Array(URL(fileURLWithPath: first).lastPathComponent.utf8.prefix(15)), as: UTF8.self)
        guard !name.isEmpty, name != "exe" else { return }
        let fd = open("/proc/self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = name.withCString { write(fd, $0, strlen($0)) }
        #endif
    }

    /// Opens the terminal, runs `program` until it quits or a stop signal arrives, and restores the
    /// terminal; `program` is closed (its session written, its lock released) in every case. Returns the
    /// theme the terminal ended up with (on 8-colour terminals, mapped to the eight colours).
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
