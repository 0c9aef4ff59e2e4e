import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash and signal safety for the full-screen program: the terminal is given back however the process ends.
///
/// Call `TerminalGuard.install()` once, before opening `CursesBackend`.
///
/// - Stop signals (SIGTERM, SIGHUP, SIGINT, SIGQUIT; those not ignored at start) only set a flag: the app
///   loop reads keys with a timeout (a blocking read is interrupted too: no SA_RESTART), sees
///   `TerminalGuard.stopRequested`, saves what it must, calls `shutdown()` and exits; `reraiseStopSignal()`
///   then ends the process by the signal so the exit status shows it. In raw mode Ctrl-c does not send
///   SIGINT (it arrives as the key `Ctrl-c`), so these come from `kill`, a closed terminal (SIGHUP) or a
///   service manager. A second stop signal while the first is pending is treated as fatal (below), so a
///   stuck program still ends.
/// - Fatal signals (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE; Swift traps are SIGILL/SIGTRAP) call
///   `endwin()` — not async-signal-safe, but a last resort that leaves a usable shell — then put back the
///   handler that was there before `install()` (SIG_DFL, or the Swift runtime's backtracer, which then
///   prints its backtrace on the restored terminal) and re-raise: a CPU fault by returning so the
///   instruction faults again into that handler with the real context; a signal sent by `kill`/`abort` by
///   raising it at once and, should that handler return, once more with SIG_DFL. Either way the process
///   ends by the signal, so the exit status shows it (132 for a Swift trap, 139 for SIGSEGV, 134 SIGABRT).
///
/// The Swift runtime's backtracer on Linux waits 30 s for a key ("Press space to interact…") when stdin is
/// a terminal. Set `SWIFT_BACKTRACE=interactive=no` in the environment: the runtime reads it at start-up,
/// so the executable must set it and re-exec itself if it is missing (this guard cannot do that).
public enum TerminalGuard {
    /// The signals that ask the program to stop.
    public static let stopSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    /// The signals that end the program at once after restoring the terminal.
    public static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// True once a stop signal arrived; the app loop polls it after every `readKey` (which returns nil
    /// at the latest after its timeout).
    public static var stopRequested: Bool { gloss_flag_load(storage.flags) != 0 }

    /// The stop signal that arrived (SIGTERM, …), or nil.
    public static var stopSignal: Int32? {
        let signal = gloss_flag_load(storage.flags + 1)
        return signal == 0 ? nil : Int32(signal)
    }

    /// Whether `install()` ran.
    public static var isInstalled: Bool { gloss_flag_load(storage.flags + 2) != 0 }

    /// Installs the handlers and unblocks these signals for the calling thread (call it on the main thread;
    /// a parent process may have left them blocked). Idempotent; call before `CursesBackend.init`.
    public static func install() {
        let storage = storage  // initialise the storage now, never first inside a handler
        guard gloss_flag_load(storage.flags + 2) == 0 else { return }
        for signal in stopSignals {
            let saved = storage.saved + Int(signal)
            _ = gloss_sigaction(signal, stopHandler, 0, saved)
            // A signal the parent ignores (SIGHUP under nohup, SIGINT for background jobs) stays ignored.
            if gloss_sigaction_ignores(saved) != 0 { _ = gloss_sigaction_restore(signal, saved) }
            _ = gloss_unblock_signal(signal)
        }
        for signal in fatalSignals {
            _ = gloss_sigaction_info(signal, fatalHandler, gloss_sa_onstack(), storage.saved + Int(signal))
            _ = gloss_unblock_signal(signal)
        }
        gloss_flag_store(storage.flags + 2, 1)
    }

    /// After the app has shut the terminal down following a stop signal: ends the process by that signal
    /// (default disposition), so the parent sees "terminated by SIGTERM". Returns if there was none.
    public static func reraiseStopSignal() {
        guard let signal = stopSignal else { return }
        _ = gloss_sigaction(signal, nil, 0, nil)  // SIG_DFL
        raise(signal)
    }

    /// While the full-screen program runs, standard error (when it is the terminal) goes to an unlinked
    /// temporary file, so stray messages cannot scribble over the screen; `releaseStandardError()` copies
    /// what was written back to the real standard error. The fatal handlers release it after `endwin()`, so
    /// Swift's "Fatal error: …" line is shown on the restored terminal instead of being lost with the
    /// alternate screen. `CursesBackend` calls both; returns false when no file could be made.
    @discardableResult
    static func captureStandardError() -> Bool {
        let storage = storage
        guard gloss_flag_load(storage.flags + 3) == 0 else { return true }
        var template = Array("/tmp/gloss-stderr-XXXXXX".utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else { return false }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let saved = dup(2)
        guard saved >= 0, dup2(file, 2) >= 0 else {
            close(file)
            if saved >= 0 { close(saved) }
            return false
        }
        gloss_flag_store(storage.flags + 4, sig_atomic_t(file + 1))
        gloss_flag_store(storage.flags + 3, sig_atomic_t(saved + 1))
        return true
    }

    /// Puts the real standard error back and copies what was captured to it. Idempotent and
    /// async-signal-safe (only dup2, lseek, read, write, close on preallocated storage).
    static func releaseStandardError() {
        let flags = storage.flags
        let saved = Int32(gloss_flag_load(flags + 3)) - 1
        let file = Int32(gloss_flag_load(flags + 4)) - 1
        guard saved >= 0, file >= 0 else { return }
        gloss_flag_store(flags + 3, 0)
        gloss_flag_store(flags + 4, 0)
        _ = dup2(saved, 2)
        _ = close(saved)
        _ = lseek(file, 0, SEEK_SET)
        let buffer = storage.buffer
        while true {
            let count = read(file, buffer, storage.bufferSize)
            if count <= 0 { break }
            var written = 0
            while written < count {
                let n = write(2, buffer + written, count - written)
                if n <= 0 { break }
                written += n
            }
        }
        _ = close(file)
    }

    /// Storage shared with the handlers: allocated once, never freed, accessed only through volatile loads
    /// and stores (no Swift exclusivity checks, nothing allocated inside a handler).
    struct Storage: @unchecked Sendable {
        /// [0] stop requested, [1] stop signal number, [2] installed, [3] saved stderr + 1, [4] capture file + 1.
        let flags: UnsafeMutablePointer<sig_atomic_t>
        /// Copy buffer for `releaseStandardError`.
        let buffer: UnsafeMutableRawPointer
        let bufferSize = 4096
        /// The actions in place before `install()`, indexed by signal number.
        let saved: UnsafeMutablePointer<sigaction>
    }

    static let storage: Storage = {
        let flags = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 5)
        flags.initialize(repeating: 0, count: 5)
        let saved = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        saved.initialize(repeating: sigaction(), count: 65)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
        return Storage(flags: flags, buffer: buffer, saved: saved)
    }()
}

/// Stop signals: set the flag; a second one is fatal.
private let stopHandler: @convention(c) (Int32) -> Void = { signal in
    let flags = TerminalGuard.storage.flags
    if gloss_flag_load(flags) != 0 {
        endwin()
        TerminalGuard.releaseStandardError()
        reraiseNow(signal)
        return
    }
    gloss_flag_store(flags + 1, sig_atomic_t(signal))
    gloss_flag_store(flags, 1)
}

/// Fatal signals: restore the terminal, then hand the signal to the previous handler and make sure the
/// process ends by it.
private let fatalHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    signal, info, _ in
    endwin()
    TerminalGuard.releaseStandardError()
    if gloss_si_code(info) > 0 {
        // A fault raised by the CPU (Swift traps are SIGILL/SIGTRAP, bad memory SIGSEGV/SIGBUS): put the
        // previous handler back and return. The faulting instruction runs again and faults into it with the
        // real context (the Swift backtracer reports the right place); if it returns too, the fault recurs
        // with the default action, which it has restored, and the process dies by the signal.
        restorePrevious(signal)
        return
    }
    // Sent by kill, raise or abort: there is no instruction to fault again.
    reraiseNow(signal)
}

private func restorePrevious(_ signal: Int32) {
    if signal > 0, signal < 65 {
        _ = gloss_sigaction_restore(signal, TerminalGuard.storage.saved + Int(signal))
    } else {
        _ = gloss_sigaction(signal, nil, 0, nil)
    }
}

/// Delivers `signal` to the previous handler now (unblocked inside this handler), and if that returns or
/// ignores it, ends the process with the default action.
private func reraiseNow(_ signal: Int32) {
    restorePrevious(signal)
    _ = gloss_unblock_signal(signal)
    raise(signal)
    _ = gloss_sigaction(signal, nil, 0, nil)  // SIG_DFL
    raise(signal)
    _exit(128 + signal)
}
