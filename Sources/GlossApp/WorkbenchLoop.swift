import Foundation
import GlossCore
import GlossTerminal

/// The terminal's main loop: read a key, update, write the action to disk, draw. Keys are read with a
/// timeout so a stop signal (SIGTERM, SIGHUP when an ssh connection drops) is seen at once, and so the
/// journal is folded into the session file when the coder pauses.
public enum WorkbenchLoop {
    /// Runs until the coder quits or a stop signal arrives; the terminal is restored and the session
    /// file written in every case.
    public static func run(driver: some TerminalProgram, backend: TerminalBackend) throws {
        defer { backend.shutdown() }
        var size = backend.size
        driver.resize(width: size.width, height: size.height)
        backend.draw(driver.render())
        var quietTicks = 0
        while !TerminalGuard.stopRequested {
            guard let key = backend.readKey(timeoutMilliseconds: 250) else {
                quietTicks += 1
                if quietTicks == 8 { driver.idle() }  // two seconds without a key
                if backend.size != size { size = backend.size; driver.resize(width: size.width, height: size.height); backend.draw(driver.render()) }
                continue
            }
            quietTicks = 0
            if key == .resize {
                size = backend.size
                driver.resize(width: size.width, height: size.height)
            }
            let outcome = driver.handle(key)
            if outcome == .quit { break }
            if outcome == .suspend {
                driver.idle()
                backend.suspend()
                size = backend.size
                driver.resize(width: size.width, height: size.height)
            }
            backend.draw(driver.render())
        }
        backend.shutdown()
        try driver.close()
    }
}

/// A full-screen program the loop can run: the workbench and the review meeting.
public protocol TerminalProgram: AnyObject {
    func handle(_ key: Key) -> ProgramOutcome
    func resize(width: Int, height: Int)
    func render() -> ScreenBuffer
    /// No key for a while: a good moment to write the session file.
    func idle()
    /// Writes what must be written and releases locks.
    func close() throws
}

public enum ProgramOutcome: Equatable, Sendable { case `continue`, quit, suspend }

extension AppDriver: TerminalProgram {
    public func handle(_ key: Key) -> ProgramOutcome {
        let effects = send(key)
        if effects.contains(.quit) { return .quit }
        if effects.contains(.suspend) { return .suspend }
        return .continue
    }
}

extension ReviewDriver: TerminalProgram {
    public func handle(_ key: Key) -> ProgramOutcome {
        if key == .ctrl("z") { return .suspend }
        return send(key) ? .quit : .continue
    }

    public func idle() {
        guard store.pendingRecords > 0 else { return }
        try? store.checkpoint()
    }
}
