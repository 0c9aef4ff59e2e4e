import Foundation
import GlossCore

/// How far the review meetings that build a consensus session have come. A consensus is provisional while
/// any meeting into it has agenda items left undecided: `status`, `report`, `compare` and the figures pane
/// say so, since its figures hold only what the meeting has settled so far.
///
/// The agenda is derived again from the two coders' sessions as they are now (the rule `gloss review` uses,
/// with the overlap threshold and `--segments` of the meeting's start), and an item counts as decided when the
/// decision log has a decision for it that was not undone. The logged keys carry the codes of the time of the
/// decision while the sessions follow later merges and retirements, so the keys are followed too
/// (`FollowedDecisions`): a merge never turns a finished meeting provisional. Proposed codes accepted into the
/// codebook leave the agenda, as they do when the meeting is resumed.
public struct ConsensusProgress: Equatable, Sendable {
    /// The meeting's coders, A and B.
    public var coders: [String]
    public var decided: Int
    public var left: Int
    /// The decision log's file name (`reviews/<date>-A-B.jsonl`).
    public var log: String

    public var isProvisional: Bool { left > 0 }
    public var total: Int { decided + left }

    /// "provisional: 18 of 21 review items (anouk × bram) undecided".
    public var sentence: String {
        "provisional: \(left) of \(total) review items (\(coders.joined(separator: " × "))) undecided"
    }

    /// The meetings into `coder` (one per pair of coders: the newest log of each), or empty when `coder` is
    /// no meeting's consensus. A log that cannot be read is skipped (`warn` hears why; `validate` names it).
    public static func meetings(into coder: String, in project: Project, warn: (String) -> Void = { _ in }) throws -> [ConsensusProgress] {
        let folder = project.root.appendingPathComponent("reviews")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        var newest: [[String]: (String, DecisionLog)] = [:]
        for name in names {
            let log: DecisionLog
            do { log = try DecisionLog(url: folder.appendingPathComponent(name)) } catch { warn("\(error)"); continue }
            guard let start = log.records.first, start.kind == .start, start.into == coder,
                  let coders = start.coders, coders.count == 2 else { continue }
            newest[coders] = (name, log)
        }
        guard !newest.isEmpty else { return [] }
        let consensus = try project.readSession(coder, warn: warn)
        var result: [ConsensusProgress] = []
        for (coders, (name, log)) in newest.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            guard project.coders.contains(coders[0]), project.coders.contains(coders[1]) else { continue }
            let a = try project.readSession(coders[0], warn: warn), b = try project.readSession(coders[1], warn: warn)
            let start = log.records[0]
            let agreement = Agreement(a, b, codebook: project.codebook, chats: project.summaries, threshold: start.threshold ?? 90)
            let hierarchy = CodeHierarchy(codebook: project.codebook, sessions: [a, b, consensus])
            let agenda = Review.agenda(agreement, a: a, b: b, hierarchy: hierarchy, segments: start.segments ?? false, chats: project.summaries)
            let decided = try FollowedDecisions.decided(log, in: project, warn: warn)
            let left = agenda.filter { decided[$0.key] == nil }.count
            result.append(ConsensusProgress(coders: coders, decided: agenda.count - left, left: left, log: name))
        }
        return result
    }

    /// The first meeting into `coder` with items left, or nil when every meeting is finished (or there is none).
    public static func provisional(_ coder: String, in project: Project, warn: (String) -> Void = { _ in }) throws -> ConsensusProgress? {
        try meetings(into: coder, in: project, warn: warn).first { $0.isProvisional }
    }
}
