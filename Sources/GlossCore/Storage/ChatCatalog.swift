import Foundation

/// The chat catalog, `cache/chats.catalog`: for every transcript, the key of the file it was read from and
/// its `ChatSummary`, so loading a project parses only transcripts that are new or changed.
///
/// A derived cache, never the truth: an entry is used only while its transcript's `FileKey` is unchanged
/// (and was not racily clean when the catalog was written); a catalog that cannot be read, is foreign,
/// damaged or from another version is ignored and rebuilt, never an error; it may be deleted at any time.
///
/// Format (little-endian): `GLOSSCAT` · version (fixed32) · body · CRC-32 of the body (fixed32). The body is
/// the write time (zigzag varint, ns), a varint entry count and per entry: id, the file key (`BinaryWriter.fileKey`:
/// device and inode as varints, size, modification and change time in ns as zigzag varints), attribute count
/// and key/value strings, speaker count and names, message count, then the messages' lengths in code points
/// and their speaker indexes as two packed arrays (`BinaryWriter.packed`: a width byte, 1, 2 or 4, and
/// fixed-width values, read in bulk). Strings are a varint length + UTF-8.
public struct ChatCatalog: Sendable {
    public struct Entry: Sendable, Equatable {
        public var key: FileKey
        public var summary: ChatSummary
    }

    /// Entries by chat id.
    public var entries: [String: Entry]
    /// When the catalog was written; entries changed within a tick of it are not trusted (`FileKey.isRacy`).
    public var written: Int64

    public init(entries: [String: Entry] = [:], written: Int64 = FileKey.now()) {
        self.entries = entries
        self.written = written
    }

    static let magic = Array("GLOSSCAT".utf8)
    static let version: UInt32 = 3
    /// Bounds that keep a crafted catalog from asking for absurd allocations before its CRC is even seen.
    static let maximumSize = 1 << 30

    /// Where a project keeps its catalog.
    public static func url(projectRoot: URL) -> URL {
        projectRoot.appendingPathComponent("cache").appendingPathComponent("chats.catalog")
    }

    /// The entry for `id`, if it may stand for the file whose key is `key` now.
    public func trustedEntry(_ id: String, key: FileKey) -> Entry? {
        guard let entry = entries[id], entry.key == key, !entry.key.isRacy(comparedWith: written) else { return nil }
        return entry
    }

    // MARK: Encoding

    public func encoded() -> Data {
        var body = BinaryWriter()
        body.signed(Int(written))
        body.varint(entries.count)
        for id in entries.keys.sorted() {
            let entry = entries[id]!
            body.string(id)
            body.fileKey(entry.key)
            let summary = entry.summary
            body.varint(summary.attributes.count)
            for attribute in summary.attributes {
                body.string(attribute.key)
                body.string(attribute.value)
            }
            body.varint(summary.speakers.count)
            for speaker in summary.speakers { body.string(speaker) }
            body.varint(summary.messageCount)
            body.packed(summary.lengths)
            body.packed(summary.speakerIndexes)
        }
        var out = BinaryWriter()
        out.raw(Self.magic)
        out.fixed32(Self.version)
        out.raw(body.bytes)
        out.fixed32(CRC32.checksum(body.bytes))
        return Data(out.bytes)
    }

    /// The catalog in `data`, or nil when it is not a whole, undamaged catalog of this version.
    public static func decode(_ data: Data) -> ChatCatalog? {
        let header = magic.count + 4
        guard data.count >= header + 4, data.count <= maximumSize else { return nil }
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> ChatCatalog? in
            guard buffer.prefix(magic.count).elementsEqual(magic) else { return nil }
            var reader = BinaryReader(buffer, from: magic.count)
            guard reader.fixed32() == version else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: buffer[header..<(buffer.count - 4)])
            var tail = BinaryReader(buffer, from: buffer.count - 4)
            guard tail.fixed32() == CRC32.checksum(body) else { return nil }
            var bodyReader = BinaryReader(body)
            return decodeBody(&bodyReader)
        }
    }

    private static func decodeBody(_ r: inout BinaryReader) -> ChatCatalog? {
        guard let written = r.signed(), let count = r.count(atMost: r.remaining) else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(min(count, r.remaining / 16))  // an entry takes at least 16 bytes: no crafted huge reserve
        for _ in 0..<count {
            guard let id = r.string(), entries[id] == nil, let key = r.fileKey(), key.size >= 0,
                  let attributeCount = r.count(atMost: r.remaining) else { return nil }
            var attributes: [(key: String, value: String)] = []
            attributes.reserveCapacity(min(attributeCount, r.remaining / 2))
            for _ in 0..<attributeCount {
                guard let key = r.string(), let value = r.string() else { return nil }
                attributes.append((key, value))
            }
            guard let speakerCount = r.count(atMost: r.remaining), speakerCount > 0 else { return nil }
            var speakers: [String] = []
            speakers.reserveCapacity(min(speakerCount, r.remaining))
            for _ in 0..<speakerCount {
                guard let speaker = r.string() else { return nil }
                speakers.append(speaker)
            }
            guard let messageCount = r.count(atMost: r.remaining / 2), messageCount > 0,
                  let lengths = r.packed(count: messageCount, atMost: UInt32(min(key.size, Int64(UInt32.max)))),
                  let indexes = r.packed(count: messageCount, atMost: UInt32(speakerCount - 1)) else { return nil }
            let summary = ChatSummary(id: id, attributes: attributes, lengths: lengths, speakers: speakers, speakerIndexes: indexes)
            entries[id] = Entry(key: key, summary: summary)
        }
        guard r.remaining == 0 else { return nil }
        return ChatCatalog(entries: entries, written: Int64(written))
    }

    // MARK: Files

    /// The project's catalog, or nil when there is none usable. Never through a link: neither `cache/`
    /// nor the file may be one (a link would make Gloss read a file outside the project).
    public static func read(projectRoot: URL) -> ChatCatalog? {
        let url = url(projectRoot: projectRoot)
        guard (try? SecureFiles.requireRealFolder(url.deletingLastPathComponent())) != nil,
              let data = try? SecureFiles.read(url) else { return nil }
        return decode(data)
    }

    /// Writes the catalog atomically, owner-only. A project that cannot be written (a read-only copy, a
    /// `cache` that is a link or a file) simply keeps no catalog: the cache is an optimisation, so this
    /// never fails.
    /// The write time is taken now, after every key in it was taken; unless not `stamped`, when the caller
    /// set `written` to a time before it took any key in it (which trusts fewer entries, never more).
    public func write(projectRoot: URL, stamped: Bool = true) {
        let url = Self.url(projectRoot: projectRoot)
        var catalog = self
        if stamped { catalog.written = FileKey.now() }
        do {
            try SecureFiles.makeDirectory(url.deletingLastPathComponent())
            try SecureFiles.writeAtomically(catalog.encoded(), to: url)
        } catch {
            // Not written; the next load parses what it must and tries again.
        }
    }
}
