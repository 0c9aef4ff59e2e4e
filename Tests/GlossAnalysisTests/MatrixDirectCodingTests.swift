import Testing
import GlossCore
import GlossAnalysis

/// The matrix never hides a coding: a category coded directly gets a column of its own ("(itself)").
@Suite("Chat × code matrix: categories coded directly")
struct MatrixDirectCodingTests {
    /// - chat-01 done: Bedreiging itself (the category, not a sub-code)
    /// - chat-02 done: Met geweld (a sub-code of Bedreiging)
    /// - chat-03 done: Motieven itself, but not started later → no row, so no Motieven column
    /// - chat-04 done: Chantage
    static func session() -> Session {
        var session = Session.anna()
        session.add(quote("q1", chat: 1, message: 2, [Book.bedreiging]))
        session.add(quote("q2", chat: 2, message: 2, [Book.bedreigingGeweld]))
        session.add(quote("q3", chat: 3, message: 2, [Book.motief]))
        session.add(quote("q4", chat: 4, message: 2, [Book.chantage]))
        for chat in 1...4 { session.mark(chat, .done) }
        session.mark(3, .notStarted)
        return session
    }

    @Test("a category coded directly gets an (itself) column just before its sub-codes; a recount of the category equals its figure")
    func itselfColumn() throws {
        let analysis = try Analysis(Self.session())
        let matrix = CodeStatistics.matrix(hierarchy: analysis.hierarchy, index: analysis.index, allLevels: false)
        // Columns: Bedreiging (itself) [1], then the seven leaves in codebook order.
        #expect(matrix.codes == [Book.bedreiging, Book.bedreigingGeweld, Book.bedreigingOpenbaar, Book.fysiek, Book.chantage,
                                 Book.isolatie, Book.financieel, Book.wraak])
        #expect((0..<matrix.codes.count).map(matrix.isItself) == [true, false, false, false, false, false, false, false])
        #expect(matrix.chats == ["chat-01", "chat-02", "chat-04"])
        #expect(matrix.cells == [
            // bedr.  geweld openb  fysiek chant  isol   financ wraak
            [true, false, false, false, false, false, false, false],  // chat-01: Bedreiging itself
            [false, true, false, false, false, false, false, false],  // chat-02: Met geweld (no roll-up into the itself column)
            [false, false, false, false, true, false, false, false],  // chat-04: Chantage
        ])
        // Bedreiging recounted from its columns (itself, Met geweld, Met openbaarmaking): chat-01, chat-02 = 2,
        // which is its bar in the Dwangmiddelen figure. Without the itself column it would be 1.
        let rows = matrix.cells.filter { $0[0] || $0[1] || $0[2] }
        #expect(rows.count == 2)
        #expect(analysis.figure(Book.dwang).bar(Book.bedreiging)?.chats == 2)
    }

    @Test("--all-levels has no itself columns: every code's column counts its own codings")
    func allLevels() throws {
        let analysis = try Analysis(Self.session())
        let matrix = CodeStatistics.matrix(hierarchy: analysis.hierarchy, index: analysis.index, allLevels: true)
        #expect(matrix.codes.count == 10 && (0..<10).allSatisfy { !matrix.isItself($0) })
    }
}
