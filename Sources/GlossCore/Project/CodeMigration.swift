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

    /// Every code mapping of the changes that count, up to `revision`, in order.
    public static func mappings(in log: [CodebookChange], upTo revision: Int) -> [CodeMapping] {
        effective(log, upTo: revision).flatMap { $0.mapping ?? [] }
    }

    /// The code mappings a session at revision `mark` still has to follow to reach `revision`, in order.
    public static func pending(_ log: [CodebookChange], after mark: Int, upTo revision: Int) -> [CodeMapping] {
        effective(log, upTo: revision).filter { $0.revision > mark }.flatMap { $0.mapping ?? [] }
    }

    /// What each code is now, for things that name codes outside a session (figures, groups, review decisions):
    /// a code the codebook still has stays itself; one it lost is what `mappings` made of it (another code, or
    /// nil: dropped). The table is composed once, so each lookup costs nothing however long the log.
    public static func current(in codebook: Codebook, through mappings: [CodeMapping]) -> (CodeID) -> CodeID? {
        let table = composed(mappings)
        return { id in codebook.contains(id) ? id : table[id].map { $0 } ?? id }
    }

    /// `mappings` (in order) as one table: each code a mapping touches → what it has become (another code, or nil:
    /// dropped). Built in one pass over the mappings (each code's current holders kept), so the work is linear in
    /// the log however long a hostile log makes it, and the session is then walked once, not once per mapping.
    public static func composed(_ mappings: [CodeMapping]) -> [CodeID: CodeID?] {
        var result: [CodeID: CodeID?] = [:]
        var holders: [CodeID: [CodeID]] = [:]  // current code → the original codes that have become it
        for mapping in mappings {
            var moved = holders.removeValue(forKey: mapping.from) ?? []
            if result[mapping.from] == nil { moved.append(mapping.from) }  // the code itself, not yet mapped
            for original in moved { result[original] = .some(mapping.to) }
            if let to = mapping.to { holders[to, default: []] += moved }
        }
        return result
    }

    /// Refuses mappings that lead to a code `codebook` does not have: a change log damaged, mis-merged from two
    /// machines or written by hand must not rewrite every coder's codings to a code no figure counts.
    public static func checkTargets(_ mappings: [CodeMapping], in codebook: Codebook, log file: String) throws {
        for (original, target) in composed(mappings).sorted(by: { $0.key < $1.key }) {
            guard let target, !codebook.contains(target) else { continue }
            throw GlossError(file: file, "a code mapping takes \(GlossError.quoted(original.rawValue)) to \(GlossError.quoted(target.rawValue)), "
                             + "which the codebook does not have; no session follows it (is the log from another machine? see gloss codebook log)")
        }
    }

    /// The session changes that bring `session` through `mappings`: each coding that uses a mapped code gets
    /// what the code has become (a code it already has is not repeated; a quote left with no code is removed).
    /// A changed quote whose span another quote of the chat has, and which now shares a code with it, is folded
    /// into that other one ("a quote that had both keeps one": codes joined, memos joined) unless their relations
    /// differ. Proposed codes under a mapped code move to its target (or the mapping's `parent`). A seen mark
    /// that matched the chat's codings before is stamped again with the codings after, so following the codebook
    /// never reads as recoding. Codings keep their id, times and text, so replaying the log gives the same result.
    public static func changes(for session: Session, mappings: [CodeMapping]) -> [SessionChange] {
        guard !mappings.isEmpty else { return [] }
        let table = composed(mappings)
        let parents = Dictionary(mappings.map { ($0.from, $0.parent) }, uniquingKeysWith: { _, last in last })
        var all: [SessionChange] = []
        for chat in session.chatsWithCodings {
            let before = session.codings(in: chat)
            guard before.contains(where: { $0.codes.contains { table[$0] != nil } }) else { continue }
            var after = before
            var changed = Set<Int>()
            for index in after.indices where after[index].codes.contains(where: { table[$0] != nil }) {
                var codes: [CodeID] = []
                for code in after[index].codes {
                    let mapped = table[code].map { $0 } ?? code
                    if let mapped, !codes.contains(mapped) { codes.append(mapped) }
                }
                after[index].codes = codes
                changed.insert(index)
            }
            var removed = Set<Int>()
            for index in after.indices where changed.contains(index) && !after[index].codes.isEmpty {
                guard !removed.contains(index) else { continue }
                guard let other = after.indices.first(where: { $0 != index && !removed.contains($0) && after[$0].span == after[index].span
                    && !Set(after[$0].codes).isDisjoint(with: after[index].codes)
                    && (after[$0].relation == nil || after[index].relation == nil || after[$0].relation == after[index].relation)
                    && !after[$0].codes.isEmpty }) else { continue }
                // The quote that was there already keeps (with the codes, relation and memo of both).
                let (keep, drop) = (other, index)
                for code in after[drop].codes where !after[keep].codes.contains(code) { after[keep].codes.append(code) }
                after[keep].relation = after[keep].relation ?? after[drop].relation
                after[keep].memo = joined(after[keep].memo, after[drop].memo)
                changed.insert(keep)
                removed.insert(drop)
            }
            for index in after.indices where changed.contains(index) || removed.contains(index) {
                let gone = removed.contains(index) || after[index].codes.isEmpty
                let new: Coding? = gone ? nil : after[index]
                if new != before[index] { all.append(.coding(id: before[index].id, before: before[index], after: new)) }
            }
            if let marks = session.seen[chat] {
                let old = SeenMark.fingerprint(of: before)
                let new = SeenMark.fingerprint(of: after.indices.filter { !removed.contains($0) && !after[$0].codes.isEmpty }.map { after[$0] })
                for (other, mark) in marks.sorted(by: { $0.key < $1.key }) where mark.fingerprint == old && old != new {
                    var stamped = mark
                    stamped.fingerprint = new
                    all.append(.seen(chat: chat, coder: other, before: mark, after: stamped))
                }
            }
        }
        for (id, proposal) in session.proposedCodes.sorted(by: { $0.key < $1.key }) {
            guard let parent = proposal.parent, let target = table[parent] else { continue }
            var moved = proposal
            moved.parent = target ?? parents[parent] ?? nil
            // A dropped code's parent may itself have been mapped since: follow it too.
            if let up = moved.parent, let further = table[up] { moved.parent = further ?? nil }
            if moved != proposal { all.append(.proposal(id: id, before: proposal, after: moved)) }
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
    static func followed(_ session: Session, to revision: Int, projectRoot: URL, codebook: Codebook? = nil) throws -> Session {
        guard session.codebookRevision < revision else { return session }
        let mappings = pending(try log(projectRoot: projectRoot), after: session.codebookRevision, upTo: revision)
        if let codebook { try checkTargets(mappings, in: codebook, log: projectRoot.appendingPathComponent("codebook-changes.jsonl").path) }
        var result = session
        result.apply(changes(for: session, mappings: mappings))
        result.codebookRevision = revision
        return result
    }
}
