import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `gloss review` driven in tmux on a copy of the demo project (A = anouk, B = bram): a short
/// meeting (three decisions, one undo, quit), a resumed one, then the consensus, the summary, the
/// decision log and the coders' own sessions checked through the CLI and on disk. tmux is required.
///
/// The demo's agenda starts in chat-01 with Emotioneel geweld (only bram, message 9), Schuldgevoel
/// aangepraat (only anouk, message 9) and Gevaar vrezen (only anouk, message 13).
@Suite("Review meeting in tmux", .serialized)
struct TmuxReviewTests {
    static let emotioneel = "Dwangmiddel > Emotioneel geweld"
    static let schuldgevoel = "Dwangmiddel > Schuldgevoel aangepraat"
    static let gevaar = "Belemmeringen om hulp te vragen > Geheim > Gevaar vrezen"

    /// `gloss review PROJECT --coders anouk bram --present "Anouk, Bram"; echo <marker>$?; exec /bin/sh`.
    static func reviewScript(_ project: URL, marker: String) -> String {
        "\(shellQuoted(GlossBinary.url.path)) review \(shellQuoted(project.path)) --coders anouk bram --present \(shellQuoted("Anouk, Bram")); echo \(marker)$?; exec /bin/sh"
    }

    /// The rows of a `codings export` for chat-01 and `code`, cut after the code column
    /// ("chat-01,9,0,9,88,Dwangmiddel > Emotioneel geweld").
    static func spanRows(_ export: String, chat: String = "chat-01", code: String) -> [String] {
        export.split(separator: "\n").map(String.init).compactMap { line in
            let fields = line.split(separator: ",", maxSplits: 6, omittingEmptySubsequences: false)
            guard fields.count >= 6, fields[0] == chat, fields[5] == code else { return nil }
            return fields[0..<6].joined(separator: ",")
        }
    }

    static func logLines(_ project: URL) throws -> (name: String, records: [[String: Any]]) {
        let folder = project.appendingPathComponent("reviews")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("-anouk-bram.jsonl") }
        try #require(names.count == 1, "expected one decision log in reviews/, found \(names)")
        let text = try read(folder.appendingPathComponent(names[0]))
        let all = try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
        // The agreements are copied once, right after the start; the other records are the meeting's.
        #expect(all.filter { $0["kind"] as? String == "seeded" }.count == 1)
        return (names[0], all.filter { $0["kind"] as? String != "seeded" })
    }

    @Test("decide three items, undo one, quit; resume; consensus, summary, log and the coders' sessions")
    func shortMeetingAndResume() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let anoukBefore = try Data(contentsOf: sessionFile(project, "anouk"))
            let bramBefore = try Data(contentsOf: sessionFile(project, "bram"))

            let pane = try ReviewPane(width: 110, height: 32, script: Self.reviewScript(project, marker: "EXIT1="))
            defer { pane.kill() }

            // First sitting.
            try pane.waitFor("Review anouk (A) × bram (B)", timeout: 10)
            let opening = try pane.waitFor(regex: "0 decided, [0-9]+ left of [0-9]+")
            #expect(opening.contains("Present: Anouk, Bram"), "\(opening)")
            #expect(opening.contains("Item 1/"), "\(opening)")
            #expect(opening.contains(Self.emotioneel), "\(opening)")
            try pane.send("b")
            try pane.waitFor(regex: "· 1 decided, ")
            try pane.waitFor("Item 2/", Self.schuldgevoel)
            try pane.send("a")
            try pane.waitFor(regex: "· 2 decided, ")
            try pane.waitFor("Item 3/", "Gevaar vrezen")
            try pane.send("2")
            try pane.waitFor(regex: "· 3 decided, ")
            try pane.send("u")
            try pane.waitFor("undid the decision on chat-01")
            let undone = try pane.waitFor(regex: "· 2 decided, ")
            #expect(undone.contains("Item 3/"), "undo should go back to the item undone:\n\(undone)")
            try pane.send("q")
            #expect(try pane.waitForExit(marker: "EXIT1=") == 0)
            let after = try pane.capture()
            #expect(after.contains("Review: 2 decided,"), "\(after)")

            // Second sitting: the same command resumes.
            try pane.respawn(script: Self.reviewScript(project, marker: "EXIT2="))
            let resumed = try pane.waitFor("resumed: 2 decided", timeout: 10)
            #expect(resumed.contains("Item 3/"), "resuming should open on the first undecided item:\n\(resumed)")
            #expect(matches(resumed, "· 2 decided, "), "\(resumed)")
            try pane.send("q")
            #expect(try pane.waitForExit(marker: "EXIT2=") == 0)

            // The consensus reflects the two decisions: B's span for Emotioneel geweld, A's for Schuldgevoel
            // aangepraat, and no Gevaar vrezen in chat-01 (undone).
            let consensus = try gloss("codings", "export", project.path, "--coder", "consensus")
            #expect(consensus.status == 0, "\(consensus)")
            let bram = try gloss("codings", "export", project.path, "--coder", "bram")
            let anouk = try gloss("codings", "export", project.path, "--coder", "anouk")
            let bramEmotioneel = Self.spanRows(bram.stdout, code: Self.emotioneel)
            let anoukSchuld = Self.spanRows(anouk.stdout, code: Self.schuldgevoel)
            #expect(!bramEmotioneel.isEmpty && !anoukSchuld.isEmpty)
            #expect(Self.spanRows(anouk.stdout, code: Self.emotioneel).isEmpty, "the demo changed: anouk has Emotioneel geweld in chat-01")
            #expect(Self.spanRows(consensus.stdout, code: Self.emotioneel) == bramEmotioneel, "\(consensus.stdout)")
            #expect(Self.spanRows(consensus.stdout, code: Self.schuldgevoel) == anoukSchuld, "\(consensus.stdout)")
            #expect(Self.spanRows(consensus.stdout, code: Self.gevaar).isEmpty, "\(consensus.stdout)")
            #expect(!Self.spanRows(anouk.stdout, code: Self.gevaar).isEmpty)

            // The summary: two decided items, one take B and one take A.
            let summary = try gloss("review", project.path, "--coders", "anouk", "bram", "--summary")
            #expect(summary.status == 0, "\(summary)")
            #expect(summary.stdout.contains("Review of anouk (A) and bram (B) into consensus"), "\(summary)")
            #expect(summary.stdout.contains("Present: Anouk, Bram"), "\(summary)")
            #expect(summary.stdout.contains("Different codes (same parent): 2 chat × code items settled"), "\(summary)")
            #expect(summary.stdout.contains("Decisions: take A 1, take B 1"), "\(summary)")
            let decidedSection = try #require(summary.stdout.components(separatedBy: "\nDecided items\n").last)
            let items = decidedSection.split(separator: "\n").map(String.init)
            #expect(items.count == 2, "\(summary.stdout)")
            #expect(items.contains { $0.hasPrefix("chat-01  different  \(Self.emotioneel)  → take B") }, "\(items)")
            #expect(items.contains { $0.hasPrefix("chat-01  different  \(Self.schuldgevoel)  → take A") }, "\(items)")
            #expect(!summary.stdout.contains("Gevaar vrezen"), "\(summary.stdout)")

            // The decision log: start, three decisions, one undo (resuming adds no start).
            let (name, records) = try Self.logLines(project)
            #expect(matches(name, "^[0-9]{4}-[0-9]{2}-[0-9]{2}-anouk-bram\\.jsonl$"), "\(name)")
            #expect(records.map { $0["kind"] as? String } == ["start", "decision", "decision", "decision", "undo"], "\(records)")
            #expect(records[0]["present"] as? [String] == ["Anouk", "Bram"])
            #expect(records[0]["coders"] as? [String] == ["anouk", "bram"])
            #expect(records[0]["into"] as? String == "consensus")
            #expect(records[1...3].map { $0["decision"] as? String } == ["b", "a", "both"])
            #expect(records[1...3].allSatisfy { $0["present"] as? [String] == ["Anouk", "Bram"] })
            #expect(records[1...3].map { $0["code"] as? String } == [Self.emotioneel, Self.schuldgevoel, Self.gevaar])
            #expect(records[4]["item"] as? String == records[3]["item"] as? String)
            #expect(records[4]["item"] as? String != nil)

            // A's and B's sessions: byte for byte as before; never opened for writing.
            #expect(try Data(contentsOf: sessionFile(project, "anouk")) == anoukBefore)
            #expect(try Data(contentsOf: sessionFile(project, "bram")) == bramBefore)
            for file in [sessionFile(project, "anouk", "journal"), sessionFile(project, "bram", "journal")] {
                #expect(!exists(file), "\(file.lastPathComponent) was created")
            }
            // The whole project still validates with the consensus in it.
            let validate = try gloss("validate", project.path)
            #expect(validate.status == 0, "\(validate)")
        }
    }
}

/// A detached tmux session on a private server (its own `-L` socket, no user configuration) running one
/// command, like `TmuxPane` of TmuxSupport.swift, whose capture, key and wait helpers it mirrors. The
/// difference is how the server is started: `TmuxPane` runs `tmux new-session -d` through `runProcess`,
/// which waits for the client with `Process.waitUntilExit()`. On Linux, Foundation's `Process` (Swift
/// 6.3) gives the child one end of a socket pair and only sees the child's exit once every holder has
/// closed it; the tmux server the client forks inherits that end and keeps it for its whole life, so the
/// wait lasts until the server ends (observed: the client a zombie, the test blocked in waitUntilExit).
/// Here the `new-session` client is started and left to Foundation; the pane is ready when
/// `tmux has-session` (a client that forks no server) succeeds.
///
/// The client is also started with no signal blocked: a child inherits the signal mask of the thread that
/// spawns it, and test threads block nearly every signal. A tmux server with SIGCHLD blocked never reaps
/// its panes' processes, so `kill-server` leaves it (and its socket) behind for good.
/// `kill(2)` (inside `ReviewPane`, `kill` names its method).
private func sendSignal(_ pid: pid_t, _ number: Int32) -> Int32 { kill(pid, number) }

private final class ReviewPane {
    let tmux: URL
    let socket: String
    let target = "gloss-review"
    private var starter: Process?
    private var serverPID: pid_t = 0
    private var socketPath = ""

    init(width: Int, height: Int, script: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        tmux = try #require(findExecutable("tmux"),
                            "tmux is not installed: the end-to-end review test drives gloss in tmux and must run (install it: apt-get install tmux / brew install tmux)",
                            sourceLocation: sourceLocation)
        socket = "gloss-review-\(getpid())-\(UUID().uuidString.prefix(8))"
        let process = Process()
        process.executableURL = tmux
        process.arguments = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)",
                             "-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "TERM=tmux-256color", "-e", "PS1=$ ",
                             "--", "/bin/sh", "-c", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var unblocked = sigset_t(), saved = sigset_t()
        sigemptyset(&unblocked)
        pthread_sigmask(SIG_SETMASK, &unblocked, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try process.run()
        pthread_sigmask(SIG_SETMASK, &saved, nil)
        starter = process
        let deadline = Date().addingTimeInterval(10)
        while try run(["has-session", "-t", target]).status != 0 {
            guard Date() < deadline else {
                kill()
                Issue.record("the tmux server on socket \(socket) did not start within 10 s", sourceLocation: sourceLocation)
                throw TmuxPane.Timeout(description: "tmux did not start")
            }
            usleep(50_000)
        }
        serverPID = pid_t(try run(["display-message", "-p", "-t", target, "#{pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        socketPath = try run(["display-message", "-p", "-t", target, "#{socket_path}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> RunResult {
        try runProcess(tmux, ["-L", socket, "-f", "/dev/null"] + arguments)
    }

    /// Ends the server (and the pane's processes); then the `new-session` client is reaped too. A server
    /// still there after 5 s is killed outright, so no test leaves one behind.
    func kill() {
        _ = try? run(["kill-server"])
        let deadline = Date().addingTimeInterval(5)
        while (starter?.isRunning == true || (serverPID > 0 && sendSignal(serverPID, 0) == 0)) && Date() < deadline { usleep(50_000) }
        if serverPID > 0 && sendSignal(serverPID, 0) == 0 {
            Issue.record("the tmux server \(serverPID) (socket \(socket)) survived kill-server; killed it")
            _ = sendSignal(serverPID, SIGKILL)
        }
        if !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    func capture() throws -> String {
        let result = try run(["capture-pane", "-p", "-t", target])
        guard result.status == 0 else { throw TmuxPane.Timeout(description: "capture-pane failed: \(result)") }
        return result.stdout
    }

    /// Sends tmux key names, each as one key.
    func send(_ keys: String...) throws {
        let result = try run(["send-keys", "-t", target] + keys)
        try #require(result.status == 0, "send-keys \(keys) failed: \(result)")
    }

    /// Replaces the pane's process with a new `/bin/sh -c script` (same server).
    func respawn(script: String) throws {
        let result = try run(["respawn-pane", "-k", "-t", target, "--", "/bin/sh", "-c", script])
        try #require(result.status == 0, "respawn-pane failed: \(result)")
    }

    /// Polls the pane every 100 ms until `predicate` holds; on timeout records an issue with the last screen and throws.
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
        throw TmuxPane.Timeout(description: message)
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
    func waitForExit(marker: String, timeout: TimeInterval = 8, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let pattern = "(?m)^" + escapedForRegex(marker) + "([0-9]+)"
        let screen = try waitFor(regex: pattern, timeout: timeout, sourceLocation: sourceLocation)
        let regex = try NSRegularExpression(pattern: pattern)
        let match = try #require(regex.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)))
        let range = try #require(Range(match.range(at: 1), in: screen))
        return try #require(Int(screen[range]))
    }
}
