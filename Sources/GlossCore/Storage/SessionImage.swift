import Foundation

/// The binary image of a session snapshot (`cache/<coder>.session`, `docs/formats.md`): the decoded
/// `sessions/<coder>.json`, every field, so the workbench opens without parsing a hundred megabytes of JSON.
///
///     "GLOSSIMG"  version (UInt32 LE)  body length (UInt64 LE)  CRC-32 of the body (UInt32 LE)  body
///
/// The body holds the key (`SessionImage.Key`: the snapshot's `FileKey`, when the image was written, the
/// CRC-32 of the snapshot's bytes), then the session: coder, codebook revision, journal mark, proposed codes,
/// chat statuses, a table of chats and one of codes (each string stored once and shared in memory by every
/// coding that names it), and the codings in file order: id, chat and code indexes, span, optional relation,
/// memo and coder (when it is not the session's), quote text, and times in whole seconds (as the JSON keeps
/// them). Varints are LEB128 (signed values zigzag), strings a varint length and UTF-8.
///
/// Reading never trusts the file: a wrong magic or version, a length or checksum that does not match, any
/// value out of range, a coding id twice or bytes left over gives nil, and the caller parses the JSON.
public enum SessionImage {
    static let magic = Data("GLOSSIMG".utf8)
    public static let version: UInt32 = 1
    static let headerSize = 8 + 4 + 8 + 4
    /// A larger file is not read at all (a 200,000-coding image is about 55 MB).
    static let maximumSize = 1 << 30

    /// What an image was derived from.
    public struct Key: Equatable, Sendable {
        /// The snapshot file (lstat/fstat: device, inode, size, times in ns).
        public var snapshot: FileKey
        /// When the image was written (ns), for the racy-mtime rule (`FileKey.isRacy`).
        public var written: Int64
        /// CRC-32 of the snapshot's bytes: what a racily-clean snapshot is checked against.
        public var snapshotCRC: UInt32
    }

    private enum Flag {
        static let relation: UInt8 = 1, memo: UInt8 = 2, otherCoder: UInt8 = 4, modified: UInt8 = 8
    }

    /// The image of `session` as its JSON snapshot holds it: times in whole seconds, rounded down as the JSON
    /// writes them. Nil when the session has what its JSON could not hold (a coding without a code), so no
    /// image can ever stand for something the snapshot does not say.
    public static func encode(_ session: Session, key: Key) -> Data? {
        var body = BinaryWriter()
        body.fileKey(key.snapshot)
        body.signed(Int(key.written))
        body.fixed32(key.snapshotCRC)
        body.string(session.coder)
        body.signed(session.codebookRevision)
        // As the JSON: the mark's record number only with its journal id.
        if let id = session.journalID { body.byte(1); body.string(id); body.signed(session.journalSeq) } else { body.byte(0) }
        let proposed = session.proposedCodes.values.sorted { $0.id < $1.id }
        body.varint(proposed.count)
        for code in proposed { body.code(code) }
        let statuses = session.chatStatuses.sorted { $0.key < $1.key }
        body.varint(statuses.count)
        for (chat, status) in statuses {
            body.string(chat)
            body.byte(statusCode(status))
        }
        // File order, sorting positions rather than the 150-byte codings themselves (moving those, with their
        // strings' reference counts, was most of the cost of an image of 200,000 codings).
        let values = Array(session.codings.values)
        let order = values.indices.sorted { Coding.fileOrder(values[$0], values[$1]) }
        let ordered = order.lazy.map { values[$0] }
        var chats: [String] = [], chatIndex: [String: Int] = [:]
        var codes: [CodeID] = [], codeIndex: [CodeID: Int] = [:]
        for coding in ordered {
            guard !coding.codes.isEmpty else { return nil }
            if chatIndex[coding.chat] == nil { chatIndex[coding.chat] = chats.count; chats.append(coding.chat) }
            for code in coding.codes where codeIndex[code] == nil { codeIndex[code] = codes.count; codes.append(code) }
        }
        body.varint(chats.count)
        for chat in chats { body.string(chat) }
        body.varint(codes.count)
        for code in codes { body.string(code.rawValue) }
        body.varint(ordered.count)
        for coding in ordered {
            body.string(coding.id.rawValue)
            body.varint(chatIndex[coding.chat]!)
            body.signed(coding.span.from.message)
            body.signed(coding.span.from.offset)
            body.signed(coding.span.to.message)
            body.signed(coding.span.to.offset)
            body.varint(coding.codes.count)
            for code in coding.codes { body.varint(codeIndex[code]!) }
            let created = seconds(coding.created), modified = seconds(coding.modified)
            var flags: UInt8 = 0
            if coding.relation != nil { flags |= Flag.relation }
            if coding.memo != nil { flags |= Flag.memo }
            if coding.coder != session.coder { flags |= Flag.otherCoder }
            if modified != created { flags |= Flag.modified }
            body.byte(flags)
            if let relation = coding.relation { body.string(relation) }
            if let memo = coding.memo { body.string(memo) }
            if coding.coder != session.coder { body.string(coding.coder) }
            body.string(coding.text)
            body.signed(created)
            if modified != created { body.signed(modified) }
        }
        var data = magic
        var header = BinaryWriter()
        header.fixed32(version)
        header.fixed64(Int64(body.bytes.count))
        header.fixed32(body.bytes.withUnsafeBytes { CRC32.checksum($0) })
        data.append(contentsOf: header.bytes)
        data.append(contentsOf: body.bytes)
        return data
    }

    /// Whole seconds, as `ISOTime.format` writes a time into the JSON.
    private static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }

    /// Only the key of an image (a look at the header and the first bytes; the checksum is not verified here),
    /// or nil when it has none that parses.
    public static func key(_ data: Data) -> Key? { data.withUnsafeBytes { key($0) } }

    static func key(_ bytes: UnsafeRawBufferPointer) -> Key? {
        guard bytes.count >= headerSize, magic.elementsEqual(bytes[0..<8]) else { return nil }
        var header = BinaryReader(bytes, from: 8)
        guard header.fixed32() == Self.version else { return nil }
        var reader = BinaryReader(bytes, from: headerSize)
        return readKey(&reader)
    }

    /// The same image under a new key: the body after the key is copied byte for byte and the checksum made
    /// anew. Nil when `bytes` is not a sound image (its checksum is verified first).
    static func rekeyed(_ bytes: UnsafeRawBufferPointer, key: Key) -> Data? {
        guard bytes.count >= headerSize, magic.elementsEqual(bytes[0..<8]) else { return nil }
        var header = BinaryReader(bytes, from: 8)
        guard header.fixed32() == Self.version, let length = header.fixed64(), length == Int64(bytes.count - headerSize),
              let crc = header.fixed32(),
              CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[headerSize...])) == crc else { return nil }
        var reader = BinaryReader(bytes, from: headerSize)
        guard readKey(&reader) != nil else { return nil }
        var keyPart = BinaryWriter()
        keyPart.fileKey(key.snapshot)
        keyPart.signed(Int(key.written))
        keyPart.fixed32(key.snapshotCRC)
        let rest = UnsafeRawBufferPointer(rebasing: bytes[reader.position...])
        let bodyCRC = CRC32.checksum(rest, continuing: keyPart.bytes.withUnsafeBytes { CRC32.checksum($0) })
        var newHeader = BinaryWriter()
        newHeader.fixed32(version)
        newHeader.fixed64(Int64(keyPart.bytes.count + rest.count))
        newHeader.fixed32(bodyCRC)
        var data = Data(capacity: headerSize + keyPart.bytes.count + rest.count)
        data.append(magic)
        data.append(contentsOf: newHeader.bytes)
        data.append(contentsOf: keyPart.bytes)
        data.append(contentsOf: rest)
        return data
    }

    /// The session and its key, or nil when `data` is not a sound image of this version.
    public static func decode(_ data: Data) -> (session: Session, key: Key)? {
        data.withUnsafeBytes { decode($0, release: { _ in }) }
    }

    /// `decode` of bytes that `release` may let go of as they are read: it is told, now and then, the offset
    /// below which no byte is needed again (a mapped file gives those pages back, so the image's size never adds
    /// to the session's in memory).
    static func decode(_ bytes: UnsafeRawBufferPointer, release: (Int) -> Void) -> (session: Session, key: Key)? {
        guard bytes.count >= headerSize, magic.elementsEqual(bytes[0..<8]) else { return nil }
        var header = BinaryReader(bytes, from: 8)
        guard let version = header.fixed32(), version == Self.version,
              let length = header.fixed64(), length == Int64(bytes.count - headerSize),
              let crc = header.fixed32() else { return nil }
        var body: UInt32 = 0
        let piece = 4 << 20
        for start in stride(from: headerSize, to: bytes.count, by: piece) {
            let end = min(start + piece, bytes.count)
            body = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), continuing: body)
            release(end)
        }
        guard body == crc else { return nil }
        var reader = BinaryReader(bytes, from: headerSize)
        guard let key = readKey(&reader), let session = readSession(&reader, release: release), reader.atEnd else { return nil }
        return (session, key)
    }

    private static func readKey(_ r: inout BinaryReader) -> Key? {
        guard let snapshot = r.fileKey(), let written = r.signed(), let crc = r.fixed32() else { return nil }
        return Key(snapshot: snapshot, written: Int64(written), snapshotCRC: crc)
    }

    private static func readSession(_ r: inout BinaryReader, release: (Int) -> Void) -> Session? {
        guard let coder = r.string(), Names.isValidCoder(coder), let revision = r.signed(),
              let hasJournal = r.byte(), hasJournal <= 1 else { return nil }
        var journalID: String?, journalSeq = 0
        if hasJournal == 1 {
            guard let id = r.string(), let seq = r.signed() else { return nil }
            journalID = id
            journalSeq = seq
        }
        guard let proposedCount = r.count() else { return nil }
        var proposed: [CodeID: Code] = [:]
        var proposedList: [Code] = []
        for _ in 0..<proposedCount {
            guard let code = r.code(), proposed[code.id] == nil else { return nil }
            proposed[code.id] = code
            proposedList.append(code)
        }
        guard (try? SessionFile.checkProposals(proposedList, file: "")) != nil, let statusCount = r.count() else { return nil }
        var statuses: [String: ChatStatus] = [:]
        // Room is reserved only for what the bytes left could hold (a status takes at least 2 bytes, a string 1, a
        // coding 10): a crafted count cannot ask for gigabytes before the first entry fails to read.
        statuses.reserveCapacity(min(statusCount, r.remaining / 2))
        for _ in 0..<statusCount {
            guard let chat = r.string(), let byte = r.byte(), let status = status(byte), status != .notStarted,
                  statuses.updateValue(status, forKey: chat) == nil else { return nil }
        }
        guard let chatCount = r.count() else { return nil }
        var chats: [String] = []
        chats.reserveCapacity(min(chatCount, r.remaining))
        for _ in 0..<chatCount { guard let chat = r.string() else { return nil }; chats.append(chat) }
        guard let codeCount = r.count() else { return nil }
        var codes: [CodeID] = []
        codes.reserveCapacity(min(codeCount, r.remaining))
        for _ in 0..<codeCount { guard let code = r.string() else { return nil }; codes.append(CodeID(code)) }
        // A quote with one code (most of them) shares that code's one-element array.
        let single = codes.map { [$0] }
        guard let codingCount = r.count() else { return nil }
        var codings: [CodingID: Coding] = [:]
        codings.reserveCapacity(min(codingCount, r.remaining / 10))
        var idsByChat: [String: Set<CodingID>] = [:]
        idsByChat.reserveCapacity(min(chatCount, r.remaining / 10))
        // Codings come chat by chat (file order): each chat's ids are gathered, then made one set of the right size.
        var currentChat = -1
        var currentIDs: [CodingID] = []
        func closeChat() {
            guard currentChat >= 0 else { return }
            let chat = chats[currentChat]
            if idsByChat[chat] == nil { idsByChat[chat] = Set(currentIDs) } else { idsByChat[chat]!.formUnion(currentIDs) }
        }
        for number in 0..<codingCount {
            if number & 4095 == 0 { release(r.position) }
            guard let id = r.string(), let chat = r.count(atMost: chatCount), chat < chatCount,
                  let fm = r.signed(), let fo = r.signed(), let tm = r.signed(), let to = r.signed(),
                  let applied = r.count(atMost: codeCount), applied > 0 else { return nil }  // a quote's codes are distinct
            var codeList: [CodeID]
            if applied == 1 {
                guard let c = r.count(atMost: codeCount), c < codeCount else { return nil }
                codeList = single[c]
            } else {
                codeList = []
                codeList.reserveCapacity(applied)
                for _ in 0..<applied { guard let c = r.count(atMost: codeCount), c < codeCount else { return nil }; codeList.append(codes[c]) }
            }
            guard let flags = r.byte(), flags & ~(Flag.relation | Flag.memo | Flag.otherCoder | Flag.modified) == 0 else { return nil }
            var relation: String?, memo: String?, codingCoder = coder
            if flags & Flag.relation != 0 { guard let value = r.string() else { return nil }; relation = value }
            if flags & Flag.memo != 0 { guard let value = r.string() else { return nil }; memo = value }
            if flags & Flag.otherCoder != 0 { guard let value = r.string(), value != coder else { return nil }; codingCoder = value }
            guard let text = r.string(), let created = r.signed() else { return nil }
            var modified = created
            if flags & Flag.modified != 0 { guard let value = r.signed(), value != created else { return nil }; modified = value }
            let codingID = CodingID(id)
            let coding = Coding(id: codingID, chat: chats[chat], span: Span(from: TextPosition(message: fm, offset: fo), to: TextPosition(message: tm, offset: to)),
                                codes: codeList, relation: relation, memo: memo, text: text, coder: codingCoder,
                                created: Date(timeIntervalSince1970: Double(created)), modified: Date(timeIntervalSince1970: Double(modified)))
            guard codings.updateValue(coding, forKey: codingID) == nil else { return nil }
            if chat != currentChat {
                closeChat()
                currentChat = chat
                currentIDs.removeAll(keepingCapacity: true)
            }
            currentIDs.append(codingID)
        }
        closeChat()
        return Session(coder: coder, codebookRevision: revision, journalID: journalID, journalSeq: journalSeq, codings: codings,
                       idsByChat: idsByChat, statuses: statuses, proposedCodes: proposed)
    }

    private static func statusCode(_ status: ChatStatus) -> UInt8 {
        switch status { case .notStarted: 0; case .inProgress: 1; case .done: 2 }
    }

    private static func status(_ code: UInt8) -> ChatStatus? {
        switch code { case 0: .notStarted; case 1: .inProgress; case 2: .done; default: nil }
    }
}

extension BinaryWriter {
    /// A code, every field (as the session digest and the session image store proposed codes).
    mutating func code(_ code: Code) {
        string(code.id.rawValue)
        string(code.name)
        if let parent = code.parent { byte(1); string(parent.rawValue) } else { byte(0) }
        string(code.operationalisation)
        string(code.example)
        varint(code.rules.count)
        for rule in code.rules { string(rule) }
        string(code.color)
    }
}

extension BinaryReader {
    /// What `BinaryWriter.code` wrote.
    mutating func code() -> Code? {
        guard let id = string(), let name = string(), let hasParent = byte(), hasParent <= 1 else { return nil }
        var parent: CodeID?
        if hasParent == 1 { guard let p = string() else { return nil }; parent = CodeID(p) }
        guard let operationalisation = string(), let example = string(), let ruleCount = count() else { return nil }
        var rules: [String] = []
        for _ in 0..<ruleCount { guard let rule = string() else { return nil }; rules.append(rule) }
        guard let color = string() else { return nil }
        return Code(id: CodeID(id), name: name, parent: parent, operationalisation: operationalisation, example: example,
                    rules: rules, color: color)
    }
}
