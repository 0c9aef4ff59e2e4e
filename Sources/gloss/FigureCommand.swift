import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

/// `gloss figure add|list|edit|remove|move`: the figures of `project.json`, managed rather than hand-edited.
/// Each change is checked first (nothing is written on an error), logged in `codebook-changes.jsonl` and
/// written atomically (`Project.changeConfig`).
struct FigureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Add, list, edit, remove or renumber the figures of the report.",
        discussion: "A figure is a category (its sub-codes are the bars), a code group (its members are the bars) or a case variable. Figures name codes by id, so renaming or moving a code keeps them. Definitions: docs/analysis.md.",
        subcommands: [FigureAdd.self, FigureList.self, FigureEdit.self, FigureRemove.self, FigureMove.self]
    )
}

extension FigureBarOrder: ExpressibleByArgument {}
extension FigureZeros: ExpressibleByArgument {}

/// `--by NAME`: who made a change, for the log.
struct ChangedByOption: ParsableArguments {
    @Option(help: "Who makes the change, for the change log (default: $USER).")
    var by: String?

    var name: String { by ?? ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown" }
}

/// Codes named on the command line, resolved against the shared codebook (`CodeReference`: id, path, unique
/// name or prefix); a name that picked a code is said on standard error, as `gloss quotes --code` does.
enum SharedCodes {
    static func resolve(_ references: [String], in codebook: Codebook) throws -> [CodeID] {
        let hierarchy = CodeHierarchy(codebook: codebook)
        return try references.map { reference in
            let id = try CodeReference.require(reference, in: hierarchy)
            let path = codebook.path(of: id) ?? reference
            if reference != path && reference != id.rawValue { printError("\(GlossError.quoted(reference)) means \(path)") }
            return id
        }
    }
}

/// How a figure is described in messages, the list and the log.
enum FigureDescription {
    /// Joined group members outside the figure's category still count in its n (a chat with such a member is in
    /// the figure): said once when the figure is made or changed, so a wider n never comes as a surprise.
    static func outsideMemberNotes(_ number: Int, in config: ProjectConfig, codebook: Codebook) -> [String] {
        guard let figure = config.figures.first(where: { $0.number == number }), case .code(let category) = figure.subject else { return [] }
        let inside = Set(codebook.subtree(of: category) + [category])
        return figure.joins.compactMap { name in
            guard let group = config.group(name) else { return nil }
            let outside = group.codes.filter { !inside.contains($0) }
            guard !outside.isEmpty else { return nil }
            let names = outside.map { codebook.path(of: $0) ?? $0.rawValue }.joined(separator: "; ")
            return "Note: the group \(name) has members outside \(codebook.path(of: category) ?? category.rawValue) (\(names)); "
                + "chats with them count in figure \(number)'s n."
        }
    }

    static func subject(_ figure: FigureDefinition, codebook: Codebook) -> String {
        switch figure.subject {
        case .code(let id): return "category \(codebook.path(of: id) ?? "(id \(id.rawValue), not in the codebook)")"
        case .categoryPath(let path): return "category \(path) (not in the codebook)"
        case .group(let name): return "group \(name)"
        }
    }

    static func shape(_ figure: FigureDefinition, codebook: Codebook) -> String {
        var parts = ["order \(figure.order.rawValue)", "zeros \(figure.zeros.rawValue)"]
        if !figure.declared.isEmpty { parts.append("declared " + figure.declared.map { codebook[$0]?.name ?? $0.rawValue }.joined(separator: " | ")) }
        if !figure.joins.isEmpty { parts.append("join " + figure.joins.joined(separator: " | ")) }
        return parts.joined(separator: ", ")
    }

    static func line(_ number: Int, in config: ProjectConfig, codebook: Codebook) -> String {
        if let figure = config.figures.first(where: { $0.number == number }) {
            return "figure \(number). \(figure.title) (\(subject(figure, codebook: codebook)); \(shape(figure, codebook: codebook)))"
        }
        if let figure = config.variableFigures.first(where: { $0.number == number }) {
            return "figure \(number). \(figure.title) (variable \(figure.variable))"
        }
        return "figure \(number)"
    }
}

struct FigureAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a figure on a category, a code group or a case variable.")

    @OptionGroup var project: ProjectArgument
    @Option(help: "The figure's number (1 or more, not yet in use).") var number: Int
    @Option(help: "The figure's title.") var title: String
    @Option(help: "A category (id, path, or a unique name): its sub-codes are the bars.") var category: String?
    @Option(help: "A code group: its members are the bars.") var group: String?
    @Option(help: "A declared case variable: the cases per value.") var variable: String?
    @Option(help: "Bar order: count (most chats first, ties in codebook order), codebook, or declared (see --declare).") var order: FigureBarOrder = .count
    @Option(name: .customLong("declare"), help: ArgumentHelp("With --order declared: a bar's code, in the order wanted (repeatable).", valueName: "code")) var declared: [String] = []
    @Option(help: "Bars with no chats: show, hide, or fold (one line: \"3 codes without chats\").") var zeros: FigureZeros = .show
    @Option(name: .customLong("join"), help: ArgumentHelp("A code group shown as one bar (a chat counts once if it has any member), in place of its members (repeatable).", valueName: "group")) var joins: [String] = []
    @OptionGroup var by: ChangedByOption

    func run() throws {
        try reportingErrors {
            let subjects = [category, group, variable].compactMap { $0 }
            guard subjects.count == 1 else { throw GlossError("give exactly one of --category, --group or --variable") }
            var loaded = try Project.load(project.url)
            let config = try loaded.changeConfig(by: by.name, kind: .figure) { config, codebook in
                if let variable {
                    guard order == .count, declared.isEmpty, zeros == .show, joins.isEmpty else {
                        throw GlossError("a figure on a variable takes no --order, --declare, --zeros or --join")
                    }
                    try config.addVariableFigure(VariableFigureDefinition(number: number, title: title, variable: variable))
                    return ("figure \(number)", nil, nil, "added: \(title) (variable \(variable))")
                }
                let subject: FigureDefinition.Subject
                if let category {
                    let id = try SharedCodes.resolve([category], in: codebook)[0]
                    guard codebook.hasChildren(id) || !joins.isEmpty else {
                        throw GlossError("\(codebook.path(of: id) ?? category) has no sub-codes, so its figure would have no bars; name its category")
                    }
                    subject = .code(id)
                } else {
                    subject = .group(group!)
                    guard joins.isEmpty else { throw GlossError("--join adds a group as one bar to a category figure, not to a group figure") }
                }
                let declaredIDs = try SharedCodes.resolve(declared, in: codebook)
                guard order == .declared || declaredIDs.isEmpty else { throw GlossError("--declare gives the bars' order; use it with --order declared") }
                guard order != .declared || !declaredIDs.isEmpty || group != nil else {
                    throw GlossError("--order declared needs the order: give --declare CODE… (the bars' codes in the order wanted)")
                }
                let figure = FigureDefinition(number: number, title: title, subject: subject, order: order, declared: declaredIDs, zeros: zeros, joins: joins)
                try config.addFigure(figure)
                return ("figure \(number)", figure.categoryID, nil,
                        "added: \(title) (\(FigureDescription.subject(figure, codebook: codebook)); \(FigureDescription.shape(figure, codebook: codebook)))")
            }
            Output.text("Added " + FigureDescription.line(number, in: config, codebook: loaded.codebook) + ".")
            FigureDescription.outsideMemberNotes(number, in: config, codebook: loaded.codebook).forEach { Output.text($0) }
        }
    }
}

struct FigureList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the figures of project.json.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var project: ProjectArgument
    @Option(help: "text or json.") var format: Format = .text

    struct Entry: Encodable {
        var number: Int
        var title: String
        var kind: String
        var code: String?
        var path: String?
        var group: String?
        var variable: String?
        var order: String?
        var declared: [String]?
        var zeros: String?
        var join: [String]?
    }

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            let (config, codebook) = (loaded.config, loaded.codebook)
            switch format {
            case .text:
                if config.figureNumbers.isEmpty {
                    Output.text("No figures. Add one with: gloss figure add \(project.directory) --number N --title TEXT --category CODE")
                }
                for number in config.figureNumbers { Output.text(FigureDescription.line(number, in: config, codebook: codebook)) }
            case .json:
                var entries: [Entry] = config.figures.map { figure in
                    var entry = Entry(number: figure.number, title: figure.title, kind: "category", order: figure.order.rawValue,
                                      declared: figure.declared.map { codebook.path(of: $0) ?? $0.rawValue }, zeros: figure.zeros.rawValue, join: figure.joins)
                    switch figure.subject {
                    case .code(let id): entry.code = id.rawValue; entry.path = codebook.path(of: id)
                    case .categoryPath(let path): entry.path = path
                    case .group(let name): entry.kind = "group"; entry.group = name
                    }
                    return entry
                }
                entries += config.variableFigures.map { Entry(number: $0.number, title: $0.title, kind: "variable", variable: $0.variable) }
                Output.json(try JSONFormat.encode(entries.sorted { $0.number < $1.number }))
            }
        }
    }
}

struct FigureEdit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a figure's title, number, bar order, zeros or joined groups.")

    @OptionGroup var project: ProjectArgument
    @Argument(help: "The figure's number.") var figure: Int
    @Option(help: "A new title.") var title: String?
    @Option(help: "A new number (not in use; to reorder, see gloss figure move).") var number: Int?
    @Option(help: "count, codebook or declared.") var order: FigureBarOrder?
    @Option(name: .customLong("declare"), help: ArgumentHelp("The declared order: a bar's code (repeatable; replaces the list).", valueName: "code")) var declared: [String] = []
    @Option(help: "show, hide or fold.") var zeros: FigureZeros?
    @Option(name: .customLong("join"), help: ArgumentHelp("A code group shown as one bar (repeatable; replaces the list).", valueName: "group")) var joins: [String] = []
    @Flag(help: "Show no group as one bar any more.") var noJoins = false
    @OptionGroup var by: ChangedByOption

    func run() throws {
        try reportingErrors {
            guard !(noJoins && !joins.isEmpty) else { throw GlossError("give --join or --no-joins, not both") }
            var loaded = try Project.load(project.url)
            let config = try loaded.changeConfig(by: by.name, kind: .figure) { config, codebook in
                let before = FigureDescription.line(figure, in: config, codebook: codebook)
                let edit = ProjectConfig.FigureEdit(title: title, number: number, order: order,
                                                    declared: declared.isEmpty ? nil : try SharedCodes.resolve(declared, in: codebook),
                                                    zeros: zeros, joins: noJoins ? [] : joins.isEmpty ? nil : joins)
                try config.editFigure(figure, edit)
                let after = FigureDescription.line(number ?? figure, in: config, codebook: codebook)
                return ("figure \(figure)", config.figures.first { $0.number == (number ?? figure) }?.categoryID, before, "edited: \(after)")
            }
            Output.text("Changed " + FigureDescription.line(number ?? figure, in: config, codebook: loaded.codebook) + ".")
            FigureDescription.outsideMemberNotes(number ?? figure, in: config, codebook: loaded.codebook).forEach { Output.text($0) }
        }
    }
}

struct FigureRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a figure.")

    @OptionGroup var project: ProjectArgument
    @Argument(help: "The figure's number.") var figure: Int
    @OptionGroup var by: ChangedByOption

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            var removed = ""
            try loaded.changeConfig(by: by.name, kind: .figure) { config, codebook in
                removed = FigureDescription.line(figure, in: config, codebook: codebook)
                let id = config.figures.first { $0.number == figure }?.categoryID
                try config.removeFigure(figure)
                return ("figure \(figure)", id, removed, "removed")
            }
            Output.text("Removed \(removed).")
        }
    }
}

struct FigureMove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Give a figure another number; to a number in use, the figures in between shift by one.",
        discussion: "With figures 4, 5 and 6, `gloss figure move DIR 6 --to 4` makes 6 the new 4, the old 4 figure 5 and the old 5 figure 6."
    )

    @OptionGroup var project: ProjectArgument
    @Argument(help: "The figure's number.") var figure: Int
    @Option(help: "Its new number.") var to: Int
    @OptionGroup var by: ChangedByOption

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            let config = try loaded.changeConfig(by: by.name, kind: .figure) { config, _ in
                let before = config.figureNumbers
                try config.moveFigure(figure, to: to)
                return ("figure \(figure)", nil, "numbers \(ProjectConfig.list(before))", "moved to \(to)")
            }
            for number in config.figureNumbers { Output.text(FigureDescription.line(number, in: config, codebook: loaded.codebook)) }
        }
    }
}
