import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Test-only: with `GLOSS_TEST_KILL_AT=STEP:N` in the environment, the process kills itself (SIGKILL, as a
/// power cut would end it) the N-th time it reaches STEP of a codebook change that migrates sessions:
/// `codebook` (the codebook and log written, no session migrated yet), `journalled` (a session's migration
/// appended to its journal, its snapshot not yet written), `session` (a session migrated and closed). The
/// crash tests check that every session is then before or after the change, never between, and that the next
/// command or open finishes the work. Without the variable this does nothing.
enum MigrationCrashHook {
    nonisolated(unsafe) private static var counts: [String: Int] = [:]
    private static let target: (step: String, count: Int)? = {
        guard let value = ProcessInfo.processInfo.environment["GLOSS_TEST_KILL_AT"] else { return nil }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let count = Int(parts[1]) else { return nil }
        return (String(parts[0]), count)
    }()

    static func reached(_ step: String) {
        guard let target, target.step == step else { return }
        counts[step, default: 0] += 1
        if counts[step] == target.count { kill(getpid(), SIGKILL) }
    }
}
