import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

/// `gloss sessions`: operations on whole sessions.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Operations on whole sessions (combine).",
        subcommands: [SessionsCombine.self]
    )
}

/// `gloss sessions combine DIR --coders A B … --into NAME`: one session for the whole corpus from coders who
/// split the chats (`SessionCombination`).
struct SessionsCombine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "combine",
        abstract: "Combine the sessions of coders who split the chats into one session (each chat from the coder who finished it).",
        discussion: """
        Each chat comes from the coder who marked it done, with its codings (which keep their coder), entered case \
        attributes and done mark. A chat two coders marked done comes from the consensus of a finished review \
        meeting of those two (gloss review --into NAME); without one it is refused, both coders named, and nothing \
        is written. Chats no coder finished are left out. The new session is written atomically and owner-only; an \
        existing session of NAME is refused unless --replace.
        """
    )

    @OptionGroup var project: ProjectArgument

    @Option(name: .long, parsing: .upToNextOption, help: "The coders whose sessions to combine (two or more).")
    var coders: [String] = []

    @Option(name: .long, help: "The new session's name.")
    var into: String

    @Flag(help: "Replace an existing session of that name.")
    var replace = false

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            guard Set(coders).count == coders.count, coders.count >= 2 else { throw GlossError("give two or more different coders: --coders A B …") }
            guard Names.isValidCoder(into) else {
                throw GlossError("\(GlossError.quoted(into)) is not a valid session name: use letters, digits, '-', '_' or '.'")
            }
            guard !coders.contains(into) else { throw GlossError("the combined session must not be one of the coders' own (\(into))") }
            for coder in coders where !loaded.coders.contains(coder) {
                throw GlossError(file: loaded.sessionsURL.path, "coder \(coder) has no session (coders: \(loaded.coders.joined(separator: ", ")))")
            }
            let snapshot = SessionStore.urls(projectRoot: loaded.root, coder: into).snapshot
            if SecureFiles.entryExists(snapshot) && !replace {
                throw GlossError(file: snapshot.path, "a session \(into) exists already; choose another --into, or --replace to overwrite it")
            }
            let sessions = try coders.map { try loaded.readSession($0, warn: printWarning) }
            // Consensus sessions of two of the coders, from the review meetings' logs; a provisional one is not used.
            let (consensus, unfinished) = try SessionCombination.consensus(of: coders, in: loaded, except: into, warn: printWarning)
            let combination: SessionCombination
            do {
                combination = try SessionCombination(sessions, chats: loaded.chatIDs, into: into, codebookRevision: loaded.codebook.revision,
                                                     consensus: consensus)
            } catch var error as GlossError {
                if !unfinished.isEmpty { error.message += " (not used: " + unfinished.joined(separator: "; ") + ")" }
                throw error
            }
            let store = try SessionStore(projectRoot: loaded.root, coder: into, codebookRevision: loaded.codebook.revision)
            try store.startNewHistory(with: combination.session)
            try store.close()
            for note in store.notes { printWarning(note) }
            let counts = Dictionary(grouping: combination.sources.values, by: { $0 }).mapValues(\.count)
            let from = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            Output.text("Combined \(combination.sources.count) chat(s) into \(into) (\(from)); \(combination.session.codingCount) quotes."
                         + (combination.leftOut.isEmpty ? "" : " \(combination.leftOut.count) chat(s) no coder finished were left out."))
        }
    }
}
