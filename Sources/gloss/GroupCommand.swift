import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

/// `gloss group add|list|remove`: code groups (MAXQDA's code sets, ATLAS.ti's code groups) in `project.json`,
/// by id. Changes are checked, logged and written as figure changes are (`Project.changeConfig`).
struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Code groups: named sets of codes from anywhere in the tree, for figures and joined bars.",
        discussion: "A group is a figure of its own (gloss figure add --group NAME: the members are the bars) or one bar in a category figure (--join NAME: a chat counts once if it has any member). Members are stored by id.",
        subcommands: [GroupAdd.self, GroupList.self, GroupRemove.self]
    )
}

struct GroupAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Create a group, or add codes to an existing one.",
        discussion: "Codes already in the group are left as they are; naming only such codes is an error."
    )

    @OptionGroup var project: ProjectArgument
    @Argument(help: "The group's name.") var name: String
    @Argument(help: "Codes (id, path, or a unique name).") var codes: [String]
    @OptionGroup var by: ChangedByOption

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            var existed = false
            let config = try loaded.changeConfig(by: by.name, kind: .group) { config, codebook in
                existed = config.group(name) != nil
                let added = try config.addToGroup(name, codes: try SharedCodes.resolve(codes, in: codebook))
                return ("group \(name)", nil, nil, (existed ? "added " : "created with ") + added.map { codebook.path(of: $0) ?? $0.rawValue }.joined(separator: " | "))
            }
            let group = config.group(name)!
            Output.text("\(existed ? "Group" : "New group") \(name): \(group.codes.count) code(s).")
            for id in group.codes { Output.text("  " + (loaded.codebook.path(of: id) ?? "(id \(id.rawValue), not in the codebook)")) }
        }
    }
}

struct GroupList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the code groups and their members.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var project: ProjectArgument
    @Option(help: "text or json.") var format: Format = .text

    struct Entry: Encodable {
        struct Member: Encodable { var id: String; var path: String? }
        var name: String
        var codes: [Member]
    }

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            switch format {
            case .text:
                if loaded.config.groups.isEmpty { Output.text("No code groups. Add one with: gloss group add \(project.directory) NAME CODE…") }
                for group in loaded.config.groups {
                    Output.text("\(group.name) (\(group.codes.count) code(s))")
                    for id in group.codes { Output.text("  " + (loaded.codebook.path(of: id) ?? "(id \(id.rawValue), not in the codebook)")) }
                }
            case .json:
                let entries = loaded.config.groups.map { Entry(name: $0.name, codes: $0.codes.map { .init(id: $0.rawValue, path: loaded.codebook.path(of: $0)) }) }
                Output.json(try JSONFormat.encode(entries))
            }
        }
    }
}

struct GroupRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove codes from a group, or the whole group when no code is named.",
        discussion: "A group a figure uses (as its bars or as a joined bar) is not removed; edit or remove the figure first."
    )

    @OptionGroup var project: ProjectArgument
    @Argument(help: "The group's name.") var name: String
    @Argument(help: "Codes to take out (id, path, or a unique name); none: the whole group.") var codes: [String] = []
    @OptionGroup var by: ChangedByOption

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            try loaded.changeConfig(by: by.name, kind: .group) { config, codebook in
                let ids = try SharedCodes.resolve(codes, in: codebook)
                try config.removeFromGroup(name, codes: ids)
                return ("group \(name)", nil, nil, ids.isEmpty ? "removed" : "took out " + ids.map { codebook.path(of: $0) ?? $0.rawValue }.joined(separator: " | "))
            }
            Output.text(codes.isEmpty ? "Removed the group \(name)." : "Took \(codes.count) code(s) out of the group \(name).")
        }
    }
}
