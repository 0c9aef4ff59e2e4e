import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Support for the tmux end-to-end tests: a private tmux server per test (its own `-L` socket, no user
// configuration), a pane running a shell command, polling the pane's text, sending keys, and finding the
// `gloss` process inside the pane.

// MARK: - Finding programs

/// The first executable called `name` on PATH (then a few usual folders), or nil.
func findExecutable(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/bin"]
    for folder in folders where !folder.isEmpty {
        let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

/// Quotes `text` for /bin/sh.
/// The system's `kill(2)`, callable where a method named `kill` hides it.
func killProcess(_ pid: pid_t, _ signal: Int32) -> Int32 { kill(pid, signal) }

func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// A screen's text with every run of white space (line breaks too) made one space: text that the program
/// wrapped over lines can be searched as one sentence.
func joinedScreen(_ screen: String) -> String {
    screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
}

/// Box-drawing characters (U+2500–U+257F) in `text`: the workbench's borders.
func containsBoxDrawing(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x2500...0x257F).contains($0.value) }
}

// MARK: - Starting a daemon safely

/// Runs `executable` and waits for it alone, for programs that leave a daemon behind (`tmux new-session`
/// starts the tmux server). Two things go wrong with Foundation's `Process` there:
/// - it waits until every holder of an inherited socket has closed it, and the tmux server keeps it open,
///   so `waitUntilExit()` never returns while the server runs;
/// - the child inherits the calling thread's signal mask, and Swift Testing runs tests on dispatch worker
///   threads that block most signals: a tmux server started from there ignores SIGCHLD and SIGTERM and
///   does not end on `kill-server`.
/// So: `posix_spawn` with an empty signal mask, default signal actions, no inherited descriptors beyond
/// 0–2 (stdin /dev/null, stdout and stderr to files), then `waitpid` for that pid, killing it after `timeout`.
func spawnAndWait(_ executable: URL, _ arguments: [String], timeout: TimeInterval = 15) throws -> RunResult {
    let fm = FileManager.default
    let capture = fm.temporaryDirectory.appendingPathComponent("gloss-tmux-capture-\(UUID().uuidString)")
    try fm.createDirectory(at: capture, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: capture) }
    let outPath = capture.appendingPathComponent("stdout").path
    let errPath = capture.appendingPathComponent("stderr").path

    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t? = nil
    var attributes: posix_spawnattr_t? = nil
    #else
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    #if os(Linux)
    // No addclosefrom_np in Swift's Glibc: close what is open now (a close of an fd closed meanwhile is harmless).
    let open = (try? fm.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for fd in open.compactMap({ Int32($0) }) where fd > 2 {
        posix_spawn_file_actions_addclose(&actions, fd)
    }
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    var flags = Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
    #if canImport(Darwin)
    flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
    #endif
    posix_spawnattr_setflags(&attributes, Int16(flags))

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
    guard spawned == 0 else {
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable.path): \(String(cString: strerror(spawned)))"])
    }

    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while true {
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { break }
        if result < 0 && errno != EINTR { break }
        if Date() >= deadline && !timedOut {
            timedOut = true
            kill(pid, SIGKILL)
        }
        usleep(2_000)
    }
    let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let result = RunResult(status: exitStatus, stdoutData: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
                           stderrData: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(),
                           arguments: [executable.lastPathComponent] + arguments)
    if timedOut {
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "timed out after \(timeout) s and killed: \(result)"])
    }
    return result
}

// MARK: - A tmux pane

/// A detached tmux session on a private server running one command; `kill()` ends the server.
final class TmuxPane {
    /// Raised when a wait times out; the description holds the last screen.
    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    let tmux: URL
    let socket: String
    let target = "gloss-e2e"
    /// The server's socket file, known once the server runs.
    private(set) var socketPath: String?

    /// Starts `tmux -L <unique socket> new-session -d` of `width`×`height` running `/bin/sh -c script`, with
    /// `LANG=C.UTF-8` and a fixed `TERM`. Fails the test (not skips it) when tmux is missing.
    init(width: Int, height: Int, script: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        tmux = try #require(findExecutable("tmux"),
                            "tmux is not installed: the end-to-end workbench tests drive gloss in tmux and must run (install it: apt-get install tmux / brew install tmux)",
                            sourceLocation: sourceLocation)
        socket = "gloss-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        let result = try run(["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)",
                              "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "TERM=screen",
                              "-e", "PS1=$ ", "--", "/bin/sh", "-c", script])
        try #require(result.status == 0, "tmux new-session failed: \(result)", sourceLocation: sourceLocation)
        socketPath = try? format("#{socket_path}")
    }

    /// Runs `tmux -L socket -f /dev/null args…` (see `spawnAndWait` for why not `runProcess`).
    @discardableResult
    func run(_ arguments: [String]) throws -> RunResult {
        try spawnAndWait(tmux, ["-L", socket, "-f", "/dev/null"] + arguments)
    }

    /// Ends the tmux server and everything running in it (the pane's processes get SIGHUP), and removes
    /// its socket (tmux leaves it behind).
    func kill() {
        _ = try? run(["kill-server"])
        if let socketPath, socketPath.hasSuffix("/" + socket) { unlink(socketPath) }
    }

    /// The pane's text now, one line per row (trailing blanks trimmed by tmux).
    func capture() throws -> String {
        let result = try run(["capture-pane", "-p", "-t", target])
        guard result.status == 0 else { throw Timeout(description: "capture-pane failed: \(result)") }
        return result.stdout
    }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}`.
    func format(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", target, format]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends tmux key names (`c`, `Enter`, `Escape`, `C-r`, …), each as one key.
    func send(_ keys: String...) throws {
        let result = try run(["send-keys", "-t", target] + keys)
        try #require(result.status == 0, "send-keys \(keys) failed: \(result)")
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        let result = try run(["send-keys", "-t", target, "-l", text])
        try #require(result.status == 0, "send-keys -l \(text) failed: \(result)")
    }

    /// Polls the pane every 100 ms until `predicate` holds for its text; returns that text. On timeout records
    /// an issue that shows the last screen and throws.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 5, sourceLocation: SourceLocation = #_sourceLocation,
                 _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = (try? capture()) ?? screen
            if predicate(screen) { return screen }
            if Date() >= deadline { break }
            usleep(100_000)
        }
        let message = "waited \(timeout) s for \(what); the pane shows:\n\(screen)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        throw Timeout(description: message)
    }

    /// Waits until every one of `texts` is on screen.
    @discardableResult
    func waitFor(_ texts: String..., timeout: TimeInterval = 5, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor(texts.map { "\"\($0)\"" }.joined(separator: " and "), timeout: timeout, sourceLocation: sourceLocation) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Waits until the regular expression `pattern` matches the screen.
    @discardableResult
    func waitFor(regex pattern: String, timeout: TimeInterval = 5, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("/\(pattern)/", timeout: timeout, sourceLocation: sourceLocation) { matches($0, pattern) }
    }

    /// Waits for the line `<marker><status>` the pane's shell prints after the program ends; returns the status.
    func waitForExit(marker: String = "EXIT=", timeout: TimeInterval = 8, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let pattern = "(?m)^" + escapedForRegex(marker) + "([0-9]+)"
        let screen = try waitFor(regex: pattern, timeout: timeout, sourceLocation: sourceLocation)
        let regex = try NSRegularExpression(pattern: pattern)
        let match = try #require(regex.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)))
        let range = try #require(Range(match.range(at: 1), in: screen))
        return try #require(Int(screen[range]))
    }

    /// The pid of the pane's first process (the `/bin/sh -c` of the script).
    func panePID() throws -> pid_t {
        try #require(pid_t(try format("#{pane_pid}")), "no pane pid")
    }

    /// The pid of the single child of the pane's shell: the program the script started.
    /// Kills the program in the pane with SIGKILL (nothing of it can run after) and waits for its exit
    /// marker. The terminal is left raw by a SIGKILL, so the marker may be split over lines: it is looked for
    /// with the white space taken out.
    func killWithSIGKILL(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pid = try childPID(sourceLocation: sourceLocation)
        #expect(killProcess(pid, SIGKILL) == 0, sourceLocation: sourceLocation)
        _ = try waitFor("EXIT=137 (killed by SIGKILL)", sourceLocation: sourceLocation) { $0.filter { !$0.isWhitespace }.contains("EXIT=137") }
    }

    func childPID(sourceLocation: SourceLocation = #_sourceLocation) throws -> pid_t {
        let parent = try panePID()
        let pgrep = try #require(findExecutable("pgrep"), "pgrep is not installed (procps)", sourceLocation: sourceLocation)
        let result = try runProcess(pgrep, ["-P", "\(parent)"])
        let pids = result.stdout.split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
        try #require(pids.count == 1, "expected one child of the pane shell \(parent), found \(pids)", sourceLocation: sourceLocation)
        return pids[0]
    }

    /// Replaces the pane's process with a new `/bin/sh -c script` on a fresh terminal (same server).
    func respawn(script: String) throws {
        let result = try run(["respawn-pane", "-k", "-t", target, "--", "/bin/sh", "-c", script])
        try #require(result.status == 0, "respawn-pane failed: \(result)")
    }

    /// Resizes the window (tmux then sends SIGWINCH to the program).
    func resize(width: Int, height: Int) throws {
        let result = try run(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
        try #require(result.status == 0, "resize-window failed: \(result)")
    }
}

// MARK: - The workbench in a pane

/// The script that runs `gloss open` on `project` and then reports the exit status and keeps a shell:
/// `gloss open …; echo EXIT=$?; exec /bin/sh`.
func workbenchScript(_ project: URL, coder: String = "tester", marker: String = "EXIT=") -> String {
    "\(shellQuoted(GlossBinary.url.path)) open \(shellQuoted(project.path)) --coder \(shellQuoted(coder)); echo \(marker)$?; exec /bin/sh"
}

/// A fresh copy of the demo project at `folder.project` (`gloss demo --into … --no-open`).
func makeDemoCopy(in folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
    let result = try gloss("demo", "--into", folder.project.path, "--no-open")
    try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
    return folder.project
}

/// Runs `body` with the workbench open on a demo copy in a `width`×`height` tmux pane, waiting first for
/// its two panes; the tmux server is killed afterwards whatever happens.
func withWorkbench<T>(width: Int = 100, height: Int = 30, sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: (TmuxPane, URL) throws -> T) throws -> T {
    try withTemporaryFolder { folder in
        let project = try makeDemoCopy(in: folder, sourceLocation: sourceLocation)
        let pane = try TmuxPane(width: width, height: height, script: workbenchScript(project), sourceLocation: sourceLocation)
        defer { pane.kill() }
        try pane.waitFor("Transcript", "Codebook", sourceLocation: sourceLocation)
        return try body(pane, project)
    }
}

/// The header of `gloss codings export`.
let exportHeader = "chat,from_message,from_offset,to_message,to_offset,code,memo,relation,text\n"
