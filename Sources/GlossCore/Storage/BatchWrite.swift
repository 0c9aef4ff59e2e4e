import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SecureFiles {
    /// A new file written to a hidden temporary beside its place, not yet flushed nor in place: see `stage`.
    public struct StagedFile: Sendable {
        public let temporary: String
        public let url: URL
    }

    /// Writes many new files atomically, as `writeAtomically` does one, but with one flush for all of them
    /// (`stage` each, then `commit`). Importing 10,000 transcripts with an `fsync` of file and folder each spent
    /// most of its time waiting for the disk.
    public static func writeAtomically(_ files: [(data: Data, url: URL)]) throws {
        var staged: [StagedFile] = []
        do {
            for file in files {
                staged.append(try file.data.withUnsafeBytes { try stage($0, for: file.url) })
            }
        } catch {
            discard(staged)
            throw error
        }
        try commit(staged)
    }

    /// Removes the hidden temporaries (`.<name>.tmp-<pid>-<random>`) in `folder` that a killed Gloss left
    /// behind: only regular files (never through a link), and only when process `<pid>` no longer runs, so a
    /// batch another Gloss is writing now is left alone. A staged transcript holds transcript text, which should
    /// not lie about hidden. Returns how many were removed.
    @discardableResult
    public static func removeAbandonedTemporaries(in folder: URL) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: ".tmp-", options: .backwards) else { continue }
            let parts = name[marker.upperBound...].split(separator: "-")
            guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, UInt32(parts[1]) != nil else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }  // that process still runs (or is not ours to ask)
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, isRegular(info.st_mode), unlink(path) == 0 else { continue }
            removed += 1
        }
        return removed
    }

    /// Writes `bytes` to a new hidden temporary in `url`'s folder (owner-only), to be put in place by `commit`
    /// or removed by `discard`: a batch can be written as it is produced, one file in memory at a time, and
    /// still be all-or-nothing. `modified` (nanoseconds) sets the file's modification time (see
    /// `Project.importTranscripts` for why). Safe to call from several threads at once.
    public static func stage(_ bytes: UnsafeRawBufferPointer, for url: URL, modified: Int64? = nil) throws -> StagedFile {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw posixError("cannot create a temporary file", temporary) }
        defer { close(fd) }
        do {
            try writeAll(fd: fd, bytes: bytes, path: temporary)
            fchmod(fd, fileMode)
            if let modified {
                var times = [timespec(tv_sec: 0, tv_nsec: utimeOmit),
                             timespec(tv_sec: Int(modified / 1_000_000_000), tv_nsec: Int(modified % 1_000_000_000))]
                guard futimens(fd, &times) == 0 else { throw posixError("cannot set the time of", temporary) }
            }
        } catch {
            unlink(temporary)
            throw error
        }
        return StagedFile(temporary: temporary, url: url)
    }

    /// Puts staged files in place: all are flushed to disk together (`syncfs` on Linux, else an `fsync`
    /// each), then each is renamed into place and each folder is flushed once. A crash leaves every file
    /// either absent or whole (a stray hidden temporary at worst, as one write does). After a failure the
    /// files not yet in place are removed.
    public static func commit(_ staged: [StagedFile]) throws {
        var renamed = 0
        defer { discard(Array(staged[renamed...])) }
        guard let first = staged.first else { return }
        if !flushFileSystem(containing: first.temporary) {
            for file in staged {
                let fd = open(file.temporary, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
                guard fd >= 0, fsync(fd) == 0 else { if fd >= 0 { close(fd) }; throw posixError("cannot flush", file.temporary) }
                close(fd)
            }
        }
        var directories = Set<String>()
        for file in staged {
            guard rename(file.temporary, file.url.path) == 0 else { throw posixError("cannot replace", file.url.path) }
            renamed += 1
            directories.insert(file.url.deletingLastPathComponent().path)
        }
        for directory in directories { syncDirectory(URL(fileURLWithPath: directory)) }
    }

    /// `UTIME_OMIT` (a C macro Swift does not import): leave that time as it is.
    #if os(Linux)
    private static let utimeOmit = (1 << 30) - 2
    #else
    private static let utimeOmit = -2
    #endif

    /// Removes staged files that will not be put in place.
    public static func discard(_ staged: [StagedFile]) {
        for file in staged { unlink(file.temporary) }
    }

    /// Flushes the whole file system that holds `path` (Linux `syncfs`), or returns false where there is none.
    private static func flushFileSystem(containing path: String) -> Bool {
        #if os(Linux)
        typealias SyncFS = @convention(c) (Int32) -> Int32
        guard let symbol = dlsym(nil, "syncfs") else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return unsafeBitCast(symbol, to: SyncFS.self)(fd) == 0
        #else
        return false
        #endif
    }
}
