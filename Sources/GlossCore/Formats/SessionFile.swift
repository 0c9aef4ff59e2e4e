import Foundation

/// The JSON form of a session (`sessions/<coder>.json`); the schema is in `docs/session.schema.json`.
///
/// Codings are written in file order (chat, span, id) and chat statuses as an object with sorted keys,
/// so two versions of a session differ only where the work differs.
public enum SessionFile {
    public static func encode(_ session: Session) throws -> Data {
        try JSONFormat.encode(Stored(session))
    }

    public static func decode(_ data: Data, file: String) throws -> Session {
        try decode(data, file: file, fast: true)
    }

    /// `fast: false` skips the fast reader (tests compare the two paths).
    static func decode(_ data: Data, file: String, fast: Bool) throws -> Session {
        // The fast reader handles well-formed files; anything else goes through JSONDecoder for its errors.
        let stored = try (fast ? FastSessionReader.read(data) : nil) ?? JSONFormat.decode(Stored.self, from: data, file: file)
        guard stored.schema <= Session.schemaVersion else {
            throw GlossError(file: file, place: "schema", "this session was written by a newer Gloss (schema \(stored.schema); this build reads up to \(Session.schemaVersion))")
        }
        guard Names.isValidCoder(stored.coder) else {
            throw GlossError(file: file, place: "coder", "\(GlossError.quoted(stored.coder)) is not a valid coder name (letters, digits, '-', '_', '.')")
        }
        var session = Session(coder: stored.coder, codebookRevision: stored.codebookRevision)
        session.journalID = stored.journal?.id
        session.journalSeq = stored.journal?.seq ?? 0
        var seen = Set<CodingID>()
        for (index, coding) in stored.codings.enumerated() {
            guard seen.insert(coding.id).inserted else {
                throw GlossError(file: file, place: "codings[\(index)].id", "the coding id \(coding.id) is used twice")
            }
            session.apply(.coding(id: coding.id, before: nil, after: coding))
        }
        for (chat, status) in stored.chats {
            session.apply(.status(chat: chat, before: .notStarted, after: status))
        }
        for code in stored.proposedCodes {
            session.apply(.proposal(id: code.id, before: nil, after: code))
        }
        return session
    }

    struct JournalMark: Codable {
        var id: String
        var seq: Int
    }

    struct Stored: Codable {
        var schema: Int
        var coder: String
        var codebookRevision: Int
        var journal: JournalMark?
        var chats: [String: ChatStatus]
        var codings: [Coding]
        var proposedCodes: [Code]

        enum CodingKeys: String, CodingKey {
            case schema, coder, journal, chats, codings
            case codebookRevision = "codebook_revision"
            case proposedCodes = "proposed_codes"
        }

        init(schema: Int, coder: String, codebookRevision: Int, journal: JournalMark?, chats: [String: ChatStatus],
             codings: [Coding], proposedCodes: [Code]) {
            self.schema = schema; self.coder = coder; self.codebookRevision = codebookRevision; self.journal = journal
            self.chats = chats; self.codings = codings; self.proposedCodes = proposedCodes
        }

        init(_ session: Session) {
            schema = Session.schemaVersion
            coder = session.coder
            codebookRevision = session.codebookRevision
            journal = session.journalID.map { JournalMark(id: $0, seq: session.journalSeq) }
            chats = session.chatStatuses
            codings = session.orderedCodings
            proposedCodes = session.proposedCodes.values.sorted { $0.id < $1.id }
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            schema = try c.decode(Int.self, forKey: .schema)
            coder = try c.decode(String.self, forKey: .coder)
            codebookRevision = try c.decodeIfPresent(Int.self, forKey: .codebookRevision) ?? 1
            journal = try c.decodeIfPresent(JournalMark.self, forKey: .journal)
            chats = try c.decodeIfPresent([String: ChatStatus].self, forKey: .chats) ?? [:]
            codings = try c.decodeIfPresent([Coding].self, forKey: .codings) ?? []
            proposedCodes = try c.decodeIfPresent([Code].self, forKey: .proposedCodes) ?? []
        }
    }
}
