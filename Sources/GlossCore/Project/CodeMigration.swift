import Foundation

/// How a session follows the shared codebook: the codebook changes that map codes (a merge A → B, a retirement
/// A → B or A dropped) are replayed from the change log onto every session, as ordinary `SessionChange`s.
///
/// A session records the codebook revision its codings were last brought to (`Session.codebookRevision`). A
/// writer (`SessionStore`) whose session is below the codebook's revision journals the pending changes as one
/// record (kind `migrate`) that also carries the new revision, so a crash leaves the session before or after,
/// never between. Readers apply the same changes in memory (`Project.readSession`, `readDigest`), so figures are
/// right before a session was opened again. Frozen rounds are never migrated: they keep their own codebook.
public enum CodeMigration {
    /// The changes that count, oldest first: changes to the codebook itself (not figures or groups, which keep
    /// the revision), at most `revision`, and for each revision only the last one logged. The log is written
    /// before the codebook, so a crash between the two leaves a logged change that never happened, and the
    /// next change, made on the unchanged codebook, takes the same revision number: it is the one that counts.
    public static func effective(_ log: [CodebookChange], upTo revision: Int) -> [CodebookChange] {
        var byRevision: [Int: CodebookChange] = [:]
        for change in log where change.changesCodebook && change.revision <= revision { byRevision[change.revision] = change }
        return byRevision.keys.sorted().map { byRevision[$0]! }
    }

    /// The code mappings a session at revision `mark` still has to follow to reach `revision`, in order.
    public static func pending(_ log: [CodebookChange], after mark: Int, upTo revision: Int) -> [CodeMapping] {
        effective(log, upTo: revision).filter { $0.revision > mark }.flatMap { $0.mapping ?? [] }
    }

    /// What `id` has become after `mappings` (in order): itself, another code, or nil (dropped).
    public static func follow(_ id: CodeID, through mappings: [CodeMapping]) -> CodeID? {
        var current: CodeID? = id
        for mapping in mappings where current == mapping.from { current = mapping.to }
        return current
    }

    /// The session changes that bring `session` through `mappings`, in order: each coding that uses a mapped
    /// code gets the target instead (a code it already has is not repeated; a quote left with no code is
    /// removed), a quote whose span another quote of the chat already has is folded into that one (one quote
    /// keeps both codes, memo and relation), and proposed codes under a mapped code move to its `parent`.
    /// Codings keep their id, times and text, so replaying the log gives the same result every time.
    public static func changes(for session: Session, mappings: [CodeMapping]) -> [SessionChange] {
        guard !mappings.isEmpty else { return [] }
        var working = session
        var all: [SessionChange] = []
        func apply(_ change: SessionChange) {
            working.apply(change)
            all.append(change)
        }
        for mapping in mappings {
            for chat in working.chatsWithCodings {
                for coding in working.codings(in: chat) where coding.codes.contains(mapping.from) {
                    guard let current = working.coding(coding.id) else { continue }
                    var codes: [CodeID] = []
                    for code in current.codes {
                        let mapped = code == mapping.from ? mapping.to : code
                        if let mapped, !codes.contains(mapped) { codes.append(mapped) }
                    }
                    if codes.isEmpty {
                        apply(.coding(id: current.id, before: current, after: nil))
                        continue
                    }
                    if let other = working.codings(in: chat).first(where: { $0.id != current.id && $0.span == current.span }) {
                        var kept = other
                        for code in codes where !kept.codes.contains(code) { kept.codes.append(code) }
                        kept.relation = kept.relation ?? current.relation
                        kept.memo = joined(kept.memo, current.memo)
                        apply(.coding(id: current.id, before: current, after: nil))
                        if kept != other { apply(.coding(id: other.id, before: other, after: kept)) }
                        continue
                    }
                    var updated = current
                    updated.codes = codes
                    apply(.coding(id: current.id, before: current, after: updated))
                }
            }
            for (id, proposal) in working.proposedCodes.sorted(by: { $0.key < $1.key }) where proposal.parent == mapping.from {
                var moved = proposal
                moved.parent = mapping.to ?? mapping.parent
                apply(.proposal(id: id, before: proposal, after: moved))
            }
        }
        return all
    }

    private static func joined(_ a: String?, _ b: String?) -> String? {
        switch (a, b) {
        case (nil, let b): return b
        case (let a, nil): return a
        case (let a?, let b?): return a == b ? a : a + "\n\n" + b
        }
    }

    /// The change log of the project at `projectRoot` (see `Project.codebookChanges`).
    static func log(projectRoot: URL, warn: (String) -> Void = { _ in }) throws -> [CodebookChange] {
        let url = projectRoot.appendingPathComponent("codebook-changes.jsonl")
        guard SecureFiles.entryExists(url) else { return [] }  // a dangling link is refused, not skipped
        let scan = try ChecksummedLog.read(url, rules: .merged)
        scan.notes.forEach(warn)
        return try scan.records.map {
            try JSONFormat.decode(CodebookChange.self, from: Data($0.json.utf8), file: "\(url.path): line \($0.line)")
        }
    }

    /// `session` brought to `revision` in memory (nothing written): what a reader counts.
    static func followed(_ session: Session, to revision: Int, projectRoot: URL) throws -> Session {
        guard session.codebookRevision < revision else { return session }
        let mappings = pending(try log(projectRoot: projectRoot), after: session.codebookRevision, upTo: revision)
        var result = session
        result.apply(changes(for: session, mappings: mappings))
        result.codebookRevision = revision
        return result
    }
}
