import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as `lstat` finds it: which file (device and inode), how long, last changed when (modification and
/// status-change times, in nanoseconds). A cache is keyed to the stamps of what it was derived from: the atomic
/// replacement of a snapshot makes a new inode, an append to a journal a new size and times, and the status-change
/// time cannot be set back by hand (`touch` sets only the others), so a changed source never matches an old stamp.
public struct FileStamp: Equatable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modifiedNanoseconds: Int64
    public var changedNanoseconds: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64) {
        self.device = device; self.inode = inode; self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds; self.changedNanoseconds = changedNanoseconds
    }

    /// The stamp of a regular file at `url` (never through a link), or nil when there is none.
    public static func of(_ url: URL) -> FileStamp? {
        var info = stat()
        guard lstat(url.path, &info) == 0, SecureFiles.isRegular(info.st_mode) else { return nil }
        #if canImport(Darwin)
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec) }
        return FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modifiedNanoseconds: nanoseconds(modified), changedNanoseconds: nanoseconds(changed))
    }
}

/// What a session digest was derived from: the snapshot file, and the journal (nil: there was none) with the
/// id and last record the replay reached. Equal keys mean the same files, so the same session.
public struct SessionDigestKey: Equatable, Sendable {
    public var snapshot: FileStamp
    public var journal: FileStamp?
    public var journalID: String
    public var journalSeq: Int

    /// The stamps of a coder's files as they are now (id and seq left empty: only a read can tell them), or nil
    /// when the snapshot is missing or not a regular file, or the journal is there but not a regular file.
    static func stamps(projectRoot: URL, coder: String) -> (snapshot: FileStamp, journal: FileStamp?)? {
        let urls = SessionStore.urls(projectRoot: projectRoot, coder: coder)
        guard let snapshot = FileStamp.of(urls.snapshot) else { return nil }
        let journal = FileStamp.of(urls.journal)
        if journal == nil, SecureFiles.entryExists(urls.journal) { return nil }
        return (snapshot, journal)
    }

    /// Whether the files on disk are the ones this key names.
    func matches(_ stamps: (snapshot: FileStamp, journal: FileStamp?)) -> Bool {
        snapshot == stamps.snapshot && journal == stamps.journal
    }
}
