import GlossTerminal

/// The one loop every screen runs on: a message goes to the program's `update`; each effect it returns is
/// run by the screen's runner, and the messages reporting the results go back to `update`, until nothing
/// is left to run. Only then is the next key read, so every action is on disk before the next key (and a
/// frame never shows a half-done action). Tests drive a runtime with keys and read `render()`; the
/// terminal loop (`TerminalLoop`) does the same with a real terminal.
public final class Runtime<Program: ScreenProgram> {
    public private(set) var state: Program.State
    public var theme: Theme
    /// The screen's I/O side.
    public let runner: any EffectRunner<Program>

    public init(state: Program.State, runner: any EffectRunner<Program>, theme: Theme) {
        self.state = state
        self.runner = runner
        self.theme = theme
    }

    /// Handles one message and everything it leads to; returns what the terminal loop must do.
    @discardableResult
    public func send(_ message: Program.Message) -> ProgramOutcome {
        var queue = [message]
        var outcome = ProgramOutcome.continue
        var index = 0
        // A bound on the messages one key can lead to: a program and runner that kept answering each other
        // would otherwise hang the terminal. Real keys lead to a handful.
        while index < queue.count, index < Self.messageLimit {
            let next = queue[index]
            index += 1
            for effect in Program.update(&state, next) {
                if let request = Program.outcome(of: effect) {
                    if outcome == .continue || request == .quit { outcome = request }
                } else {
                    queue += runner.run(effect)
                }
            }
        }
        return outcome
    }

    static var messageLimit: Int { 10_000 }

    /// Handles one key.
    @discardableResult
    public func send(_ key: Key) -> ProgramOutcome { send(Program.key(key)) }

    /// Sends several keys (tests, benchmarks).
    public func send(_ keys: [Key]) { for key in keys { send(key) } }

    public func resize(width: Int, height: Int) { send(Program.resized(width: width, height: height)) }

    public func render() -> ScreenBuffer { Program.view(state, theme: theme) }

    /// No key for a while: a good moment to write the session file.
    public func idle() { send(Program.idle) }

    /// Writes what must be written and releases locks.
    public func close() throws { try runner.close(state) }
}
