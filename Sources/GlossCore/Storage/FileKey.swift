import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a cache remembers of the file it was derived from, as git's index does: which file (device and
/// inode), its size, and its modification and change times to the nanosecond. Any write, replacement or `touch` changes at least one of
/// them. The change time cannot be set by a user, so a cache made on another machine (committed by
/// mistake, or crafted) never matches a checked-out file.
public struct FileKey: Equatable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modifiedNanoseconds: Int64
    public var changedNanoseconds: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64) {
        self.device = device; self.inode = inode; self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds; self.changedNanoseconds = changedNanoseconds
    }

    init(_ info: stat) {
        #if canImport(Darwin)
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                  modifiedNanoseconds: Self.nanoseconds(modified), changedNanoseconds: Self.nanoseconds(changed))
    }

    static func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec) }

    /// The time of day now, in nanoseconds, as file times are kept.
    public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return nanoseconds(time)
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

    /// The key of the entry `name` in the open folder `folder` (not following a link): what `of(path:)`
    /// finds, without walking the folder's path again for each of 10,000 transcripts.
    static func of(name: String, inFolder folder: Int32) -> FileKey? {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0, SecureFiles.isRegular(info.st_mode) else { return nil }
        return FileKey(info)
    }

    /// The key of an open descriptor (the file actually read).
    static func of(descriptor fd: Int32) -> FileKey? {
        var info = stat()
        guard fstat(fd, &info) == 0, SecureFiles.isRegular(info.st_mode) else { return nil }
        return FileKey(info)
    }

    /// Whether the file may have changed within the same clock tick as `written` (nanoseconds; git's "racily
    /// clean" entries): a rewrite of the same size in that tick would leave every field but the content equal.
    /// Such an entry is read again rather than trusted. The 2 s margin covers coarse file-system clocks.
    /// Every write to the content sets the modification time, so that is the time compared (a `chmod`
    /// moves only the change time, and changes no content).
    public func isRacy(comparedWith written: Int64) -> Bool {
        modifiedNanoseconds >= written - 2_000_000_000
    }
}

extension BinaryWriter {
    /// A file key as every cache stores it: device and inode as varints, size and times zigzag-encoded.
    mutating func fileKey(_ key: FileKey) {
        varint(key.device)
        varint(key.inode)
        signed(Int(key.size))
        signed(Int(key.modifiedNanoseconds))
        signed(Int(key.changedNanoseconds))
    }
}

extension BinaryReader {
    /// What `BinaryWriter.fileKey` wrote.
    mutating func fileKey() -> FileKey? {
        guard let device = varint(), let inode = varint(), let size = signed(), let modified = signed(),
              let changed = signed() else { return nil }
        return FileKey(device: device, inode: inode, size: Int64(size), modifiedNanoseconds: Int64(modified),
                       changedNanoseconds: Int64(changed))
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
