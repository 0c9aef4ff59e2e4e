import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Issue 14, the review meeting on a private copy of Samples/demo (A = anouk, B = bram): the "different"
/// disagreement on chat-01 #9 (A: Schuldgevoel aangepraat on 9:0–87, B: Emotioneel geweld on 9:0–88) is one
/// item; a decision that loses what both coders had asks first; the status line says what a decision changed
/// and whether it was saved; `u` after a rename-and-accept undoes the rename.
@Suite("Review meeting: the different pair, confirmation, status line (issue 14)")
struct ReviewPairDriverTests {
    typealias T = ReviewDriverTests

    /// The bug: two items, `a` on "Emotioneel geweld, only B" and `b` on "Schuldgevoel aangepraat, only A",
    /// left neither code. Now the pair is one item and `a` keeps A's code on A's quote.
    @Test func theDifferentPairIsOneItemAndAKeepsAsCode() throws {
        let demo = try DemoCopy()
        let driver = try T.open(demo)
        let schuldgevoel = try T.id(driver, T.schuldgevoel), emotioneel = try T.id(driver, T.emotioneel)
        #expect(driver.state.agenda[0] == .different(chat: "chat-01", a: schuldgevoel, b: emotioneel))
        #expect(!driver.state.agenda.contains(.disagreement(chat: "chat-01", code: schuldgevoel)))
        #expect(!driver.state.agenda.contains(.disagreement(chat: "chat-01", code: emotioneel)))
        let screen = driver.render().text
        #expect(screen.contains("A: Schuldgevoel aangepraat · B: Emotioneel geweld"), "\(screen)")
        driver.send(.char("a"))
        #expect(T.spans(driver.store.session, "chat-01", schuldgevoel) == T.spans(driver.state.a, "chat-01", schuldgevoel))
        #expect(T.spans(driver.store.session, "chat-01", emotioneel).isEmpty)
        #expect(driver.state.notice?.text == "chat-01: take A · + Schuldgevoel aangepraat on 1 quote")
        try driver.close()
    }

    /// `0` on the pair leaves #9 (coded by both) with no code: it asks; any key but `y` leaves the consensus
    /// as it was and decides nothing; `y` decides.
    @Test func losingAPassageBothCodedAsksForConfirmation() throws {
        let demo = try DemoCopy()
        let driver = try T.open(demo)
        let seeded = driver.store.session
        driver.send(.char("0"))
        guard case .confirm(_, let question)? = driver.state.overlay else {
            Issue.record("0 on the pair did not ask: \(String(describing: driver.state.overlay))")
            return
        }
        #expect(question == "This leaves chat-01 #9 with no code, though both coders coded it. Decide anyway?")
        #expect(driver.render().text.contains("Decide anyway?"))
        #expect(driver.store.session == seeded)
        driver.send(.char("x"))
        #expect(driver.state.overlay == nil)
        #expect(driver.state.decided.isEmpty)
        #expect(driver.store.session == seeded)
        #expect(driver.state.notice?.text == "not decided; the consensus is as it was")
        driver.send(.char("0"))
        driver.send(.char("y"))
        #expect(driver.state.decided[driver.state.agenda[0].key]?.decision == "neither")
        try driver.close()
        #expect(try T.log(demo).records.filter { $0.kind == .decision }.count == 1)
    }

    /// The status line said "saved" whatever happened. A write that fails (here the codebook, replaced by a
    /// folder, when a rule is recorded) shows NOT SAVED until a write succeeds again.
    @Test func theStatusLineSaysNotSavedAfterAFailedWrite() throws {
        let demo = try DemoCopy()
        let driver = try T.open(demo)
        #expect(driver.render().text.contains("saved"))
        let codebook = demo.root.appendingPathComponent("codebook.json")
        let kept = try Data(contentsOf: codebook)
        try FileManager.default.removeItem(at: codebook)
        try FileManager.default.createDirectory(at: codebook, withIntermediateDirectories: false)
        driver.send(.char("j"))              // Gevaar vrezen, a shared code
        driver.send(.char("r"))
        driver.send(Key.typing("alleen bij expliciete angst"))
        driver.send(.enter)
        #expect(driver.state.notice?.kind == .error)
        let lastLine = driver.render().text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastLine.contains("NOT SAVED"), "\(lastLine)")
        try FileManager.default.removeItem(at: codebook)
        try kept.write(to: codebook)
        driver.send(.char("a"))
        let after = driver.render().text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(!after.contains("NOT SAVED") && after.hasSuffix("saved"), "\(after)")
        try driver.close()
    }

    /// `r` on a proposal renames it and accepts it into the codebook; `u` must take both back: the code
    /// leaves the codebook and is the proposal with its first name again.
    @Test func undoAfterARenameUndoesTheRename() throws {
        let demo = try DemoCopy()
        let (proposal, _) = try T.addBramsProposal(demo)
        let driver = try T.open(demo)
        try T.move(driver, to: .proposal(proposal.id))
        driver.send(.char("r"))
        guard case .prompt(.rename, _, _)? = driver.state.overlay else {
            Issue.record("r opens no rename prompt: \(String(describing: driver.state.overlay))")
            return
        }
        for _ in 0..<proposal.name.count { driver.send(.backspace) }
        driver.send(Key.typing("Dreigen met uithuisplaatsing (gezin)"))
        driver.send(.enter)
        #expect(try Project.load(demo.root).codebook[proposal.id]?.name == "Dreigen met uithuisplaatsing (gezin)")
        driver.send(.char("u"))
        #expect(driver.state.notice?.kind != .error, "\(driver.state.notice?.text ?? "")")
        let codebook = try Project.load(demo.root).codebook
        #expect(!codebook.contains(proposal.id), "the undone rename left the code in the codebook")
        #expect(!codebook.codes.contains { $0.name == "Dreigen met uithuisplaatsing (gezin)" })
        #expect(driver.state.name(proposal.id) == proposal.name)
        #expect(driver.state.decided[Review.Item.proposal(proposal.id).key] == nil)
        try driver.close()
    }

    /// The same across a restart: rename, end the meeting, resume, `u`.
    @Test func undoAfterResumingARenameUndoesTheRename() throws {
        let demo = try DemoCopy()
        let (proposal, _) = try T.addBramsProposal(demo)
        let first = try T.open(demo)
        try T.move(first, to: .proposal(proposal.id))
        first.send(.char("r"))
        for _ in 0..<proposal.name.count { first.send(.backspace) }
        first.send(Key.typing("Uithuisplaatsing"))
        first.send(.enter)
        try first.close()
        #expect(try Project.load(demo.root).codebook[proposal.id]?.name == "Uithuisplaatsing")
        let again = try T.open(demo)
        again.send(.char("u"))
        #expect(again.state.notice?.kind != .error, "\(again.state.notice?.text ?? "")")
        #expect(!(try Project.load(demo.root).codebook.contains(proposal.id)))
        #expect(again.state.name(proposal.id) == proposal.name)
        #expect(again.store.session.proposedCodes[proposal.id] == nil || again.store.session.proposedCodes[proposal.id]?.name == proposal.name)
        try again.close()
    }
}
