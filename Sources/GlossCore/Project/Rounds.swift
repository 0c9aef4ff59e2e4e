import Foundation

/// A frozen agreement round: copies of two coders' sessions and the codebook as they were when the round
/// was saved (`rounds/<name>/`), so a round's figures never change after the discussion that follows it.
/// A round saved with `--chats` also keeps its chat list and is always recomputed on those chats alone; one
/// saved without (`chats` nil) covers every chat the coders marked done, as rounds always did.
public struct Round: Sendable {
    public var name: String
    public var saved: Date
    public var coders: [String]
    public var threshold: Int
    /// The chats the round is restricted to, in project order; nil: every chat.
    public var chats: [String]?
    public var codebook: Codebook
    public var sessions: [Session]

    struct Manifest: Codable {
        var name: String
        var saved: Date
        var coders: [String]
        var threshold: Int
        /// Absent in rounds saved without a chat list (and in every round before chat lists existed).
        var chats: [String]?
    }
}

extension Project {
    public var roundsURL: URL { root.appendingPathComponent("rounds") }

    /// Freezes the current sessions of `coders` and the codebook as round `name` (restricted to `chats` when
    /// given); refuses to overwrite a round.
    public func saveRound(_ name: String, coders: [String], threshold: Int, chats: [String]? = nil) throws -> URL {
        guard Names.isValidCoder(name) else {
            throw GlossError("\(GlossError.quoted(name)) is not a valid round name: use letters, digits, '-', '_' or '.'")
        }
        let folder = roundsURL.appendingPathComponent(name)
        if SecureFiles.entryExists(folder) {
            throw GlossError(file: folder.path, "round \(name) already exists; rounds never change once saved")
        }
        let sessions = try coders.map { try readSession($0) }
        // One level at a time, so a linked rounds/ is refused rather than followed by `mkdir -p`.
        try SecureFiles.makeDirectory(roundsURL)
        try SecureFiles.makeDirectory(folder)
        try SecureFiles.makeDirectory(folder.appendingPathComponent("sessions"))
        for session in sessions {
            try SessionFile.write(session, to: folder.appendingPathComponent("sessions/\(session.coder).json"))
        }
        try SecureFiles.writeAtomically(try CodebookFile.encode(codebook), to: folder.appendingPathComponent("codebook.json"))
        let manifest = Round.Manifest(name: name, saved: Timestamp.now(), coders: coders, threshold: threshold, chats: chats)
        try SecureFiles.writeAtomically(try JSONFormat.encode(manifest), to: folder.appendingPathComponent("round.json"))
        return folder
    }

    /// Every saved round, oldest first.
    public func rounds() throws -> [Round] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: roundsURL.path)) ?? []
        var rounds: [Round] = []
        for name in names where !name.hasPrefix(".") {
            let folder = roundsURL.appendingPathComponent(name)
            let manifestURL = folder.appendingPathComponent("round.json")
            guard SecureFiles.entryExists(manifestURL) else { continue }
            let manifest = try JSONFormat.decode(Round.Manifest.self, from: try SecureFiles.read(manifestURL), file: manifestURL.path)
            // A round arrives by git like everything else: its chat list holds chat ids or the round is refused.
            if let chats = manifest.chats, let bad = chats.firstIndex(where: { !Names.isValidChatID($0) }) {
                throw GlossError(file: manifestURL.path, place: "chats[\(bad)]", "\(GlossError.quoted(chats[bad])) is not a chat id")
            }
            let codebookURL = folder.appendingPathComponent("codebook.json")
            let codebook = try CodebookFile.decode(try SecureFiles.read(codebookURL), file: codebookURL.path)
            let sessions = try manifest.coders.map { coder -> Session in
                let url = folder.appendingPathComponent("sessions/\(coder).json")
                return try SessionFile.decode(try SecureFiles.read(url), file: url.path)
            }
            rounds.append(Round(name: manifest.name, saved: manifest.saved, coders: manifest.coders, threshold: manifest.threshold,
                                chats: manifest.chats, codebook: codebook, sessions: sessions))
        }
        // Oldest first; rounds saved in the same second by name, with numbers compared as numbers (r2 < r10).
        return rounds.sorted { $0.saved != $1.saved ? $0.saved < $1.saved : $0.name.compare($1.name, options: .numeric) == .orderedAscending }
    }
}
