import Foundation

/// Changes to `project.json` (figures and code groups), written the way codebook changes are: under the
/// codebook lock, the file re-read under it, checked, logged in `codebook-changes.jsonl` (kinds `figure` and
/// `group`), then written atomically and owner-only (`SecureFiles`, no link followed). A change that fails its
/// checks writes nothing.
extension Project {
    /// Applies `change` to the `project.json` on disk; `describe` says what changed for the log
    /// (`path`: "figure 4" or "group Psychisch"; `before`/`after`). Returns the new config.
    @discardableResult
    public mutating func changeConfig(by coder: String, kind: CodebookChange.Kind,
                                      _ change: (inout ProjectConfig, Codebook) throws -> (path: String, code: CodeID?, before: String?, after: String?)) throws -> ProjectConfig {
        let lock = try FileLock(root.appendingPathComponent("codebook.lock"), purpose: "The codebook")
        defer { lock.release() }
        let current = try CodebookFile.decode(try SecureFiles.read(codebookURL), file: codebookURL.path)
        var config = try ProjectConfig.read(try SecureFiles.read(configURL), file: configURL.path)
        config.resolveCategoryPaths(in: current)
        let described = try change(&config, current)
        let data = try JSONFormat.encode(config)
        _ = try ProjectConfig.read(data, file: configURL.path)  // what is written must read back
        try appendChange(CodebookChange(time: Timestamp.now(), coder: coder, kind: kind, code: described.code ?? CodeID(""),
                                        path: described.path, before: described.before, after: described.after, revision: current.revision))
        try SecureFiles.writeAtomically(data, to: configURL)
        self.config = config
        codebook = current
        return config
    }

    /// Writes `project.json` with ids where it still names figure categories by path that `codebook` has
    /// (called under the codebook lock, before a codebook change can make the paths stale).
    func storeFigureIDs(resolvedIn codebook: Codebook) throws {
        let config = try ProjectConfig.read(try SecureFiles.read(configURL), file: configURL.path)
        var resolved = config
        resolved.resolveCategoryPaths(in: codebook)
        if resolved.figures != config.figures { try SecureFiles.writeAtomically(try JSONFormat.encode(resolved), to: configURL) }
    }
}
