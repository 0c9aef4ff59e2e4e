import Foundation
import GlossAnalysis
import GlossCore

/// `gloss compare --coders A B C …`: agreement among three or more coders (`MultiCoderAgreement`) in text,
/// JSON and Markdown. Two coders keep `CompareWriter`'s report. Definitions: docs/analysis.md.
struct MultiCompareWriter {
    let agreement: MultiCoderAgreement
    let coders: [String]
    let hierarchy: CodeHierarchy
    /// The chats given with --chats / --chats-from, or nil.
    let selected: [String]?

    func path(_ id: CodeID) -> String { hierarchy.path(of: id) ?? id.rawValue }
    static func plain(_ text: String) -> String { TerminalText.escaped(text, layout: .singleLine) }
    func pairName(_ pair: MultiCoderAgreement.Pair) -> String { "\(coders[pair.a]) / \(coders[pair.b])" }

    /// Why Fleiss' κ is absent, for people (nil when it is there).
    func fleissAbsenceText() -> String? {
        switch agreement.fleissAbsence {
        case nil: return nil
        case .noUnits: return "absent: no chat has two coders' values"
        case .undefined: return "undefined (every value the same)"
        case .missingCoders(let chats):
            let doneBy = Dictionary(uniqueKeysWithValues: zip(agreement.chats, agreement.doneBy))
            let shown = chats.prefix(5).map { chat in
                let missing = coders.indices.filter { !(doneBy[chat] ?? []).contains($0) }.map { coders[$0] }
                return "\(Self.plain(chat)): \(missing.joined(separator: ", "))"
            }
            let more = chats.count > 5 ? "; and \(chats.count - 5) more chat(s)" : ""
            return "absent: not every coder marked every chat done (\(shown.joined(separator: "; "))\(more)); Fleiss' kappa needs every coder on every unit, alpha allows missing values"
        }
    }

    static func alphaNote(_ alpha: Double?) -> String {
        guard let alpha else { return "" }
        return alpha >= 0.8 ? " (≥ .800: reliable by Krippendorff's standard)" : alpha >= 0.667 ? " (≥ .667: tentative conclusions only)" : " (< .667: below Krippendorff's minimum)"
    }

    func text() -> String {
        let pooled = agreement.pooledCells, segments = agreement.pooledSegments
        var out = "Agreement among \(coders.count) coders: \(coders.joined(separator: ", "))\n"
        out += "Unit: chat × code presence (a coder applied the code in the chat), over \(agreement.chats.count) chat(s) at least two coders marked done; a coder who did not mark a chat done is missing there.\n"
        if let selected { out += "Chats: restricted to the \(selected.count) chat(s) listed with --chats or --chats-from.\n" }
        if !agreement.excluded.isEmpty {
            out += "Left out, fewer than two coders done: " + agreement.excluded.map { item in
                "\(Self.plain(item.chat)) (" + zip(coders, item.statuses).map { "\($0): \($1.label)" }.joined(separator: ", ") + ")"
            }.joined(separator: "; ") + "\n"
        }
        out += "\n"
        out += "Krippendorff's alpha (nominal, \(coders.count) coders, missing values allowed): \(Show.coefficient(agreement.alpha))\(Self.alphaNote(agreement.alpha))\n"
        out += "Fleiss' kappa (every coder on every chat × code):                \(fleissAbsenceText() ?? Show.coefficient(agreement.fleissKappa))\n"
        out += "Positive agreement over all pairs: \(Show.percent(pooled.positiveAgreement))  = Σ n11 / Σ (n11 + n10 + n01) = \(pooled.n11) / \(pooled.n11 + pooled.n10 + pooled.n01)\n"
        out += "Agreement over all cells of all pairs: \(Show.percent(pooled.overallAgreement))  = Σ (n11 + n00) / \(pooled.total) cells (inflated by codes nobody used)\n"
        let al = agreement.mean(\.alpha)
        out += "Mean per code: alpha \(Show.coefficient(al.mean)) (\(al.undefined) code(s) undefined, left out)\n"
        out += "Segment agreement (each coder's quote × code against every other coder who finished the chat, overlap ≥ \(threshold) % of the union): \(Show.percent(segments.agreement)) = \(segments.agreeing) of \(segments.total)\n"
        out += "\nPairs (chat × code over the chats both marked done)\n"
        let width = max(10, agreement.pairs.map { pairName($0).count }.max() ?? 10)
        out += "pair".padding(toLength: width, withPad: " ", startingAt: 0) + "  chats  positive agr.  all cells     kappa     alpha   segments\n"
        for pair in agreement.pairs {
            out += pairName(pair).padding(toLength: width, withPad: " ", startingAt: 0) + String(format: "  %5d", pair.chats)
                + "  " + Show.percent(pair.cells.positiveAgreement).leftPadded(13) + "  " + Show.percent(pair.cells.overallAgreement).leftPadded(9)
                + " " + Show.coefficient(pair.cells.kappa).leftPadded(9) + " " + Show.coefficient(pair.cells.alpha).leftPadded(9)
                + "  " + Show.percent(pair.segments.agreement).leftPadded(9) + "\n"
        }
        out += "\nPer code (codes some coder used; applied = coder × chat values that are 1, of all values)\n"
        let used = agreement.perCode.filter { $0.tally.ones > 0 }
        let fleissMissing: Bool = if case .missingCoders = agreement.fleissAbsence { true } else { false }
        let codeWidth = min(60, max(10, used.map { path($0.code).count }.max() ?? 10))
        out += "code".padding(toLength: codeWidth, withPad: " ", startingAt: 0) + "     applied     alpha    fleiss\n"
        for row in used {
            out += Self.plain(TextShort.middle(path(row.code), codeWidth)).padding(toLength: codeWidth, withPad: " ", startingAt: 0)
                + "  " + "\(row.tally.ones) / \(row.tally.values)".leftPadded(10)
                + " " + Show.coefficient(row.alpha).leftPadded(9) + " " + (fleissMissing ? "absent" : Show.coefficient(row.fleissKappa)).leftPadded(9) + "\n"
        }
        out += "\(agreement.perCode.count - used.count) other code(s) compared: no coder used them in these chats.\n"
        out += "Percentages are agreement, not reliability; Krippendorff's alpha ≥ .800 is reliable, ≥ .667 allows tentative conclusions.\n"
        return out
    }

    let threshold: Int

    func markdown() -> String {
        let pooled = agreement.pooledCells
        var out = "## Agreement among \(coders.map(Markdown.cell).joined(separator: ", "))\n\n"
        out += "Unit: chat × code presence, over \(agreement.chats.count) chats at least two coders marked done (a coder who did not is missing there).\n\n"
        out += "| measure | value |\n|---|---:|\n"
        out += "| Krippendorff's α (nominal, \(coders.count) coders)\(Self.alphaNote(agreement.alpha)) | \(Show.coefficient(agreement.alpha)) |\n"
        out += "| Fleiss' κ | \(Markdown.cell(fleissAbsenceText() ?? Show.coefficient(agreement.fleissKappa))) |\n"
        out += "| positive agreement over all pairs | \(Show.percent(pooled.positiveAgreement)) |\n"
        out += "| agreement over all cells of all pairs | \(Show.percent(pooled.overallAgreement)) |\n"
        out += "| segment agreement (overlap ≥ \(threshold) %) | \(Show.percent(agreement.pooledSegments.agreement)) |\n\n"
        out += "| pair | chats | positive agreement | all cells | κ | α | segments |\n|---|---:|---:|---:|---:|---:|---:|\n"
        for pair in agreement.pairs {
            out += "| \(Markdown.cell(pairName(pair))) | \(pair.chats) | \(Show.percent(pair.cells.positiveAgreement)) | \(Show.percent(pair.cells.overallAgreement)) | \(Show.coefficient(pair.cells.kappa)) | \(Show.coefficient(pair.cells.alpha)) | \(Show.percent(pair.segments.agreement)) |\n"
        }
        return out
    }

    // MARK: JSON (every number at full double precision; null where undefined)

    struct JSONOut: Encodable {
        var unit = "chat"
        var coders: [String]
        var chats: Chats
        var codes: Int
        var alpha: Double?
        var fleissKappa: Double?
        var fleissKappaAbsent: Absence?
        var agreement: [String: Double?]
        var cells: [String: Int]
        var meanPerCode: Means
        var perCode: [CodeRow]
        var pairs: [PairRow]
        var segments: Segments

        struct Chats: Encodable {
            var selected: [String]?
            var units: Int
            var included: [Included]
            var excluded: [Excluded]
            func encode(to e: Encoder) throws {
                var c = e.container(keyedBy: K.self)
                try c.encode(selected, forKey: .selected); try c.encode(units, forKey: .units)
                try c.encode(included, forKey: .included); try c.encode(excluded, forKey: .excluded)
            }
            enum K: String, CodingKey { case selected, units, included, excluded }
        }
        struct Included: Encodable { var chat: String; var doneBy: [String]
            enum CodingKeys: String, CodingKey { case chat; case doneBy = "done_by" } }
        struct Excluded: Encodable { var chat: String; var statuses: [String: String] }
        struct Absence: Encodable { var reason: String; var chats: [String] }
        struct Means: Encodable { var alpha, fleissKappa: Double?; var undefinedAlpha, undefinedFleissKappa: Int
            func encode(to e: Encoder) throws {
                var c = e.container(keyedBy: K.self)
                try c.encode(alpha, forKey: .alpha); try c.encode(fleissKappa, forKey: .fleissKappa)
                try c.encode(undefinedAlpha, forKey: .undefinedAlpha); try c.encode(undefinedFleissKappa, forKey: .undefinedFleissKappa)
            }
            enum K: String, CodingKey { case alpha; case fleissKappa = "fleiss_kappa"; case undefinedAlpha = "undefined_alpha"; case undefinedFleissKappa = "undefined_fleiss_kappa" } }
        struct CodeRow: Encodable { var code: String; var applied, values: Int; var alpha, fleissKappa: Double?
            func encode(to e: Encoder) throws {
                var c = e.container(keyedBy: K.self)
                try c.encode(code, forKey: .code); try c.encode(applied, forKey: .applied); try c.encode(values, forKey: .values)
                try c.encode(alpha, forKey: .alpha); try c.encode(fleissKappa, forKey: .fleissKappa)
            }
            enum K: String, CodingKey { case code, applied, values, alpha; case fleissKappa = "fleiss_kappa" } }
        struct PairRow: Encodable {
            var coders: [String]; var chats: Int; var n11, n10, n01, n00: Int
            var positive, all, kappa, alpha: Double?
            var segments: SegmentCount
            func encode(to e: Encoder) throws {
                var c = e.container(keyedBy: K.self)
                try c.encode(coders, forKey: .coders); try c.encode(chats, forKey: .chats)
                try c.encode(n11, forKey: .n11); try c.encode(n10, forKey: .n10); try c.encode(n01, forKey: .n01); try c.encode(n00, forKey: .n00)
                try c.encode(positive, forKey: .positive); try c.encode(all, forKey: .all)
                try c.encode(kappa, forKey: .kappa); try c.encode(alpha, forKey: .alpha); try c.encode(segments, forKey: .segments)
            }
            enum K: String, CodingKey { case coders, chats, n11, n10, n01, n00, positive, all, kappa, alpha, segments }
        }
        struct SegmentCount: Encodable { var agreeing, total: Int; var agreement: Double?
            func encode(to e: Encoder) throws {
                var c = e.container(keyedBy: K.self)
                try c.encode(agreeing, forKey: .agreeing); try c.encode(total, forKey: .total); try c.encode(agreement, forKey: .agreement)
            }
            enum K: String, CodingKey { case agreeing, total, agreement } }
        struct Segments: Encodable { var threshold, agreeing, total: Int; var agreement: Double?
            func encode(to e: Encoder) throws {
                var c = e.container(keyedBy: K.self)
                try c.encode(threshold, forKey: .threshold); try c.encode(agreeing, forKey: .agreeing)
                try c.encode(total, forKey: .total); try c.encode(agreement, forKey: .agreement)
            }
            enum K: String, CodingKey { case threshold, agreeing, total, agreement } }

        enum CodingKeys: String, CodingKey {
            case unit, coders, chats, codes, alpha, agreement, cells, pairs, segments
            case fleissKappa = "fleiss_kappa", fleissKappaAbsent = "fleiss_kappa_absent"
            case meanPerCode = "mean_per_code", perCode = "per_code"
        }
        func encode(to e: Encoder) throws {
            var c = e.container(keyedBy: CodingKeys.self)
            try c.encode(unit, forKey: .unit); try c.encode(coders, forKey: .coders); try c.encode(chats, forKey: .chats)
            try c.encode(codes, forKey: .codes); try c.encode(alpha, forKey: .alpha)
            try c.encode(fleissKappa, forKey: .fleissKappa); try c.encode(fleissKappaAbsent, forKey: .fleissKappaAbsent)
            try c.encode(agreement, forKey: .agreement); try c.encode(cells, forKey: .cells)
            try c.encode(meanPerCode, forKey: .meanPerCode); try c.encode(perCode, forKey: .perCode)
            try c.encode(pairs, forKey: .pairs); try c.encode(segments, forKey: .segments)
        }
    }

    func json() -> JSONOut {
        let pooled = agreement.pooledCells, segments = agreement.pooledSegments
        let al = agreement.mean(\.alpha), fk = agreement.mean(\.fleissKappa)
        let absence: JSONOut.Absence? = switch agreement.fleissAbsence {
        case nil: nil
        case .noUnits: .init(reason: "no_units", chats: [])
        case .undefined: .init(reason: "undefined", chats: [])
        case .missingCoders(let chats): .init(reason: "missing_coders", chats: chats)
        }
        return JSONOut(
            coders: coders,
            chats: .init(selected: selected, units: agreement.chats.count,
                         included: zip(agreement.chats, agreement.doneBy).map { .init(chat: $0, doneBy: $1.map { coders[$0] }) },
                         excluded: agreement.excluded.map { item in
                             .init(chat: item.chat, statuses: Dictionary(uniqueKeysWithValues: zip(coders, item.statuses.map(\.rawValue))))
                         }),
            codes: agreement.codes.count,
            alpha: agreement.alpha, fleissKappa: agreement.fleissKappa, fleissKappaAbsent: absence,
            agreement: ["positive": pooled.positiveAgreement, "all": pooled.overallAgreement],
            cells: ["n11": pooled.n11, "n10": pooled.n10, "n01": pooled.n01, "n00": pooled.n00],
            meanPerCode: .init(alpha: al.mean, fleissKappa: fk.mean, undefinedAlpha: al.undefined, undefinedFleissKappa: fk.undefined),
            perCode: agreement.perCode.map { .init(code: path($0.code), applied: $0.tally.ones, values: $0.tally.values,
                                                   alpha: $0.alpha, fleissKappa: $0.fleissKappa) },
            pairs: agreement.pairs.map { pair in
                .init(coders: [coders[pair.a], coders[pair.b]], chats: pair.chats,
                      n11: pair.cells.n11, n10: pair.cells.n10, n01: pair.cells.n01, n00: pair.cells.n00,
                      positive: pair.cells.positiveAgreement, all: pair.cells.overallAgreement,
                      kappa: pair.cells.kappa, alpha: pair.cells.alpha,
                      segments: .init(agreeing: pair.segments.agreeing, total: pair.segments.total, agreement: pair.segments.agreement))
            },
            segments: .init(threshold: threshold, agreeing: segments.agreeing, total: segments.total, agreement: segments.agreement))
    }
}

/// The parts of `gloss compare` that only three or more coders need.
enum TeamCompare {
    /// The two coders the side-by-side view shows: `--pair X Y` (both among `coders`), or the first two.
    static func shownPair(coders: [String], pair: [String]) throws -> [String] {
        if pair.isEmpty { return Array(coders.prefix(2)) }
        guard pair.count == 2, pair[0] != pair[1] else { throw GlossError("--pair takes two different coders of --coders") }
        for name in pair where !coders.contains(name) {
            throw GlossError("--pair: \(name) is not one of --coders (\(coders.joined(separator: ", ")))")
        }
        return pair
    }

    static func run(_ loaded: Project, coders: [String], selected: [String]?, chats: [ChatSummary], threshold: Int,
                    saveRound: String?, format: CompareCommand.Format) throws {
        let digests = try coders.map { try loaded.readDigest($0, warn: printWarning) }
        let agreement = MultiCoderAgreement(digests, codebook: loaded.codebook, chats: chats, threshold: threshold)
        let writer = MultiCompareWriter(agreement: agreement, coders: coders, hierarchy: CodeHierarchy(codebook: loaded.codebook, digests: digests),
                                        selected: selected, threshold: threshold)
        // The round first: a refused round (the name is taken) fails before any report is written.
        if let name = saveRound {
            let folder = try loaded.saveRound(name, coders: coders, threshold: threshold, chats: selected)
            printError("saved round \(name) in \(folder.path)")
        }
        switch format {
        case .text: Output.text(writer.text(), terminator: "")
        case .json: Output.json(try JSONFormat.encode(writer.json()))
        case .md: Output.text(writer.markdown(), terminator: "")
        }
    }
}
