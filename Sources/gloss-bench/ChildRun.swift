import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of a child process, as a user's shell runs it: wall time from spawn to exit, and the child's
/// peak resident memory from `wait4`'s rusage (the whole process, not an estimate from inside it).
struct ChildRun {
    var seconds: Double
    var peakMiB: Double
    var status: Int32
    /// The child's standard output, when asked for (else it went to /dev/null).
    var output: Data

    /// Runs `executable` with `arguments`; stdin is /dev/null, stdout goes to /dev/null (or is kept with
    /// `keepOutput`), stderr to a file that is shown when the child fails. Throws when it fails.
    static func run(_ executable: URL, _ arguments: [String], keepOutput: Bool = false) throws -> ChildRun {
        let capture = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gloss-bench-child-\(getpid())")
        let outPath = keepOutput ? capture.path + ".out" : "/dev/null"
        let errPath = capture.path + ".err"
        defer { unlink(capture.path + ".out"); unlink(errPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(executable.path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        #if os(Linux)
        let peak = Double(usage.ru_maxrss) / 1024  // KiB on Linux
        #else
        let peak = Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
        #endif
        guard exitStatus == 0 else {
            let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw BenchError("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) → exit \(exitStatus)\n\(stderr.suffix(2000))")
        }
        let output = keepOutput ? ((try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()) : Data()
        return ChildRun(seconds: seconds, peakMiB: peak, status: exitStatus, output: output)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
