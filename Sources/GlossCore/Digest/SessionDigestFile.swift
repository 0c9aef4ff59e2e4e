import Foundation

/// The binary form of a session digest (`cache/<coder>.digest`, `docs/formats.md`):
///
///     "GLOSSDIG"  version (UInt32 LE)  body length (UInt64 LE)  CRC-32 of the body (UInt32 LE)  body
///
/// The body holds the key (what the digest was derived from), then the session's counting data as varints
/// (LEB128; signed values zigzag) and length-prefixed UTF-8 strings: coder, codebook revision, proposed codes,
/// a table of chats (each with its status), a table of codes, the codings in file order, each as the step
/// from the previous coding's chat, the span's four numbers, and indexes into the code table, then the case
/// attribute values the coder entered (per chat, per variable: a value or "marked unknown").
///
/// Reading never trusts the file: a wrong magic or version, a length or checksum that does not match, any
/// value out of range or bytes left over gives nil, and the caller reads the session itself.
public enum SessionDigestFile {
    static let magic = Data("GLOSSDIG".utf8)
    public static let version: UInt32 = 4
    static let headerSize = 8 + 4 + 8 + 4

    public static func encode(_ digest: SessionDigest, key: SessionDigestKey) -> Data {
        var body = BinaryWriter()
        body.fileKey(key.snapshot)
        if let journal = key.journal { body.byte(1); body.fileKey(journal) } else { body.byte(0) }
        body.string(key.journalID)
        body.signed(key.journalSeq)
        body.string(digest.coder)
        body.signed(digest.codebookRevision)
        let proposed = digest.proposedCodes.values.sorted { $0.id < $1.id }
        body.varint(proposed.count)
        for code in proposed {
            body.string(code.id.rawValue)
            body.string(code.name)
            if let parent = code.parent { body.byte(1); body.string(parent.rawValue) } else { body.byte(0) }
            body.string(code.operationalisation)
            body.string(code.example)
            body.varint(code.rules.count)
            for rule in code.rules { body.string(rule) }
            body.string(code.color)
        }
        body.varint(digest.chats.count)
        for (chat, status) in zip(digest.chats, digest.statuses) {
            body.string(chat)
            body.byte(statusCode(status))
        }
        body.varint(digest.codes.count)
        for code in digest.codes { body.string(code.rawValue) }
        body.varint(digest.codings.count)
        var previousChat: Int32 = 0
        for (i, entry) in digest.codings.enumerated() {
            body.varint(Int(entry.chat - previousChat))
            previousChat = entry.chat
            body.signed(entry.span.from.message)
            body.signed(entry.span.from.offset)
            body.signed(entry.span.to.message)
            body.signed(entry.span.to.offset)
            let codes = digest.codeIndexes(ofCoding: i)
            body.varint(codes.count)
            for code in codes { body.varint(Int(code)) }
        }
        body.enteredAttributes(digest.attributes)  // after the codings
        body.seenMarks(digest.seen)
        var data = magic
        var header = BinaryWriter()
        header.fixed32(version)
        header.fixed64(Int64(body.bytes.count))
        header.fixed32(checksum(body.bytes))
        data.append(contentsOf: header.bytes)
        data.append(contentsOf: body.bytes)
        return data
    }

    /// The digest and its key, or nil when `data` is not a sound digest of this version.
    public static func decode(_ data: Data) -> (digest: SessionDigest, key: SessionDigestKey)? {
        data.withUnsafeBytes { bytes -> (SessionDigest, SessionDigestKey)? in
            guard bytes.count >= headerSize, magic.elementsEqual(bytes[0..<8]) else { return nil }
            var header = BinaryReader(bytes, from: 8)
            guard let version = header.fixed32(), version == Self.version,
                  let length = header.fixed64(), length == Int64(bytes.count - headerSize),
                  let crc = header.fixed32() else { return nil }
            guard checksum(UnsafeRawBufferPointer(rebasing: bytes[headerSize...])) == crc else { return nil }
            var reader = BinaryReader(bytes, from: headerSize)
            return readBody(&reader)
        }
    }

    private static func readBody(_ r: inout BinaryReader) -> (SessionDigest, SessionDigestKey)? {
        guard let snapshot = r.fileKey(), let hasJournal = r.byte(), hasJournal <= 1 else { return nil }
        var journal: FileKey?
        if hasJournal == 1 { guard let stamp = r.fileKey() else { return nil }; journal = stamp }
        guard let journalID = r.string(), let journalSeq = r.signed(),
              let coder = r.string(), let revision = r.signed(), let proposedCount = r.count() else { return nil }
        var proposed: [CodeID: Code] = [:]
        for _ in 0..<proposedCount {
            guard let id = r.string(), let name = r.string(), let hasParent = r.byte(), hasParent <= 1 else { return nil }
            var parent: CodeID?
            if hasParent == 1 { guard let p = r.string() else { return nil }; parent = CodeID(p) }
            guard let operationalisation = r.string(), let example = r.string(), let ruleCount = r.count() else { return nil }
            var rules: [String] = []
            for _ in 0..<ruleCount { guard let rule = r.string() else { return nil }; rules.append(rule) }
            guard let color = r.string(), proposed[CodeID(id)] == nil else { return nil }
            proposed[CodeID(id)] = Code(id: CodeID(id), name: name, parent: parent, operationalisation: operationalisation,
                                        example: example, rules: rules, color: color)
        }
        guard let chatCount = r.count() else { return nil }
        var chats: [String] = [], statuses: [ChatStatus] = []
        // Reserved only for what the bytes left could hold (a chat takes 2 bytes, a code 1, a coding 6).
        chats.reserveCapacity(min(chatCount, r.remaining / 2))
        statuses.reserveCapacity(min(chatCount, r.remaining / 2))
        for _ in 0..<chatCount {
            guard let chat = r.string(), let code = r.byte(), let status = status(code) else { return nil }
            chats.append(chat)
            statuses.append(status)
        }
        guard let codeCount = r.count() else { return nil }
        var codes: [CodeID] = []
        codes.reserveCapacity(min(codeCount, r.remaining))
        for _ in 0..<codeCount { guard let code = r.string() else { return nil }; codes.append(CodeID(code)) }
        guard let codingCount = r.count(), chats.count < Int32.max, codes.count < Int32.max else { return nil }
        var entries: [SessionDigest.Entry] = []
        entries.reserveCapacity(min(codingCount, r.remaining / 6))
        var codeStart: [Int32] = [0]
        codeStart.reserveCapacity(min(codingCount, r.remaining / 6) + 1)
        var codeIndexes: [Int32] = []
        codeIndexes.reserveCapacity(min(codingCount, r.remaining / 6))
        var chat = 0
        for _ in 0..<codingCount {
            guard let step = r.varint(), step <= UInt64(chats.count) else { return nil }
            chat += Int(step)
            guard chat < chats.count, let fm = r.signed(), let fo = r.signed(), let tm = r.signed(), let to = r.signed(),
                  let n = r.count() else { return nil }
            entries.append(SessionDigest.Entry(chat: Int32(chat), span: Span(from: TextPosition(message: fm, offset: fo),
                                                                              to: TextPosition(message: tm, offset: to))))
            for _ in 0..<n {
                guard let code = r.varint(), code < UInt64(codes.count) else { return nil }
                codeIndexes.append(Int32(code))
            }
            guard codeIndexes.count < Int32.max else { return nil }
            codeStart.append(Int32(codeIndexes.count))
        }
        guard let attributes = r.enteredAttributes(), let seen = r.seenMarks() else { return nil }
        guard r.atEnd,
              var digest = SessionDigest(coder: coder, codebookRevision: revision, proposedCodes: proposed, chats: chats,
                                         statuses: statuses, codes: codes, codings: entries, codeStart: codeStart,
                                         codeIndexes: codeIndexes) else { return nil }
        digest.attributes = attributes
        digest.seen = seen
        return (digest, SessionDigestKey(snapshot: snapshot, journal: journal, journalID: journalID, journalSeq: journalSeq))
    }

    private static func statusCode(_ status: ChatStatus) -> UInt8 {
        switch status { case .notStarted: 0; case .inProgress: 1; case .done: 2 }
    }

    private static func status(_ code: UInt8) -> ChatStatus? {
        switch code { case 0: .notStarted; case 1: .inProgress; case 2: .done; default: nil }
    }

    private static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    private static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 { CRC32.checksum(bytes) }
}
