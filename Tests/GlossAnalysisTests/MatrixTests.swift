import Testing
import GlossCore
import GlossAnalysis

/// The chat × code presence matrix: rows are the chats coded (done or in progress), cells are 1 after roll-up.
@Suite("Chat × code matrix")
struct MatrixTests {
    /// - chat-01 done: Met geweld
    /// - chat-02 in progress: Financieel, Fysiek geweld
    /// - chat-03 no status, coded with Wraak → no row
    /// - chat-04 done, no codes → a row of zeros
    /// - chat-05 done then back to not started, coded with Chantage → no row
    static func session() -> Session {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.bedreigingGeweld]))
        session.add(quote("q2", chat: 2, message: 1, [Book.financieel]))
        session.add(quote("q3", chat: 2, message: 2, [Book.fysiek]))
        session.add(quote("q4", chat: 3, message: 2, [Book.wraak]))
        session.add(quote("q5", chat: 5, message: 2, [Book.chantage]))
        session.mark(1, .done)
        session.mark(2, .inProgress)
        session.mark(4, .done)
        session.mark(5, .done)
        session.mark(5, .notStarted)
        return session
    }

    /// Test 10, default columns.
    @Test func leafColumnsInCodebookOrder() throws {
        let analysis = try Analysis(Self.session())
        let matrix = CodeStatistics.matrix(hierarchy: analysis.hierarchy, index: analysis.index, allLevels: false)
        // Leaves in codebook order: Met geweld [2], Met openbaarmaking [3], Fysiek [4], Chantage [5],
        // Isolatie [6], Financieel [8], Wraak [9].
        #expect(matrix.codes == [Book.bedreigingGeweld, Book.bedreigingOpenbaar, Book.fysiek, Book.chantage,
                                 Book.isolatie, Book.financieel, Book.wraak])
        // Rows: chats done or in progress, in chat order: 01, 02, 04 (not 03: no status; not 05: not started).
        #expect(matrix.chats == ["chat-01", "chat-02", "chat-04"])
        #expect(matrix.cells == [
            // geweld openb  fysiek chant  isol   financ wraak
            [true, false, false, false, false, false, false],   // chat-01: Met geweld
            [false, false, true, false, false, true, false],    // chat-02: Fysiek geweld, Financieel
            [false, false, false, false, false, false, false],  // chat-04: done with no codes: all 0
        ])
    }

    /// Test 10, `allLevels`: parents get columns too, and are 1 by roll-up.
    @Test func allLevelsAddsParentsWithRollUp() throws {
        let analysis = try Analysis(Self.session())
        let matrix = CodeStatistics.matrix(hierarchy: analysis.hierarchy, index: analysis.index, allLevels: true)
        // All ten codes in codebook order [0] … [9].
        #expect(matrix.codes == [Book.dwang, Book.bedreiging, Book.bedreigingGeweld, Book.bedreigingOpenbaar, Book.fysiek,
                                 Book.chantage, Book.isolatie, Book.motief, Book.financieel, Book.wraak])
        #expect(matrix.chats == ["chat-01", "chat-02", "chat-04"])
        #expect(matrix.cells == [
            // dwang bedr  geweld openb  fysiek chant  isol   motief financ wraak
            [true, true, true, false, false, false, false, false, false, false],   // chat-01: Met geweld → Bedreiging → Dwang
            [true, false, false, false, true, false, false, true, true, false],    // chat-02: Fysiek → Dwang; Financieel → Motieven
            [false, false, false, false, false, false, false, false, false, false], // chat-04
        ])
    }

    /// Rows follow status changes; no statuses at all gives no rows (but still the columns).
    @Test func noStatusesNoRows() throws {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.fysiek]))
        let analysis = try Analysis(session)
        let matrix = CodeStatistics.matrix(hierarchy: analysis.hierarchy, index: analysis.index, allLevels: false)
        #expect(matrix.chats.isEmpty)
        #expect(matrix.cells.isEmpty)
        #expect(matrix.codes.count == 7)   // the seven leaves
    }
}
