import Foundation

/// The JSON form of a session (`sessions/<coder>.json`); the schema is in `docs/session.schema.json`.
///
/// Codings are written in file order (chat, span, id) and chat statuses as an object with sorted keys,
/// so two versions of a session differ only where the work differs.
public enum SessionFile {
    /// The file's bytes, written by `SessionWriter` (no `JSONEncoder` tree).
    public static func encode(_ session: Session) throws -> Data {
        SessionWriter.data(of: session)
    }

    /// Replaces `url` atomically with the session file, streamed to disk a chunk at a time: what every full
    /// session write (checkpoint, close, a codings import, a saved round) uses, so its memory does not grow with
    /// the session.
    public static func write(_ session: Session, to url: URL) throws {
        try SecureFiles.writeAtomically(to: url) { fd, path in try SessionWriter.write(session, to: fd, path: path) }
    }

    /// The same bytes through `JSONEncoder`: the reference `SessionWriter` is tested against.
    static func encodeWithJSONEncoder(_ session: Session) throws -> Data {
        try JSONFormat.encode(Stored(session))
    }

    public static func decode(_ data: Data, file: String) throws -> Session {
        try decode(data, file: file, fast: true)
    }

    /// `fast: false` skips the fast reader (tests compare the two paths).
    static func decode(_ data: Data, file: String, fast: Bool) throws -> Session {
        // The fast reader handles well-formed files; anything else goes through JSONDecoder for its errors.
        let stored: Stored
        if fast, let quick = try FastSessionReader.read(data, file: file) {
            stored = quick  // its reader took `schema` only as a plain integer
        } else {
            stored = try JSONFormat.decode(Stored.self, from: data, file: file)
            try SchemaVersion.check(data, file: file, current: Session.schemaVersion, kind: "session")
        }
        try SchemaVersion.check(stored.schema, file: file, current: Session.schemaVersion, kind: "session")
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
        for (chat, values) in stored.attributes ?? [:] {
            for (variable, value) in values {
                if let problem = EnteredValue.problem(chat: chat, variable: variable, value: value) {
                    throw GlossError(file: file, place: "attributes.\(GlossError.quoted(chat)).\(GlossError.quoted(variable))", problem)
                }
                session.apply(.attribute(chat: chat, variable: variable, before: nil, after: .some(value)))
            }
        }
        for (chat, marks) in stored.seen ?? [:] {
            if let problem = Names.chatIDProblem(chat) { throw GlossError(file: file, place: "seen.\(GlossError.quoted(chat))", problem) }
            for (coder, mark) in marks {
                guard Names.isValidCoder(coder) else {
                    throw GlossError(file: file, place: "seen.\(GlossError.quoted(chat))", "\(GlossError.quoted(coder)) is not a valid coder name")
                }
                session.apply(.seen(chat: chat, coder: coder, before: nil, after: mark))
            }
        }
        try checkProposals(stored.proposedCodes, file: file)
        for code in stored.proposedCodes {
            session.apply(.proposal(id: code.id, before: nil, after: code))
        }
        return session
    }

    /// Proposed codes obey the codebook's limits: names of at most `Codebook.maxNameLength` code points and
    /// chains of proposals at most `Codebook.maxDepth` deep. (A cycle of proposals is tolerated, as analysis
    /// copes with it; only its length is bounded.)
    static func checkProposals(_ codes: [Code], file: String) throws {
        var byID: [CodeID: Code] = [:]
        for code in codes where byID[code.id] == nil { byID[code.id] = code }
        for (index, code) in codes.enumerated() {
            if code.name.unicodeScalars.count > Codebook.maxNameLength, let problem = Codebook.nameProblem(code.name) {
                throw GlossError(file: file, place: "proposed_codes[\(index)].name", problem)
            }
            var depth = 0
            var seen: Set<CodeID> = [code.id]
            var current = code.parent
            while let parent = current, let above = byID[parent], seen.insert(parent).inserted {
                depth += 1
                if depth > Codebook.maxDepth {
                    throw GlossError(file: file, place: "proposed_codes[\(index)].parent",
                                     "the proposed code is more than \(Codebook.maxDepth) levels below other proposals")
                }
                current = above.parent
            }
        }
    }

    /// The keys a session file may have at each level. Anything else is refused (by both readers) rather
    /// than read and then silently dropped at the next checkpoint: a file from a newer Gloss, or edited by
    /// hand, keeps what it says until a person decides.
    enum Keys {
        static let session: Set<String> = ["schema", "coder", "codebook_revision", "journal", "chats", "codings", "proposed_codes", "attributes", "seen"]
        static let journal: Set<String> = ["id", "seq"]
        static let coding: Set<String> = ["id", "chat", "from", "to", "codes", "relation", "memo", "text", "coder", "created", "modified"]
        static let position: Set<String> = ["message", "offset"]
        static let code: Set<String> = ["id", "name", "parent", "operationalisation", "example", "rules", "color"]
    }

    static let unknownKeyMessage = "unknown key; this Gloss does not know it (is the file from a newer Gloss?) and would drop it when saving, so it refuses the file"

    static func unknownKeyError(file: String, place: String) -> GlossError {
        GlossError(file: file, place: place, unknownKeyMessage)
    }

    /// Thrown (as a `DecodingError`, so `JSONFormat` names the path) when an object has a key not in `known`.
    static func refuseUnknownKeys(_ decoder: Decoder, known: Set<String>, message: String = unknownKeyMessage) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath + [AnyCodingKey(stringValue: unknown)], debugDescription: message))
        }
    }

    /// A coding or code read through `JSONDecoder`, with its keys (and its positions' keys) checked first.
    struct Checked<Value: Decodable>: Decodable {
        var value: Value
        init(from decoder: Decoder) throws {
            if Value.self == Coding.self {
                try SessionFile.refuseUnknownKeys(decoder, known: Keys.coding)
                let c = try decoder.container(keyedBy: AnyCodingKey.self)
                for key in ["from", "to"].map(AnyCodingKey.init(stringValue:)) where c.contains(key) {
                    if (try? c.decodeNil(forKey: key)) == false {
                        try SessionFile.refuseUnknownKeys(try c.superDecoder(forKey: key), known: Keys.position)
                    }
                }
            } else {
                try SessionFile.refuseUnknownKeys(decoder, known: Keys.code)
            }
            value = try Value(from: decoder)
        }
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
        /// Case attribute values the coder entered (absent when none: older files stay byte for byte the same).
        var attributes: [String: [String: String?]]?
        /// When the coder saw another coder's codings of a chat (absent when never: older files stay the same).
        var seen: [String: [String: SeenMark]]?

        enum CodingKeys: String, CodingKey {
            case schema, coder, journal, chats, codings, attributes, seen
            case codebookRevision = "codebook_revision"
            case proposedCodes = "proposed_codes"
        }

        init(schema: Int, coder: String, codebookRevision: Int, journal: JournalMark?, chats: [String: ChatStatus],
             codings: [Coding], proposedCodes: [Code], attributes: [String: [String: String?]]? = nil, seen: [String: [String: SeenMark]]? = nil) {
            self.schema = schema; self.coder = coder; self.codebookRevision = codebookRevision; self.journal = journal
            self.chats = chats; self.codings = codings; self.proposedCodes = proposedCodes; self.attributes = attributes
            self.seen = seen
        }

        init(_ session: Session) {
            schema = Session.schemaVersion
            coder = session.coder
            codebookRevision = session.codebookRevision
            journal = session.journalID.map { JournalMark(id: $0, seq: session.journalSeq) }
            chats = session.chatStatuses
            codings = session.orderedCodings
            proposedCodes = session.proposedCodes.values.sorted { $0.id < $1.id }
            attributes = session.attributes.isEmpty ? nil : session.attributes
            seen = session.seen.isEmpty ? nil : session.seen
        }

        init(from decoder: Decoder) throws {
            try SessionFile.refuseUnknownKeys(decoder, known: Keys.session)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            schema = try c.decode(Int.self, forKey: .schema)
            coder = try c.decode(String.self, forKey: .coder)
            codebookRevision = try c.decodeIfPresent(Int.self, forKey: .codebookRevision) ?? 1
            if c.contains(.journal), try !c.decodeNil(forKey: .journal) {
                try SessionFile.refuseUnknownKeys(try c.superDecoder(forKey: .journal), known: Keys.journal)
            }
            journal = try c.decodeIfPresent(JournalMark.self, forKey: .journal)
            chats = try c.decodeIfPresent([String: ChatStatus].self, forKey: .chats) ?? [:]
            codings = try c.decodeIfPresent([Checked<Coding>].self, forKey: .codings)?.map(\.value) ?? []
            proposedCodes = try c.decodeIfPresent([Checked<Code>].self, forKey: .proposedCodes)?.map(\.value) ?? []
            attributes = try c.decodeIfPresent([String: [String: String?]].self, forKey: .attributes)
            seen = try c.decodeIfPresent([String: [String: SeenMark]].self, forKey: .seen)
        }
    }
}
