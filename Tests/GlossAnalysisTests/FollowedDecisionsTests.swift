import Foundation
import Testing
import GlossAnalysis
import GlossCore

/// A review meeting's logged item keys carry the code ids of the time of the decision; after a codebook merge the
/// agenda derived again from the (migrated) sessions carries the merge target's id. `FollowedDecisions` follows the
/// logged keys through the mappings. Expected keys are written out by hand from the key formats (`Review.Item.key`).
@Suite("Decided review items follow codebook merges")
struct FollowedDecisionsTests {
    static let kept = CodeID("code-kept"), merged = CodeID("code-merged"), target = CodeID("code-target"), dropped = CodeID("code-dropped")

    static func record(_ decision: String) -> DecisionRecord {
        var record = DecisionRecord(kind: .decision, time: Date(timeIntervalSince1970: 0))
        record.decision = decision
        return record
    }

    @Test func loggedKeysFollowMergesAndDropsAndKeepEverythingElse() throws {
        // merged → target (a merge), then dropped → nothing (a retirement without a successor).
        let codebook = try Codebook(codes: [Code(id: Self.kept, name: "Kept"), Code(id: Self.target, name: "Target")])
        let mappings = [CodeMapping(from: Self.merged, to: Self.target, parent: nil), CodeMapping(from: Self.dropped, to: nil, parent: nil)]
        let attribute = "attribute|7|chat-05|code-merged"   // a variable that happens to look like a code id holds no code
        let decided = FollowedDecisions.decided([
            "chat-01|code-merged": Self.record("a"),
            "different|code-merged|code-kept|chat|02": Self.record("b"),   // a chat id may hold "|"
            "spans|chat-03|code-merged": Self.record("both"),
            "chat-04|code-dropped": Self.record("neither"),
            "different|code-kept|code-dropped|chat-06": Self.record("a"),
            "chat-07|code-kept": Self.record("a"),
            attribute: Self.record("b"),
        ], codebook: codebook, mappings: mappings)

        #expect(decided["chat-01|code-target"]?.decision == "a")
        #expect(decided["different|code-target|code-kept|chat|02"]?.decision == "b")
        #expect(decided["spans|chat-03|code-target"]?.decision == "both")
        #expect(decided["chat-07|code-kept"]?.decision == "a")
        #expect(decided[attribute]?.decision == "b")
        // A dropped code's decision decides nothing of today's agenda: only its logged key (naming the dropped code) is left.
        #expect(decided.keys.filter { $0.contains("chat-04") } == ["chat-04|code-dropped"])
        #expect(decided.keys.filter { $0.contains("chat-06") } == ["different|code-kept|code-dropped|chat-06"])
    }

    @Test func aDecisionUnderTheKeyOfNowWinsOverAFollowedOne() throws {
        let codebook = try Codebook(codes: [Code(id: Self.target, name: "Target")])
        let mappings = [CodeMapping(from: Self.merged, to: Self.target, parent: nil)]
        let decided = FollowedDecisions.decided([
            "chat-01|code-merged": Self.record("a"),
            "chat-01|code-target": Self.record("b"),
        ], codebook: codebook, mappings: mappings)
        #expect(decided["chat-01|code-target"]?.decision == "b")
    }
}
