import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Issue 14: a consensus is provisional until every item of its review meeting is decided; the workbench's
/// figures pane says so in its title. The counts are the review screen's own ("0 decided, 18 left of 18").
@Suite("Provisional consensus: progress and the figures pane")
struct ProvisionalConsensusTests {
    /// Decides every item: `a` everywhere (A's version, accept for a proposal, A's value for an attribute),
    /// confirming where asked.
    static func decideEverything(_ driver: ReviewDriver) {
        for _ in 0..<200 where driver.state.left > 0 {
            driver.send(.char("a"))
            if case .confirm? = driver.state.overlay { driver.send(.char("y")) }
        }
    }

    @Test func provisionalUntilEveryItemIsDecided() throws {
        let demo = try DemoCopy()
        let driver = try ReviewDriverTests.open(demo)
        let total = driver.state.agenda.count
        driver.send(.char("2"))   // the pair: keep both
        try driver.close()
        var project = try Project.load(demo.root)
        let progress = try #require(try ConsensusProgress.provisional("consensus", in: project))
        #expect(progress.coders == ["anouk", "bram"])
        #expect(progress.decided == 1 && progress.left == total - 1)
        #expect(progress.sentence == "provisional: \(total - 1) of \(total) review items (anouk × bram) undecided")
        #expect(try ConsensusProgress.provisional("anouk", in: project) == nil, "a coder's own session is no consensus")

        // The workbench on the consensus: the figures pane's title says it.
        let workbench = try AppDriver(projectRoot: demo.root, coder: "consensus", width: 160, height: 40, theme: .monochrome)
        let screen = workbench.render().text
        try workbench.close()
        #expect(screen.contains("Figures · PROVISIONAL"), "\(screen)")
        #expect(screen.contains("This consensus is provisional: \(total - 1) of"), "\(screen)")

        let again = try ReviewDriverTests.open(demo)
        Self.decideEverything(again)
        #expect(again.state.left == 0)
        try again.close()
        project = try Project.load(demo.root)
        #expect(try ConsensusProgress.provisional("consensus", in: project) == nil)
        let finished = try #require(try ConsensusProgress.meetings(into: "consensus", in: project).first)
        #expect(finished.left == 0 && !finished.isProvisional)
        let done = try AppDriver(projectRoot: demo.root, coder: "consensus", width: 160, height: 40, theme: .monochrome)
        #expect(done.state.provisional == nil)
        try done.close()
    }

    /// Reviewer's finding: the decision log keeps each item's key with the codes of the time of the decision, but
    /// the sessions follow a later merge, so a finished meeting turned provisional ("1 of 18 … undecided") once
    /// Schuldgevoel aangepraat (in the first item, the pair on chat-01) was merged into Gezagsverhouding, and
    /// `sessions combine` refused its consensus. The logged keys now follow the merge.
    @Test func aMergeAfterAFinishedMeetingKeepsItFinished() throws {
        let demo = try DemoCopy()
        let driver = try ReviewDriverTests.open(demo)
        Self.decideEverything(driver)
        #expect(driver.state.left == 0)
        try driver.close()
        var project = try Project.load(demo.root)
        #expect(try ConsensusProgress.provisional("consensus", in: project) == nil)

        let guilt = try #require(project.codebook.code(atPath: "Dwangmiddel > Schuldgevoel aangepraat")?.id)
        let authority = try #require(project.codebook.code(atPath: "Dwangmiddel > Gezagsverhouding")?.id)
        try project.mergeCode(guilt, into: authority, by: "anouk", reason: "x")
        project = try Project.load(demo.root)
        let meetings = try ConsensusProgress.meetings(into: "consensus", in: project)
        #expect(try ConsensusProgress.provisional("consensus", in: project) == nil, "\(meetings)")
        let finished = try #require(meetings.first)
        #expect(finished.left == 0 && finished.decided > 0)

        let (usable, unfinished) = try SessionCombination.consensus(of: ["anouk", "bram"], in: project, except: "team")
        #expect(unfinished.isEmpty, "\(unfinished)")
        #expect(usable.map(\.name) == ["consensus"])

        // The meeting resumed after the merge finds every item decided too.
        let resumed = try ReviewDriverTests.open(demo)
        #expect(resumed.state.left == 0)
        try resumed.close()
    }
}
