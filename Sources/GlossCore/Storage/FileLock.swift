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
    ///
    /// The lock file is opened as itself (never through a link, only a regular file with no other hard
    /// link), and it is cut and written only once the lock is held: a lock that belongs to another process,
    /// or that is not Gloss's own file, is never changed.
    public init(_ url: URL, purpose: String) throws {
        self.url = url
        fd = try SecureFiles.openForWriting(url, O_RDWR | O_CREAT)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.note(in: fd)
            close(fd)
            fd = -1
            throw GlossError(file: url.path, "\(purpose) is already open in another Gloss process\(holder.isEmpty ? "" : " (\(holder))"); close that one first")
        }
        let note = "pid \(getpid()) on \(Self.hostName())\n"
        ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
    }

    /// The holder's note ("pid N on host"), read from the open lock file, at most one short line.
    private static func note(in fd: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 200)
        let n = pread(fd, &bytes, bytes.count, 0)
        guard n > 0 else { return "" }
        let text = String(decoding: bytes[..<n], as: UTF8.self)
        // Printable ASCII only: the note is shown on a terminal, and the file may have come from anywhere.
        let line = text.prefix { $0 != "\n" }.filter { ($0.asciiValue ?? 0) >= 0x20 && ($0.asciiValue ?? 0x7F) < 0x7F }
        return String(line).trimmingCharacters(in: .whitespaces)
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
