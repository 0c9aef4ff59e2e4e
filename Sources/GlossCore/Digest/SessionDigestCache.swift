import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a coder's session digest is kept (`cache/<coder>.digest`) and when it may be used instead of the
/// session: only when it parses and its key names exactly the snapshot and journal on disk now (same inode,
/// size and time in ns). Anything else (no digest, a damaged or foreign one, a link in its place, a changed
/// file) and the session is read in full, by the same rule as always, with its warnings; the digest is then
/// written again, but only after a clean read (no warning) of files that did not change during the read, so a
/// fresh digest always stands for a journal without damage.
///
/// The cache is derived and never trusted over the files: it may be deleted at any time, and a project that
/// cannot be written (read-only, no `cache/` folder allowed) just reads in full every time.
public enum SessionDigestCache {
    public static func folder(projectRoot: URL) -> URL { projectRoot.appendingPathComponent("cache") }

    public static func url(projectRoot: URL, coder: String) -> URL {
        folder(projectRoot: projectRoot).appendingPathComponent("\(coder).digest")
    }

    /// How a digest was found (tests and benchmarks ask).
    public enum Source: Equatable, Sendable { case cache, fullRead }

    /// The digest of a coder's current session; `warn` hears the damage notes of a full read.
    public static func load(projectRoot: URL, coder: String, warn: (String) -> Void = { _ in }) throws -> SessionDigest {
        try loadReporting(projectRoot: projectRoot, coder: coder, warn: warn).digest
    }

    /// `load`, also saying whether the cache served it.
    public static func loadReporting(projectRoot: URL, coder: String, warn: (String) -> Void = { _ in }) throws
        -> (digest: SessionDigest, source: Source) {
        guard Names.isValidCoder(coder) else { throw GlossError("\(GlossError.quoted(coder)) is not a valid coder name") }
        let before = SessionDigestKey.stamps(projectRoot: projectRoot, coder: coder)
        if let before, let cached = cached(projectRoot: projectRoot, coder: coder), cached.key.matches(before),
           cached.digest.coder == coder {
            return (cached.digest, .cache)
        }
        let (session, notes) = try SessionStore.readWithNotes(projectRoot: projectRoot, coder: coder)
        notes.forEach(warn)
        let digest = SessionDigest(session)
        if notes.isEmpty, let before, let after = SessionDigestKey.stamps(projectRoot: projectRoot, coder: coder),
           before.snapshot == after.snapshot, before.journal == after.journal {
            let key = SessionDigestKey(snapshot: before.snapshot, journal: before.journal,
                                       journalID: session.journalID ?? "", journalSeq: session.journalSeq)
            try? write(digest, key: key, projectRoot: projectRoot)
        }
        return (digest, .fullRead)
    }

    /// The digest in the cache when it stands for the coder's files on disk now, else nil (no full read: the
    /// workbench, which holds the session already, counts it itself then).
    public static func fresh(projectRoot: URL, coder: String) -> SessionDigest? {
        guard Names.isValidCoder(coder), let stamps = SessionDigestKey.stamps(projectRoot: projectRoot, coder: coder),
              let cached = cached(projectRoot: projectRoot, coder: coder), cached.key.matches(stamps),
              cached.digest.coder == coder else { return nil }
        return cached.digest
    }

    /// The digest in the cache and its key, or nil when there is none that parses (never through a link).
    static func cached(projectRoot: URL, coder: String) -> (digest: SessionDigest, key: SessionDigestKey)? {
        let folder = folder(projectRoot: projectRoot)
        var info = stat()
        guard lstat(folder.path, &info) == 0, SecureFiles.isDirectory(info.st_mode),
              let data = try? SecureFiles.read(url(projectRoot: projectRoot, coder: coder)) else { return nil }
        return SessionDigestFile.decode(data)
    }

    /// Writes a digest atomically and owner-only, creating `cache/` (never through a link).
    static func write(_ digest: SessionDigest, key: SessionDigestKey, projectRoot: URL) throws {
        let folder = folder(projectRoot: projectRoot)
        try SecureFiles.makeDirectory(folder)
        try SecureFiles.writeAtomically(SessionDigestFile.encode(digest, key: key), to: url(projectRoot: projectRoot, coder: digest.coder))
    }

    /// Writes the digest of `session` when the caller knows it is exactly what the coder's files on disk hold
    /// (the workbench's store, holding the lock, right after writing the snapshot). Failures are ignored: the
    /// next reader builds the digest itself.
    static func refresh(_ session: Session, projectRoot: URL) {
        refresh(session, digest: SessionDigest(session), projectRoot: projectRoot)
    }

    /// As above, with the digest of `session` already made (`SessionStore.startNewHistory` makes it on another
    /// core while the snapshot is written).
    static func refresh(_ session: Session, digest: SessionDigest, projectRoot: URL) {
        guard let stamps = SessionDigestKey.stamps(projectRoot: projectRoot, coder: session.coder) else { return }
        let key = SessionDigestKey(snapshot: stamps.snapshot, journal: stamps.journal,
                                   journalID: session.journalID ?? "", journalSeq: session.journalSeq)
        try? write(digest, key: key, projectRoot: projectRoot)
    }
}

extension Project {
    /// What counting needs from a coder's session (see `SessionDigestCache`): from `cache/` when fresh, else
    /// from a full read, whose damage notes `warn` hears exactly as `readSession` would say them.
    /// A session that has not yet followed a merge or retirement of the codebook (its revision is older and the
    /// log maps codes since) is counted as it will be: read in full and migrated in memory, so no cached digest
    /// of the codings before the change is ever used for counting.
    public func readDigest(_ coder: String, warn: (String) -> Void = { _ in }) throws -> SessionDigest {
        let digest = try SessionDigestCache.load(projectRoot: root, coder: coder, warn: warn)
        guard digest.codebookRevision < codebook.revision,
              !CodeMigration.pending(try codebookChanges(), after: digest.codebookRevision, upTo: codebook.revision).isEmpty else { return digest }
        return SessionDigest(try readSession(coder))
    }
}
