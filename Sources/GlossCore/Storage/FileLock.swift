import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a lock file: one writer per session. The kernel releases it when the process
/// dies, so a crash never leaves a stale lock behind.
public final class FileLock {
    public let url: URL
    private var fd: Int32

    /// Takes the lock or throws at once (never waits) with a message that says who to look for.
    public init(_ url: URL, purpose: String) throws {
        self.url = url
        fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, SecureFiles.fileMode)
        guard fd >= 0 else { throw SecureFiles.posixError("cannot open the lock file", url.path) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            fd = -1
            throw GlossError(file: url.path, "\(purpose) is already open in another Gloss process\(holder.isEmpty ? "" : " (\(holder))"); close that one first")
        }
        let note = "pid \(getpid()) on \(Self.hostName())\n"
        ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
    }

    /// The machine's name from gethostname(2). `ProcessInfo.hostName` resolves the name through the
    /// network interfaces and the resolver (sockets, possibly DNS); Gloss never opens a socket.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
