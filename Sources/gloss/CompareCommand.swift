import ArgumentParser
import Foundation
import GlossAnalysis
import GlossApp
import GlossCore

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Agreement between two coders (per chat × code, per code, per segment, the disagreements) or among more.",
        discussion: """
        Unit: chat × code presence, over the chats both coders marked done. Positive agreement = n11 / (n11 + n10 + \
        n01) is the headline; agreement over all cells, Krippendorff's alpha and Cohen's kappa are shown beside it. \
        --save-round NAME freezes both sessions and the codebook in rounds/NAME; --rounds shows every round's \
        figures in one table. Three or more coders (--coders A B C): Krippendorff's alpha with missing values, \
        Fleiss' kappa where every coder finished every chat, and every pair. --chats / --chats-from restrict the \
        comparison (and a round saved with it) to those chats. Definitions: docs/analysis.md.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, md }

    @OptionGroup var project: ProjectArgument

    @Option(parsing: .upToNextOption, help: "The coders: two (A then B), or three or more (alpha for m coders, Fleiss' kappa, every pair).")
    var coders: [String] = []

    @Option(help: "Only these chats (comma separated), here and in a round saved with --save-round.")
    var chats: String?

    @Option(help: "Only the chats listed in FILE (one chat id a line; # starts a comment).")
    var chatsFrom: String?

    @Option(parsing: .upToNextOption, help: "With --tui and three or more coders: the two shown side by side (default: the first two).")
    var pair: [String] = []

    @Option(help: "Segment agreement: the overlap (percent of the union of two spans) at which segments agree.")
    var threshold: Int = 90

    @Option(help: "text, json or md.")
    var format: Format = .text

    @Option(help: "Freeze both sessions and the codebook as this round (rounds/NAME).")
    var saveRound: String?

    @Flag(help: "Show every saved round's figures in one table.")
    var rounds = false

    @Flag(help: "Open the side-by-side view in the terminal.")
    var tui = false

    @Option(help: "With --tui: theme name.")
    var theme: String?

    func run() throws {
        try reportingErrors {
            if let theme { _ = try ThemeChoice.load(name: theme) }  // a misspelled theme is an error, --tui or not
            let loaded = try Project.load(project.url)
            guard (0...100).contains(threshold) else { throw GlossError("--threshold is a percentage, 0–100") }
            if rounds {
                guard chats == nil, chatsFrom == nil else { throw GlossError("--rounds shows each round on the chats it was saved with; --chats and --chats-from choose the chats of a comparison") }
                switch format {
                case .json: Output.json(try JSONFormat.encode(RoundsWriter.json(try loaded.rounds(), chats: loaded.summaries)))
                default: Output.text(RoundsWriter.text(try loaded.rounds(), chats: loaded.summaries), terminator: "")
                }
                return
            }
            guard coders.count >= 2 else { throw GlossError("give two coders (--coders A B) or more (--coders A B C)") }
            if let twice = coders.first(where: { name in coders.filter { $0 == name }.count > 1 }) {
                throw GlossError("coder \(twice) is named twice in --coders")
            }
            for coder in coders where !loaded.coders.contains(coder) {
                throw GlossError(file: loaded.sessionsURL.path, "coder \(coder) has no session (coders: \(loaded.coders.joined(separator: ", ")))")
            }
            let selected = try ChatSelection.resolve(list: chats, file: chatsFrom, projectChats: loaded.chatIDs)
            let compared = selected.map { ids in let wanted = Set(ids); return loaded.summaries.filter { wanted.contains($0.id) } } ?? loaded.summaries
            if tui {
                guard selected == nil else { throw GlossError("--tui shows every chat; --chats and --chats-from restrict the report and rounds") }
                try CompareWorkbench.open(loaded.root, coders: try TeamCompare.shownPair(coders: coders, pair: pair), threshold: threshold, theme: theme)
                return
            }
            guard pair.isEmpty else { throw GlossError("--pair chooses the two coders of --tui; without --tui every pair is in the report") }
            if coders.count > 2 {
                try TeamCompare.run(loaded, coders: coders, selected: selected, chats: compared, threshold: threshold,
                                    saveRound: saveRound, format: format)
                return
            }
            let a = try loaded.readDigest(coders[0], warn: printWarning), b = try loaded.readDigest(coders[1], warn: printWarning)
            let agreement = Agreement(a, b, codebook: loaded.codebook, chats: compared, threshold: threshold)
            // Chats a coder saw the other's codings of in a comparison (seen marks): flagged, not hidden. Taken
            // now (a few lines) so the two digests are not kept alive while the report is written.
            let seen = SeenNotes.lines(a, b, coders: coders)
            let writer = CompareWriter(agreement: agreement, coders: coders,
                                       hierarchy: CodeHierarchy(codebook: loaded.codebook, digests: [a, b]),
                                       attributesA: a.attributes, attributesB: b.attributes, selected: selected)
            // The round first: a refused round (the name is taken) fails before any report is written.
            if let name = saveRound {
                let folder = try loaded.saveRound(name, coders: coders, threshold: threshold, chats: selected)
                printError("saved round \(name) in \(folder.path)")
            }
            // A consensus whose review has items left is provisional: said above the text, on stderr otherwise.
            for coder in coders {
                if let note = try ProvisionalNote.sentence(coder, in: loaded) { format == .text ? Output.text("PROVISIONAL: \(note).") : printWarning(note) }
            }
            switch format {
            case .text: Output.text(writer.text(), terminator: "")
            case .json: Output.json(try JSONFormat.encode(writer.json()))
            case .md: Output.text(writer.markdown(), terminator: "")
            }
            if !seen.isEmpty { format == .text ? Output.text("\nSeen in a comparison:\n" + seen.joined(separator: "\n")) : seen.forEach(printWarning) }
        }
    }
}

/// Numbers as a meeting reads them: percentages with the unit, coefficients with 3 decimals, "undefined"
/// for 0/0.
enum Show {
    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0 * 100) } ?? "undefined" }
    static func coefficient(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "undefined" }
}

struct CompareWriter {
    let agreement: Agreement
    let coders: [String]
    let hierarchy: CodeHierarchy

    func path(_ id: CodeID) -> String { hierarchy.path(of: id) ?? id.rawValue }

    func alphaNote(_ alpha: Double?) -> String {
        guard let alpha else { return "" }
        return alpha >= 0.8 ? " (≥ .800: reliable by Krippendorff's standard)" : alpha >= 0.667 ? " (≥ .667: tentative conclusions only)" : " (< .667: below Krippendorff's minimum)"
    }

    /// In the chats both coders marked done, the case attributes they entered differently in the workbench.
    struct AttributeDisagreement: Encodable {
        var chat: String, variable: String
        /// A coder's entry: a value, "marked unknown" (`null` in JSON with `entered` true), or none.
        var a: String??, b: String??

        enum CodingKeys: String, CodingKey { case chat, variable, a, b }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(chat, forKey: .chat)
            try c.encode(variable, forKey: .variable)
            for (key, value) in [(CodingKeys.a, a), (.b, b)] {
                switch value {
                case .none: try c.encode(["entered": false] as [String: Bool], forKey: key)
                case .some(.none): try c.encode(Entry(entered: true, value: nil), forKey: key)
                case .some(.some(let text)): try c.encode(Entry(entered: true, value: text), forKey: key)
                }
            }
        }
        struct Entry: Encodable {
            var entered: Bool, value: String?
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(entered, forKey: .entered)
                if let value { try c.encode(value, forKey: .value) } else { try c.encodeNil(forKey: .value) }
            }
            enum Keys: String, CodingKey { case entered, value }
        }
    }

    let attributesA: [String: [String: String?]]
    let attributesB: [String: [String: String?]]
    /// The chats given with --chats / --chats-from, or nil (every chat).
    var selected: [String]? = nil

    var attributeDisagreements: [AttributeDisagreement] {
        agreement.pairable.flatMap { chat -> [AttributeDisagreement] in
            let variables = Set((attributesA[chat] ?? [:]).keys).union((attributesB[chat] ?? [:]).keys).sorted()
            return variables.compactMap { variable in
                let a = attributesA[chat]?[variable], b = attributesB[chat]?[variable]
                return a == b ? nil : AttributeDisagreement(chat: chat, variable: variable, a: a, b: b)
            }
        }
    }

    static func shown(_ value: String??) -> String {
        switch value {
        case .none: return "(none)"
        case .some(.none): return "unknown"
        case .some(.some(let text)): return TerminalText.escaped(text, layout: .singleLine)
        }
    }

    func text() -> String {
        let a = coders[0], b = coders[1]
        let c = agreement.cells
        var out = "Agreement between \(a) (A) and \(b) (B)\n"
        out += "Unit: chat × code presence (a coder applied the code in the chat), over \(agreement.pairable.count) chat(s) both coders marked done.\n"
        if let selected { out += "Chats: restricted to the \(selected.count) chat(s) listed with --chats or --chats-from.\n" }
        if !agreement.excluded.isEmpty {
            out += "Left out, not done by both: " + agreement.excluded.map { "\($0.chat) (\(a): \($0.statusA.label), \(b): \($0.statusB.label))" }.joined(separator: "; ") + "\n"
        }
        out += "\n"
        out += "Positive agreement (chat × code, codes either coder used): \(Show.percent(c.positiveAgreement))  = n11 / (n11 + n10 + n01) = \(c.n11) / \(c.n11 + c.n10 + c.n01)\n"
        out += "Agreement over all chat × code cells:                      \(Show.percent(c.overallAgreement))  = (n11 + n00) / \(c.total) cells (inflated by codes nobody used)\n"
        out += "Krippendorff's alpha (nominal, chat × code cells):          \(Show.coefficient(c.alpha))\(alphaNote(c.alpha))\n"
        out += "Cohen's kappa (chat × code cells):                         \(Show.coefficient(c.kappa))\n"
        let ka = agreement.mean(\.kappa), al = agreement.mean(\.alpha)
        out += "Mean per code: kappa \(Show.coefficient(ka.mean)) (\(ka.undefined) code(s) undefined, left out), alpha \(Show.coefficient(al.mean)) (\(al.undefined) undefined)\n"
        out += "Cells: n11 = \(c.n11) both, n10 = \(c.n10) only \(a), n01 = \(c.n01) only \(b), n00 = \(c.n00) neither\n"
        let s = agreement.segments
        out += "Segment agreement (quote × code, overlap ≥ \(s.threshold) % of the union): \(Show.percent(s.all.agreement)) = \(s.all.agreeing) of \(s.all.total) segments of both coders\n"
        out += "Disagreements (events): \(agreement.forgottenCount) forgotten (one coder lacks a code), \(agreement.differentCount) different (another code under the same parent)"
        let events = agreement.forgottenCount + agreement.differentCount
        if events > 0 { out += String(format: "; %.0f %% forgotten", 100 * Double(agreement.forgottenCount) / Double(events)) }
        out += "\n\nPer code (codes either coder used, chat × code; agreement = (n11 + n00) / \(agreement.pairable.count) chats)\n"
        let used = agreement.perCode.filter { $0.cells.n11 + $0.cells.n10 + $0.cells.n01 > 0 }
        let width = min(60, max(10, used.map { path($0.code).count }.max() ?? 10))
        out += "code".padding(toLength: width, withPad: " ", startingAt: 0) + "   n11  n10  n01  n00  agreement   kappa   alpha  segments\n"
        for row in used {
            let name = TextShort.middle(path(row.code), width).padding(toLength: width, withPad: " ", startingAt: 0)
            let seg = agreement.segments.perCode[row.code]
            out += name + String(format: " %5d %4d %4d %4d", row.cells.n11, row.cells.n10, row.cells.n01, row.cells.n00)
                + "  " + Show.percent(row.agreement).leftPadded(9) + "  " + Show.coefficient(row.kappa).leftPadded(9)
                + " " + Show.coefficient(row.alpha).leftPadded(9) + "  " + Show.percent(seg?.agreement).leftPadded(9) + "\n"
        }
        out += "\(agreement.perCode.count - used.count) other code(s) compared: neither coder used them in these chats.\n"
        let attributes = attributeDisagreements
        if !attributes.isEmpty {
            out += "\nCase attributes entered differently (settled in the review meeting)\n"
            for item in attributes {
                out += "\(item.chat)  \(TerminalText.escaped(item.variable, layout: .singleLine))  \(a): \(Self.shown(item.a))  \(b): \(Self.shown(item.b))\n"
            }
        }
        if !agreement.disagreements.isEmpty {
            out += "\nDisagreements\n"
            for item in agreement.disagreements {
                let who = item.onlyA ? a : b
                let other = item.otherCode.map { " vs \(b): \(path($0))" } ?? ""
                out += "\(item.chat)  \(item.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  only \(who): \(path(item.code))\(other)\n"
            }
        }
        return out
    }

    struct JSONOut: Encodable {
        struct Chats: Encodable { var pairable: Int; var pairableChats: [String]; var excluded: [Excluded]; var selected: [String]?
            func encode(to e: Encoder) throws {
                var c = e.container(keyedBy: CodingKeys.self)
                try c.encode(pairable, forKey: .pairable); try c.encode(pairableChats, forKey: .pairableChats)
                try c.encode(excluded, forKey: .excluded); try c.encode(selected, forKey: .selected)  // null: every chat
            }
            enum CodingKeys: String, CodingKey { case pairable, excluded, selected; case pairableChats = "pairable_chats" } }
        struct Excluded: Encodable { var chat: String; var statuses: [String: String] }
        struct Cells: Encodable { var n11, n10, n01, n00: Int }
        struct AgreementValues: Encodable { var positive: Double?; var all: Double?
            func encode(to e: Encoder) throws { var c = e.container(keyedBy: K.self); try c.encode(positive, forKey: .positive); try c.encode(all, forKey: .all) }
            enum K: String, CodingKey { case positive, all } }
        struct Row: Encodable {
            var code: String; var n11, n10, n01, n00: Int; var agreement, kappa, alpha: Double?
            func encode(to e: Encoder) throws {
                var c = e.container(keyedBy: K.self)
                try c.encode(code, forKey: .code); try c.encode(n11, forKey: .n11); try c.encode(n10, forKey: .n10)
                try c.encode(n01, forKey: .n01); try c.encode(n00, forKey: .n00); try c.encode(agreement, forKey: .agreement)
                try c.encode(kappa, forKey: .kappa); try c.encode(alpha, forKey: .alpha)
            }
            enum K: String, CodingKey { case code, n11, n10, n01, n00, agreement, kappa, alpha }
        }
        struct SegmentRow: Encodable { var code: String; var agreeing, total: Int; var agreement: Double?
            func encode(to e: Encoder) throws { var c = e.container(keyedBy: K.self); try c.encode(code, forKey: .code); try c.encode(agreeing, forKey: .agreeing); try c.encode(total, forKey: .total); try c.encode(agreement, forKey: .agreement) }
            enum K: String, CodingKey { case code, agreeing, total, agreement } }
        struct Segments: Encodable { var threshold: Int; var agreeing, total: Int; var agreement: Double?; var perCode: [SegmentRow]
            func encode(to e: Encoder) throws { var c = e.container(keyedBy: K.self); try c.encode(threshold, forKey: .threshold); try c.encode(agreeing, forKey: .agreeing); try c.encode(total, forKey: .total); try c.encode(agreement, forKey: .agreement); try c.encode(perCode, forKey: .perCode) }
            enum K: String, CodingKey { case threshold, agreeing, total, agreement; case perCode = "per_code" } }
        struct Item: Encodable { var chat, code, kind, only: String; var otherCode: String?
            func encode(to e: Encoder) throws { var c = e.container(keyedBy: K.self); try c.encode(chat, forKey: .chat); try c.encode(code, forKey: .code); try c.encode(kind, forKey: .kind); try c.encode(only, forKey: .only); try c.encode(otherCode, forKey: .otherCode) }
            enum K: String, CodingKey { case chat, code, kind, only; case otherCode = "other_code" } }
        struct Disagreements: Encodable { var forgotten, different: Int; var unit = "event"; var items: [Item] }
        struct Means: Encodable { var kappa, alpha: Double?; var undefinedKappa, undefinedAlpha: Int
            func encode(to e: Encoder) throws { var c = e.container(keyedBy: K.self); try c.encode(kappa, forKey: .kappa); try c.encode(alpha, forKey: .alpha); try c.encode(undefinedKappa, forKey: .undefinedKappa); try c.encode(undefinedAlpha, forKey: .undefinedAlpha) }
            enum K: String, CodingKey { case kappa, alpha; case undefinedKappa = "undefined_kappa"; case undefinedAlpha = "undefined_alpha" } }

        var unit = "chat"
        var coders: [String]
        var chats: Chats
        var cells: Cells
        var agreement: AgreementValues
        var alpha: Double?
        var kappa: Double?
        var meanPerCode: Means
        var perCode: [Row]
        var segments: Segments
        var disagreements: Disagreements
        /// Case attributes the coders entered differently in the chats both marked done.
        var attributeDisagreements: [AttributeDisagreement]

        enum CodingKeys: String, CodingKey {
            case unit, coders, chats, cells, agreement, alpha, kappa, segments, disagreements
            case attributeDisagreements = "attribute_disagreements"
            case meanPerCode = "mean_per_code"
            case perCode = "per_code"
        }

        func encode(to e: Encoder) throws {
            var c = e.container(keyedBy: CodingKeys.self)
            try c.encode(unit, forKey: .unit); try c.encode(coders, forKey: .coders); try c.encode(chats, forKey: .chats)
            try c.encode(cells, forKey: .cells); try c.encode(agreement, forKey: .agreement)
            try c.encode(alpha, forKey: .alpha); try c.encode(kappa, forKey: .kappa)  // null when undefined
            try c.encode(meanPerCode, forKey: .meanPerCode); try c.encode(perCode, forKey: .perCode)
            try c.encode(segments, forKey: .segments); try c.encode(disagreements, forKey: .disagreements)
            try c.encode(attributeDisagreements, forKey: .attributeDisagreements)
        }
    }

    func json() -> JSONOut {
        let c = agreement.cells
        let ka = agreement.mean(\.kappa), al = agreement.mean(\.alpha)
        let s = agreement.segments
        return JSONOut(
            coders: coders,
            chats: .init(pairable: agreement.pairable.count, pairableChats: agreement.pairable,
                         excluded: agreement.excluded.map { .init(chat: $0.chat, statuses: [coders[0]: $0.statusA.rawValue, coders[1]: $0.statusB.rawValue]) },
                         selected: selected),
            cells: .init(n11: c.n11, n10: c.n10, n01: c.n01, n00: c.n00),
            agreement: .init(positive: c.positiveAgreement, all: c.overallAgreement),
            alpha: c.alpha, kappa: c.kappa,
            meanPerCode: .init(kappa: ka.mean, alpha: al.mean, undefinedKappa: ka.undefined, undefinedAlpha: al.undefined),
            perCode: agreement.perCode.map { .init(code: path($0.code), n11: $0.cells.n11, n10: $0.cells.n10, n01: $0.cells.n01, n00: $0.cells.n00,
                                                   agreement: $0.agreement, kappa: $0.kappa, alpha: $0.alpha) },
            segments: .init(threshold: s.threshold, agreeing: s.all.agreeing, total: s.all.total, agreement: s.all.agreement,
                            perCode: s.perCode.sorted { hierarchy.order(of: $0.key) < hierarchy.order(of: $1.key) }
                                .map { .init(code: path($0.key), agreeing: $0.value.agreeing, total: $0.value.total, agreement: $0.value.agreement) }),
            disagreements: .init(forgotten: agreement.forgottenCount, different: agreement.differentCount,
                                 items: agreement.disagreements.map { .init(chat: $0.chat, code: path($0.code), kind: $0.kind.rawValue,
                                                                            only: $0.onlyA ? coders[0] : coders[1], otherCode: $0.otherCode.map(path)) }),
            attributeDisagreements: attributeDisagreements)
    }

    func markdown() -> String {
        let c = agreement.cells
        var out = "## Agreement between \(Markdown.cell(coders[0])) and \(Markdown.cell(coders[1]))\n\n"
        out += "Unit: chat × code presence, over \(agreement.pairable.count) chats both coders marked done.\n\n"
        out += "| measure | value |\n|---|---:|\n"
        out += "| positive agreement (codes either coder used) | \(Show.percent(c.positiveAgreement)) |\n"
        out += "| agreement over all cells | \(Show.percent(c.overallAgreement)) |\n"
        out += "| Krippendorff's α (nominal)\(alphaNote(c.alpha)) | \(Show.coefficient(c.alpha)) |\n"
        out += "| Cohen's κ | \(Show.coefficient(c.kappa)) |\n"
        out += "| segment agreement (overlap ≥ \(agreement.segments.threshold) %) | \(Show.percent(agreement.segments.all.agreement)) |\n"
        out += "| disagreements: forgotten / different (events) | \(agreement.forgottenCount) / \(agreement.differentCount) |\n\n"
        out += "| code | n11 | n10 | n01 | n00 | agreement | κ | α |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for row in agreement.perCode where row.cells.n11 + row.cells.n10 + row.cells.n01 > 0 {
            out += "| \(Markdown.cell(path(row.code))) | \(row.cells.n11) | \(row.cells.n10) | \(row.cells.n01) | \(row.cells.n00) | \(Show.percent(row.agreement)) | \(Show.coefficient(row.kappa)) | \(Show.coefficient(row.alpha)) |\n"
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

/// Middle-shortening for plain-text tables.
enum TextShort {
    static func middle(_ text: String, _ width: Int) -> String {
        guard text.count > width, width > 3 else { return text }
        let keep = width - 1
        return String(text.prefix(keep - keep / 2)) + "…" + String(text.suffix(keep / 2))
    }
}
