import Foundation

/// Brings a project's chat catalog up to date with its `chats/` folder: every transcript whose file key
/// matches a trusted entry is taken from the catalog; only new or changed transcripts are parsed (on all
/// cores), removed ones are dropped, and the catalog is rewritten only when something changed.
enum ChatCatalogRefresh {
    struct Result {
        /// Summaries in id order, with the key of the file each was made from.
        var summaries: [ChatSummary]
        var keys: [FileKey]
        /// How many transcripts were parsed (0 on a warm catalog) and whether the catalog was rewritten.
        var parsed: Int
        var rewritten: Bool
    }

    /// Every transcript that fails to parse is reported (all of them, with file and line), as before the
    /// catalog; the ones that parsed are still remembered for next time.
    /// Without `useCatalog`, every transcript is parsed and the catalog is neither read nor written.
    static func run(projectRoot: URL, chatsFolder: URL, useCatalog: Bool = true) throws -> Result {
        let names = Project.transcriptNames(in: chatsFolder)
        let old = useCatalog ? ChatCatalog.read(projectRoot: projectRoot) : nil
        var entries = [ChatCatalog.Entry?](repeating: nil, count: names.count)
        var toParse: [Int] = []
        if let old {
            // One `fstatat` per transcript relative to the open folder (no path walk each time), on both cores.
            let keys = UnsafeResults<FileKey>(count: names.count)
            let folder = open(chatsFolder.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let folderPath = chatsFolder.path.hasSuffix("/") ? chatsFolder.path : chatsFolder.path + "/"
            let chunks = min(names.count, 2 * ProcessInfo.processInfo.activeProcessorCount)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in stride(from: chunk, to: names.count, by: chunks) {
                    keys[index] = folder >= 0 ? FileKey.of(name: names[index], inFolder: folder) : FileKey.of(path: folderPath + names[index])
                }
            }
            if folder >= 0 { close(folder) }
            for (index, name) in names.enumerated() {
                if let key = keys[index], let entry = old.trustedEntry(String(name.dropLast(4)), key: key) {
                    entries[index] = entry
                } else {
                    toParse.append(index)
                }
            }
        } else {
            toParse = Array(names.indices)
        }
        let parse = toParse
        let files = parse.map { chatsFolder.appendingPathComponent(names[$0], isDirectory: false) }
        let results = UnsafeResults<Swift.Result<ChatCatalog.Entry, GlossError>>(count: parse.count)
        DispatchQueue.concurrentPerform(iterations: parse.count) { slot in
            let file = files[slot]
            do {
                let (data, key) = try SecureFiles.readWithKey(file)
                let summary = try TranscriptParser().summary(data, id: file.deletingPathExtension().lastPathComponent, file: file.path)
                results[slot] = .success(ChatCatalog.Entry(key: key, summary: summary))
            } catch let error as GlossError {
                results[slot] = .failure(error)
            } catch {
                results[slot] = .failure(GlossError(file: file.path, "\(error)"))
            }
        }
        var errors: [GlossError] = []
        for (slot, result) in results.values.enumerated() {
            switch result! {
            case .success(let entry): entries[toParse[slot]] = entry
            case .failure(let error): errors.append(error)
            }
        }
        let kept = entries.compactMap { $0 }
        let changed = old == nil || !toParse.isEmpty || old!.entries.count != kept.count
        if changed && useCatalog {
            ChatCatalog(entries: Dictionary(kept.map { ($0.summary.id, $0) }, uniquingKeysWith: { first, _ in first })).write(projectRoot: projectRoot)
        }
        if !errors.isEmpty { throw errors.count == 1 ? errors[0] as Error : GlossErrors(errors) }
        return Result(summaries: kept.map(\.summary), keys: kept.map(\.key), parsed: toParse.count, rewritten: changed && useCatalog)
    }
}
