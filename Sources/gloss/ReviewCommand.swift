import ArgumentParser
import Foundation
import GlossAnalysis
import GlossApp
import GlossCore
import GlossTerminal

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Resolve two coders' disagreements in a keyboard-driven meeting, into a consensus session.",
        discussion: """
        Steps through every chat × code one coder applied and the other did not (chats both marked done), and \
        every proposed code. Each decision is written at once to sessions/<into>.json and to the decision log \
        reviews/<date>-A-B.jsonl; A's and B's sessions are never changed. Agreements are copied into the \
        consensus when the review starts. A review can be stopped (q) and resumed by running the same command.
        """
    )

    @OptionGroup var project: ProjectArgument

    @Option(parsing: .upToNextOption, help: "The two coders, A then B.")
    var coders: [String] = []

    @Option(help: "The consensus session to build.")
    var into: String = "consensus"

    @Option(help: "Who is present, comma-separated (recorded with every decision).")
    var present: String = ""

    @Option(help: "Whose quotes to copy for agreements (default: A).")
    var prefer: String?

    @Flag(help: "Also review agreements whose spans differ (below the overlap threshold).")
    var segments = false

    @Option(help: "Overlap threshold for --segments, percent of the union.")
    var threshold: Int = 90

    @Flag(help: "Print what was decided, by kind, and exit.")
    var summary = false

    @Option(help: "Theme name.")
    var theme: String?

    func run() throws {
        try reportingErrors {
            guard coders.count == 2 else { throw GlossError("give two coders: --coders A B") }
            if let theme { _ = try ThemeChoice.load(name: theme) }  // a misspelled theme is an error, --summary or not
            let root = project.url
            if summary {
                Output.text(try ReviewSummary.text(projectRoot: root, coders: coders, into: into), terminator: "")
                return
            }
            if let prefer, !coders.contains(prefer) { throw GlossError("--prefer must be one of the two coders") }
            guard Names.isValidCoder(into) else { throw GlossError("\(GlossError.quoted(into)) is not a valid session name") }
            let loaded = try Project.load(root)
            for coder in coders where !loaded.coders.contains(coder) {
                throw GlossError(file: loaded.sessionsURL.path, "coder \(coder) has no session")
            }
            let names = present.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            TerminalSession.ensureQuietBacktraces()
            let chosenTheme = try ThemeChoice.load(name: theme)
            let driver = try ReviewDriver(projectRoot: root, coders: coders, into: into, present: names, prefer: prefer,
                                          segments: segments, threshold: threshold, theme: chosenTheme)
            try TerminalSession.run(driver, theme: chosenTheme) { driver.theme = $0 }
            driver.log.notes.forEach(printWarning)
            Output.text("Review: \(driver.state.agenda.count - driver.state.left) decided, \(driver.state.left) left. Decision log: \(driver.log.url.path)")
            TerminalGuard.reraiseStopSignal()
        }
    }
}

/// `gloss review --summary`: what the meeting decided, by kind.
enum ReviewSummary {
    static func text(projectRoot: URL, coders: [String], into: String) throws -> String {
        let folder = projectRoot.appendingPathComponent("reviews")
        let suffix = "-\(coders[0])-\(coders[1]).jsonl"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
        var logs: [DecisionLog] = []
        for name in names {
            let log = try DecisionLog(url: folder.appendingPathComponent(name))
            log.notes.forEach(printWarning)
            if log.records.first?.into == into, log.records.first?.coders ?? coders == coders { logs.append(log) }
        }
        guard let log = logs.last else { return "No review of \(coders[0]) and \(coders[1]) into \(into) yet.\n" }
        let decided = log.decided.values
        var out = "Review of \(coders[0]) (A) and \(coders[1]) (B) into \(into): \(log.url.lastPathComponent)\n"
        if let present = log.records.first?.present, !present.isEmpty { out += "Present: \(present.joined(separator: ", "))\n" }
        let forgotten = decided.filter { $0.disagreement == "forgotten" }
        let added = forgotten.filter { record in
            guard let decision = record.decision, let only = record.only else { return false }
            return decision == "both" || decision == "edit" || (decision == "a" && only == coders[0]) || (decision == "b" && only == coders[1])
        }
        let different = decided.filter { $0.disagreement == "different" }
        let spans = decided.filter { $0.disagreement == "spans" }
        let proposals = decided.filter { $0.disagreement == "proposal" }
        out += "Forgotten codes: \(forgotten.count) decided — \(added.count) added to the consensus, \(forgotten.count - added.count) left out\n"
        // A "different" disagreement is one item with both codes (older logs decided each code on its own).
        let pairs = different.filter { $0.item?.hasPrefix("different|") == true }.count
        out += "Different codes (same parent): " + [pairs > 0 || different.count == pairs ? "\(pairs) pair\(pairs == 1 ? "" : "s") settled" : nil,
                                                     different.count > pairs ? "\(different.count - pairs) chat × code items settled" : nil]
            .compactMap { $0 }.joined(separator: ", ") + "\n"
        if !spans.isEmpty { out += "Spans that differed: \(spans.count) settled\n" }
        let attributes = decided.filter { $0.disagreement == "attribute" }
        if !attributes.isEmpty { out += "Case attributes entered differently: \(attributes.count) settled\n" }
        if !proposals.isEmpty {
            let byDecision = Dictionary(grouping: proposals, by: { $0.decision ?? "?" }).map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
            out += "Proposed codes: \(byDecision)\n"
        }
        let counts = Dictionary(grouping: decided, by: { $0.decision ?? "?" })
        out += "Decisions: " + ["a", "b", "both", "neither", "edit"].compactMap { key in counts[key].map { "\(ReviewView.describe(key)) \($0.count)" } }.joined(separator: ", ") + "\n"
        let rules = log.records.filter { $0.kind == .rule }
        if !rules.isEmpty { out += "Rules recorded: " + rules.map { "\($0.code ?? ""): \($0.note ?? "")" }.joined(separator: "; ") + "\n" }
        let skipped = Set(log.records.filter { $0.kind == .skip }.compactMap(\.item)).subtracting(log.decided.keys)
        if !skipped.isEmpty { out += "Skipped, still open: \(skipped.count)\n" }
        out += "\nDecided items\n"
        for record in log.records where record.kind == .decision && log.decided[record.item ?? ""] == record {
            out += "\(record.chat ?? "proposal")  \(record.disagreement ?? "")  \(record.code ?? "")  → \(ReviewView.describe(record.decision ?? ""))"
            if let other = record.otherCode { out += " (\(other))" }
            if let edited = record.editedCode { out += " → \(edited)" }
            if let note = record.note { out += "  note: \(note)" }
            out += "\n"
        }
        return out
    }
}
