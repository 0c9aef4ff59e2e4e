import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a session digest was derived from: the snapshot file, and the journal (nil: there was none) with the
/// id and last record the replay reached. Equal keys mean the same files, so the same session.
public struct SessionDigestKey: Equatable, Sendable {
    public var snapshot: FileKey
    public var journal: FileKey?
    public var journalID: String
    public var journalSeq: Int

    /// The stamps of a coder's files as they are now (id and seq left empty: only a read can tell them), or nil
    /// when the snapshot is missing or not a regular file, or the journal is there but not a regular file.
    static func stamps(projectRoot: URL, coder: String) -> (snapshot: FileKey, journal: FileKey?)? {
        let urls = SessionStore.urls(projectRoot: projectRoot, coder: coder)
        guard let snapshot = FileKey.of(urls.snapshot) else { return nil }
        let journal = FileKey.of(urls.journal)
        if journal == nil, SecureFiles.entryExists(urls.journal) { return nil }
        return (snapshot, journal)
    }

    /// Whether the files on disk are the ones this key names.
    func matches(_ stamps: (snapshot: FileKey, journal: FileKey?)) -> Bool {
        snapshot == stamps.snapshot && journal == stamps.journal
    }
}
