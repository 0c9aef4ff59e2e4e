import Foundation

/// A project folder: `project.json`, the codebook, `chats/*.txt` and `sessions/<coder>.json`.
///
/// Plain files and no server; a team shares a project through git (see `docs/user-guide.md`).
public struct Project: Sendable {
    public let root: URL
    public var config: ProjectConfig
    public var codebook: Codebook
    /// Every chat's summary (attributes and message lengths, no text), sorted by id: what counting, status
    /// and span checks need. The text is read on demand by `chat(_:)`.
    public private(set) var summaries: [ChatSummary]
    /// Chat ids, sorted.
    public private(set) var chatIDs: [String]
    /// Position of each chat in `chatIDs`.
    var positions: [String: Int]
    /// The key of the transcript file each summary was made from (nil for one not read from a file).
    var keys: [FileKey?]
    let transcripts = TranscriptCache()
    /// How many transcripts loading parsed (0 when the catalog knew them all), for tests.
    public private(set) var transcriptsParsed = 0
    /// The codebook as read under the lock just before the last change this value made (the workbench's undo
    /// takes the inverse from it, so no other process can change the codebook in between).
    var codebookBeforeLastChange: Codebook?

    public var configURL: URL { root.appendingPathComponent("project.json") }
    public var codebookURL: URL { root.appendingPathComponent(config.codebook) }
    public var chatsURL: URL { root.appendingPathComponent("chats") }
    public var sessionsURL: URL { root.appendingPathComponent("sessions") }

    public var chatCount: Int { chatIDs.count }

    /// The position of chat `id` in `chatIDs`, or nil when the project has no such chat.
    public func index(of id: String) -> Int? { positions[id] }

    /// What the catalog knows of chat `id` (no text), or nil when the project has no such chat.
    public func summary(_ id: String) -> ChatSummary? {
        guard let position = positions[id] else { return nil }
        return transcripts.refreshedSummary(id) ?? summaries[position]
    }

    /// Summaries by chat id (for `CodingsCSV`).
    public var summariesByID: [String: ChatSummary] {
        Dictionary(uniqueKeysWithValues: chatIDs.map { ($0, summary($0)!) })
    }

    /// The transcript file of chat `id`.
    public func transcriptURL(_ id: String) -> URL { chatsURL.appendingPathComponent(id + ".txt", isDirectory: false) }

    /// Chat `id` with its text, read from its transcript now (or from the few read lately). Throws when
    /// the project has no such chat or its transcript can no longer be read.
    public func loadChat(_ id: String) throws -> Chat {
        guard let position = positions[id] else {
            throw GlossError(file: transcriptURL(id).path, "no chat \(GlossError.quoted(id)) in the project")
        }
        return try transcripts.chat(id, url: transcriptURL(id), expected: keys[position])
    }

    /// The text of each of `spans` in chat `id` (as `loadChat(id).text(of:)` gives it), cut straight from
    /// the transcript's bytes with no `Chat` built and nothing cached: `codings import` reads every quoted
    /// chat once for this. Throws when the project has no such chat, its transcript cannot be read, or a
    /// span no longer fits it (the file changed after its summary was made).
    public func quoteTexts(_ id: String, spans: [Span]) throws -> [String] {
        guard positions[id] != nil else {
            throw GlossError(file: transcriptURL(id).path, "no chat \(GlossError.quoted(id)) in the project")
        }
        let url = transcriptURL(id)
        return try TranscriptParser().quotes(try SecureFiles.read(url), id: id, file: url.path, spans: spans)
    }

    /// How many transcripts the project keeps now (for tests: at most `TranscriptCache.capacity`).
    var cachedChatCount: Int { transcripts.count }

    /// Chat `id` with its text, or nil when there is no such chat or its transcript cannot be read.
    public func chat(_ id: String) -> Chat? { try? loadChat(id) }

    /// Every chat with its text, parsed now on all cores, in id order (`gloss validate` checks them all).
    /// Every transcript that fails is reported.
    public func allChats() throws -> [Chat] {
        try Self.parseChats(chatIDs.map(transcriptURL))
    }

    /// Loads the project: config, codebook and the chat catalog (`ChatCatalog`). Only transcripts that are
    /// new or changed since the catalog was written are parsed; every one that fails to parse is reported
    /// (all of them, not just the first). Without `useCatalog` (`gloss validate`, which trusts no cache and
    /// writes nothing) every transcript is parsed and the catalog is neither read nor written.
    public static func load(_ root: URL, useCatalog: Bool = true) throws -> Project {
        let configURL = root.appendingPathComponent("project.json")
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            throw GlossError(file: root.path, "not a Gloss project (no project.json); create one with: gloss init \(root.path) --codebook FILE")
        }
        try requireRealFolders(root)
        var config = try ProjectConfig.read(try SecureFiles.read(configURL), file: configURL.path)
        let codebookURL = root.appendingPathComponent(config.codebook)
        let codebook = try CodebookFile.decode(try SecureFiles.read(codebookURL), file: codebookURL.path)
        config.resolveCategoryPaths(in: codebook)  // an old file's paths become ids; written as ids next time
        // A crash between a merge's codebook write and its project.json leaves a figure or group on a code that
        // is gone: read it as the next codebook change will write it, so the report does not fail meanwhile.
        let stale = config.figures.contains { figure in
            if case .code(let id) = figure.subject, !codebook.contains(id) { return true }
            return figure.declared.contains { !codebook.contains($0) }
        } || config.groups.contains { $0.codes.contains { !codebook.contains($0) } }
        if stale {
            // A log that cannot be read leaves the figures as written: the report then names the missing code.
            let log = (try? CodeMigration.log(projectRoot: root)) ?? []
            config = Self.config(config, following: CodeMigration.mappings(in: log, upTo: codebook.revision), in: codebook)
        }
        let catalog = try ChatCatalogRefresh.run(projectRoot: root, chatsFolder: root.appendingPathComponent("chats"), useCatalog: useCatalog)
        var project = Project(root: root, config: config, codebook: codebook, summaries: catalog.summaries, keys: catalog.keys)
        project.transcriptsParsed = catalog.parsed
        return project
    }

    init(root: URL, config: ProjectConfig, codebook: Codebook, summaries: [ChatSummary], keys: [FileKey?]) {
        self.root = root
        self.config = config
        self.codebook = codebook
        let order = summaries.indices.sorted { summaries[$0].id < summaries[$1].id }
        self.summaries = order.map { summaries[$0] }
        self.keys = order.map { keys[$0] }
        self.chatIDs = self.summaries.map(\.id)
        self.positions = Dictionary(uniqueKeysWithValues: chatIDs.enumerated().map { ($1, $0) })
    }

    /// The transcript files of a chats folder, in name order.
    public static func transcriptFiles(in folder: URL) -> [URL] {
        transcriptNames(in: folder).map { folder.appendingPathComponent($0, isDirectory: false) }
    }

    /// The transcript file names of a chats folder, in name order (no URL built per file: a warm load of
    /// 10,000 chats only needs their names and keys).
    static func transcriptNames(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }.sorted()
    }

    /// Parses transcripts on all cores; the files are independent.
    static func parseChats(_ files: [URL]) throws -> [Chat] {
        let results = UnsafeResults<Result<Chat, GlossError>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            do {
                results[index] = .success(try TranscriptParser().parse(fileAt: files[index]))
            } catch let error as GlossError {
                results[index] = .failure(error)
            } catch {
                results[index] = .failure(GlossError(file: files[index].path, "\(error)"))
            }
        }
        var chats: [Chat] = []
        var errors: [GlossError] = []
        for result in results.values {
            switch result! {
            case .success(let chat): chats.append(chat)
            case .failure(let error): errors.append(error)
            }
        }
        if !errors.isEmpty { throw errors.count == 1 ? errors[0] as Error : GlossErrors(errors) }
        return chats
    }

    /// The project's own folders. None may be a link: what Gloss writes into them would land elsewhere.
    public static let folderNames = ["chats", "sessions", "reviews", "rounds"]

    /// Refuses a project whose folders (or saved rounds, or a round's sessions) are symbolic links. The
    /// root itself may be reached through a link: it is the folder the user named.
    static func requireRealFolders(_ root: URL) throws {
        for name in folderNames { try SecureFiles.requireRealFolder(root.appendingPathComponent(name)) }
        let rounds = root.appendingPathComponent("rounds")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: rounds.path)) ?? [] {
            let round = rounds.appendingPathComponent(name)
            try SecureFiles.requireRealFolder(round)
            try SecureFiles.requireRealFolder(round.appendingPathComponent("sessions"))
        }
    }

    // MARK: Creating and changing

    /// Creates a new project folder with a codebook; refuses to touch an existing project.
    public static func create(at root: URL, name: String, codebook: Codebook, figures: [FigureDefinition] = [],
                              groups: [CodeGroup] = []) throws -> Project {
        if FileManager.default.fileExists(atPath: root.appendingPathComponent("project.json").path) {
            throw GlossError(file: root.path, "already holds a Gloss project")
        }
        try SecureFiles.makeDirectory(root, mayBeLink: true)  // the folder the user named
        try requireRealFolders(root)
        try SecureFiles.makeDirectory(root.appendingPathComponent("chats"))
        try SecureFiles.makeDirectory(root.appendingPathComponent("sessions"))
        let project = Project(root: root, config: ProjectConfig(name: name, figures: figures, groups: groups), codebook: codebook, summaries: [], keys: [])
        try SecureFiles.writeAtomically(try CodebookFile.encode(codebook), to: project.codebookURL)
        try SecureFiles.writeAtomically(try JSONFormat.encode(project.config), to: project.configURL)
        return project
    }

    /// Writes the codebook (after a change) atomically.
    public func saveCodebook() throws {
        try SecureFiles.writeAtomically(try CodebookFile.encode(codebook), to: codebookURL)
    }

    // MARK: Sessions

    /// Coders with a session file, sorted.
    public var coders: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sessionsURL.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A coder's current session, read without locking. `warn` hears about damage found in the journal
    /// and what was recovered (the same rule the workbench opens it by).
    public func readSession(_ coder: String, warn: (String) -> Void = { _ in }) throws -> Session {
        guard Names.isValidCoder(coder) else { throw GlossError("\(GlossError.quoted(coder)) is not a valid coder name") }
        let (session, notes) = try SessionStore.readWithNotes(projectRoot: root, coder: coder)
        notes.forEach(warn)
        // A session not yet opened since a merge or retirement is counted as it will be once it follows.
        return try CodeMigration.followed(session, to: codebook.revision, projectRoot: root, codebook: codebook)
    }
}

/// Slots written by `concurrentPerform` workers, one index each (a raw buffer, so concurrent writes to
/// different slots do not contend for exclusive access to one array).
final class UnsafeResults<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }
    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
    var values: [T?] { Array(buffer) }
    subscript(index: Int) -> T? {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }
}
