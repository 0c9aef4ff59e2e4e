import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a cache remembers of the file it was derived from, as git's index does: size, modification and
/// change time to the nanosecond, and inode. Any write, replacement or `touch` changes at least one of
/// them. The change time cannot be set by a user, so a cache made on another machine (committed by
/// mistake, or crafted) never matches a checked-out file.
public struct FileKey: Equatable, Sendable {
    public var size: UInt64
    public var modified: Timespec
    public var changed: Timespec
    public var inode: UInt64

    /// A point in time as the file system keeps it.
    public struct Timespec: Equatable, Comparable, Sendable {
        public var seconds: Int64
        public var nanoseconds: Int64
        public static func < (a: Timespec, b: Timespec) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }

        /// The current time of day.
        public static func now() -> Timespec {
            var time = timespec()
            clock_gettime(CLOCK_REALTIME, &time)
            return Timespec(seconds: Int64(time.tv_sec), nanoseconds: Int64(time.tv_nsec))
        }
    }

    init(_ info: stat) {
        size = UInt64(max(0, info.st_size))
        #if canImport(Darwin)
        modified = Timespec(seconds: Int64(info.st_mtimespec.tv_sec), nanoseconds: Int64(info.st_mtimespec.tv_nsec))
        changed = Timespec(seconds: Int64(info.st_ctimespec.tv_sec), nanoseconds: Int64(info.st_ctimespec.tv_nsec))
        #else
        modified = Timespec(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
        changed = Timespec(seconds: Int64(info.st_ctim.tv_sec), nanoseconds: Int64(info.st_ctim.tv_nsec))
        #endif
        inode = UInt64(info.st_ino)
    }

    public init(size: UInt64, modified: Timespec, changed: Timespec, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    /// The key of the regular file at `url`, found with `lstat` (a link is not followed); nil for a
    /// link, a folder, anything else or nothing, which no cache entry may stand for.
    public static func of(_ url: URL) -> FileKey? { of(path: url.path) }

    /// The key of the file at `path` (not following a link).
    static func of(path: String) -> FileKey? {
        var info = stat()
        guard lstat(path, &info) == 0, SecureFiles.isRegular(info.st_mode) else { return nil }
        return FileKey(info)
    }

    /// The key of an open descriptor (the file actually read).
    static func of(descriptor fd: Int32) -> FileKey? {
        var info = stat()
        guard fstat(fd, &info) == 0, SecureFiles.isRegular(info.st_mode) else { return nil }
        return FileKey(info)
    }

    /// Whether the file may have changed within the same clock tick as `written` (git's "racily clean"
    /// entries): a rewrite of the same size in that tick would leave every field but the content equal.
    /// Such an entry is read again rather than trusted. The margin covers coarse file-system clocks.
    /// Every write to the content sets the modification time, so that is the time compared (a `chmod`
    /// moves only the change time, and changes no content).
    public func isRacy(comparedWith written: Timespec) -> Bool {
        modified.seconds >= written.seconds - 2
    }
}

extension SecureFiles {
    /// Reads a whole project file (never through a link, only a regular file) and returns the key of what
    /// was read, taken from the open descriptor, so the key and the bytes belong to the same file.
    public static func readWithKey(_ url: URL) throws -> (data: Data, key: FileKey) {
        let fd = try openExisting(url, O_RDONLY, followingLink: false)
        defer { close(fd) }
        guard let key = FileKey.of(descriptor: fd) else { throw posixError("cannot examine", url.path) }
        return (try readAll(fd: fd, path: url.path), key)
    }
}
