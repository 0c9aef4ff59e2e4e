import Foundation
import GlossAnalysis
import GlossCore

/// One saved round's figures, recomputed from its frozen copies: two coders as `gloss compare --coders A B`,
/// three or more as `MultiCoderAgreement`. A round saved with a chat list is computed on those chats alone.
/// `gloss compare --rounds` and the report document's rounds table both read it.
struct RoundFigures {
    let round: Round
    /// The chats whose units count (both done, or at least two coders done).
    let chats: [String]
    /// Chats of the round's list the project no longer has (they cannot be counted).
    let missing: [String]
    let positive: Double?
    let overall: Double?
    let alpha: Double?
    /// Cohen's κ for two coders, Fleiss' κ for more (`kappaMeasure`); nil and `kappaAbsent` when absent.
    let kappa: Double?
    let kappaMeasure: String
    let kappaAbsent: String?
    /// Disagreement events (two coders only).
    let forgotten: Int?
    let different: Int?
    /// Chats of the round where a coder had seen another coder's codings in a comparison before the round was
    /// saved (from the frozen sessions' seen marks): flagged, not hidden.
    let seen: [SeenNotes.Entry]

    init(_ round: Round, projectChats: [ChatSummary]) {
        self.round = round
        var chats = projectChats
        var missing: [String] = []
        if let listed = round.chats {
            let wanted = Set(listed)
            chats = projectChats.filter { wanted.contains($0.id) }
            let present = Set(chats.map(\.id))
            missing = listed.filter { !present.contains($0) }
        }
        self.missing = missing
        let listed = round.chats.map(Set.init)
        seen = SeenNotes.entries(round.sessions.map { SessionDigest($0) }, chats: listed)
        if round.sessions.count == 2 {
            let agreement = Agreement(round.sessions[0], round.sessions[1], codebook: round.codebook, chats: chats, threshold: round.threshold)
            let c = agreement.cells
            self.chats = agreement.pairable
            (positive, overall, alpha, kappa) = (c.positiveAgreement, c.overallAgreement, c.alpha, c.kappa)
            kappaMeasure = "cohen"
            kappaAbsent = c.kappa == nil ? "undefined" : nil
            (forgotten, different) = (agreement.forgottenCount, agreement.differentCount)
        } else {
            let agreement = MultiCoderAgreement(round.sessions.map { SessionDigest($0) }, codebook: round.codebook, chats: chats,
                                                threshold: round.threshold)
            let c = agreement.pooledCells
            self.chats = agreement.chats
            (positive, overall, alpha, kappa) = (c.positiveAgreement, c.overallAgreement, agreement.alpha, agreement.fleissKappa)
            kappaMeasure = "fleiss"
            kappaAbsent = switch agreement.fleissAbsence {
            case nil: nil
            case .missingCoders: "missing_coders"
            case .noUnits: "no_units"
            case .undefined: "undefined"
            }
            (forgotten, different) = (nil, nil)
        }
    }

    /// "12/6", or "–" where the measure is not defined for the round (three or more coders).
    var forgottenDifferent: String { forgotten.map { "\($0)/\(different ?? 0)" } ?? "–" }

    /// κ for people: a Fleiss κ that is absent because of missing coders says so.
    var kappaShown: String { kappaAbsent == "missing_coders" ? "absent" : Show.coefficient(kappa) }
}

/// `gloss compare --rounds`: the trend across rounds in one table, each round's chats under it.
enum RoundsWriter {
    static func text(_ rounds: [Round], chats: [ChatSummary]) -> String {
        guard !rounds.isEmpty else { return "No rounds saved yet: gloss compare DIR --coders A B --save-round NAME\n" }
        var out = "Rounds (unit: chat × code presence, chats both coders marked done; three or more coders: at least two)\n"
        out += "round            coders               chats  positive agr.  all cells   alpha    kappa  forgotten/different\n"
        var multi = false
        for round in rounds {
            let figures = RoundFigures(round, projectChats: chats)
            multi = multi || round.sessions.count > 2
            out += round.name.padding(toLength: 16, withPad: " ", startingAt: 0) + " "
                + round.coders.joined(separator: " / ").padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: " %5d", figures.chats.count) + "  " + Show.percent(figures.positive).leftPadded(13)
                + "  " + Show.percent(figures.overall).leftPadded(9) + "  " + Show.coefficient(figures.alpha).leftPadded(7)
                + "  " + figures.kappaShown.leftPadded(7) + "  \(figures.forgottenDifferent)\n"
            if let saved = round.chats {
                out += "  chats saved with the round: " + listed(saved) + "\n"
                if saved != figures.chats { out += "  counted (done by enough coders): " + listed(figures.chats) + "\n" }
            } else {
                out += "  chats: every chat the coders marked done: " + listed(figures.chats) + "\n"
            }
            if !figures.missing.isEmpty {
                out += "  no longer in the project (not counted): " + listed(figures.missing) + "\n"
            }
            for entry in figures.seen.prefix(20) {
                out += "  seen in a comparison: " + TerminalText.escaped(SeenNotes.line(entry), layout: .singleLine) + "\n"
            }
            if figures.seen.count > 20 { out += "  seen in a comparison: … (\(figures.seen.count - 20) more)\n" }
        }
        if multi {
            out += "Three or more coders: positive agreement and all cells pooled over every pair, alpha with missing values, kappa is Fleiss' (absent unless every coder finished every chat).\n"
        }
        out += "Percentages are agreement, not reliability; Krippendorff's alpha ≥ .800 is reliable, ≥ .667 allows tentative conclusions.\n"
        return out
    }

    /// At most 20 ids, then how many more.
    static func listed(_ ids: [String]) -> String {
        guard !ids.isEmpty else { return "(none)" }
        let shown = ids.prefix(20).map { TerminalText.escaped($0, layout: .singleLine) }.joined(separator: ", ")
        return ids.count > 20 ? shown + ", … (\(ids.count - 20) more)" : shown
    }

    struct JSONOut: Encodable {
        var rounds: [Row]
        struct Row: Encodable {
            var name: String
            var saved: Date
            var coders: [String]
            var threshold: Int
            /// The chat list saved with the round; null: every chat.
            var selected: [String]?
            var chats: [String]
            var missing: [String]
            var agreement: [String: Double?]
            var alpha: Double?
            var kappa: Double?
            var kappaMeasure: String
            var kappaAbsent: String?
            var disagreements: [String: Int]?
            var seen: [SeenNotes.Entry]

            enum K: String, CodingKey {
                case name, saved, coders, threshold, selected, chats, missing, agreement, alpha, kappa, disagreements, seen
                case kappaMeasure = "kappa_measure", kappaAbsent = "kappa_absent"
            }
            func encode(to e: Encoder) throws {
                var c = e.container(keyedBy: K.self)
                try c.encode(name, forKey: .name); try c.encode(saved, forKey: .saved); try c.encode(coders, forKey: .coders)
                try c.encode(threshold, forKey: .threshold); try c.encode(selected, forKey: .selected); try c.encode(chats, forKey: .chats)
                try c.encode(missing, forKey: .missing); try c.encode(agreement, forKey: .agreement)
                try c.encode(alpha, forKey: .alpha); try c.encode(kappa, forKey: .kappa)
                try c.encode(kappaMeasure, forKey: .kappaMeasure); try c.encode(kappaAbsent, forKey: .kappaAbsent)
                try c.encode(disagreements, forKey: .disagreements)
                try c.encode(seen, forKey: .seen)
            }
        }
    }

    static func json(_ rounds: [Round], chats: [ChatSummary]) -> JSONOut {
        JSONOut(rounds: rounds.map { round in
            let f = RoundFigures(round, projectChats: chats)
            return .init(name: round.name, saved: round.saved, coders: round.coders, threshold: round.threshold, selected: round.chats,
                         chats: f.chats, missing: f.missing, agreement: ["positive": f.positive, "all": f.overall],
                         alpha: f.alpha, kappa: f.kappa, kappaMeasure: f.kappaMeasure, kappaAbsent: f.kappaAbsent,
                         disagreements: f.forgotten.map { ["forgotten": $0, "different": f.different ?? 0] }, seen: f.seen)
        })
    }
}
