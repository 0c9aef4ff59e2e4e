import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a coder's session image is kept (`cache/<coder>.session`) and when it may stand for the snapshot
/// `sessions/<coder>.json`: only when it parses, names this coder, and its key names exactly the snapshot on
/// disk now (same device, inode, size and times in ns). A snapshot modified within 2 s of the image's writing
/// (git's "racily clean" rule, `FileKey.isRacy`) is trusted only after its bytes are checked against the
/// CRC-32 the image recorded (read in pieces, so little memory). Anything else (no image, a damaged, foreign
/// or older one, a link in its place, an edited snapshot) and the JSON is parsed as always; the image is then
/// written again. The journal is never in the image: it is replayed on top exactly as over the JSON.
///
/// The cache is derived and never trusted over the files: it may be deleted at any time, and a project that
/// cannot be written just parses the JSON every time. No failure here is ever an error.
public enum SessionImageCache {
    public static func url(projectRoot: URL, coder: String) -> URL {
        SessionDigestCache.folder(projectRoot: projectRoot).appendingPathComponent("\(coder).session")
    }

    /// How a snapshot was read (tests and benchmarks ask).
    public enum Source: Equatable, Sendable { case image, json }

    /// The session in `snapshotURL` (the file `SessionStore` reads): from the image when fresh, else parsed
    /// from the JSON (its errors thrown as always), after which a new image is written.
    static func readSnapshot(_ snapshotURL: URL, coder: String) throws -> (session: Session, source: Source) {
        let projectRoot = snapshotURL.deletingLastPathComponent().deletingLastPathComponent()
        if let session = fresh(snapshotURL, projectRoot: projectRoot, coder: coder) { return (session, .image) }
        // The time before the read: a snapshot rewritten within 2 s of it is not trusted without its CRC (taken
        // after a parse of seconds, the margin would already be spent).
        let before = FileKey.now()
        let (session, key, crc) = try { () throws -> (Session, FileKey, UInt32) in
            let (data, key) = try SecureFiles.readWithKey(snapshotURL)
            return (try SessionFile.decode(data, file: snapshotURL.path), key, CRC32.checksum(data))
        }()  // the JSON's bytes are let go before the image is made
        // Only when the file did not move while it was read: the image must be of exactly these bytes.
        if FileKey.of(snapshotURL) == key {
            write(session, key: SessionImage.Key(snapshot: key, written: before, snapshotCRC: crc), projectRoot: projectRoot)
        }
        return (session, .json)
    }

    /// The image's session when it stands for the snapshot on disk now, else nil. The session keeps the image
    /// mapped and decodes its chats from it when asked.
    static func fresh(_ snapshotURL: URL, projectRoot: URL, coder: String) -> Session? {
        guard let onDisk = FileKey.of(snapshotURL), cacheFolderIsReal(projectRoot: projectRoot),
              let bytes = mappedImage(url(projectRoot: projectRoot, coder: coder)),
              let key = SessionImage.key(bytes.buffer), key.snapshot == onDisk else { return nil }
        if onDisk.isRacy(comparedWith: key.written) {
            guard let crc = checksum(of: snapshotURL), crc.key == onDisk, crc.value == key.snapshotCRC else { return nil }
        }
        guard let (session, _) = SessionImage.decode(bytes), session.coder == coder else { return nil }
        return session
    }

    /// The image mapped read-only (opened without following a link, only a regular file of at most
    /// `SessionImage.maximumSize`), or nil.
    private static func mappedImage(_ url: URL) -> ImageBytes? {
        guard let fd = try? SecureFiles.openExisting(url, O_RDONLY, followingLink: false) else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, SecureFiles.isRegular(info.st_mode), info.st_size > 0,
              let size = Int(exactly: info.st_size), size <= SessionImage.maximumSize else { return nil }
        return ImageBytes(mapping: fd, size: size)
    }

    /// Settles an image that is "racily clean": one written within 2 s of its snapshot (as every image written
    /// at a checkpoint or close is), which every open must check against the snapshot's CRC-32 (a tenth of a
    /// second at 200,000 codings). Once the snapshot is older than that margin (`now`, taken before its bytes
    /// are checked again) and still has the CRC the image recorded, the same image is written under a key
    /// with that later time, so later opens trust it by its key alone. Anything else changes nothing. Called at
    /// a quiet moment by the writer of the session (holding its lock); returns whether it wrote.
    @discardableResult
    public static func settle(projectRoot: URL, coder: String, now: Int64 = FileKey.now()) -> Bool {
        let snapshotURL = SessionStore.urls(projectRoot: projectRoot, coder: coder).snapshot
        guard let onDisk = FileKey.of(snapshotURL), cacheFolderIsReal(projectRoot: projectRoot),
              !onDisk.isRacy(comparedWith: now) else { return false }
        let data: Data? = mappedImage(url(projectRoot: projectRoot, coder: coder)).flatMap { image -> Data? in
            let bytes = image.buffer
            guard let key = SessionImage.key(bytes), key.snapshot == onDisk, onDisk.isRacy(comparedWith: key.written),
                  let crc = checksum(of: snapshotURL), crc.key == onDisk, crc.value == key.snapshotCRC else { return nil }
            return SessionImage.rekeyed(bytes, key: SessionImage.Key(snapshot: onDisk, written: now, snapshotCRC: crc.value))
        }
        guard let data else { return false }
        return (try? SecureFiles.writeAtomically(data, to: url(projectRoot: projectRoot, coder: coder))) != nil
    }

    /// Writes the image of `session`, which the caller has just written to `snapshotURL` (`SessionStore`'s
    /// snapshot write, holding the lock): keyed to the file as it is now and to the CRC-32 of its bytes. A
    /// failure is ignored: the next open parses the JSON and writes the image itself.
    static func refresh(_ session: Session, snapshotURL: URL) {
        guard let crc = checksum(of: snapshotURL) else { return }
        write(session, key: SessionImage.Key(snapshot: crc.key, written: FileKey.now(), snapshotCRC: crc.value),
              projectRoot: snapshotURL.deletingLastPathComponent().deletingLastPathComponent())
    }

    /// Whether `cache/` is a real folder (not a link, which is never followed).
    private static func cacheFolderIsReal(projectRoot: URL) -> Bool {
        var info = stat()
        return lstat(SessionDigestCache.folder(projectRoot: projectRoot).path, &info) == 0 && SecureFiles.isDirectory(info.st_mode)
    }

    private static func write(_ session: Session, key: SessionImage.Key, projectRoot: URL) {
        // Never into a `cache/` that is a link (or anything but a folder): then there is no image.
        guard (try? SecureFiles.makeDirectory(SessionDigestCache.folder(projectRoot: projectRoot))) != nil else { return }
        struct NoImage: Error {}
        try? SecureFiles.writeAtomically(to: url(projectRoot: projectRoot, coder: session.coder)) { fd, path in
            guard try SessionImage.write(session, key: key, to: fd, path: path) else { throw NoImage() }
        }
    }

    /// The CRC-32 of a file's bytes and the key of the file read (never through a link), read a megabyte at a
    /// time; nil when it cannot be read.
    static func checksum(of url: URL) -> (value: UInt32, key: FileKey)? {
        guard let fd = try? SecureFiles.openExisting(url, O_RDONLY, followingLink: false) else { return nil }
        defer { close(fd) }
        guard let key = FileKey.of(descriptor: fd) else { return nil }
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var crc: UInt32 = 0
        while true {
            let n = read(fd, buffer.baseAddress, size)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            crc = CRC32.checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), continuing: crc)
        }
        return (crc, key)
    }
}
