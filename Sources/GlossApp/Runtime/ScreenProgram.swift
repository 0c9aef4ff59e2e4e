import GlossTerminal

/// A screen of Gloss as the Elm architecture (bubbletea) draws it: a state, a pure `update` that takes a
/// message and returns the effects it wants run, and a `view` that draws the state into a buffer. Keys,
/// resizes, idle ticks and the results of effects all arrive as messages, so `update` can be tested with
/// no disk and no terminal. The workbench, compare and the review meeting are screen programs; `Runtime`
/// runs any of them.
public protocol ScreenProgram {
    associatedtype State
    associatedtype Message
    associatedtype Effect

    /// Handles one message: changes the state, returns effects for the runtime to run. No I/O.
    static func update(_ state: inout State, _ message: Message) -> [Effect]
    /// Draws the state.
    static func view(_ state: State, theme: Theme) -> ScreenBuffer

    /// The message for a key, a new terminal size and a quiet moment (no key for two seconds).
    static func key(_ key: Key) -> Message
    static func resized(width: Int, height: Int) -> Message
    static var idle: Message { get }
    /// Effects the terminal loop handles itself (quit, suspend), or nil for effects the runner runs.
    static func outcome(of effect: Effect) -> ProgramOutcome?
}

/// What the terminal loop does after a message: go on, quit, or suspend (Ctrl-z).
public enum ProgramOutcome: Equatable, Sendable { case `continue`, quit, suspend }

/// The I/O side of one screen: runs its effects (write the session, read a chat, append to a log) and
/// reports each result as messages for `update`. It holds what must not live in a value state: the
/// session store with its lock, open logs.
public protocol EffectRunner<Program>: AnyObject {
    associatedtype Program: ScreenProgram
    func run(_ effect: Program.Effect) -> [Program.Message]
    /// Writes what must be written and releases locks; `state` is the final state (where the coder was).
    func close(_ state: Program.State) throws
}
