import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

/// `gloss report` options for pictures and documents: `--format svg [--output FOLDER]`, `--html FILE`, `--md FILE`.
struct ReportDocumentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With --format svg: the folder for figure-N.svg (created owner-only). Without it, a single figure is written to stdout.", valueName: "folder"))
    var output: String?

    @Option(help: ArgumentHelp("Write one self-contained HTML report (every figure as inline SVG, agreement rounds, codebook appendix).", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write the report as Markdown; the figures go as SVG files into FILE's name + .figures/ beside it.", valueName: "file"))
    var md: String?

    @Option(help: ArgumentHelp("The date of the data printed in --html/--md (YYYY-MM-DD); default: the newest change to the coder's session.", valueName: "date"))
    var date: String?

    var wantsDocument: Bool { html != nil || md != nil }

    /// The combinations that make no sense fail before anything is read: a document holds every figure of the
    /// project (not --variable or --matrix), and --output is where --format svg writes.
    func check(svg: Bool, matrix: Bool, variable: Bool) throws {
        if wantsDocument && (matrix || variable) { throw GlossError("--html and --md report the project's figures; leave out --matrix and --variable") }
        if wantsDocument && svg { throw GlossError("--html and --md write their own figures; leave out --format svg") }
        if output != nil && !svg { throw GlossError("--output is the folder for --format svg") }
        if date != nil && !wantsDocument { throw GlossError("--date goes with --html or --md") }
    }
}

/// What the report's pictures and documents are made from (all already counted by `ReportCommand`).
struct ReportDocumentContext {
    var project: Project
    var coder: String
    var figures: [ReportedFigure]
    var status: StatusCounts
    var chatsCoded: Int
    var totalChats: Int
    var filter: CaseFilter
    /// Why the coder's figures are not final (a consensus whose review has items left), or nil.
    var provisional: String? = nil
}

/// Writes `--format svg`, `--html` and `--md`. Every file is written atomically and owner-only (`SecureFiles`);
/// a folder is created owner-only and never reached through a link where it should be.
enum ReportDocument {
    static func chart(_ figure: ReportedFigure) -> ChartFigure { figure.map(ChartFigure.init, ChartFigure.init) }

    static func fileName(_ figure: ReportedFigure) -> String { figure.number.map { "figure-\($0).svg" } ?? "figure.svg" }

    /// `--format svg`: one figure without `--output` to stdout; otherwise every figure into the folder.
    static func writeSVG(_ figures: [ReportedFigure], options: ReportDocumentOptions) throws {
        guard let output = options.output else {
            guard figures.count == 1 else {
                throw GlossError("--format svg: \(figures.count) figures; give --output FOLDER to write them as figure-N.svg, or --figure N for one on stdout")
            }
            Output.text(FigureSVG.document(chart(figures[0])), terminator: "")
            return
        }
        let folder = URL(fileURLWithPath: output)
        try writeFigures(figures, into: folder)
        printError("wrote \(figures.count) figure(s) to \(folder.path)")
    }

    static func writeFigures(_ figures: [ReportedFigure], into folder: URL) throws {
        try SecureFiles.makeDirectory(folder)
        for figure in figures {
            try SecureFiles.writeAtomically(Data(FigureSVG.document(chart(figure)).utf8), to: folder.appendingPathComponent(fileName(figure)))
        }
    }

    /// `--html` and/or `--md`.
    static func writeDocuments(_ context: ReportDocumentContext, options: ReportDocumentOptions) throws {
        let date = try dataDate(context, given: options.date)
        if let html = options.html {
            let url = URL(fileURLWithPath: html)
            try SecureFiles.writeAtomically(Data(ReportHTML.document(context, date: date, rounds: try roundRows(context)).utf8), to: url)
            printError("wrote \(url.path)")
        }
        if let md = options.md {
            let url = URL(fileURLWithPath: md)
            let folderName = url.deletingPathExtension().lastPathComponent + ".figures"
            try writeFigures(context.figures, into: url.deletingLastPathComponent().appendingPathComponent(folderName))
            try SecureFiles.writeAtomically(Data(ReportMarkdown.document(context, date: date, rounds: try roundRows(context), figureFolder: folderName).utf8), to: url)
            printError("wrote \(url.path) and its figures in \(folderName)/")
        }
    }

    /// The date the document names for its data, and where it came from: `--date` as given (checked), or the
    /// newest modification of the coder's session snapshot or journal (UTC), never the current clock.
    static func dataDate(_ context: ReportDocumentContext, given: String?) throws -> String {
        if let given {
            guard given.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil else {
                throw GlossError("--date \(GlossError.quoted(given)): give a date as YYYY-MM-DD")
            }
            return "\(given) (given with --date)"
        }
        let folder = context.project.sessionsURL
        // FileKey uses lstat: a link in place of a session file names no date.
        let stamps = ["json", "journal"].compactMap { ext -> Date? in
            FileKey.of(folder.appendingPathComponent("\(context.coder).\(ext)"))
                .map { Date(timeIntervalSince1970: Double($0.modifiedNanoseconds / 1_000_000_000)) }
        }
        guard let newest = stamps.max() else { return "unknown (coder \(context.coder) has no session yet)" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let d = calendar.dateComponents([.year, .month, .day], from: newest)
        return String(format: "%04d-%02d-%02d", d.year!, d.month!, d.day!) + " (the newest change to the session of coder \(context.coder), UTC)"
    }

    /// One row per saved agreement round (as `gloss compare --rounds`), formatted for people.
    struct RoundRow {
        var name: String
        var coders: String
        var chats: Int
        var positive: String
        var overall: String
        var alpha: String
        var kappa: String
        var forgottenDifferent: String
    }

    static func roundRows(_ context: ReportDocumentContext) throws -> [RoundRow] {
        // The same figures as `gloss compare --rounds` (a round's own chats; three or more coders too).
        try context.project.rounds().map { round in
            let f = RoundFigures(round, projectChats: context.project.summaries)
            return RoundRow(name: round.name, coders: round.coders.joined(separator: " / "), chats: f.chats.count,
                            positive: Show.percent(f.positive), overall: Show.percent(f.overall),
                            alpha: Show.coefficient(f.alpha), kappa: f.kappaShown + (f.kappaMeasure == "fleiss" ? " (Fleiss)" : ""),
                            forgottenDifferent: f.forgottenDifferent)
        }
    }

    /// "Coder anouk. 12 chats in the project: 10 coded (8 done, 2 in progress), 2 not started."
    static func dataLine(_ context: ReportDocumentContext) -> String {
        let s = context.status
        var line = "Coder \(context.coder). \(context.totalChats) chat(s) in the project: \(context.chatsCoded) coded (\(s.done) done, "
            + "\(s.inProgress) in progress), \(s.notStarted) not started."
        if !context.filter.isEmpty { line += " Cases where \(context.filter)." }
        if let provisional = context.provisional { line += " PROVISIONAL: \(provisional)." }
        return line
    }

    /// The shared codebook depth-first, as the appendix lists it: (code, path, depth).
    static func appendixCodes(_ codebook: Codebook) -> [(code: Code, path: String, depth: Int)] {
        var out: [(Code, String, Int)] = []
        func visit(_ code: Code, depth: Int) {
            out.append((code, codebook.path(of: code.id) ?? code.name, depth))
            for child in codebook.children(of: code.id) { visit(child, depth: depth + 1) }
        }
        for root in codebook.roots { visit(root, depth: 0) }
        return out
    }
}
