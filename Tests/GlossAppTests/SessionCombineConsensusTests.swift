import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore

/// Issue 14, `gloss sessions combine`: a chat both coders finished comes from their consensus once its review
/// meeting is finished; a provisional consensus is not used. On the demo, anouk finished all 12 chats and bram
/// 11 (`gloss status`), so 11 chats are double coded and one is anouk's alone.
@Suite("Combining sessions with a consensus")
struct SessionCombineConsensusTests {
    @Test func doubleCodedChatsComeFromAFinishedConsensusOnly() throws {
        let demo = try DemoCopy()
        var project = try Project.load(demo.root)
        let anouk = try project.readSession("anouk"), bram = try project.readSession("bram")
        let both = project.chatIDs.filter { anouk.status(of: $0) == .done && bram.status(of: $0) == .done }
        #expect(both.count == 11)

        // A meeting started, one item decided: provisional, not used, so the double-coded chats are refused.
        let meeting = try ReviewDriverTests.open(demo)
        meeting.send(.char("2"))
        try meeting.close()
        project = try Project.load(demo.root)
        var (usable, unfinished) = try SessionCombination.consensus(of: ["anouk", "bram"], in: project, except: "team")
        #expect(usable.isEmpty)
        #expect(unfinished.count == 1 && unfinished[0].hasPrefix("consensus is provisional:"), "\(unfinished)")
        #expect(throws: GlossError.self) {
            try SessionCombination([anouk, bram], chats: project.chatIDs, into: "team", codebookRevision: 1, consensus: usable)
        }

        // The meeting finished: the 11 chats come from the consensus, the 12th from anouk.
        let again = try ReviewDriverTests.open(demo)
        ProvisionalConsensusTests.decideEverything(again)
        try again.close()
        project = try Project.load(demo.root)
        (usable, unfinished) = try SessionCombination.consensus(of: ["anouk", "bram"], in: project, except: "team")
        #expect(unfinished.isEmpty)
        #expect(usable.map(\.name) == ["consensus"])
        let combined = try SessionCombination([anouk, bram], chats: project.chatIDs, into: "team", codebookRevision: 1, consensus: usable)
        #expect(combined.sources.values.filter { $0 == "consensus" }.count == 11)
        #expect(combined.sources.values.filter { $0 == "anouk" }.count == 1)
        let consensus = try project.readSession("consensus")
        for chat in both {
            #expect(Set(combined.session.codings(in: chat).map(\.span)) == Set(consensus.codings(in: chat).map(\.span)), "\(chat)")
        }
        let only = try #require(project.chatIDs.first { !both.contains($0) })
        #expect(combined.session.codings(in: only).map(\.id).sorted() == anouk.codings(in: only).map(\.id).sorted())
        #expect(combined.session.chatStatuses.count == 12)
    }
}
