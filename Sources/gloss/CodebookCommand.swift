import ArgumentParser
import Foundation
import GlossCore

struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Show a project's codebook as a tree (text) or as nested JSON."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, tsv }

    @OptionGroup var project: ProjectArgument

    @Option(help: "text, json or tsv.")
    var format: Format = .text

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            switch format {
            case .text: print(CodebookPrinter.text(loaded.codebook), terminator: "")
            case .json: FileHandle.standardOutput.write(try CodebookPrinter.json(loaded.codebook))
            case .tsv: print(CodebookTSV.write(loaded.codebook), terminator: "")
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
