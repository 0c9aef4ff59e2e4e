import Foundation

/// The binary form of a session digest (`cache/<coder>.digest`, `docs/formats.md`):
///
///     "GLOSSDIG"  version (UInt32 LE)  body length (UInt64 LE)  CRC-32 of the body (UInt32 LE)  body
///
/// The body holds the key (what the digest was derived from), then the session's counting data as varints
/// (LEB128; signed values zigzag) and length-prefixed UTF-8 strings: coder, codebook revision, proposed codes,
/// a table of chats (each with its status), a table of codes, and the codings in file order, each as the step
/// from the previous coding's chat, the span's four numbers, and indexes into the code table.
///
/// Reading never trusts the file: a wrong magic or version, a length or checksum that does not match, any
/// value out of range or bytes left over gives nil, and the caller reads the session itself.
public enum SessionDigestFile {
    static let magic = Data("GLOSSDIG".utf8)
    public static let version: UInt32 = 1
    static let headerSize = 8 + 4 + 8 + 4

    public static func encode(_ digest: SessionDigest, key: SessionDigestKey) -> Data {
        var body = Writer()
        body.stamp(key.snapshot)
        if let journal = key.journal { body.byte(1); body.stamp(journal) } else { body.byte(0) }
        body.string(key.journalID)
        body.signed(key.journalSeq)
        body.string(digest.coder)
        body.signed(digest.codebookRevision)
        let proposed = digest.proposedCodes.values.sorted { $0.id < $1.id }
        body.unsigned(proposed.count)
        for code in proposed {
            body.string(code.id.rawValue)
            body.string(code.name)
            if let parent = code.parent { body.byte(1); body.string(parent.rawValue) } else { body.byte(0) }
            body.string(code.operationalisation)
            body.string(code.example)
            body.unsigned(code.rules.count)
            for rule in code.rules { body.string(rule) }
            body.string(code.color)
        }
        body.unsigned(digest.chats.count)
        for (chat, status) in zip(digest.chats, digest.statuses) {
            body.string(chat)
            body.byte(statusCode(status))
        }
        body.unsigned(digest.codes.count)
        for code in digest.codes { body.string(code.rawValue) }
        body.unsigned(digest.codings.count)
        var previousChat: Int32 = 0
        for (i, entry) in digest.codings.enumerated() {
            body.unsigned(Int(entry.chat - previousChat))
            previousChat = entry.chat
            body.signed(entry.span.from.message)
            body.signed(entry.span.from.offset)
            body.signed(entry.span.to.message)
            body.signed(entry.span.to.offset)
            let codes = digest.codeIndexes(ofCoding: i)
            body.unsigned(codes.count)
            for code in codes { body.unsigned(Int(code)) }
        }
        var data = magic
        var header = Writer()
        header.fixed(UInt64(version), bytes: 4)
        header.fixed(UInt64(body.bytes.count), bytes: 8)
        header.fixed(UInt64(checksum(body.bytes)), bytes: 4)
        data.append(contentsOf: header.bytes)
        data.append(contentsOf: body.bytes)
        return data
    }

    /// The digest and its key, or nil when `data` is not a sound digest of this version.
    public static func decode(_ data: Data) -> (digest: SessionDigest, key: SessionDigestKey)? {
        data.withUnsafeBytes { raw -> (SessionDigest, SessionDigestKey)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= headerSize, magic.elementsEqual(bytes[0..<8]) else { return nil }
            var header = Reader(bytes: bytes, position: 8)
            guard let version = header.fixed(bytes: 4), version == UInt64(Self.version),
                  let length = header.fixed(bytes: 8), length == UInt64(bytes.count - headerSize),
                  let crc = header.fixed(bytes: 4) else { return nil }
            let body = UnsafeBufferPointer(rebasing: bytes[headerSize...])
            guard UInt64(checksum(UnsafeRawBufferPointer(body))) == crc else { return nil }
            var reader = Reader(bytes: bytes, position: headerSize)
            return readBody(&reader)
        }
    }

    private static func readBody(_ r: inout Reader) -> (SessionDigest, SessionDigestKey)? {
        guard let snapshot = r.stamp(), let hasJournal = r.byte(), hasJournal <= 1 else { return nil }
        var journal: FileStamp?
        if hasJournal == 1 { guard let stamp = r.stamp() else { return nil }; journal = stamp }
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
        chats.reserveCapacity(chatCount)
        statuses.reserveCapacity(chatCount)
        for _ in 0..<chatCount {
            guard let chat = r.string(), let code = r.byte(), let status = status(code) else { return nil }
            chats.append(chat)
            statuses.append(status)
        }
        guard let codeCount = r.count() else { return nil }
        var codes: [CodeID] = []
        codes.reserveCapacity(codeCount)
        for _ in 0..<codeCount { guard let code = r.string() else { return nil }; codes.append(CodeID(code)) }
        guard let codingCount = r.count(), chats.count < Int32.max, codes.count < Int32.max else { return nil }
        var entries: [SessionDigest.Entry] = []
        entries.reserveCapacity(codingCount)
        var codeStart: [Int32] = [0]
        codeStart.reserveCapacity(codingCount + 1)
        var codeIndexes: [Int32] = []
        codeIndexes.reserveCapacity(codingCount)
        var chat = 0
        for _ in 0..<codingCount {
            guard let step = r.unsigned(), step <= UInt64(chats.count) else { return nil }
            chat += Int(step)
            guard chat < chats.count, let fm = r.signed(), let fo = r.signed(), let tm = r.signed(), let to = r.signed(),
                  let n = r.count() else { return nil }
            entries.append(SessionDigest.Entry(chat: Int32(chat), span: Span(from: TextPosition(message: fm, offset: fo),
                                                                              to: TextPosition(message: tm, offset: to))))
            for _ in 0..<n {
                guard let code = r.unsigned(), code < UInt64(codes.count) else { return nil }
                codeIndexes.append(Int32(code))
            }
            guard codeIndexes.count < Int32.max else { return nil }
            codeStart.append(Int32(codeIndexes.count))
        }
        guard r.atEnd,
              let digest = SessionDigest(coder: coder, codebookRevision: revision, proposedCodes: proposed, chats: chats,
                                         statuses: statuses, codes: codes, codings: entries, codeStart: codeStart,
                                         codeIndexes: codeIndexes) else { return nil }
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

    // MARK: Bytes

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func byte(_ value: UInt8) { bytes.append(value) }

        mutating func fixed(_ value: UInt64, bytes count: Int) {
            for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
        }

        mutating func unsigned(_ value: Int) { varint(UInt64(value)) }

        mutating func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        /// Zigzag: small negative numbers stay small.
        mutating func signed(_ value: Int) {
            let v = Int64(value)
            varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
        }

        mutating func signed64(_ value: Int64) { signed(Int(value)) }

        mutating func string(_ value: String) {
            let utf8 = Array(value.utf8)
            unsigned(utf8.count)
            bytes.append(contentsOf: utf8)
        }

        mutating func stamp(_ stamp: FileStamp) {
            varint(stamp.device)
            varint(stamp.inode)
            signed64(stamp.size)
            signed64(stamp.modifiedNanoseconds)
            signed64(stamp.changedNanoseconds)
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int

        var atEnd: Bool { position == bytes.count }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func fixed(bytes count: Int) -> UInt64? {
            guard position + count <= bytes.count else { return nil }
            var value: UInt64 = 0
            for i in 0..<count { value |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
            position += count
            return value
        }

        mutating func unsigned() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while position < bytes.count {
                let b = bytes[position]
                position += 1
                guard shift < 64, shift < 63 || b <= 1 else { return nil }
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        /// A count of things still to read: never more than the bytes left (each takes at least one), so a
        /// damaged count cannot ask for a huge allocation.
        mutating func count() -> Int? {
            guard let n = unsigned(), n <= UInt64(bytes.count - position) else { return nil }
            return Int(n)
        }

        mutating func signed() -> Int? {
            guard let raw = unsigned() else { return nil }
            return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        }

        mutating func string() -> String? {
            guard let length = count() else { return nil }
            let slice = UnsafeBufferPointer(rebasing: bytes[position..<position + length])
            position += length
            return String(validating: slice, as: UTF8.self)
        }

        mutating func stamp() -> FileStamp? {
            guard let device = unsigned(), let inode = unsigned(), let size = signed(), let modified = signed(),
                  let changed = signed() else { return nil }
            return FileStamp(device: device, inode: inode, size: Int64(size), modifiedNanoseconds: Int64(modified),
                             changedNanoseconds: Int64(changed))
        }
    }
}
