import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What importing one transcript did, for the report `gloss import` prints.
public struct TranscriptImport: Sendable {
    public var chat: String
    public var source: String
    public var messages: Int
    /// Speakers with their number of messages, most frequent first: a false speaker ("Ik zei") stands out.
    public var speakers: [(name: String, messages: Int)]
    public var declaredSpeakers: Bool
    public var skipped: Bool
    /// The chat existed with the same messages and another header: its file was replaced, so its attributes
    /// changed (codings point at messages, which did not move).
    public var updated = false
    /// The lines of the transcript that hold control characters, for the warning (nil: none).
    public var controls: TextDecoding.ControlLines?
}

extension Project {
    /// The largest transcript `gloss import` reads: a chat of 64 MiB is about 600,000 lines, far beyond any
    /// real conversation; a larger file is refused before it is read, so no one file decides the memory.
    public static let maximumTranscriptBytes = 64 << 20

    /// How long before the import began the new transcripts' modification time is set, so the catalog
    /// written with them can trust them at once (`FileKey.isRacy` distrusts files changed within 2 s of it).
    static let importedFileAge: Int64 = 3_000_000_000

    /// Adds transcripts, written into `chats/` as clean UTF-8. All files are checked before any is put in
    /// place: nothing is half-imported. A chat that exists with the same text is skipped; one whose header
    /// changed but whose messages (speaker, time, text, in order) did not is updated (its attributes change;
    /// codings point at messages, which stay where they were); one whose messages differ is refused (codings
    /// would drift).
    ///
    /// The files stream through on all cores, one at a time per core: read, decoded and checked in one pass
    /// (UTF-8, NUL, control characters), summarised (`ChatSummary`, no message text), and written to a
    /// hidden temporary in `chats/`; then only the summary is kept. When every file is good, one flush puts
    /// them all in place (`SecureFiles.commit`); after any failure every temporary is removed. The chat
    /// catalog is written from the same summaries, keyed to the files written, so the next command reads
    /// no transcript. For that the new files' modification time is set to `importedFileAge` before the
    /// import began, and the catalog's time to the import's start: any later change to a file sets its
    /// modification time to the time of that change, which no entry records, so the entry is not trusted.
    public mutating func importTranscripts(_ files: [URL], encoding: TextDecoding.Encoding = .utf8) throws -> [TranscriptImport] {
        let started = FileKey.now()
        let ids = files.map { $0.deletingPathExtension().lastPathComponent }
        var firstFile: [String: Int] = [:]
        var duplicateOf = [Int?](repeating: nil, count: files.count)
        for (index, id) in ids.enumerated() {
            if let first = firstFile[id] { duplicateOf[index] = first } else { firstFile[id] = index }
        }
        try SecureFiles.makeDirectory(chatsURL)
        SecureFiles.removeAbandonedTemporaries(in: chatsURL)  // what a killed import left
        let known = positions, chats = chatsURL, duplicates = duplicateOf
        let outcomes = UnsafeResults<Result<ImportedFile, GlossError>>(count: files.count)
        let failed = ImportFailure()
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            do {
                let outcome = try Self.importOne(file, id: ids[index], encoding: encoding, known: known[ids[index]] != nil && duplicates[index] == nil,
                                                 chats: chats, stage: duplicates[index] == nil && !failed.happened,
                                                 modified: started - Self.importedFileAge)
                outcomes[index] = .success(outcome)
            } catch {
                failed.happened = true
                outcomes[index] = .failure((error as? GlossError) ?? GlossError(file: file.path, "\(error)"))
            }
        }
        var staged: [SecureFiles.StagedFile] = []
        var errors: [GlossError] = []
        var report: [TranscriptImport] = []
        var added: [ChatSummary] = []
        for (index, outcome) in outcomes.values.enumerated() {
            switch outcome! {
            case .failure(let error):
                errors.append(error)
            case .success(let imported):
                if let staging = imported.staged { staged.append(staging) }
                if let first = duplicateOf[index] {
                    errors.append(GlossError(file: files[index].path, "has the same chat id \"\(ids[index])\" as \(files[first].path)"))
                    continue
                }
                if !imported.skipped { added.append(imported.summary) }
                var item = TranscriptImport(summary: imported.summary, source: files[index].path, skipped: imported.skipped,
                                            controls: imported.controls)
                item.updated = imported.updated
                report.append(item)
            }
        }
        guard errors.isEmpty, staged.count == added.count else {
            SecureFiles.discard(staged)
            throw GlossErrors(errors.isEmpty ? [GlossError(file: chatsURL.path, "the import was interrupted; nothing was imported")] : errors)
        }
        try SecureFiles.commit(staged)
        for summary in added { transcripts.forget(summary.id) }
        let addedKeys = added.map { FileKey.of(transcriptURL($0.id)) }
        seedCatalog(added: added, keys: addedKeys, modified: started - Self.importedFileAge, written: started)
        if !added.isEmpty {
            // An updated chat's summary and key replace its old ones.
            let replaced = Set(added.map(\.id))
            let kept = summaries.indices.filter { !replaced.contains(summaries[$0].id) }
            self = Project(root: root, config: config, codebook: codebook,
                           summaries: kept.map { summaries[$0] } + added, keys: kept.map { keys[$0] } + addedKeys)
        }
        return report
    }

    /// One transcript, read, checked and (when it is new and `stage`) written to a hidden temporary.
    private static func importOne(_ file: URL, id: String, encoding: TextDecoding.Encoding, known: Bool, chats: URL,
                                  stage: Bool, modified: Int64) throws -> ImportedFile {
        let raw = try readTranscript(file)
        try TranscriptParser.checkID(id, file: file.path)
        let scanned = try TextDecoding.decodeScanned(bytes: raw, file: file.path, encoding: encoding)
        let url = chats.appendingPathComponent(id + ".txt", isDirectory: false)
        if known {
            let chat = try TranscriptParser().parse(bytes: scanned.bytes, id: id, file: file.path)
            let existing = try TranscriptParser().parse(fileAt: url)
            guard sameMessages(existing, chat) else {
                throw GlossError(file: file.path, "chat \"\(id)\" already exists with different text; codings refer to its text, so it is not replaced")
            }
            if existing == chat {
                return ImportedFile(summary: ChatSummary(chat), controls: scanned.controls, skipped: true, staged: nil)
            }
            // Only the header changed: the file is replaced, so the attributes change and no coding moves.
            let staged = stage ? try scanned.bytes.withUnsafeBytes { try SecureFiles.stage($0, for: url, modified: modified) } : nil
            return ImportedFile(summary: ChatSummary(chat), controls: scanned.controls, skipped: false, staged: staged, updated: true)
        }
        let summary = try TranscriptParser().summary(bytes: scanned.bytes, id: id, file: file.path)
        let staged = stage ? try scanned.bytes.withUnsafeBytes { try SecureFiles.stage($0, for: url, modified: modified) } : nil
        return ImportedFile(summary: summary, controls: scanned.controls, skipped: false, staged: staged)
    }

    /// Whether two versions of a chat have the same messages: speaker, time and text, in order (the line a
    /// message starts on is left out: a header line more moves every message down without moving a coding).
    static func sameMessages(_ a: Chat, _ b: Chat) -> Bool {
        a.messages.count == b.messages.count && zip(a.messages, b.messages).allSatisfy {
            $0.speaker == $1.speaker && $0.timestamp == $1.timestamp && ScalarText.identical($0.text, $1.text)
        }
    }

    /// Reads a transcript the user named (a link followed, as `SecureFiles.readNamedFile`), refusing one
    /// larger than `maximumTranscriptBytes` before reading it, and reading no more than that if it grows.
    static func readTranscript(_ url: URL) throws -> [UInt8] {
        let fd = try SecureFiles.openExisting(url, O_RDONLY, followingLink: true)
        defer { close(fd) }
        let limit = maximumTranscriptBytes
        func tooLarge() -> GlossError {
            GlossError(file: url.path, "is larger than \(limit >> 20) MiB; a transcript is one conversation (split the file, or check that it is a transcript)")
        }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        guard size <= limit else { throw tooLarge() }
        var failure: Int32 = 0
        // Straight into the array, one byte more than the size, to see the end without another read.
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                if n == 0 { return }
                count += n
            }
        }
        if failure == 0, bytes.count == size + 1 {  // the file grew while it was read: the rest, within the limit
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while bytes.count <= limit {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 { if errno == EINTR { continue }; failure = errno; break }
                if n == 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
            }
        }
        if failure != 0 {
            errno = failure
            throw SecureFiles.posixError("cannot read", url.path)
        }
        guard bytes.count <= limit else { throw tooLarge() }
        return bytes
    }

    /// Writes the chat catalog with the new transcripts' summaries, keyed to the files now in place, and the
    /// entries of the catalog already there that are still trusted. A key whose modification time is not
    /// the one the import set (the file was changed since) is left out: the next load parses that file.
    private func seedCatalog(added: [ChatSummary], keys: [FileKey?], modified: Int64, written: Int64) {
        guard !added.isEmpty else { return }
        var catalog = ChatCatalog(entries: [:], written: written)
        if let old = ChatCatalog.read(projectRoot: root) {
            for id in chatIDs {
                if let key = FileKey.of(transcriptURL(id)), let entry = old.trustedEntry(id, key: key) { catalog.entries[id] = entry }
            }
        }
        for (summary, key) in zip(added, keys) {
            guard let key, key.modifiedNanoseconds == modified else { continue }
            catalog.entries[summary.id] = ChatCatalog.Entry(key: key, summary: summary)
        }
        catalog.write(projectRoot: root, stamped: false)
    }
}

/// What one file of an import gave: its summary, its control lines, and its temporary when it is new.
private struct ImportedFile: Sendable {
    var summary: ChatSummary
    var controls: TextDecoding.ControlLines?
    var skipped: Bool
    var staged: SecureFiles.StagedFile?
    var updated = false
}

/// Set by the first file that fails, so the files after it are still checked (every error is reported)
/// but no longer written.
private final class ImportFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var happened: Bool {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

extension TranscriptImport {
    init(summary: ChatSummary, source: String, skipped: Bool, controls: TextDecoding.ControlLines?) {
        var counts = [Int](repeating: 0, count: summary.speakers.count)
        for speaker in summary.messageSpeakers { counts[Int(speaker)] += 1 }
        let speakers = zip(summary.speakers, counts).sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map { (name: $0.0, messages: $0.1) }
        self.init(chat: summary.id, source: source, messages: summary.messageCount, speakers: speakers,
                  declaredSpeakers: summary.attribute("speakers") != nil, skipped: skipped, controls: controls)
    }
}
