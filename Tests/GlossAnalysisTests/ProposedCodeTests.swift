import Testing
import GlossCore
import GlossAnalysis

/// Proposed codes (open coding) roll up into their parent and are bars when their parent is the category.
@Suite("Proposed codes")
struct ProposedCodeTests {
    static let geld = Code(id: CodeID("p-geld"), name: "Geld afpakken", parent: Book.dwang)
    static let kinderen = Code(id: CodeID("p-kinderen"), name: "Dreigen met kinderen", parent: Book.bedreiging)
    static let sociaal = Code(id: CodeID("p-sociaal"), name: "Via sociale media", parent: CodeID("p-geld"))

    /// - chat-01: Geld afpakken (proposed, under Dwangmiddelen)
    /// - chat-02: Dreigen met kinderen (proposed, under Bedreiging)
    /// - chat-03: Fysiek geweld
    /// - chat-04: Via sociale media (proposed, under the proposed Geld afpakken)
    static func session() -> Session {
        var session = Session.anna()
        session.propose(geld)
        session.propose(kinderen)
        session.propose(sociaal)
        session.add(quote("q1", chat: 1, message: 2, [geld.id]))
        session.add(quote("q2", chat: 2, message: 2, [kinderen.id]))
        session.add(quote("q3", chat: 3, message: 2, [Book.fysiek]))
        session.add(quote("q4", chat: 4, message: 2, [sociaal.id]))
        for chat in 1...4 { session.mark(chat, .done) }
        return session
    }

    @Test func hierarchyIncludesProposals() throws {
        let hierarchy = try Book.hierarchy(proposed: Self.session().proposedCodes)
        // Codebook children first, then proposed children by name.
        #expect(hierarchy.children(of: Book.dwang) == [Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie, Self.geld.id])
        #expect(hierarchy.children(of: Book.bedreiging) == [Book.bedreigingGeweld, Book.bedreigingOpenbaar, Self.kinderen.id])
        #expect(hierarchy.ancestors(of: Self.sociaal.id) == [Self.geld.id, Book.dwang])
        #expect(hierarchy.isProposed(Self.geld.id))
        #expect(!hierarchy.isProposed(Book.fysiek))
        #expect(hierarchy.path(of: Self.sociaal.id) == "Dwangmiddelen > Geld afpakken > Via sociale media")
        // Proposed codes come after the 10 codebook codes, by name (as the tree lists them):
        // Dreigen met kinderen 10, Geld afpakken 11, Via sociale media 12.
        #expect(hierarchy.order(of: Self.kinderen.id) == 10)
        #expect(hierarchy.order(of: Self.geld.id) == 11)
        #expect(hierarchy.order(of: Self.sociaal.id) == 12)
        #expect(hierarchy.resolve("Dwangmiddelen > Geld afpakken") == Self.geld.id)
        #expect(hierarchy.resolve("p-kinderen") == Self.kinderen.id)
    }

    @Test func proposedCodesRollUpAndAreBars() throws {
        let analysis = try Analysis(Self.session())
        let figure = analysis.figure(Book.dwang)
        // n = chat-01 … chat-04 = 4 (all through Dwangmiddelen's subtree).
        #expect(figure.n == 4)
        #expect(figure.unknownCodes.isEmpty)
        // Geld afpakken: chat-01 itself + chat-04 via its proposed child = 2 → 50 %.
        // Bedreiging: chat-02 via the proposed Dreigen met kinderen = 1 → 25 %.
        // Fysiek geweld: chat-03 = 1 → 25 %. Chantage, Isolatie 0.
        #expect(figure.barCodes == [Self.geld.id, Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie])
        #expect(figure.bars.map(\.chats) == [2, 1, 1, 0, 0])
        #expect(approx(figure.bars[0].percent, 50))
        #expect(approx(figure.bars[1].percent, 25))
        let geld = figure.bars[0]
        #expect(geld.proposed)
        #expect(geld.label == "Geld afpakken")
        #expect(geld.path == "Dwangmiddelen > Geld afpakken")
        #expect(figure.bars.dropFirst().allSatisfy { !$0.proposed })
        // The proposed grandchild is not a bar of Dwangmiddelen.
        #expect(figure.bar(Self.sociaal.id) == nil)
        // Figure of the proposed code itself: n = chat-01, chat-04 = 2; bar Via sociale media = chat-04 = 1 → 50 %.
        let own = analysis.figure(Self.geld.id)
        #expect(own.n == 2)
        #expect(own.barCodes == [Self.sociaal.id])
        #expect(approx(own.bars.first?.percent, 50))
    }

    /// A proposed bar that ties with a codebook bar comes after it.
    @Test func proposedBarsComeAfterCodebookBarsOnATie() throws {
        var session = Session.anna()
        session.propose(Self.geld)
        session.add(quote("q1", chat: 1, message: 2, [Self.geld.id]))
        session.add(quote("q2", chat: 2, message: 2, [Book.isolatie]))
        session.mark(1, .done)
        session.mark(2, .done)
        let figure = try Analysis(session).figure(Book.dwang)
        // Isolatie (1 chat, position 6), Geld afpakken (1 chat, position 10), then the zero bars in codebook order.
        #expect(figure.barCodes == [Book.isolatie, Self.geld.id, Book.bedreiging, Book.fysiek, Book.chantage])
        #expect(figure.bars.map(\.chats) == [1, 1, 0, 0, 0])
    }

    @Test func matrixHasProposedLeafColumnsAfterTheCodebook() throws {
        let analysis = try Analysis(Self.session())
        let matrix = CodeStatistics.matrix(hierarchy: analysis.hierarchy, index: analysis.index, allLevels: false)
        // Codebook leaves, then proposed leaves by id: p-kinderen, p-sociaal; p-geld has a child but chat-01 codes
        // it directly, so it has an "(itself)" column in proposal order (the matrix hides no coding; before, chat-01's
        // row was all zeros).
        #expect(matrix.codes == [Book.bedreigingGeweld, Book.bedreigingOpenbaar, Book.fysiek, Book.chantage, Book.isolatie,
                                 Book.financieel, Book.wraak, Self.kinderen.id, Self.geld.id, Self.sociaal.id])
        #expect(matrix.isItself(8) && !matrix.isItself(7) && !matrix.isItself(9))
        #expect(matrix.chats == ["chat-01", "chat-02", "chat-03", "chat-04"])
        #expect(matrix.cells == [
            // geweld openb  fysiek chant  isol   financ wraak  kinder geld*  sociaal
            [false, false, false, false, false, false, false, false, true, false],   // chat-01: Geld afpakken itself
            [false, false, false, false, false, false, false, true, false, false],   // chat-02: Dreigen met kinderen
            [false, false, true, false, false, false, false, false, false, false],   // chat-03: Fysiek geweld
            [false, false, false, false, false, false, false, false, false, true],   // chat-04: Via sociale media (no roll-up into geld*)
        ])
    }

    /// A proposal that has since been adopted into the shared codebook under the same id (the session file still
    /// lists it): the codebook wins, and the code appears once — one bar, one column, not proposed.
    @Test func adoptedProposalAppearsOnce() throws {
        // The coder proposed "Fysiek geweld" under Motieven; the team adopted it (same id) under Dwangmiddelen.
        let adopted = Code(id: Book.fysiek, name: "Fysiek", parent: Book.motief)
        var session = Session.anna()
        session.propose(adopted)
        session.add(quote("q1", chat: 1, message: 2, [Book.fysiek]))
        session.mark(1, .done)
        let analysis = try Analysis(session)
        let hierarchy = analysis.hierarchy
        #expect(!hierarchy.isProposed(Book.fysiek))
        #expect(hierarchy.children(of: Book.dwang) == [Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie])
        #expect(hierarchy.children(of: Book.motief) == [Book.financieel, Book.wraak])
        #expect(hierarchy.ancestors(of: Book.fysiek) == [Book.dwang])
        #expect(hierarchy.path(of: Book.fysiek) == "Dwangmiddelen > Fysiek geweld")

        let figure = analysis.figure(Book.dwang)
        // n = 1 (chat-01), Fysiek geweld once with 1 chat = 100 %, not proposed.
        #expect(figure.n == 1)
        #expect(figure.barCodes == [Book.fysiek, Book.bedreiging, Book.chantage, Book.isolatie])
        #expect(figure.bar(Book.fysiek)?.proposed == false)
        // Motieven is not touched by the stale proposal: n = 0.
        #expect(analysis.figure(Book.motief).n == 0)
        // One column for the code, the seven codebook leaves.
        let matrix = CodeStatistics.matrix(hierarchy: hierarchy, index: analysis.index, allLevels: false)
        #expect(matrix.codes == [Book.bedreigingGeweld, Book.bedreigingOpenbaar, Book.fysiek, Book.chantage, Book.isolatie,
                                 Book.financieel, Book.wraak])
        let all = CodeStatistics.matrix(hierarchy: hierarchy, index: analysis.index, allLevels: true)
        #expect(all.codes.count == 10)
    }

    /// The same, adopted at the place it was proposed. Before the fix `children(of:)` listed the code twice and
    /// `Figure.init` trapped in `Dictionary(uniqueKeysWithValues:)` (a crash of `gloss report`).
    @Test func adoptedProposalAtTheSamePlaceDoesNotDuplicateABar() throws {
        let adopted = Code(id: Book.chantage, name: "Chantage", parent: Book.dwang)
        var session = Session.anna()
        session.propose(adopted)
        session.add(quote("q1", chat: 1, message: 2, [Book.chantage]))
        session.add(quote("q2", chat: 2, message: 2, [Book.isolatie]))
        session.mark(1, .done)
        session.mark(2, .done)
        let analysis = try Analysis(session)
        #expect(analysis.hierarchy.children(of: Book.dwang) == [Book.bedreiging, Book.fysiek, Book.chantage, Book.isolatie])
        let figure = analysis.figure(Book.dwang)
        // n = 2 (chat-01, chat-02); Chantage 1 (position 5), Isolatie 1 (position 6), then the zero bars.
        #expect(figure.n == 2)
        #expect(figure.barCodes == [Book.chantage, Book.isolatie, Book.bedreiging, Book.fysiek])
        #expect(figure.bars.map(\.chats) == [1, 1, 0, 0])
        #expect(figure.bars.allSatisfy { !$0.proposed })
        let matrix = CodeStatistics.matrix(hierarchy: analysis.hierarchy, index: analysis.index, allLevels: false)
        #expect(matrix.codes.count == 7)   // the seven codebook leaves, Chantage once
    }
}
