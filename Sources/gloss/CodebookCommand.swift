import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Show the codebook, change it (rename, move, merge, split, delete, edit, memo), accept proposed codes, or show its change log.",
        subcommands: [CodebookShow.self, CodebookAccept.self, CodebookRename.self, CodebookMove.self, CodebookMerge.self, CodebookSplit.self,
                      CodebookDelete.self, CodebookEdit.self, CodebookMemo.self, CodebookMigrate.self, CodebookLog.self, CodebookDiff.self],
        defaultSubcommand: CodebookShow.self
    )
}

struct CodebookShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a project's codebook as a tree (text), as nested JSON, or as TSV (the default subcommand)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, tsv }

    @OptionGroup var project: ProjectArgument

    @Option(help: "text, json or tsv.")
    var format: Format = .text

    @OptionGroup var rawCSV: RawCSVFlag

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            switch format {
            case .text: Output.text(CodebookPrinter.text(loaded.codebook), terminator: "")
            case .json: Output.json(try CodebookPrinter.json(loaded.codebook))
            case .tsv: Output.table(CodebookTSV.write(loaded.codebook, cells: rawCSV.cells))
            }
        }
    }
}

struct CodebookAccept: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Move a code a coder proposed (open coding) into the shared codebook.",
        discussion: "The code keeps its id, so every coding that uses it stays valid. The change is recorded in codebook-changes.jsonl."
    )

    @OptionGroup var project: ProjectArgument

    @Argument(help: "The proposed code: its id or its path.")
    var code: String

    @Option(help: "Who accepts it, for the change log (default: $USER).")
    var by: String?

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            var found: (coder: String, code: Code)?
            for coder in loaded.coders {
                let session = try loaded.readSession(coder, warn: printWarning)
                let hierarchy = CodeHierarchy(codebook: loaded.codebook, proposed: session.proposedCodes)
                if let id = hierarchy.resolve(code), let proposal = session.proposedCodes[id] { found = (coder, proposal); break }
            }
            guard let (owner, proposal) = found else {
                throw GlossError("no coder has proposed a code \(GlossError.quoted(code)) (see the tree in the workbench, marked *)")
            }
            let accepter = by ?? ProcessInfo.processInfo.environment["USER"] ?? owner
            let store = try SessionStore(projectRoot: loaded.root, coder: owner, codebookRevision: loaded.codebook.revision, create: false)
            let codebook = try loaded.acceptProposal(proposal, by: accepter)
            try store.perform([.proposal(id: proposal.id, before: proposal, after: nil)], label: "proposal \(proposal.name) accepted into the codebook")
            try store.close()
            Output.text("Accepted \(codebook.path(of: proposal.id) ?? proposal.name) (proposed by \(owner)) into the codebook; revision \(codebook.revision).")
        }
    }
}

struct CodebookLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show how the codebook changed: who, when, what."
    )

    @OptionGroup var project: ProjectArgument

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            let changes = try loaded.codebookChanges(warn: printWarning)
            if changes.isEmpty { Output.text("No changes since the codebook was created (revision \(loaded.codebook.revision)).") }
            // A change logged but never written to codebook.json (a crash between the two) is said, not hidden.
            let effective = CodeMigration.effective(changes, upTo: loaded.codebook.revision)
            for (index, change) in changes.enumerated() {
                let applied = !change.changesCodebook || effective.contains { $0.revision == change.revision && $0 == change }
                    && !changes[(index + 1)...].contains { $0.changesCodebook && $0.revision == change.revision }
                Output.text(Self.line(change, applied: applied))
            }
        }
    }

    /// One change in words: time, revision, who, what, why; a merged or retired code's definition after it.
    static func line(_ change: CodebookChange, applied: Bool = true) -> String {
        let what: String
        switch change.kind {
        case .rename: what = "renamed \(change.before ?? "") to \(change.after ?? "") (\(change.path))"
        case .accept: what = "accepted the proposed code \(change.path)"
        case .rule: what = "added a rule to \(change.path): \(change.after ?? "")"
        case .withdraw: what = "took the accepted code \(change.path) back out"
        case .move: what = "moved \(change.before ?? "") to \(change.after ?? change.path)"
        case .reorder: what = "put \(change.path) in place \(change.after ?? "?") among its siblings (was \(change.before ?? "?"))"
        case .merge: what = "merged \(change.before ?? change.path) into \(change.after ?? "?")"
        case .split: what = "split \(change.path): new sub-codes \(change.after ?? "")"
        case .retire:
            what = "deleted \(change.path)" + (change.mapping?.first.map { $0.to == nil ? "; its codings dropped" : "; its codings to \(change.after ?? "?")" } ?? "")
        case .edit:
            let value = change.field == "exclusive" ? (change.after == "true" ? "on" : "off") : Self.short(change.after ?? "")
            what = "changed the \(change.field ?? "definition") of \(change.path): \(value)"
        case .restore: what = "brought \(change.path) back: \(change.after ?? "")"
        case .memo: what = "set the project memo: \(Self.short(change.after ?? ""))"
        case .figure, .group, .setting: what = "\(change.path): \(change.after ?? change.before ?? "")"
        }
        var line = "\(ISO8601DateFormatter().string(from: change.time))  r\(change.revision)  \(change.coder)  \(what)"
        if !applied { line += "\n    not applied: the codebook was not written (an interrupted change)" }
        if let reason = change.reason, !reason.isEmpty { line += "\n    why: \(reason)" }
        if let removed = change.removed {
            if !removed.operationalisation.isEmpty { line += "\n    kept: operationalisation \(Self.short(removed.operationalisation))" }
            if !removed.example.isEmpty { line += "\n    kept: example \(Self.short(removed.example))" }
            for rule in removed.rules { line += "\n    kept: rule \(Self.short(rule))" }
            if !removed.memo.isEmpty { line += "\n    kept: memo \(Self.short(removed.memo))" }
        }
        return line
    }

    /// A value on one line, at most 100 characters.
    static func short(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.unicodeScalars.count > 100 ? String(String.UnicodeScalarView(flat.unicodeScalars.prefix(99))) + "…" : flat
    }
}

/// Renders a codebook for `gloss codebook`.
enum CodebookPrinter {
    static func text(_ codebook: Codebook) -> String {
        var out = codebook.name.isEmpty ? "" : "\(codebook.name) (\(codebook.count) codes)\n"
        func walk(_ code: Code, prefix: String, isLast: Bool, depth: Int) {
            let branch = depth == 0 ? "" : prefix + (isLast ? "└─ " : "├─ ")
            out += branch + code.name + "\n"
            let children = codebook.children(of: code.id)
            let childPrefix = depth == 0 ? "" : prefix + (isLast ? "   " : "│  ")
            for (index, child) in children.enumerated() {
                walk(child, prefix: childPrefix, isLast: index == children.count - 1, depth: depth + 1)
            }
        }
        for root in codebook.roots { walk(root, prefix: "", isLast: true, depth: 0) }
        return out
    }

    struct Node: Encodable {
        var id: String
        var name: String
        var path: String
        var operationalisation: String
        var example: String
        var rules: [String]
        var color: String
        /// Written only when set (absent otherwise, as in codebook.json).
        var memo: String?
        var exclusive: Bool?
        var merged: [MergedCode]?
        var children: [Node]
    }

    static func json(_ codebook: Codebook) throws -> Data {
        func node(_ code: Code) -> Node {
            Node(id: code.id.rawValue, name: code.name, path: codebook.path(of: code.id)!, operationalisation: code.operationalisation,
                 example: code.example, rules: code.rules, color: code.color, memo: code.memo.isEmpty ? nil : code.memo,
                 exclusive: code.exclusive ? true : nil, merged: code.merged.isEmpty ? nil : code.merged,
                 children: codebook.children(of: code.id).map(node))
        }
        return try JSONFormat.encode(codebook.roots.map(node))
    }
}
