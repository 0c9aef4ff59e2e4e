import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File operations with the guarantees Gloss promises: files owner-only (0600), folders owner-only
/// (0700), and every replacement atomic (temporary file, fsync, rename, fsync of the folder), so a
/// killed process leaves either the old file or the new one, never half of one.
public enum SecureFiles {
    public static let fileMode: mode_t = 0o600
    public static let directoryMode: mode_t = 0o700

    /// Replaces (or creates) `url` with `data` atomically.
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw posixError("cannot create a temporary file", temporary.path) }
        var ok = false
        defer {
            if !ok { unlink(temporary.path) }
        }
        do {
            defer { close(fd) }
            try writeAll(fd: fd, data: data, path: temporary.path)
            fchmod(fd, fileMode)
            guard fsync(fd) == 0 else { throw posixError("cannot flush", temporary.path) }
        }
        guard rename(temporary.path, url.path) == 0 else { throw posixError("cannot replace", url.path) }
        ok = true
        syncDirectory(directory)
    }

    /// Appends one line (a JSON record and a newline) to an owner-only log file and flushes it: the
    /// append-only logs (codebook changes, review decisions) never rewrite what is already there.
    ///
    /// A last line cut short by a crash (no final newline) is cut off first, so the new line never continues
    /// it; a failed write is cut back the same way, so a damaged line never sits in the middle of a log.
    public static func appendLine(_ line: Data, to url: URL) throws {
        var data = line
        data.append(0x0A)
        let fd = try openForWriting(url, O_RDWR | O_APPEND | O_CREAT)
        defer { close(fd) }
        var end = lseek(fd, 0, SEEK_END)
        if end > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, end - 1) == 1, last != 0x0A {
                let existing = try read(url)
                let keep = existing.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                guard ftruncate(fd, off_t(keep)) == 0 else { throw posixError("cannot cut a torn line from", url.path) }
                end = off_t(keep)
            }
        }
        do {
            try writeAll(fd: fd, data: data, path: url.path)
            guard fsync(fd) == 0 else { throw posixError("cannot flush", url.path) }
        } catch {
            if end >= 0 { _ = ftruncate(fd, end) }
            throw error
        }
    }

    /// The complete lines of an append-only log; a last line without its newline (torn by a crash) is left out.
    public static func completeLines(_ url: URL) throws -> [Substring] {
        let text = String(decoding: try read(url), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let last = lines.last, !last.isEmpty { lines.removeLast() }  // torn (no newline after it)
        return lines.filter { !$0.isEmpty }
    }

    /// Creates `url` and its missing parents with mode 0700. A link where the folder should be is refused
    /// (files written into it would land elsewhere), unless `mayBeLink`: the project root the user named may
    /// be reached through a link. Missing parents are created like `mkdir -p`.
    public static func makeDirectory(_ url: URL, mayBeLink: Bool = false) throws {
        var info = stat()
        if lstat(url.path, &info) == 0 {
            if isDirectory(info.st_mode) { return }
            if isLink(info.st_mode) {
                guard mayBeLink, stat(url.path, &info) == 0, isDirectory(info.st_mode) else { throw linkError(url.path) }
                return
            }
            throw GlossError(file: url.path, "exists and is not a folder")
        }
        let parent = url.deletingLastPathComponent()
        if parent.path != url.path { try makeDirectory(parent, mayBeLink: true) }
        guard mkdir(url.path, directoryMode) == 0 || errno == EEXIST else { throw posixError("cannot create folder", url.path) }
        guard lstat(url.path, &info) == 0, isDirectory(info.st_mode) else { throw GlossError(file: url.path, "exists and is not a folder") }
        chmod(url.path, directoryMode)
    }

    /// `open(2)` that never follows a link, under a name that does not clash with methods called `open`.
    /// Prefer `openForWriting`/`openExisting`, which also refuse anything but a regular file.
    static func openDescriptor(_ path: String, _ flags: Int32, _ mode: mode_t = fileMode) -> Int32 {
        open(path, flags | O_NOFOLLOW, mode)
    }

    /// Writes every byte of `data`, retrying short writes and EINTR.
    static func writeAll(fd: Int32, data: Data, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw posixError("cannot write", path)
                }
                offset += n
            }
        }
    }

    static func syncDirectory(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    static func posixError(_ what: String, _ path: String) -> GlossError {
        GlossError(file: path, "\(what): \(String(cString: strerror(errno)))")
    }
}
