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
        try writeAtomically(to: url) { fd, path in try writeAll(fd: fd, data: data, path: path) }
    }

    /// Replaces (or creates) `url` atomically with what `write` writes to the temporary file's descriptor
    /// (given with its path, for messages): a large file streamed in chunks, never whole in memory.
    static func writeAtomically(to url: URL, _ write: (Int32, String) throws -> Void) throws {
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
            try write(fd, temporary.path)
            fchmod(fd, fileMode)
            guard fsync(fd) == 0 else { throw posixError("cannot flush", temporary.path) }
        }
        guard rename(temporary.path, url.path) == 0 else { throw posixError("cannot replace", url.path) }
        ok = true
        syncDirectory(directory)
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

    /// Writes every byte of `data`, retrying short writes and EINTR.
    static func writeAll(fd: Int32, data: Data, path: String) throws {
        try data.withUnsafeBytes { try writeAll(fd: fd, bytes: $0, path: path) }
    }

    /// Writes every byte of `buffer`, retrying short writes and EINTR.
    static func writeAll(fd: Int32, bytes buffer: UnsafeRawBufferPointer, path: String) throws {
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

    static func syncDirectory(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    static func posixError(_ what: String, _ path: String) -> GlossError {
        GlossError(file: path, "\(what): \(String(cString: strerror(errno)))")
    }
}
