import Foundation

/// The binary image of a session snapshot (`cache/<coder>.session`, `docs/formats.md`): the decoded
/// `sessions/<coder>.json`, every field, laid out chat by chat so the workbench opens without parsing a hundred
/// megabytes of JSON and without building a value per coding (`ImageChats`).
///
///     "GLOSSIMG"  version (UInt32 LE)  body length (UInt64 LE)  CRC-32 of the body (UInt32 LE)  body
///
/// The body holds the key (`SessionImage.Key`: the snapshot's `FileKey`, when the image was written, the
/// CRC-32 of the snapshot's bytes), then the session: coder, codebook revision, journal mark, proposed codes,
/// chat statuses, then the codings as `ImageChats` lays them out: a table of codes (each name stored once and
/// shared in memory by every coding that names it), the relation names with their uses, the chats with their
/// number of codings and the length of their block, an index of coding ids (a 64-bit hash and the chat), and
/// each chat's block of codings in file order: id, span, code numbers, optional relation, memo and coder
/// (when it is not the session's), quote text, and times in whole seconds (as the JSON keeps them). Varints
/// are LEB128 (signed values zigzag), strings a varint length and UTF-8.
///
/// Reading never trusts the file: a wrong magic or version, a length or checksum that does not match, any
/// value out of range, a coding id twice or bytes left over gives nil, and the caller parses the JSON.
public enum SessionImage {
    static let magic = Data("GLOSSIMG".utf8)
    public static let version: UInt32 = 4
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

    enum Flag {
        static let relation: UInt8 = 1, memo: UInt8 = 2, otherCoder: UInt8 = 4, modified: UInt8 = 8
        static let all = relation | memo | otherCoder | modified
    }

    /// The image of `session` as its JSON snapshot holds it: times in whole seconds, rounded down as the JSON
    /// writes them. Nil when the session has what its JSON could not hold (a coding without a code), so no
    /// image can ever stand for something the snapshot does not say.
    public static func encode(_ session: Session, key: Key) -> Data? {
        guard let layout = Layout(session, key: key) else { return nil }
        var body: [UInt8] = []
        layout.forEachPiece { body.append(contentsOf: $0) }
        var data = magic
        data.append(contentsOf: header(length: body.count, crc: body.withUnsafeBytes { CRC32.checksum($0) }))
        data.append(contentsOf: body)
        return data
    }

    /// `encode`, streamed to `fd` (the temporary file of an atomic write): the header is written last, over
    /// a placeholder, once the body's length and checksum are known. An image's unchanged chats go from its
    /// mapped bytes to the file, so a checkpoint's image costs the chats changed, not a copy of the whole
    /// image in memory. False when there is no image of this session (a coding without a code).
    static func write(_ session: Session, key: Key, to fd: Int32, path: String) throws -> Bool {
        guard let layout = Layout(session, key: key) else { return false }
        let placeholder = [UInt8](magic) + header(length: 0, crc: 0)
        try placeholder.withUnsafeBytes { try SecureFiles.writeAll(fd: fd, bytes: $0, path: path) }
        var crc: UInt32 = 0, length = 0
        var failure: Error?
        layout.forEachPiece { piece in
            guard failure == nil else { return }
            crc = CRC32.checksum(piece, continuing: crc)
            length += piece.count
            do { try SecureFiles.writeAll(fd: fd, bytes: piece, path: path) } catch { failure = error }
        }
        if let failure { throw failure }
        let final = header(length: length, crc: crc)
        let written = final.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(magic.count)) }
        guard written == final.count else { throw SecureFiles.posixError("cannot write", path) }
        return true
    }

    private static func header(length: Int, crc: UInt32) -> [UInt8] {
        var header = BinaryWriter()
        header.fixed32(version)
        header.fixed64(Int64(length))
        header.fixed32(crc)
        return header.bytes
    }

    /// An image's body before it is written: the fields and tables (`head`), and in chat order where each
    /// block comes from. A held chat's block is encoded twice, once here for its length and once as it is
    /// written, rather than kept: a session parsed from JSON holds every chat, and keeping their blocks was a
    /// copy of the whole image (57 MB at 200,000 codings) at the peak of the open that writes it.
    private struct Layout {
        enum Block { case held(String), image(ImageChats, Int) }
        var head = BinaryWriter()
        var blocks: [Block] = []
        let session: Session
        var codeIndex: [CodeID: Int] = [:]

        init?(_ session: Session, key: Key) {
            self.session = session
            head.fileKey(key.snapshot)
            head.signed(Int(key.written))
            head.fixed32(key.snapshotCRC)
            head.string(session.coder)
            head.signed(session.codebookRevision)
            // As the JSON: the mark's record number only with its journal id.
            if let id = session.journalID { head.byte(1); head.string(id); head.signed(session.journalSeq) } else { head.byte(0) }
            let proposed = session.proposedCodes.values.sorted { $0.id < $1.id }
            head.varint(proposed.count)
            for code in proposed { head.code(code) }
            let statuses = session.chatStatuses.sorted { $0.key < $1.key }
            head.varint(statuses.count)
            for (chat, status) in statuses {
                head.string(chat)
                head.byte(SessionImage.statusCode(status))
            }
            head.enteredAttributes(session.attributes)
            head.seenMarks(session.seen)
            // The codes: an image's table first, unchanged, so the blocks of its chats are copied byte for byte.
            var codes: [CodeID] = [], codeIndex: [CodeID: Int] = [:]
            let base = session.imageChats
            for code in base?.codes ?? [] where codeIndex[code] == nil { codeIndex[code] = codes.count; codes.append(code) }
            var chats: [(name: String, count: Int, length: Int)] = []
            var index: [(hash: UInt64, chat: UInt32)] = []
            index.reserveCapacity(session.codingCount)
            var failed = false
            var imageChatNumber = [UInt32?](repeating: nil, count: base?.chats.count ?? 0)
            var blocks: [Block] = []
            var scratch = BinaryWriter()
            session.forEachChatPart { chat, part in
                let number = UInt32(chats.count)
                switch part {
                case .image(let image, let old):
                    blocks.append(.image(image, old))
                    imageChatNumber[old] = number
                    chats.append((chat, image.count(ofChat: old), image.block(ofChat: old).count))
                case .held(let codings):
                    scratch.bytes.removeAll(keepingCapacity: true)
                    for coding in codings {
                        guard !coding.codes.isEmpty else { failed = true; return }
                        for code in coding.codes where codeIndex[code] == nil { codeIndex[code] = codes.count; codes.append(code) }
                        scratch.coding(coding, codeIndex: codeIndex, coder: session.coder)
                        index.append((ImageChats.hash(coding.id.rawValue.utf8), number))
                    }
                    blocks.append(.held(chat))
                    chats.append((chat, codings.count, scratch.bytes.count))
                }
            }
            guard !failed else { return nil }
            // The index entries of unchanged chats are the old image's, under the chats' new numbers.
            base?.forEachIndexEntry { hash, old in
                if let number = imageChatNumber[old] { index.append((hash, number)) }
            }
            index.sort { $0.hash < $1.hash }
            head.varint(codes.count)
            for code in codes { head.string(code.rawValue) }
            let relations = session.relationUseCounts.sorted { $0.key < $1.key }
            head.varint(relations.count)
            for (name, uses) in relations { head.string(name); head.varint(uses) }
            head.varint(chats.count)
            for chat in chats {
                head.string(chat.name)
                head.varint(chat.count)
                head.varint(chat.length)
            }
            head.varint(index.count)
            head.bytes.reserveCapacity(head.bytes.count + index.count * ImageChats.indexEntrySize)
            for entry in index {
                withUnsafeBytes(of: entry.hash.littleEndian) { head.bytes.append(contentsOf: $0) }
                withUnsafeBytes(of: entry.chat.littleEndian) { head.bytes.append(contentsOf: $0) }
            }
            self.blocks = blocks
            self.codeIndex = codeIndex
        }

        /// The body in pieces, in order: the head, then each chat's block (an image's pieces are given back to
        /// the file once written).
        func forEachPiece(_ body: (UnsafeRawBufferPointer) -> Void) {
            head.bytes.withUnsafeBytes { body($0) }
            var scratch = BinaryWriter()
            for block in blocks {
                switch block {
                case .held(let chat):
                    // The same bytes as measured in `init`: the same codings in the same order, the same code table.
                    scratch.bytes.removeAll(keepingCapacity: true)
                    for coding in session.codings(in: chat) { scratch.coding(coding, codeIndex: codeIndex, coder: session.coder) }
                    scratch.bytes.withUnsafeBytes { body($0) }
                case .image(let image, let number):
                    body(image.block(ofChat: number))
                    if number & 255 == 255 { image.releaseBlocks(through: number) }
                }
            }
        }
    }

    /// Whole seconds, as `ISOTime.format` writes a time into the JSON.
    static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }

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

    /// The session and its key, or nil when `data` is not a sound image of this version. The session keeps a
    /// private copy of the bytes to decode its chats from.
    public static func decode(_ data: Data) -> (session: Session, key: Key)? {
        decode(ImageBytes(copying: data))
    }

    /// The session over `bytes` (which it keeps: its chats are decoded from them when asked), or nil when they
    /// are not a sound image of this version. Every byte is checked here, once (`ImageChats.read`); a mapped
    /// file's pages are given back as they are read, so the image's size never adds to the session's in memory.
    static func decode(_ bytes: ImageBytes) -> (session: Session, key: Key)? {
        let buffer = bytes.buffer
        guard buffer.count >= headerSize, magic.elementsEqual(buffer[0..<8]) else { return nil }
        var header = BinaryReader(buffer, from: 8)
        guard let version = header.fixed32(), version == Self.version,
              let length = header.fixed64(), length == Int64(buffer.count - headerSize),
              let crc = header.fixed32() else { return nil }
        // The checksum is taken on another core while this one checks the structure (both only read; the closure
        // holds the bytes, so they outlive it whatever is returned here).
        let body = BackgroundValue { [bytes] () -> UInt32 in
            var body: UInt32 = 0
            let piece = 4 << 20
            for start in stride(from: headerSize, to: bytes.buffer.count, by: piece) {
                let end = min(start + piece, bytes.buffer.count)
                body = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes.buffer[start..<end]), continuing: body)
                bytes.release(start..<end)
            }
            return body
        }
        var reader = BinaryReader(buffer, from: headerSize)
        let read = readKey(&reader).flatMap { key in readSession(&reader, bytes: bytes).map { (session: $0, key: key) } }
        guard body.value == crc, let read, reader.atEnd else { return nil }
        return read
    }

    private static func readKey(_ r: inout BinaryReader) -> Key? {
        guard let snapshot = r.fileKey(), let written = r.signed(), let crc = r.fixed32() else { return nil }
        return Key(snapshot: snapshot, written: Int64(written), snapshotCRC: crc)
    }

    private static func readSession(_ r: inout BinaryReader, bytes: ImageBytes) -> Session? {
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
        // Room is reserved only for what the bytes left could hold (a status takes at least 2 bytes): a crafted
        // count cannot ask for gigabytes before the first entry fails to read.
        statuses.reserveCapacity(min(statusCount, r.remaining / 2))
        for _ in 0..<statusCount {
            guard let chat = r.string(), let byte = r.byte(), let status = status(byte), status != .notStarted,
                  statuses.updateValue(status, forKey: chat) == nil else { return nil }
        }
        guard let attributes = r.enteredAttributes(), let seen = r.seenMarks() else { return nil }
        guard let chats = ImageChats.read(bytes, &r, coder: coder) else { return nil }
        return Session(coder: coder, codebookRevision: revision, journalID: journalID, journalSeq: journalSeq, image: chats,
                       statuses: statuses, proposedCodes: proposed, attributes: attributes, seen: seen)
    }

    static func statusCode(_ status: ChatStatus) -> UInt8 {
        switch status { case .notStarted: 0; case .inProgress: 1; case .done: 2 }
    }

    private static func status(_ code: UInt8) -> ChatStatus? {
        switch code { case 0: .notStarted; case 1: .inProgress; case 2: .done; default: nil }
    }
}

extension BinaryWriter {
    /// One coding of a chat's block (`ImageChats`): its chat is the block's, its codes numbers into the table.
    mutating func coding(_ coding: Coding, codeIndex: [CodeID: Int], coder: String) {
        string(coding.id.rawValue)
        signed(coding.span.from.message)
        signed(coding.span.from.offset)
        signed(coding.span.to.message)
        signed(coding.span.to.offset)
        varint(coding.codes.count)
        for code in coding.codes { varint(codeIndex[code]!) }
        let created = SessionImage.seconds(coding.created), modified = SessionImage.seconds(coding.modified)
        var flags: UInt8 = 0
        if coding.relation != nil { flags |= SessionImage.Flag.relation }
        if coding.memo != nil { flags |= SessionImage.Flag.memo }
        if coding.coder != coder { flags |= SessionImage.Flag.otherCoder }
        if modified != created { flags |= SessionImage.Flag.modified }
        byte(flags)
        if let relation = coding.relation { string(relation) }
        if let memo = coding.memo { string(memo) }
        if coding.coder != coder { string(coding.coder) }
        string(coding.text)
        signed(created)
        if modified != created { signed(modified) }
    }

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
