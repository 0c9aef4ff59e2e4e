import Foundation

/// Snapshot + journal → session: the one replay rule, used by both `SessionStore.init` (which then acts on
/// `journal`) and the lock-free `SessionStore.read` (which changes nothing), so a report reads exactly what the
/// workbench would open.
///
/// Records after the snapshot's mark are applied; records at or below it are history only, so damage among
/// them costs undo history, never data. Damage after the mark keeps every intact record before it and says
/// which lines and records were dropped.
struct SessionReplay {
    /// What the store must do with the journal file on open.
    enum JournalFate {
        /// There is no journal: start one.
        case none
        /// Use it (after repair, when the scan found damage).
        case use(Journal.Contents)
        /// It cannot serve this snapshot: keep it aside under this reason ("orphaned", "broken", "damaged").
        case setAside(reason: String)
    }

    var session: Session
    /// Damage found, for the user (the read path prints these as warnings).
    var damage: [String] = []
    /// What open adds about the journal's fate (set aside, rebuilt), not a problem for a reader.
    var openNotes: [String] = []
    var journal: JournalFate = .none
    /// Records applied on top of the snapshot.
    var applied = 0

    /// `snapshot` nil: there is no session file (open rebuilds it from the journal).
    static func replay(snapshot: Session?, newSession: Session, journalURL: URL) throws -> SessionReplay {
        var replay = SessionReplay(session: snapshot ?? newSession)
        guard SecureFiles.entryExists(journalURL) else { return replay }
        let mark = snapshot?.journalSeq ?? 0
        let contents: Journal.Contents
        do {
            contents = try Journal.inspect(at: journalURL, mark: mark)
        } catch let noHeader as Journal.NoHeader {
            if noHeader.hasRecords {
                replay.damage.append("\(noHeader.description); the session file is used as it is")
                replay.journal = .setAside(reason: "damaged")
            } else {
                replay.openNotes.append("\(journalURL.path): had no complete header (no action in it)")
                replay.journal = .setAside(reason: "broken")
            }
            return replay
        }
        let scan = contents.scan
        if let snapshot {
            // A journal of another snapshot (say, from git), or one that no longer reaches the mark (an older copy
            // put back, or a snapshot older than the journal's compaction), cannot be replayed onto it.
            let reachesMark = scan.base <= mark && (scan.lastSeq >= mark || !scan.isIntact)
            guard contents.id == snapshot.journalID, reachesMark else {
                replay.openNotes.append("\(journalURL.path): belongs to another version of the session file")
                replay.journal = .setAside(reason: "orphaned")
                return replay
            }
        }
        replay.damage = scan.notes
        if scan.damageBeforeMark != nil {
            replay.damage.append("\(journalURL.path): the session file holds every action up to record \(mark); undo history before this point is lost")
        }
        var session = replay.session
        for record in scan.records where record.seq > mark {
            var decoded = try JSONFormat.decode(JournalRecord.self, from: Data(record.json.utf8), file: "\(journalURL.path): line \(record.line)")
            decoded.seq = record.seq
            session.apply(decoded.changes)
            if let revision = decoded.revision { session.codebookRevision = revision }
            replay.applied += 1
        }
        session.journalID = contents.id
        session.journalSeq = max(scan.lastSeq, mark)
        replay.session = session
        replay.journal = .use(contents)
        return replay
    }
}
