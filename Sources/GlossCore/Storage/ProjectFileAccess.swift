import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How Gloss opens files, so that a project folder (which arrives by git, zip or a colleague's disk) can
/// never make it read or write anything outside the project.
///
/// Inside a project every file is opened as itself: `O_NOFOLLOW` refuses a symbolic link (a lock, journal
/// or session linked to `~/important.txt` would otherwise be overwritten, appended to or read), and
/// `fstat` refuses anything but a regular file (a folder, a pipe, a device). `O_NONBLOCK` makes opening a
/// pipe return at once, so the check happens instead of a read that never ends. Files Gloss writes in
/// place (locks, journals, logs) must also have no second hard link, or writing them would change a file
/// elsewhere. Files the user names on the command line are outside the project: a link to them is
/// followed (the user chose it), but they must still be regular files.
extension SecureFiles {
    /// Reads a whole file inside a project: never through a symbolic link, only a regular file.
    public static func read(_ url: URL) throws -> Data {
        let fd = try openExisting(url, O_RDONLY, followingLink: false)
        defer { close(fd) }
        return try readAll(fd: fd, path: url.path)
    }

    /// Reads a whole file the user named on the command line (a CSV to import, a codebook for `gloss init`,
    /// transcripts for `gloss import`): a link is followed, but a pipe, a device or a folder is refused.
    public static func readNamedFile(_ url: URL) throws -> Data {
        let fd = try openExisting(url, O_RDONLY, followingLink: true)
        defer { close(fd) }
        return try readAll(fd: fd, path: url.path)
    }

    /// Whether anything (a file, a folder, a link, even a dangling one) is at `url`. Unlike
    /// `FileManager.fileExists`, a link is not followed: a dangling link exists, so it is refused rather than
    /// silently replaced.
    public static func entryExists(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0
    }

    /// Refuses a project folder that is a symbolic link or not a folder: files written into a linked
    /// `sessions/` would land outside the project. A folder that does not exist yet is fine.
    public static func requireRealFolder(_ url: URL) throws {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        if isLink(info.st_mode) { throw linkError(url.path) }
        if !isDirectory(info.st_mode) { throw GlossError(file: url.path, "exists and is not a folder") }
    }

    /// Why Gloss cannot write `files` in `folder` (a read-only file system, a folder or file without write
    /// permission), or nil when it can. Asks `access(2)` and changes nothing; a folder not made yet is judged
    /// by the nearest folder above it that exists. The workbench opens read-only when this is not nil.
    public static func whyNotWritable(_ folder: URL, files: [URL]) -> String? {
        var existing = folder
        while !entryExists(existing) && existing.path != "/" { existing = existing.deletingLastPathComponent() }
        for url in [existing] + files.filter(entryExists) where access(url.path, W_OK) != 0 {
            let code = errno
            if code == EACCES || code == EROFS || code == EPERM { return "\(url.path): \(String(cString: strerror(code)))" }
        }
        return nil
    }

    /// Opens an existing file for reading; the descriptor is blocking again once it is known to be a regular file.
    static func openExisting(_ url: URL, _ flags: Int32, followingLink: Bool) throws -> Int32 {
        let fd = open(url.path, flags | O_NONBLOCK | O_CLOEXEC | (followingLink ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { throw openFailure(url.path, reading: true) }
        try requireRegularFile(fd, path: url.path, soleLink: false)
        return fd
    }

    /// Opens (with `O_CREAT` in `flags`, creating) a project file that Gloss writes in place: a lock, a
    /// journal, an append-only log. Never through a link, only a regular file with no other hard link.
    static func openForWriting(_ url: URL, _ flags: Int32) throws -> Int32 {
        let fd = open(url.path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw openFailure(url.path, reading: false) }
        try requireRegularFile(fd, path: url.path, soleLink: true)
        return fd
    }

    /// Checks an open descriptor; on failure it is closed and a `GlossError` naming the file is thrown.
    private static func requireRegularFile(_ fd: Int32, path: String, soleLink: Bool) throws {
        var info = stat()
        var problem: GlossError?
        if fstat(fd, &info) != 0 {
            problem = posixError("cannot examine", path)
        } else if isDirectory(info.st_mode) {
            problem = GlossError(file: path, "is a folder, not a file")
        } else if !isRegular(info.st_mode) {
            problem = GlossError(file: path, "is not a regular file (a pipe, socket or device); Gloss reads and writes only regular files")
        } else if soleLink && info.st_nlink > 1 {
            problem = GlossError(file: path, "has \(info.st_nlink) hard links; Gloss writes only to files that are not also elsewhere (copy it to a file of its own)")
        }
        if let problem {
            close(fd)
            throw problem
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    }

    /// The error for a failed `open`, saying plainly when the path is a link, a folder or a pipe.
    static func openFailure(_ path: String, reading: Bool) -> GlossError {
        let code = errno
        var info = stat()
        if code == ELOOP || (lstat(path, &info) == 0 && isLink(info.st_mode)) { return linkError(path) }
        switch code {
        case ENOENT: return GlossError(file: path, "no such file")
        case EISDIR: return GlossError(file: path, "is a folder, not a file")
        case ENXIO: return GlossError(file: path, "is not a regular file (a pipe, socket or device); Gloss reads and writes only regular files")
        default: return GlossError(file: path, "\(reading ? "cannot read" : "cannot open"): \(String(cString: strerror(code)))")
        }
    }

    static func linkError(_ path: String) -> GlossError {
        GlossError(file: path, "is a symbolic link; Gloss never follows links inside a project (put the file itself there)")
    }

    /// Reads from `fd` to its end, retrying short reads and EINTR.
    static func readAll(fd: Int32, path: String) throws -> Data {
        var info = stat()
        let expected = fstat(fd, &info) == 0 ? max(Int(info.st_size), 0) : 0
        // Read straight into one buffer of the file's size (plus a byte, to see the end without another
        // round): no copy from a chunk into a growing `Data` (measured: a twentieth of `gloss report`).
        var capacity = expected + 1
        guard var buffer = malloc(capacity) else { throw GlossError(file: path, "cannot read: out of memory") }
        var length = 0
        while true {
            if length == capacity {
                capacity *= 2
                guard let grown = realloc(buffer, capacity) else {
                    free(buffer)
                    throw GlossError(file: path, "cannot read: out of memory")
                }
                buffer = grown
            }
            let n = readDescriptor(fd, buffer + length, capacity - length)
            if n < 0 {
                if errno == EINTR { continue }
                free(buffer)
                throw posixError("cannot read", path)
            }
            if n == 0 { break }
            length += n
        }
        return Data(bytesNoCopy: buffer, count: length, deallocator: .free)
    }

    static func isLink(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFLNK }
    static func isDirectory(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFDIR }
    static func isRegular(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFREG }
}

/// `read(2)`, under a name that does not clash with `SecureFiles.read`.
private func readDescriptor(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
