import Foundation
import GlossCore
import GlossTerminal

/// The terminal's main loop: read a key, update, write the action to disk, draw. Keys are read with a
/// timeout so a stop signal (SIGTERM, SIGHUP when an ssh connection drops) is seen at once, and so the
/// journal is folded into the session file when the coder pauses.
public enum WorkbenchLoop {
    /// Runs until the coder quits or a stop signal arrives; the terminal is restored and the session
    /// file written in every case.
    public static func run(driver: AppDriver, backend: TerminalBackend) throws {
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
            let effects = driver.send(key)
            if effects.contains(.quit) { break }
            if effects.contains(.suspend) {
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
