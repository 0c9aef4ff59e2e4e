import Foundation
import GlossCore
import GlossTerminal

/// The terminal's main loop for any screen: read a key, let the runtime handle it, draw. Keys are read
/// with a timeout so a stop signal (SIGTERM, SIGHUP when an ssh connection drops) is seen at once, and so
/// a quiet moment (two seconds without a key) reaches the program as its idle message.
public enum TerminalLoop {
    /// Runs until the user quits or a stop signal arrives; the terminal is restored and the program closed
    /// (its session file written) in every case.
    public static func run(_ program: some TerminalProgram, backend: TerminalBackend) throws {
        defer { backend.shutdown() }
        var size = backend.size
        program.resize(width: size.width, height: size.height)
        backend.draw(program.render())
        var quietTicks = 0
        while !TerminalGuard.stopRequested {
            guard let key = backend.readKey(timeoutMilliseconds: 250) else {
                quietTicks += 1
                if quietTicks == 8 { program.idle(); backend.draw(program.render()) }  // two seconds without a key
                if backend.size != size { size = backend.size; program.resize(width: size.width, height: size.height); backend.draw(program.render()) }
                continue
            }
            quietTicks = 0
            if key == .resize {
                size = backend.size
                program.resize(width: size.width, height: size.height)
            }
            let outcome = program.send(key)
            if outcome == .quit { break }
            if outcome == .suspend {
                program.idle()
                backend.suspend()
                size = backend.size
                program.resize(width: size.width, height: size.height)
            }
            backend.draw(program.render())
        }
        backend.shutdown()
        try program.close()
    }
}

/// What the terminal loop needs of a screen: every `Runtime` is one.
public protocol TerminalProgram: AnyObject {
    @discardableResult func send(_ key: Key) -> ProgramOutcome
    func resize(width: Int, height: Int)
    func render() -> ScreenBuffer
    func idle()
    func close() throws
    var theme: Theme { get set }
}

extension Runtime: TerminalProgram {}
