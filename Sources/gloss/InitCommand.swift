import ArgumentParser
import Foundation
import GlossCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a project folder with a codebook.",
        discussion: "The codebook is Gloss JSON (.json) or a table (.tsv) with columns code, operationalisation, example and optionally rules and color."
    )

    @OptionGroup var project: ProjectArgument

    @Option(help: "The codebook file (.json or .tsv).")
    var codebook: String

    @Option(help: "The project's name (default: the folder name).")
    var name: String?

    func run() throws {
        try reportingErrors {
            let codebookURL = URL(fileURLWithPath: codebook)
            let loaded = try CodebookLoader.load(codebookURL)
            // A JSON codebook may carry figures and code groups (by id); a TSV codebook has none.
            let template = codebookURL.pathExtension.lowercased() == "json"
                ? try CodebookFigures.read(try SecureFiles.readNamedFile(codebookURL), codebook: loaded, file: codebookURL.path) : (figures: [], groups: [])
            let created = try Project.create(at: project.url, name: name ?? project.url.lastPathComponent, codebook: loaded,
                                             figures: template.figures, groups: template.groups)
            Output.text("Created \(created.root.path) with \(loaded.count) codes (\(loaded.roots.count) main codes).")
            if template.figures.isEmpty {
                Output.text("No figures yet; add one with: gloss figure add \(project.directory) --number N --title TEXT --category CODE")
            } else {
                Output.text("Figures from the codebook: " + template.figures.map { "\($0.number). \($0.title)" }.joined(separator: ", ") + ".")
            }
            Output.text("Next: gloss import \(project.directory) TRANSCRIPTS…")
        }
    }
}

/// Reads a codebook from Gloss JSON or TSV, by extension.
enum CodebookLoader {
    static func load(_ url: URL) throws -> Codebook {
        let data = try SecureFiles.readNamedFile(url)
        if url.pathExtension.lowercased() == "json" {
            return try CodebookFile.decode(data, file: url.path)
        }
        let text = try TextDecoding.string(data, file: url.path)
        return try CodebookTSV.read(text, file: url.path, name: url.deletingPathExtension().lastPathComponent)
    }
}
