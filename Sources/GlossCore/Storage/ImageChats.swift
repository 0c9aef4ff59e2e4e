import Foundation

/// The codings of a session image (`SessionImage`), kept as the image's bytes and decoded one chat at a time.
///
/// This is what lets the workbench open a 200,000-coding session without building 200,000 `Coding` values
/// (about 150 MB and most of a second): a `Session` read from an image holds this, decodes a chat when it is
/// asked for, and keeps as values only the chats it changes. Everything the image says is checked once, when it
/// is read (`read`), without building a value per coding: lengths and counts in range, UTF-8, code and chat
/// numbers, flags, every coding's id found in the id index under its own chat and the index exactly as long as
/// the codings (so no id is used twice), chats in order and the relation table equal to the relations
/// counted. After that, decoding a chat cannot fail on these bytes, which never change (`ImageBytes`).
///
/// Layout (after the session's header fields, see `SessionImage`):
///
///     codes: count, names            relations: count, (name, uses)
///     chats: count, (name, codings, block length)          in `<` order, each with at least one coding
///     id index: count, (FNV-1a 64 of the id: UInt64 LE, chat number: UInt32 LE)   strictly increasing hash
///     blocks: the codings of each chat in file order, one after another
///
/// A coding in a block: id, span (four signed varints), code count and code numbers, flags, then relation,
/// memo and other coder when flagged, quote text, created, and modified when flagged and different.
final class ImageChats: @unchecked Sendable {
    // @unchecked: every stored property but `last` is set once in `init` and never changed, the bytes are
    // read-only, and `last` (a cache of one decoded chat) is read and written only under `lastLock`.
    let bytes: ImageBytes
    let coder: String
    /// Chat ids in `<` order (`Coding.fileOrder`).
    let chats: [String]
    let chatNumber: [String: Int]
    /// Where each chat's block starts in `bytes`; `blockStart[chats.count]` is the end of the last one.
    private let blockStart: [Int]
    private let counts: [Int]
    let codes: [CodeID]
    /// A quote with one code (most of them) shares that code's one-element array.
    private let single: [[CodeID]]
    /// Every relation name and on how many codings it stands.
    let relationUses: [String: Int]
    let codingCount: Int
    /// Where the id index's entries start, and how many there are (`codingCount`).
    private let indexStart: Int

    static let indexEntrySize = 12

    private init(bytes: ImageBytes, coder: String, chats: [String], blockStart: [Int], counts: [Int], codes: [CodeID],
                 relationUses: [String: Int], codingCount: Int, indexStart: Int) {
        self.bytes = bytes
        self.coder = coder
        self.chats = chats
        self.chatNumber = Dictionary(uniqueKeysWithValues: chats.enumerated().map { ($1, $0) })
        self.blockStart = blockStart
        self.counts = counts
        self.codes = codes
        self.single = codes.map { [$0] }
        self.relationUses = relationUses
        self.codingCount = codingCount
        self.indexStart = indexStart
    }

    // MARK: Reading

    func count(ofChat chat: Int) -> Int { counts[chat] }

    /// The bytes of one chat's block (the encoder copies an unchanged chat's block as it is).
    func block(ofChat chat: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes.buffer[blockStart[chat]..<blockStart[chat + 1]])
    }

    /// Gives back the pages of the blocks up to and including `chat`'s (read while an image is written).
    func releaseBlocks(through chat: Int) { bytes.release(blockStart[0]..<blockStart[chat + 1]) }

    /// The chat decoded last, kept: a frame asks for the chat on screen several times (its quotes, the quote
    /// under the cursor, the code view's rows), and a chat of thousands of codings would be decoded each time.
    private let lastLock = NSLock()
    private var last: (chat: Int, codings: [Coding])?

    /// The codings of one chat, in file order.
    func codings(ofChat chat: Int) -> [Coding] {
        if let kept = lastLock.withLock({ last }), kept.chat == chat { return kept.codings }
        let codings = decode(chat)
        lastLock.withLock { last = (chat, codings) }
        return codings
    }

    private func decode(_ chat: Int) -> [Coding] {
        var reader = BinaryReader(bytes.buffer, from: blockStart[chat])
        var result: [Coding] = []
        result.reserveCapacity(counts[chat])
        let name = chats[chat]
        for _ in 0..<counts[chat] {
            guard let coding = decodeCoding(&reader, chat: name) else { break }  // never, once `read` checked the block
            result.append(coding)
        }
        return result
    }

    /// Each coding's span and codes, in file order, without making its strings (the session digest needs no
    /// more, and this is several times cheaper than `codings(ofChat:)`).
    func forEachSpan(ofChat chat: Int, _ body: (Span, [CodeID]) -> Void) {
        var r = BinaryReader(bytes.buffer, from: blockStart[chat])
        for _ in 0..<counts[chat] {
            // Never nil once `read` checked the block.
            guard r.skipString(), let fm = r.signed(), let fo = r.signed(), let tm = r.signed(), let to = r.signed(),
                  let applied = r.count(atMost: codes.count), applied > 0 else { return }
            var codeList: [CodeID]
            if applied == 1 {
                guard let c = r.count(atMost: codes.count - 1) else { return }
                codeList = single[c]
            } else {
                codeList = []
                for _ in 0..<applied { guard let c = r.count(atMost: codes.count - 1) else { return }; codeList.append(codes[c]) }
            }
            guard let flags = r.byte() else { return }
            if flags & SessionImage.Flag.relation != 0 { guard r.skipString() else { return } }
            if flags & SessionImage.Flag.memo != 0 { guard r.skipString() else { return } }
            if flags & SessionImage.Flag.otherCoder != 0 { guard r.skipString() else { return } }
            guard r.skipString(), r.signed() != nil else { return }
            if flags & SessionImage.Flag.modified != 0 { guard r.signed() != nil else { return } }
            body(Span(from: TextPosition(message: fm, offset: fo), to: TextPosition(message: tm, offset: to)), codeList)
        }
    }

    /// The chat holding the coding with this id, or nil when no coding of the image has it.
    func chat(of id: CodingID) -> Int? { chat(ofHash: Self.hash(id.rawValue.utf8)) }

    /// Every (id hash, chat number) of the image, in hash order (the encoder keeps those of unchanged chats).
    func forEachIndexEntry(_ body: (UInt64, Int) -> Void) {
        for number in 0..<codingCount { let (hash, chat) = entry(number); body(hash, chat) }
    }

    private func entry(_ number: Int) -> (UInt64, Int) {
        let offset = indexStart + number * Self.indexEntrySize
        return (bytes.buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian,
                Int(bytes.buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self).littleEndian))
    }

    private func decodeCoding(_ r: inout BinaryReader, chat: String) -> Coding? {
        guard let id = r.string(), let fm = r.signed(), let fo = r.signed(), let tm = r.signed(), let to = r.signed(),
              let applied = r.count(atMost: codes.count), applied > 0 else { return nil }
        var codeList: [CodeID]
        if applied == 1 {
            guard let c = r.count(atMost: codes.count - 1) else { return nil }
            codeList = single[c]
        } else {
            codeList = []
            codeList.reserveCapacity(applied)
            for _ in 0..<applied { guard let c = r.count(atMost: codes.count - 1) else { return nil }; codeList.append(codes[c]) }
        }
        guard let flags = r.byte() else { return nil }
        var relation: String?, memo: String?, codingCoder = coder
        if flags & SessionImage.Flag.relation != 0 { guard let value = r.string() else { return nil }; relation = value }
        if flags & SessionImage.Flag.memo != 0 { guard let value = r.textString() else { return nil }; memo = value }
        if flags & SessionImage.Flag.otherCoder != 0 { guard let value = r.textString() else { return nil }; codingCoder = value }
        guard let text = r.textString(), let created = r.signed() else { return nil }
        var modified = created
        if flags & SessionImage.Flag.modified != 0 { guard let value = r.signed() else { return nil }; modified = value }
        return Coding(id: CodingID(id), chat: chat, span: Span(from: TextPosition(message: fm, offset: fo), to: TextPosition(message: tm, offset: to)),
                      codes: codeList, relation: relation, memo: memo, text: text, coder: codingCoder,
                      created: Date(timeIntervalSince1970: Double(created)), modified: Date(timeIntervalSince1970: Double(modified)))
    }

    // MARK: Checking the image once

    /// Reads the tables after the session's header fields and checks every block, or nil when anything is out
    /// of place. `reader` must then be at the end of the image.
    static func read(_ bytes: ImageBytes, _ r: inout BinaryReader, coder: String) -> ImageChats? {
        guard let codeCount = r.count() else { return nil }
        var codes: [CodeID] = []
        for _ in 0..<codeCount { guard let code = r.string() else { return nil }; codes.append(CodeID(code)) }
        guard let relationCount = r.count() else { return nil }
        var relationUses: [String: Int] = [:]
        for _ in 0..<relationCount {
            guard let name = r.string(), let uses = r.count(atMost: Int(Int32.max)), uses > 0,
                  relationUses.updateValue(uses, forKey: name) == nil else { return nil }
        }
        guard let chatCount = r.count() else { return nil }
        var chats: [String] = [], counts: [Int] = [], lengths: [Int] = []
        // Room only for what the bytes left could hold (a chat takes at least 3): a crafted count cannot ask for more.
        let room = min(chatCount, r.remaining / 3)
        chats.reserveCapacity(room); counts.reserveCapacity(room); lengths.reserveCapacity(room)
        for _ in 0..<chatCount {
            guard let chat = r.string(), chats.last.map({ $0 < chat }) ?? true,
                  let count = r.count(), count > 0, let length = r.count(atMost: r.remaining) else { return nil }
            chats.append(chat); counts.append(count); lengths.append(length)
        }
        guard let codingCount = r.count(atMost: r.remaining / indexEntrySize), codingCount == counts.reduce(0, +) else { return nil }
        let indexStart = r.position
        guard r.skip(codingCount * indexEntrySize) else { return nil }
        var blockStart: [Int] = [r.position]
        blockStart.reserveCapacity(chatCount + 1)
        for length in lengths { blockStart.append(blockStart.last! + length) }
        guard blockStart.last! == r.position + r.remaining else { return nil }
        let image = ImageChats(bytes: bytes, coder: coder, chats: chats, blockStart: blockStart, counts: counts, codes: codes,
                               relationUses: relationUses, codingCount: codingCount, indexStart: indexStart)
        guard image.indexIsIncreasing(), image.blocksAreSound() else { return nil }
        _ = r.skip(r.remaining)
        return image
    }

    /// Strictly increasing hashes (so an id is never listed twice; two ids with one hash, about one chance in
    /// 10^10 at 200,000 codings, make the image unusable and the JSON is read) and chat numbers in range.
    private func indexIsIncreasing() -> Bool {
        var previous: UInt64? = nil
        for number in 0..<codingCount {
            let (hash, chat) = entry(number)
            guard chat < chats.count, previous.map({ $0 < hash }) ?? true else { return false }
            previous = hash
        }
        bytes.release(indexStart..<(indexStart + codingCount * Self.indexEntrySize))
        return true
    }

    /// Every block read as `decodeCoding` reads it, without making a value. Ids and relation names are checked
    /// as UTF-8 (two invalid ids must not decode to one string); quote texts, memos and coder names are only
    /// bounded (written from Swift strings under the checksum; `textString` repairs rather than trusts them).
    /// The (id hash, chat) of every coding, sorted, must be the index entry for entry: with the index strictly
    /// increasing, each coding's id is there under its own chat and no id is used twice.
    private func blocksAreSound() -> Bool {
        let coderBytes = Array(coder.utf8)
        var relationsSeen: [String: Int] = [:]
        var found: [(hash: UInt64, chat: UInt32)] = []
        found.reserveCapacity(codingCount)
        for chat in chats.indices {
            var r = BinaryReader(bytes.buffer, from: blockStart[chat])
            for _ in 0..<counts[chat] {
                guard let id = r.stringBytes() else { return false }
                found.append((Self.hash(id), UInt32(chat)))
                guard r.signed() != nil, r.signed() != nil, r.signed() != nil, r.signed() != nil,
                      let applied = r.count(atMost: codes.count), applied > 0 else { return false }
                for _ in 0..<applied { guard r.count(atMost: codes.count - 1) != nil else { return false } }
                guard let flags = r.byte(), flags & ~SessionImage.Flag.all == 0 else { return false }
                if flags & SessionImage.Flag.relation != 0 {
                    guard let relation = r.stringBytes() else { return false }
                    relationsSeen[String(decoding: relation, as: UTF8.self), default: 0] += 1
                }
                if flags & SessionImage.Flag.memo != 0 { guard r.skipString() else { return false } }
                if flags & SessionImage.Flag.otherCoder != 0 {
                    guard let other = r.stringBytes(), !other.elementsEqual(coderBytes) else { return false }
                }
                // Times a session file can hold (years 0000–9999): a crafted one would trap when written as text.
                guard r.skipString(), let created = r.signed(), ISOTime.representableSeconds.contains(created) else { return false }
                if flags & SessionImage.Flag.modified != 0 {
                    guard let modified = r.signed(), modified != created, ISOTime.representableSeconds.contains(modified) else { return false }
                }
            }
            guard r.position == blockStart[chat + 1] else { return false }
            if chat & 255 == 255 { bytes.release(blockStart[0]..<r.position) }
        }
        bytes.release(blockStart[0]..<blockStart[chats.count])
        guard relationsSeen == relationUses else { return false }
        found.sort { $0.hash < $1.hash }
        for (number, coding) in found.enumerated() {
            let (hash, chat) = entry(number)
            guard hash == coding.hash, chat == Int(coding.chat) else { return false }
        }
        return true
    }

    private func chat(ofHash hash: UInt64) -> Int? { entryNumber(ofHash: hash).map { entry($0).1 } }

    private func entryNumber(ofHash hash: UInt64) -> Int? {
        var low = 0, high = codingCount
        while low < high {
            let middle = (low + high) / 2
            let entryHash = entry(middle).0
            if entryHash == hash { return middle }
            if entryHash < hash { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// FNV-1a, 64 bits: stable across processes (Swift's `Hasher` is seeded per process), and enough to tell
    /// ids apart (a clash only makes the image unusable).
    static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
