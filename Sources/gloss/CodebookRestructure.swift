import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

/// `gloss codebook rename|move|merge|split|delete|edit|memo|migrate`: axial coding on the shared codebook. Each
/// change is one entry of `codebook-changes.jsonl` with its reason and one revision; a merge or a deletion then
/// brings every coder's session along (`Project.followCodebook`; a session open in a workbench follows when it
/// is next opened).

/// `--reason TEXT` and `--by NAME`, shared by every change.
struct ChangeReasonOptions: ParsableArguments {
    @Option(help: "Why (one line, kept in the change log).") var reason: String?
    @OptionGroup var by: ChangedByOption
}

enum CodebookRestructure {
    static func one(_ reference: String, in codebook: Codebook) throws -> CodeID {
        try SharedCodes.resolve([reference], in: codebook)[0]
    }

    /// Runs the migration of every session after a change that maps codings, and says who follows later.
    static func followAll(_ project: Project) throws {
        for (coder, reason) in try project.followCodebook() {
            printWarning("the session of \(coder) was not changed now (\(reason)); it follows the codebook when it is next opened")
        }
    }

    static func revisionLine(_ codebook: Codebook) -> String { "codebook revision \(codebook.revision)" }
}

struct CodebookRename: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a shared code (codings refer to its id, so none changes).")
    @OptionGroup var project: ProjectArgument
    @Argument(help: "The code: id, path or a unique name.") var code: String
    @Argument(help: "The new name.") var newName: String
    @OptionGroup var change: ChangeReasonOptions

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            let id = try CodebookRestructure.one(code, in: loaded.codebook)
            let codebook = try loaded.renameCode(id, to: newName, by: change.by.name, reason: change.reason)
            Output.text("Renamed to \(codebook.path(of: id) ?? newName); \(CodebookRestructure.revisionLine(codebook)).")
        }
    }
}

struct CodebookMove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Move a code (with its sub-codes) under another code or to the top, or reorder it among its siblings.",
        discussion: "--position N puts it N-th among its (new) siblings; with neither --under nor --top it stays under its parent and is reordered."
    )
    @OptionGroup var project: ProjectArgument
    @Argument(help: "The code: id, path or a unique name.") var code: String
    @Option(help: "The new parent code.") var under: String?
    @Flag(help: "Make it a main code.") var top = false
    @Option(help: "Its place among its siblings, 1 first (default: last when moved, required to reorder).") var position: Int?
    @OptionGroup var change: ChangeReasonOptions

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            let id = try CodebookRestructure.one(code, in: loaded.codebook)
            if under != nil && top { throw GlossError("give --under PARENT or --top, not both") }
            if let position, position < 1 { throw GlossError("--position counts from 1 (got \(position))") }
            let parent: CodeID?
            if let under { parent = try CodebookRestructure.one(under, in: loaded.codebook) }
            else if top { parent = nil }
            else {
                guard position != nil else { throw GlossError("say where: --under PARENT, --top, or --position N to reorder") }
                parent = loaded.codebook[id]?.parent
            }
            let codebook = try loaded.placeCode(id, under: parent, at: position.map { $0 - 1 }, by: change.by.name, reason: change.reason)
            let place = (codebook.position(of: id) ?? 0) + 1
            Output.text("Moved: \(codebook.path(of: id) ?? code) (place \(place)); \(CodebookRestructure.revisionLine(codebook)).")
        }
    }
}

struct CodebookMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge a code into another: every coding of it, in every session, becomes the other.",
        discussion: "A quote that had both keeps one. The merged code's definition, example, rules and memo are kept in the target's history (gloss codebook log shows them); its sub-codes move under the target. Frozen rounds keep their own codebook."
    )
    @OptionGroup var project: ProjectArgument
    @Argument(help: "The code to merge away: id, path or a unique name.") var code: String
    @Option(help: "The code it is merged into.") var into: String
    @OptionGroup var change: ChangeReasonOptions

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            let source = try CodebookRestructure.one(code, in: loaded.codebook)
            let target = try CodebookRestructure.one(into, in: loaded.codebook)
            let uses = try loaded.codingUses(of: source)
            let path = loaded.codebook.path(of: source) ?? code
            let codebook = try loaded.mergeCode(source, into: target, by: change.by.name, reason: change.reason)
            try CodebookRestructure.followAll(loaded)
            let total = uses.reduce(0) { $0 + $1.count }
            Output.text("Merged \(path) into \(codebook.path(of: target) ?? into): \(total) coding(s) follow"
                        + (uses.isEmpty ? "" : " (" + uses.map { "\($0.coder) \($0.count)" }.joined(separator: ", ") + ")")
                        + "; \(CodebookRestructure.revisionLine(codebook)).")
        }
    }
}

struct CodebookSplit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split", abstract: "Split a code: create sub-codes under it (reassign its quotes to them in the workbench's code view).",
        discussion: "Example: gloss codebook split DIR Motieven --into Geld --into Schulden"
    )
    @OptionGroup var project: ProjectArgument
    @Argument(help: "The code to split: id, path or a unique name.") var code: String
    @Option(help: "A new sub-code's name (repeat for more).") var into: [String] = []
    @OptionGroup var change: ChangeReasonOptions

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            let id = try CodebookRestructure.one(code, in: loaded.codebook)
            let made = try loaded.splitCode(id, into: into, by: change.by.name, reason: change.reason)
            for new in made { Output.text("New code \(loaded.codebook.path(of: new.id) ?? new.name)") }
            Output.text(CodebookRestructure.revisionLine(loaded.codebook).capitalisedFirst + ".")
        }
    }
}

struct CodebookDelete: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Retire a code. Refused while codings use it, unless you say where they go.",
        discussion: "--reassign CODE gives its codings to another code; --drop takes it off its quotes (a quote left with no code is removed). Without either, the command says how many codings use it and changes nothing."
    )
    @OptionGroup var project: ProjectArgument
    @Argument(help: "The code: id, path or a unique name.") var code: String
    @Option(help: "The code that takes its codings.") var reassign: String?
    @Flag(help: "Take it off its quotes.") var drop = false
    @OptionGroup var change: ChangeReasonOptions

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            let id = try CodebookRestructure.one(code, in: loaded.codebook)
            let path = loaded.codebook.path(of: id) ?? code
            if reassign != nil && drop { throw GlossError("give --reassign CODE or --drop, not both") }
            let uses = try loaded.codingUses(of: id)
            let total = uses.reduce(0) { $0 + $1.count }
            let counted = uses.filter { $0.count > 0 }.map { "\($0.coder) \($0.count)" }.joined(separator: ", ")
            let how: CodebookOperations.Retirement
            if let reassign { how = .reassign(try CodebookRestructure.one(reassign, in: loaded.codebook)) }
            else if drop || total == 0 { how = .drop }
            else {
                throw GlossError("\(GlossError.quoted(path)) is used by \(total) coding(s) (\(counted)); say where they go: --reassign CODE or --drop")
            }
            let codebook = try loaded.retireCode(id, how, by: change.by.name, reason: change.reason)
            try CodebookRestructure.followAll(loaded)
            var line = "Deleted \(path)"
            if total > 0 {
                if case .reassign(let target) = how { line += "; \(total) coding(s) (\(counted)) now use \(codebook.path(of: target) ?? "")" }
                else { line += "; taken off \(total) coding(s) (\(counted))" }
            }
            Output.text(line + "; \(CodebookRestructure.revisionLine(codebook)).")
        }
    }
}

struct CodebookEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change a code's operationalisation, example, rules, colour, memo, or whether its sub-codes exclude each other.",
        discussion: "Each field changed is one entry of the change log. --rule adds a rule; --clear-rules removes them all first. --exclusive marks a category whose sub-codes exclude each other (an age group): gloss validate lists chats that have two."
    )
    @OptionGroup var project: ProjectArgument
    @Argument(help: "The code: id, path or a unique name.") var code: String
    @Option(help: "The definition coders check.") var operationalisation: String?
    @Option(help: "An example quote.") var example: String?
    @Option(help: "The code memo (analytic notes on the code).") var memo: String?
    @Option(help: "Display colour, #RRGGBB.") var color: String?
    @Flag(help: "Remove every rule (before --rule adds).") var clearRules = false
    @Option(help: "Add a coding rule (repeat for more).") var rule: [String] = []
    @Flag(inversion: .prefixedNo, help: "Whether its sub-codes exclude each other.") var exclusive: Bool?
    @OptionGroup var change: ChangeReasonOptions

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            let id = try CodebookRestructure.one(code, in: loaded.codebook)
            var edits: [(CodebookOperations.Field, String)] = []
            if let operationalisation { edits.append((.operationalisation, operationalisation)) }
            if let example { edits.append((.example, example)) }
            if let memo { edits.append((.memo, memo)) }
            if let color { edits.append((.color, color)) }
            if clearRules || !rule.isEmpty {
                let kept = clearRules ? [] : loaded.codebook[id]?.rules ?? []
                edits.append((.rules, (kept + rule).joined(separator: "\n")))
            }
            if let exclusive { edits.append((.exclusive, String(exclusive))) }
            guard !edits.isEmpty else { throw GlossError("nothing to change: give --operationalisation, --example, --memo, --color, --rule, --clear-rules or --exclusive") }
            for rule in rule where rule.contains("\n") { throw GlossError("a rule is one line (\(GlossError.quoted(String(rule.prefix(40)))) has a line break)") }
            for (field, value) in edits { try loaded.editCode(id, field, to: value, by: change.by.name, reason: change.reason) }
            Output.text("Changed \(edits.map(\.0.rawValue).joined(separator: ", ")) of \(loaded.codebook.path(of: id) ?? code); \(CodebookRestructure.revisionLine(loaded.codebook)).")
        }
    }
}

struct CodebookMemo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memo", abstract: "Show or set the project memo (analytic notes on the codebook as a whole).",
        discussion: "Without TEXT the memo is printed; --file reads it from a file."
    )
    @OptionGroup var project: ProjectArgument
    @Argument(help: "The new memo.") var text: String?
    @Option(help: "Read the new memo from this file.") var file: String?
    @OptionGroup var change: ChangeReasonOptions

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            if text != nil && file != nil { throw GlossError("give the memo as TEXT or --file, not both") }
            var memo = text
            if let file { memo = String(decoding: try SecureFiles.read(URL(fileURLWithPath: file)), as: UTF8.self) }
            guard let memo else {
                Output.text(loaded.codebook.memo.isEmpty ? "(no project memo)" : loaded.codebook.memo)
                return
            }
            let codebook = try loaded.setProjectMemo(memo, by: change.by.name, reason: change.reason)
            Output.text("Project memo set; \(CodebookRestructure.revisionLine(codebook)).")
        }
    }
}

struct CodebookMigrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Bring every coder's session up to the codebook now (after a merge or deletion, or a session that arrived later).",
        discussion: "Sessions also follow by themselves when they are opened; reports count them as they will be."
    )
    @OptionGroup var project: ProjectArgument

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            try CodebookRestructure.followAll(loaded)
            Output.text("Every session that could be opened follows \(CodebookRestructure.revisionLine(loaded.codebook)).")
        }
    }
}

struct CodebookDiff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "List what changed in the codebook between two revisions (or two rounds).",
        discussion: "FROM and TO are revision numbers or round names (a round's frozen codebook revision); TO defaults to the current revision."
    )
    @OptionGroup var project: ProjectArgument
    @Option(help: "A revision number or a round name.") var from: String
    @Option(help: "A revision number or a round name (default: the current revision).") var to: String?

    func run() throws {
        try reportingErrors {
            let loaded = try Project.load(project.url)
            let rounds = try loaded.rounds()
            func revision(_ text: String) throws -> Int {
                if let round = rounds.first(where: { $0.name == text }) { return round.codebook.revision }
                if let number = Int(text.hasPrefix("r") ? String(text.dropFirst()) : text), number >= 0 { return number }
                throw GlossError("\(GlossError.quoted(text)) is neither a revision number nor a saved round"
                                 + (rounds.isEmpty ? "" : " (rounds: \(rounds.map(\.name).joined(separator: ", ")))"))
            }
            let low = try revision(from), high = try to.map(revision) ?? loaded.codebook.revision
            guard low <= high else { throw GlossError("--from (revision \(low)) is after --to (revision \(high))") }
            let changes = CodeMigration.effective(try loaded.codebookChanges(warn: printWarning), upTo: high).filter { $0.revision > low }
            Output.text("Codebook revision \(low) → \(high): \(changes.count) change(s).")
            for change in changes { Output.text(CodebookLog.line(change)) }
        }
    }
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
