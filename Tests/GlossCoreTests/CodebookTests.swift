import Testing
@testable import GlossCore

@Suite("Codebook: invariants and tree lookups")
struct CodebookTests {
    private func invalid(_ codes: [Code]) throws -> CodebookError {
        try #require(throws: CodebookError.self) { try Codebook(codes: codes) }
    }

    // MARK: Invariants

    @Test func duplicateID() throws {
        let id = CodeID("x")
        #expect(try invalid([Code(id: id, name: "A"), Code(id: id, name: "B")]) == .duplicateID("x"))
    }

    @Test func unknownParent() throws {
        #expect(try invalid([Code(id: CodeID("a"), name: "A"), Code(id: CodeID("b"), name: "B", parent: CodeID("zz"))])
            == .unknownParent("B", "zz"))
    }

    @Test func cycle() throws {
        let root = Code(id: CodeID("r"), name: "Root")
        let a = Code(id: CodeID("a"), name: "A", parent: CodeID("b"))
        let b = Code(id: CodeID("b"), name: "B", parent: CodeID("a"))
        #expect(try invalid([root, a, b]) == .cycle("A"))
        #expect(try invalid([Code(id: CodeID("s"), name: "Self", parent: CodeID("s"))]) == .cycle("Self"))
    }

    @Test func duplicateSiblingNameIsADuplicatePath() throws {
        let p = CodeID("p")
        #expect(try invalid([Code(id: p, name: "P"), Code(name: "Kind", parent: p), Code(name: "Kind", parent: p)]) == .duplicatePath("P > Kind"))
        #expect(try invalid([Code(name: "P"), Code(name: "P")]) == .duplicatePath("P"))
        // The same name under different parents is fine.
        let q = CodeID("q")
        #expect(try Codebook(codes: [Code(id: p, name: "P"), Code(id: q, name: "Q"), Code(name: "Kind", parent: p), Code(name: "Kind", parent: q)]).count == 4)
    }

    @Test func invalidNames() throws {
        #expect(try invalid([Code(name: "A > B")]) == .invalidName("A > B"))
        #expect(try invalid([Code(name: "A>B")]) == .invalidName("A>B"))
        #expect(try invalid([Code(name: "tab\there")]) == .invalidName("tab\there"))
        #expect(try invalid([Code(name: "line\nbreak")]) == .invalidName("line\nbreak"))
        #expect(try invalid([Code(id: CodeID("e"), name: "  ")]) == .emptyName("e"))
    }

    @Test func invalidColours() throws {
        for colour in ["#12345G", "123456", "#12345", "#1234567", "red", "", "#ＡＢＣＤＥＦ"] {
            #expect(try invalid([Code(name: "A", color: colour)]) == .invalidColor("A", colour))
        }
        #expect(try Codebook(codes: [Code(name: "A", color: "#abcdef"), Code(name: "B", color: "#09AF3c")]).count == 2)
        #expect(Code.isValidColor("#8A8A8A"))
        #expect(!Code.isValidColor("#8A8A8"))
    }

    @Test func errorDescriptionsSayWhatIsWrong() {
        #expect(CodebookError.duplicatePath("P > Kind").description.contains("P > Kind"))
        #expect(CodebookError.cycle("A").description.contains("own ancestor"))
        #expect(CodebookError.invalidColor("A", "red").description.contains("#RRGGBB"))
    }

    // MARK: Tree

    /// Given out of order on purpose: children before their parents, roots interleaved.
    ///
    /// ```
    /// B            (b)
    ///   B1         (b1)
    ///     B1a      (b1a)
    ///   B2         (b2)
    /// A            (a)
    ///   A1         (a1)
    /// ```
    private func tree() throws -> Codebook {
        try Codebook(name: "T", source: "bron", revision: 7, codes: [
            Code(id: CodeID("b1a"), name: "B1a", parent: CodeID("b1")),
            Code(id: CodeID("b"), name: "B"),
            Code(id: CodeID("b1"), name: "B1", parent: CodeID("b")),
            Code(id: CodeID("a1"), name: "A1", parent: CodeID("a")),
            Code(id: CodeID("a"), name: "A"),
            Code(id: CodeID("b2"), name: "B2", parent: CodeID("b")),
        ])
    }

    @Test func treeOrderPutsChildrenAfterTheirParent() throws {
        let book = try tree()
        #expect(book.codes.map(\.id.rawValue) == ["b", "b1", "b1a", "b2", "a", "a1"])
        #expect(book.roots.map(\.name) == ["B", "A"])
        #expect(book.children(of: CodeID("b")).map(\.name) == ["B1", "B2"])
        #expect(book.childIDs(of: CodeID("a1")) == [])
        #expect(book.order(of: CodeID("b2")) == 3)
        #expect(book.order(of: CodeID("zz")) == nil)
        #expect(book.hasChildren(CodeID("b1")))
        #expect(!book.hasChildren(CodeID("b1a")))
        #expect(book.count == 6)
        #expect(book.name == "T" && book.source == "bron" && book.revision == 7)
    }

    @Test func paths() throws {
        let book = try tree()
        #expect(book.path(of: CodeID("b1a")) == "B > B1 > B1a")
        #expect(book.path(of: CodeID("a")) == "A")
        #expect(book.path(of: CodeID("zz")) == nil)
        #expect(book.code(atPath: "B > B2")?.id == CodeID("b2"))
        #expect(book.code(atPath: "B>B2") == nil)
        #expect(book.depth(of: CodeID("b1a")) == 2)
        #expect(book.depth(of: CodeID("a")) == 0)
    }

    @Test func resolveByIDAndByPath() throws {
        let book = try tree()
        #expect(book.resolve("b1")?.name == "B1")
        #expect(book.resolve("  b1 ")?.name == "B1")
        #expect(book.resolve("B > B1 > B1a")?.id == CodeID("b1a"))
        #expect(book.resolve("B>B1>B1a")?.id == CodeID("b1a"))
        #expect(book.resolve("  B   >B1 >   B1a  ")?.id == CodeID("b1a"))
        #expect(book.resolve("A")?.id == CodeID("a"))
        #expect(book.resolve("B1") == nil)        // a name is not a path
        #expect(book.resolve("C") == nil)
        #expect(book.resolve("") == nil)
        #expect(Codebook.normalisePath(" A>B >  C ") == "A > B > C")
    }

    @Test func subtreeAncestorsAndLeaves() throws {
        let book = try tree()
        #expect(book.subtree(of: CodeID("b")).map(\.rawValue) == ["b", "b1", "b1a", "b2"])
        #expect(book.subtree(of: CodeID("b1a")).map(\.rawValue) == ["b1a"])
        #expect(book.ancestors(of: CodeID("b1a")).map(\.rawValue) == ["b1", "b"])
        #expect(book.ancestors(of: CodeID("a")) == [])
        #expect(book.leaves.map(\.id.rawValue) == ["b1a", "b2", "a1"])
    }

    // MARK: Changes

    @Test func addPutsACodeAtTheEndOfItsParent() throws {
        var book = try tree()
        try book.add(Code(id: CodeID("b3"), name: "B3", parent: CodeID("b")))
        #expect(book.codes.map(\.id.rawValue) == ["b", "b1", "b1a", "b2", "b3", "a", "a1"])
        #expect(throws: CodebookError.duplicatePath("B > B3")) { try book.add(Code(name: "B3", parent: CodeID("b"))) }
        #expect(book.count == 7)
    }

    @Test func updateRenamesAndMovesKeepingTheID() throws {
        var book = try tree()
        var b1 = try #require(book[CodeID("b1")])
        b1.name = "B-een"
        b1.parent = CodeID("a")
        try book.update(b1)
        #expect(book.path(of: CodeID("b1a")) == "A > B-een > B1a")
        #expect(book[CodeID("b1")]?.name == "B-een")
        #expect(book.children(of: CodeID("b")).map(\.name) == ["B2"])
        #expect(Set(book.childIDs(of: CodeID("a"))) == [CodeID("a1"), CodeID("b1")])
        #expect(book.subtree(of: CodeID("a")).count == 4)
        // Still tree order: the moved code and its child follow their new parent.
        let order = book.codes.map(\.id.rawValue)
        #expect(order.firstIndex(of: "a")! < order.firstIndex(of: "b1")!)
        #expect(order.firstIndex(of: "b1")! + 1 == order.firstIndex(of: "b1a")!)
        #expect(Array(order.prefix(2)) == ["b", "b2"])
        #expect(book.resolve("B > B1") == nil)
        // A move under its own descendant would be a cycle, and is refused without changing the book.
        var a = try #require(book[CodeID("a")])
        a.parent = CodeID("b1a")
        #expect(throws: CodebookError.cycle("A")) { try book.update(a) }
        #expect(book.path(of: CodeID("a")) == "A")
        #expect(throws: CodebookError.unknownCode("nope")) { try book.update(Code(id: CodeID("nope"), name: "X")) }
    }

    @Test func equalityComparesTreeOrderNotTheGivenOrder() throws {
        let a = try tree()
        // Given in tree order instead of shuffled: siblings keep their order, so the books are equal.
        let b = try Codebook(name: "T", source: "bron", revision: 7, codes: a.codes)
        #expect(a == b)
        var c = b
        c.revision = 8
        #expect(a != c)
        // Reversed, the siblings swap places (A before B, B2 before B1): a different codebook.
        let reversed = try Codebook(name: "T", source: "bron", revision: 7, codes: a.codes.reversed())
        #expect(reversed.roots.map(\.name) == ["A", "B"])
        #expect(reversed.children(of: CodeID("b")).map(\.name) == ["B2", "B1"])
        #expect(a != reversed)
    }
}
