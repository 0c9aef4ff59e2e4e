import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Show the codebook, accept proposed codes, or show the codebook's change log.",
        subcommands: [CodebookShow.self, CodebookAccept.self, CodebookLog.self],
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
            for change in changes {
                let what: String
                switch change.kind {
                case .rename: what = "renamed \(change.before ?? "") to \(change.after ?? "") (\(change.path))"
                case .accept: what = "accepted the proposed code \(change.path)"
                case .rule: what = "added a rule to \(change.path): \(change.after ?? "")"
                case .withdraw: what = "took the accepted code \(change.path) back out"
                case .move: what = "moved \(change.before ?? "") to \(change.after ?? change.path)"
                case .figure, .group, .setting: what = "\(change.path): \(change.after ?? change.before ?? "")"
                }
                Output.text("\(ISO8601DateFormatter().string(from: change.time))  r\(change.revision)  \(change.coder)  \(what)")
            }
        }
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
        var children: [Node]
    }

    static func json(_ codebook: Codebook) throws -> Data {
        func node(_ code: Code) -> Node {
            Node(id: code.id.rawValue, name: code.name, path: codebook.path(of: code.id)!, operationalisation: code.operationalisation,
                 example: code.example, rules: code.rules, color: code.color, children: codebook.children(of: code.id).map(node))
        }
        return try JSONFormat.encode(codebook.roots.map(node))
    }
}
