import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "List every quote of a code (and of the codes below it) across all chats."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, csv }

    @OptionGroup var project: ProjectArgument
    @OptionGroup var coder: CoderOption

    @Option(help: "The code: an id, a path, a name, or the start of one (case and accents ignored) that names one code.")
    var code: String

    @Option(help: "text, md or csv.")
    var format: Format = .text

    @Flag(help: "Only quotes of the code itself, not of its sub-codes.")
    var noRollUp = false

    @OptionGroup var rawCSV: RawCSVFlag

    func run() throws {
        try reportingErrors {
            let context = try CoderContext(project, coder)
            let (loaded, coderName, session, hierarchy) = (context.project, context.coder, context.session, context.hierarchy)
            let id = try CodeReference.require(code, in: hierarchy)
            let quotes = QuoteQuery.quotes(of: id, in: session, hierarchy: hierarchy, rollUp: !noRollUp)
            let path = hierarchy.path(of: id) ?? code
            // A name or a prefix picked the code: say which, so a mistyped name never exports another code's quotes unseen.
            if code != path && code != id.rawValue { printError("--code \(GlossError.quoted(code)) means \(path)") }
            func speakers(_ coding: Coding) -> String {
                guard let chat = loaded.summary(coding.chat) else { return "" }
                var names: [String] = []
                for number in coding.span.from.message...max(coding.span.from.message, coding.span.to.message) where chat.hasMessage(number) {
                    let speaker = chat.speaker(ofMessage: number)
                    if !names.contains(speaker) { names.append(speaker) }
                }
                return names.joined(separator: ", ")
            }
            func messages(_ coding: Coding) -> String {
                coding.span.from.message == coding.span.to.message ? "#\(coding.span.from.message)" : "#\(coding.span.from.message)–\(coding.span.to.message)"
            }
            func codes(_ coding: Coding) -> String {
                coding.codes.map { hierarchy.path(of: $0) ?? $0.rawValue }.joined(separator: " + ")
            }
            let chats = Set(quotes.map(\.chat)).count
            switch format {
            case .text:
                var out = "\(path): \(quotes.count) quote(s) in \(chats) chat(s), coder \(coderName)\(noRollUp ? "" : " (with the codes below it)")\n"
                for coding in quotes {
                    out += "\n\(coding.chat) \(messages(coding)) \(speakers(coding)) [\(codes(coding))\(coding.relation.map { "; \($0)" } ?? "")]\n"
                    for line in coding.text.split(separator: "\n", omittingEmptySubsequences: false) { out += "  │ \(line)\n" }
                    if let memo = coding.memo { out += "  memo: \(memo.replacingOccurrences(of: "\n", with: " / "))\n" }
                }
                Output.text(out, terminator: "")
            case .md:
                var out = "## \(Markdown.cell(path))\n\n\(quotes.count) quote(s) in \(chats) chat(s), coder \(coderName).\n\n"
                for coding in quotes {
                    out += "- *\(coding.text.replacingOccurrences(of: "\n", with: " / "))* (\(coding.chat), \(messages(coding)), \(speakers(coding)); \(codes(coding))\(coding.memo.map { "; memo: \($0.replacingOccurrences(of: "\n", with: " / "))" } ?? ""))\n"
                }
                Output.text(out, terminator: "")
            case .csv:
                var out = CSV.line(["chat", "from_message", "from_offset", "to_message", "to_offset", "speaker", "codes", "relation", "text", "memo"])
                for c in quotes {
                    out += CSV.line([c.chat, String(c.span.from.message), String(c.span.from.offset), String(c.span.to.message), String(c.span.to.offset),
                                     speakers(c), codes(c), c.relation ?? "", c.text, c.memo ?? ""], cells: rawCSV.cells)
                }
                Output.table(out)
            }
        }
    }
}
