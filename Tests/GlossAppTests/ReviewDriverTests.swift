import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore
import GlossTerminal

/// The review meeting driven key by key on a private copy of Samples/demo (A = anouk, B = bram, into
/// "consensus"): decisions land in the consensus session and the decision log at once, `u` takes the last
/// one back, a closed meeting resumes where it stopped, and A's and B's sessions are never written.
///
/// The demo's agenda starts in chat-01 (codebook order):
/// 1. "different" on message 9: A (anouk) applied Dwangmiddel > Schuldgevoel aangepraat, B (bram) Dwangmiddel >
///    Emotioneel geweld: one item with both codes;
/// 2. Belemmeringen om hulp te vragen > Geheim > Gevaar vrezen: only A, forgotten by B, on message 13.
@Suite("Review meeting (driver)")
struct ReviewDriverTests {
    static let emotioneel = "Dwangmiddel > Emotioneel geweld"
    static let schuldgevoel = "Dwangmiddel > Schuldgevoel aangepraat"
    static let gevaar = "Belemmeringen om hulp te vragen > Geheim > Gevaar vrezen"

    static func open(_ demo: DemoCopy, present: [String] = ["Anouk", "Bram"]) throws -> ReviewDriver {
        try ReviewDriver(projectRoot: demo.root, coders: ["anouk", "bram"], into: "consensus", present: present,
                         width: 110, height: 32, theme: .monochrome)
    }

    /// The bytes of a file in the copy.
    static func bytes(_ demo: DemoCopy, _ path: String) throws -> Data {
        try Data(contentsOf: demo.root.appendingPathComponent(path))
    }

    /// The one decision log of anouk × bram.
    static func log(_ demo: DemoCopy, sourceLocation: SourceLocation = #_sourceLocation) throws -> DecisionLog {
        let folder = demo.root.appendingPathComponent("reviews")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("-anouk-bram.jsonl") }
        try #require(names.count == 1, "expected one decision log, found \(names)", sourceLocation: sourceLocation)
        return try DecisionLog(url: folder.appendingPathComponent(names[0]))
    }

    static func id(_ driver: ReviewDriver, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CodeID {
        try #require(driver.state.hierarchy.resolve(path), "no code \(path)", sourceLocation: sourceLocation)
    }

    /// The spans of `session`'s quotes in `chat` that carry `code`.
    static func spans(_ session: Session, _ chat: String, _ code: CodeID) -> [Span] {
        session.codings(in: chat).filter { $0.codes.contains(code) }.map(\.span)
    }

    /// The first two agenda items are the ones the tests below rely on.
    static func expectDemoAgendaStart(_ driver: ReviewDriver, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let agenda = driver.state.agenda
        try #require(agenda.count >= 3, sourceLocation: sourceLocation)
        #expect(agenda[0] == .different(chat: "chat-01", a: try id(driver, schuldgevoel), b: try id(driver, emotioneel)), sourceLocation: sourceLocation)
        #expect(agenda[1] == .disagreement(chat: "chat-01", code: try id(driver, gevaar)), sourceLocation: sourceLocation)
    }

    // MARK: Decisions, undo, resume

    @Test func decisionsUndoThenCloseAndResume() throws {
        let demo = try DemoCopy()
        let anoukBefore = try Self.bytes(demo, "sessions/anouk.json"), bramBefore = try Self.bytes(demo, "sessions/bram.json")

        let driver = try Self.open(demo)
        #expect(!driver.resumed)
        try Self.expectDemoAgendaStart(driver)
        let emotioneel = try Self.id(driver, Self.emotioneel), schuldgevoel = try Self.id(driver, Self.schuldgevoel)
        let gevaar = try Self.id(driver, Self.gevaar)
        let agendaCount = driver.state.agenda.count
        #expect(driver.state.position == 0)
        #expect(driver.state.decided.isEmpty)
        #expect(driver.render().text.contains("Review anouk (A) × bram (B) → consensus · 0 decided, \(agendaCount) left of \(agendaCount)"))
        // The seed: the consensus starts with the codes both applied (e.g. none of the two items' codes in chat-01).
        let seeded = driver.store.session
        #expect(seeded.codingCount > 0)
        #expect(Self.spans(seeded, "chat-01", emotioneel).isEmpty)
        #expect(Self.spans(seeded, "chat-01", schuldgevoel).isEmpty)
        #expect(Self.spans(seeded, "chat-01", gevaar).isEmpty)

        driver.send(.char("2"))  // the pair: both, Schuldgevoel on A's quote and Emotioneel geweld on B's
        #expect(driver.state.notice?.text == "chat-01: keep both · + Emotioneel geweld on 1 quote · + Schuldgevoel aangepraat on 1 quote",
                "a decision says what it changed")
        driver.send(.char("2"))  // Gevaar vrezen: keep both (A's quote)
        #expect(driver.state.decided.count == 2)
        #expect(driver.state.position == 2)
        let a = driver.state.a, b = driver.state.b
        #expect(Self.spans(driver.store.session, "chat-01", emotioneel) == Self.spans(b, "chat-01", emotioneel))
        #expect(Self.spans(driver.store.session, "chat-01", schuldgevoel) == Self.spans(a, "chat-01", schuldgevoel))
        #expect(Self.spans(driver.store.session, "chat-01", gevaar) == Self.spans(a, "chat-01", gevaar))
        #expect(!Self.spans(b, "chat-01", emotioneel).isEmpty && !Self.spans(a, "chat-01", schuldgevoel).isEmpty)

        driver.send(.char("u"))
        #expect(driver.state.decided.count == 1)
        #expect(driver.state.decided[driver.state.agenda[1].key] == nil)
        #expect(driver.state.position == 1, "undo goes back to the item undone")
        #expect(driver.state.notice?.text == "undid the decision on chat-01 \(Self.gevaar)")
        #expect(Self.spans(driver.store.session, "chat-01", gevaar).isEmpty)
        #expect(Self.spans(driver.store.session, "chat-01", emotioneel) == Self.spans(b, "chat-01", emotioneel))
        #expect(driver.render().text.contains("1 decided, \(agendaCount - 1) left of \(agendaCount)"))
        try driver.close()

        // On disk: the consensus session has the pair's decision.
        let closed = try demo.sessionOnDisk("consensus")
        #expect(closed == driver.store.session)
        #expect(Self.spans(closed, "chat-01", emotioneel) == Self.spans(b, "chat-01", emotioneel))
        #expect(Self.spans(closed, "chat-01", schuldgevoel) == Self.spans(a, "chat-01", schuldgevoel))
        #expect(Self.spans(closed, "chat-01", gevaar).isEmpty)

        // Reopen: resumed, decided count from the log, on the first undecided item, the seed not applied again.
        let again = try Self.open(demo)
        #expect(again.resumed)
        #expect(again.state.decided.count == 1)
        #expect(again.state.position == 1)
        #expect(again.state.notice?.text == "resumed: 1 decided, \(agendaCount - 1) left")
        #expect(again.store.session == closed, "reopening changed the consensus session (the seed applied twice?)")
        #expect(again.render().text.contains("resumed: 1 decided"))
        try again.close()
        #expect(try demo.sessionOnDisk("consensus") == closed)
        #expect(try Self.log(demo).records.filter { $0.kind == .start }.count == 1, "resuming must not start a second log")

        // The log: start, two decisions, one undo.
        let fullLog = try Self.log(demo).records
        // The agreements were copied once, right after the start (a `seeded` record); the rest are the meeting's.
        #expect(fullLog.filter { $0.kind == .seeded }.count == 1 && fullLog.dropFirst().first?.kind == .seeded)
        let records = fullLog.filter { $0.kind != .seeded }
        #expect(records.map(\.kind) == [.start, .decision, .decision, .undo])
        let start = records[0]
        #expect(start.coders == ["anouk", "bram"])
        #expect(start.into == "consensus")
        #expect(start.present == ["Anouk", "Bram"])
        #expect(start.prefer == "anouk")
        let decisions = records.filter { $0.kind == .decision }
        #expect(decisions.map(\.decision) == ["both", "both"])
        #expect(decisions.map(\.present) == Array(repeating: ["Anouk", "Bram"], count: 2))
        #expect(decisions.map(\.chat) == ["chat-01", "chat-01"])
        // The pair: A's code, with B's as the other code.
        #expect(decisions.map(\.code) == [Self.schuldgevoel, Self.gevaar])
        #expect(decisions.map(\.codeID) == [schuldgevoel, gevaar])
        #expect(decisions.map(\.disagreement) == ["different", "forgotten"])
        #expect(decisions.map(\.only) == [nil, "anouk"])
        #expect(decisions[0].otherCode == Self.emotioneel)
        #expect(decisions.allSatisfy { $0.note == nil })
        #expect(records[3].item == "chat-01|\(gevaar.rawValue)")
        #expect(Set(try Self.log(demo).decided.keys) == ["different|\(schuldgevoel.rawValue)|\(emotioneel.rawValue)|chat-01"])

        // A's and B's sessions: byte for byte as before, and never opened for writing.
        #expect(try Self.bytes(demo, "sessions/anouk.json") == anoukBefore)
        #expect(try Self.bytes(demo, "sessions/bram.json") == bramBefore)
        for name in ["anouk.journal", "bram.journal", "anouk.lock", "bram.lock"] {
            #expect(!FileManager.default.fileExists(atPath: demo.root.appendingPathComponent("sessions/\(name)").path), "\(name) was created")
        }
    }

    @Test func undoAfterResumingTakesBackTheLastDecisionOfTheEarlierSitting() throws {
        let demo = try DemoCopy()
        let first = try Self.open(demo)
        let emotioneel = try Self.id(first, Self.emotioneel), gevaar = try Self.id(first, Self.gevaar)
        let seeded = first.store.session
        first.send(.char("b"))  // the pair: B's version
        first.send(.char("a"))  // Gevaar vrezen: A's version
        try first.close()

        let again = try Self.open(demo)
        again.send(.char("u"))
        #expect(again.state.notice?.text == "undid the decision on chat-01 \(Self.gevaar)")
        #expect(again.state.decided.count == 1)
        #expect(again.state.position == 1)
        #expect(Self.spans(again.store.session, "chat-01", gevaar).isEmpty)
        again.send(.char("u"))
        #expect(again.state.decided.isEmpty)
        #expect(Self.spans(again.store.session, "chat-01", emotioneel).isEmpty)
        #expect(again.store.session == seeded)
        again.send(.char("u"))
        #expect(again.state.notice?.text == "no decision to undo")
        #expect(again.store.session == seeded, "undo went past the meeting's decisions into the seed")
        try again.close()
    }

    /// Taking the absence of a code the consensus does not have changes nothing in the session; `u` must
    /// still take the decision back (and leave the consensus as it is).
    @Test func undoOfADecisionThatChangesNothingInTheConsensus() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        try Self.expectDemoAgendaStart(driver)
        let emotioneel = try Self.id(driver, Self.emotioneel)
        let seeded = driver.store.session
        // Item 2 is only A's: B's version is "no Gevaar vrezen in chat-01", which the consensus already is.
        driver.send(.char("j"))
        driver.send(.char("b"))
        #expect(driver.state.decided.count == 1)
        #expect(driver.store.session == seeded)
        #expect(driver.state.notice?.text.hasPrefix("chat-01: take B · the consensus already was so (nothing changed)") == true,
                "\(driver.state.notice?.text ?? "")")
        driver.send(.char("u"))
        #expect(driver.state.notice?.kind != .error, "\(driver.state.notice?.text ?? "")")
        #expect(driver.state.notice?.text == "undid the decision on chat-01 \(Self.gevaar)")
        #expect(driver.state.decided.isEmpty)
        #expect(driver.state.position == 1)
        #expect(driver.store.session == seeded)

        // The same after another decision that did change the consensus: b on the pair, then b on item 2
        // (nothing to remove), then u twice takes back the second b, then the first.
        driver.send(.char("k"))
        driver.send(.char("b"))
        driver.send(.char("b"))
        #expect(driver.state.decided.count == 2)
        driver.send(.char("u"))
        #expect(driver.state.notice?.text == "undid the decision on chat-01 \(Self.gevaar)")
        #expect(!Self.spans(driver.store.session, "chat-01", emotioneel).isEmpty, "the undo of item 2 took back the pair's b")
        driver.send(.char("u"))
        #expect(driver.state.notice?.text == "undid the decision on chat-01 \(Self.schuldgevoel) (A) / Emotioneel geweld (B)")
        #expect(driver.state.decided.isEmpty)
        #expect(driver.store.session == seeded)
        try driver.close()
        let fullLog = try Self.log(demo).records
        // The agreements were copied once, right after the start (a `seeded` record); the rest are the meeting's.
        #expect(fullLog.filter { $0.kind == .seeded }.count == 1 && fullLog.dropFirst().first?.kind == .seeded)
        let records = fullLog.filter { $0.kind != .seeded }
        #expect(records.map(\.kind) == [.start, .decision, .undo, .decision, .decision, .undo, .undo])
        // The consensus on disk (snapshot and journal) is the seed, and the project validates.
        #expect(try demo.sessionOnDisk("consensus") == seeded)
        let report = ProjectValidator.validate(demo.root)
        #expect(report.isClean, "\(report.errors)")
        // (The copied files are readable by others, which the validator warns about; nothing else.)
        let sessionWarnings = report.warnings.filter { !"\($0)".contains("is readable by others") }
        #expect(sessionWarnings.isEmpty, "\(sessionWarnings)")
    }

    /// Deciding an item again (after moving back to it), then `u`: the item goes back to its first decision,
    /// as the consensus does. `0` on the pair leaves message 9 uncoded, which both coders coded: it asks first.
    @Test func undoOfADecisionMadeAgainRestoresTheFirstDecision() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        let emotioneel = try Self.id(driver, Self.emotioneel)
        let key = driver.state.agenda[0].key
        driver.send(.char("b"))              // the pair: B's quote
        driver.send(.char("k"))              // back to item 1
        #expect(driver.state.position == 0)
        driver.send(.char("0"))              // decided again: neither (confirmed)
        guard case .confirm? = driver.state.overlay else {
            Issue.record("0 on the pair did not ask: \(String(describing: driver.state.overlay))")
            return
        }
        driver.send(.char("y"))
        #expect(Self.spans(driver.store.session, "chat-01", emotioneel).isEmpty)
        #expect(driver.state.decided[key]?.decision == "neither")
        driver.send(.char("u"))
        // The consensus is back at B's version; the item is decided as "b" again, not undecided.
        #expect(Self.spans(driver.store.session, "chat-01", emotioneel) == Self.spans(driver.state.b, "chat-01", emotioneel))
        #expect(driver.state.decided[key]?.decision == "b")
        #expect(driver.render().text.contains("1 decided"))
        driver.send(.char("u"))
        #expect(driver.state.decided[key] == nil)
        #expect(Self.spans(driver.store.session, "chat-01", emotioneel).isEmpty)
        try driver.close()
        #expect(try Self.log(demo).decided[key] == nil)
    }

    // MARK: Notes, skips, edits

    @Test func aNoteGoesWithTheNextDecision() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        driver.send(.char("n"))
        guard case .prompt(.note, _, _)? = driver.state.overlay else {
            Issue.record("n opens no note prompt: \(String(describing: driver.state.overlay))")
            return
        }
        driver.send(Key.typing("zie regel 4"))
        driver.send(.enter)
        #expect(driver.state.overlay == nil)
        #expect(driver.state.pendingNote == "zie regel 4")
        #expect(driver.state.decided.isEmpty, "a note decides nothing")
        driver.send(.char("b"))
        #expect(driver.state.pendingNote == nil)
        driver.send(.char("a"))
        try driver.close()
        let fullLog = try Self.log(demo).records
        // The agreements were copied once, right after the start (a `seeded` record); the rest are the meeting's.
        #expect(fullLog.filter { $0.kind == .seeded }.count == 1 && fullLog.dropFirst().first?.kind == .seeded)
        let records = fullLog.filter { $0.kind != .seeded }
        #expect(records.map(\.kind) == [.start, .note, .decision, .decision])
        #expect(records[1].note == "zie regel 4")
        #expect(records[1].item == records[2].item)
        #expect(records[2].note == "zie regel 4")
        #expect(records[2].decision == "b")
        #expect(records[3].note == nil, "the note went with the second decision too")
    }

    @Test func skipMovesOnAndDecidesNothing() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        let before = driver.store.session
        driver.send(.char("s"))
        #expect(driver.state.position == 1)
        #expect(driver.state.decided.isEmpty)
        #expect(driver.store.session == before)
        driver.send(.char("b"))  // on item 2
        #expect(driver.state.position == 2)
        try driver.close()
        let fullLog = try Self.log(demo).records
        // The agreements were copied once, right after the start (a `seeded` record); the rest are the meeting's.
        #expect(fullLog.filter { $0.kind == .seeded }.count == 1 && fullLog.dropFirst().first?.kind == .seeded)
        let records = fullLog.filter { $0.kind != .seeded }
        #expect(records.map(\.kind) == [.start, .skip, .decision])
        #expect(records[2].item == driver.state.agenda[1].key)
        // Resuming lands on the skipped item, the first undecided one.
        let again = try Self.open(demo)
        #expect(again.state.position == 0)
        try again.close()
    }

    @Test func editPutsTheChosenCodeOnTheQuotes() throws {
        let demo = try DemoCopy()
        let driver = try Self.open(demo)
        let schuldgevoel = try Self.id(driver, Self.schuldgevoel)
        let emotioneel = try Self.id(driver, Self.emotioneel)
        // Item 1 (the pair) edited to Schuldgevoel aangepraat: both coders' quotes get it.
        driver.send(.char("e"))
        guard case .picker(.editCode, _, _, _)? = driver.state.overlay else {
            Issue.record("e opens no code picker: \(String(describing: driver.state.overlay))")
            return
        }
        driver.send(Key.typing("Schuldgevoel aangepraat"))
        guard case .picker(_, _, let matches, let highlighted)? = driver.state.overlay, matches.indices.contains(highlighted) else {
            Issue.record("no match in the picker")
            return
        }
        #expect(matches[highlighted] == schuldgevoel)
        driver.send(.enter)
        #expect(driver.state.overlay == nil)
        let consensus = driver.store.session
        #expect(Self.spans(consensus, "chat-01", emotioneel).isEmpty)
        let expected = (Self.spans(driver.state.a, "chat-01", schuldgevoel) + Self.spans(driver.state.b, "chat-01", emotioneel)).sorted()
        #expect(Self.spans(consensus, "chat-01", schuldgevoel).sorted() == expected)
        try driver.close()
        let decision = try #require(try Self.log(demo).records.last)
        #expect(decision.decision == "edit")
        #expect(decision.otherCode == Self.emotioneel)
        #expect(decision.editedCode == Self.schuldgevoel)
    }

    // MARK: Proposed codes

    /// bram proposes "Dreigen met uithuisplaatsing" under Dwangmiddel and applies it to message 2 of
    /// chat-02 (both coders marked it done), written through his SessionStore before the meeting opens.
    static func addBramsProposal(_ demo: DemoCopy) throws -> (code: Code, span: Span) {
        let project = try Project.load(demo.root)
        let parent = try #require(project.codebook.resolve("Dwangmiddel"))
        let code = Code(id: CodeID("proposal-uithuisplaatsing"), name: "Dreigen met uithuisplaatsing", parent: parent.id)
        let chat = try #require(project.chat("chat-02"))
        let span = try #require(chat.wholeMessages(2, 2))
        let coding = Coding(chat: "chat-02", span: span, codes: [code.id], text: chat.text(of: span), coder: "bram", created: Timestamp.now())
        let store = try SessionStore(projectRoot: demo.root, coder: "bram", codebookRevision: project.codebook.revision, create: false)
        try store.perform([.proposal(id: code.id, before: nil, after: code), .coding(id: coding.id, before: nil, after: coding)], label: "propose")
        try store.close()
        return (code, span)
    }

    /// Moves the agenda position to `item` with j/k.
    static func move(_ driver: ReviewDriver, to item: Review.Item, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let target = try #require(driver.state.agenda.firstIndex(of: item), "\(item) is not on the agenda", sourceLocation: sourceLocation)
        for _ in 0..<100 where driver.state.position != target { driver.send(.char(driver.state.position < target ? "j" : "k")) }
        #expect(driver.state.position == target, sourceLocation: sourceLocation)
    }

    @Test func proposalsMergeRejectAcceptAndUndo() throws {
        let demo = try DemoCopy()
        let (proposal, span) = try Self.addBramsProposal(demo)
        let bramBefore = try Self.bytes(demo, "sessions/bram.json")
        let driver = try Self.open(demo)
        // On the agenda: the chat × code (only B) and, last, the proposal itself.
        #expect(driver.state.agenda.last == .proposal(proposal.id))
        #expect(driver.state.agenda.contains(.disagreement(chat: "chat-02", code: proposal.id)))
        #expect(driver.store.session.proposedCodes.isEmpty)

        // Take B's version of the chat × code: the quote, and the proposal with it, come into the consensus.
        try Self.move(driver, to: .disagreement(chat: "chat-02", code: proposal.id))
        driver.send(.char("b"))
        #expect(Self.spans(driver.store.session, "chat-02", proposal.id) == [span])
        #expect(driver.store.session.proposedCodes[proposal.id] == proposal)

        // Merge the proposal into Dwangmiddel > Bedreiging.
        let bedreiging = try Self.id(driver, "Dwangmiddel > Bedreiging")
        try Self.move(driver, to: .proposal(proposal.id))
        #expect(driver.render().text.contains("Proposed by B (bram) during open coding."))
        driver.send(.char("m"))
        driver.send(Key.typing("Dwangmiddel > Bedreiging"))
        guard case .picker(.mergeInto(proposal.id), _, let matches, let highlighted)? = driver.state.overlay, matches.indices.contains(highlighted) else {
            Issue.record("m opens no merge picker: \(String(describing: driver.state.overlay))")
            return
        }
        #expect(matches[highlighted] == bedreiging)
        driver.send(.enter)
        var consensus = driver.store.session
        #expect(!consensus.codings.values.contains { $0.codes.contains(proposal.id) })
        #expect(Self.spans(consensus, "chat-02", bedreiging).contains(span))
        #expect(consensus.proposedCodes[proposal.id] == nil)
        var record = try #require(try Self.log(demo).records.last)
        #expect(record.kind == .decision && record.disagreement == "proposal" && record.decision == "merge")
        #expect(record.otherCode == "Dwangmiddel > Bedreiging")

        // Undo: the quote carries the proposal again.
        driver.send(.char("u"))
        consensus = driver.store.session
        #expect(Self.spans(consensus, "chat-02", proposal.id) == [span])
        #expect(consensus.proposedCodes[proposal.id] == proposal)
        #expect(driver.state.position == driver.state.agenda.count - 1)

        // Reject: no quote carries it and the consensus no longer lists it.
        driver.send(.char("x"))
        consensus = driver.store.session
        #expect(!consensus.codings.values.contains { $0.codes.contains(proposal.id) })
        #expect(consensus.proposedCodes[proposal.id] == nil)
        record = try #require(try Self.log(demo).records.last)
        #expect(record.decision == "reject")
        driver.send(.char("u"))
        #expect(Self.spans(driver.store.session, "chat-02", proposal.id) == [span])

        // Accept: the code goes into the shared codebook; the consensus quote keeps it, as a codebook code now.
        driver.send(.char("a"))
        #expect(driver.state.notice?.kind != .error, "\(driver.state.notice?.text ?? "")")
        #expect(try Project.load(demo.root).codebook.contains(proposal.id))
        #expect(driver.store.session.proposedCodes[proposal.id] == nil)
        #expect(Self.spans(driver.store.session, "chat-02", proposal.id) == [span])
        #expect(try Self.log(demo).records.last?.decision == "accept")
        try driver.close()
        #expect(try Self.bytes(demo, "sessions/bram.json") == bramBefore)
    }

    /// Undoing an accepted proposal takes the consensus back but leaves the code in the shared codebook, so
    /// the item can no longer be accepted again ("already in the codebook").
    @Test func acceptingAProposalAgainAfterUndo() throws {
        let demo = try DemoCopy()
        let (proposal, _) = try Self.addBramsProposal(demo)
        let driver = try Self.open(demo)
        try Self.move(driver, to: .proposal(proposal.id))
        driver.send(.char("a"))
        #expect(driver.state.decided[Review.Item.proposal(proposal.id).key]?.decision == "accept")
        driver.send(.char("u"))
        #expect(driver.state.decided[Review.Item.proposal(proposal.id).key] == nil)
        #expect(driver.state.notice?.kind != .error, "\(driver.state.notice?.text ?? "")")
        let stillInTheCodebook = try Project.load(demo.root).codebook.contains(proposal.id)
        #expect(!stillInTheCodebook, "the undone accept left the code in the codebook")
        driver.send(.char("a"))
        #expect(driver.state.notice?.kind != .error, "\(driver.state.notice?.text ?? "")")
        #expect(driver.state.decided[Review.Item.proposal(proposal.id).key]?.decision == "accept")
        #expect(try Project.load(demo.root).codebook.contains(proposal.id))
        try driver.close()
    }

    /// A proposed code both coders applied in the same chat (the same proposal, e.g. agreed on in a codebook
    /// meeting and entered by both) is an agreement: the seed copies the quote, and the consensus must know
    /// the code too, or its session refers to a code that exists nowhere.
    @Test func aProposalBothAppliedIsSeededWithItsDefinition() throws {
        let demo = try DemoCopy()
        let project = try Project.load(demo.root)
        let parent = try #require(project.codebook.resolve("Dwangmiddel"))
        let code = Code(id: CodeID("proposal-gedeeld"), name: "Gedeeld voorstel", parent: parent.id)
        let chat = try #require(project.chat("chat-02"))
        let span = try #require(chat.wholeMessages(2, 2))
        for coder in ["anouk", "bram"] {
            let coding = Coding(chat: "chat-02", span: span, codes: [code.id], text: chat.text(of: span), coder: coder, created: Timestamp.now())
            let store = try SessionStore(projectRoot: demo.root, coder: coder, codebookRevision: project.codebook.revision, create: false)
            try store.perform([.proposal(id: code.id, before: nil, after: code), .coding(id: coding.id, before: nil, after: coding)], label: "propose")
            try store.close()
        }
        let driver = try Self.open(demo)
        let consensus = driver.store.session
        #expect(Self.spans(consensus, "chat-02", code.id) == [span])
        #expect(consensus.proposedCodes[code.id] == code, "the seeded consensus uses a code it does not define")
        try driver.close()
        // Every code of the consensus is in the codebook or among its own proposals.
        let onDisk = try demo.sessionOnDisk("consensus")
        for coding in onDisk.orderedCodings {
            for id in coding.codes {
                #expect(project.codebook.contains(id) || onDisk.proposedCodes[id] != nil, "\(coding.chat): unknown code \(id)")
            }
        }
    }

    /// Logs are found by their name's ending `-<A>-<B>.jsonl`; a review of "ann-anouk" and bram ends the same
    /// way as one of anouk and bram, and must not be resumed as theirs.
    @Test func aLogOfOtherCodersIsNotResumed() throws {
        let demo = try DemoCopy()
        let project = try Project.load(demo.root)
        let empty = try SessionStore(projectRoot: demo.root, coder: "ann-anouk", codebookRevision: project.codebook.revision)
        try empty.close()
        let other = try ReviewDriver(projectRoot: demo.root, coders: ["ann-anouk", "bram"], into: "consensus", present: [], theme: .monochrome)
        try other.close()
        let driver = try Self.open(demo)
        #expect(!driver.resumed, "the review of anouk and bram resumed \(driver.log.url.lastPathComponent)")
        #expect(driver.log.records.first?.coders == ["anouk", "bram"])
        #expect(driver.log.url != other.log.url)
        try driver.close()
    }

    // MARK: Guards

    @Test func theConsensusMustNotBeACodersOwnSession() throws {
        let demo = try DemoCopy()
        #expect(throws: (any Error).self) {
            _ = try ReviewDriver(projectRoot: demo.root, coders: ["anouk", "bram"], into: "anouk", present: [])
        }
        #expect(throws: (any Error).self) {
            _ = try ReviewDriver(projectRoot: demo.root, coders: ["anouk"], into: "consensus", present: [])
        }
    }

    @Test func preferBSeedsWithBsQuotes() throws {
        let demo = try DemoCopy()
        let driver = try ReviewDriver(projectRoot: demo.root, coders: ["anouk", "bram"], into: "consensus", present: [], prefer: "bram",
                                      theme: .monochrome)
        let consensus = driver.store.session
        // Every seeded quote has the span of one of B's quotes with the same code, in a chat both marked done.
        for coding in consensus.orderedCodings {
            #expect(driver.state.agreement.pairable.contains(coding.chat))
            for code in coding.codes {
                #expect(Self.spans(driver.state.b, coding.chat, code).contains(coding.span), "\(coding.chat) \(code) not on B's span")
                #expect(!Self.spans(driver.state.a, coding.chat, code).isEmpty, "\(coding.chat) \(code): A never applied it")
            }
        }
        #expect(Set(driver.state.agreement.pairable) == Set(consensus.chatStatuses.filter { $0.value == .done }.keys))
        try driver.close()
        #expect(try Self.log(demo).records.first?.prefer == "bram")
    }
}
