import Foundation
import Testing
@testable import GlossCore

/// A codebook is bounded whatever the file says: at most `Codebook.maxDepth` levels below a main code and
/// names of at most `Codebook.maxNameLength` code points. A hostile path thousands of levels deep once took
/// `gloss init` 19 s and 3.9 GB (every level built a longer path string) and hung the workbench.
@Suite("Bounded codebooks")
struct BoundedCodebookTests {
    static let header = "code\toperationalisation\texample\n"

    /// A TSV line whose path has `levels` names.
    static func tsvPath(levels: Int) -> String {
        (0..<levels).map { "c\($0)" }.joined(separator: " > ")
    }

    /// A JSON codebook of one chain of `levels` codes, each the child of the one before.
    static func jsonChain(levels: Int, name: (Int) -> String = { "c\($0)" }) -> Data {
        var codes: [String] = []
        for level in 0..<levels {
            let parent = level == 0 ? "null" : "\"id\(level - 1)\""
            codes.append(#"{"id": "id\#(level)", "name": "\#(name(level))", "parent": \#(parent)}"#)
        }
        return Data(#"{"schema": 1, "name": "deep", "codes": [\#(codes.joined(separator: ",\n"))]}"#.utf8)
    }

    @Test func aTSVPathTwentyThousandLevelsDeepIsRefusedQuicklyNamingItsLine() throws {
        let text = Self.header + "Top\t\t\n" + Self.tsvPath(levels: 20_000) + "\t\t\n"
        let start = Date()
        let error = try #require(throws: GlossError.self) { try CodebookTSV.read(text, file: "deep.tsv") }
        #expect(Date().timeIntervalSince(start) < 10, "refusing a deep path must not build it")
        #expect(error.file == "deep.tsv")
        #expect(error.place == "line 3")
        #expect(error.message.contains("20000 levels") && error.message.contains("at most \(Codebook.maxDepth + 1)"), "\(error)")
    }

    @Test func aTSVPathOfTheMaximumDepthIsAcceptedAndOneMoreIsNot() throws {
        let levels = Codebook.maxDepth + 1
        let book = try CodebookTSV.read(Self.header + Self.tsvPath(levels: levels) + "\t\t\n", file: "ok.tsv")
        #expect(book.count == levels)
        let deepest = try #require(book.code(atPath: Self.tsvPath(levels: levels)))
        #expect(book.depth(of: deepest.id) == Codebook.maxDepth)
        let error = try #require(throws: GlossError.self) {
            try CodebookTSV.read(Self.header + "a\t\t\n" + Self.tsvPath(levels: levels + 1) + "\t\t\n", file: "deep.tsv")
        }
        #expect(error.place == "line 3")
    }

    @Test func aTSVWithAnOverlongNameIsRefusedNamingItsLine() throws {
        let longest = String(repeating: "é", count: Codebook.maxNameLength)
        #expect(try CodebookTSV.read(Self.header + "Top > \(longest)\t\t\n", file: "ok.tsv").count == 2)
        // One more code point, as a combining mark: one Character longer in code points, not in `count`.
        let error = try #require(throws: GlossError.self) {
            try CodebookTSV.read(Self.header + "a\t\t\nTop > \(longest)\u{0301}\t\t\n", file: "long.tsv")
        }
        #expect(error.file == "long.tsv" && error.place == "line 3", "\(error)")
        #expect(error.message.contains("at most \(Codebook.maxNameLength)"))
    }

    @Test func aJSONChainTwentyThousandLevelsDeepIsRefusedQuicklyNamingTheCode() throws {
        let start = Date()
        let error = try #require(throws: GlossError.self) {
            try CodebookFile.decode(Self.jsonChain(levels: 20_000), file: "codebook.json")
        }
        #expect(Date().timeIntervalSince(start) < 20, "refusing a deep chain must not build its paths")
        #expect(error.file == "codebook.json")
        #expect(error.place == "codes[\(Codebook.maxDepth + 1)]", "\(error)")
        #expect(error.message.contains("more than \(Codebook.maxDepth) levels deep"))
    }

    @Test func aJSONChainOfTheMaximumDepthIsAccepted() throws {
        let book = try CodebookFile.decode(Self.jsonChain(levels: Codebook.maxDepth + 1), file: "codebook.json")
        #expect(book.count == Codebook.maxDepth + 1)
        #expect(book.subtree(of: CodeID("id0")).count == Codebook.maxDepth + 1)
    }

    @Test func aJSONNameTooLongIsRefusedNamingTheCode() throws {
        let long = String(repeating: "x", count: Codebook.maxNameLength + 1)
        let error = try #require(throws: GlossError.self) {
            try CodebookFile.decode(Self.jsonChain(levels: 3) { $0 == 2 ? long : "c\($0)" }, file: "codebook.json")
        }
        #expect(error.place == "codes[2]", "\(error)")
        #expect(!error.message.contains(long), "the error must not repeat the whole name")
    }

    @Test func addingOrMovingACodeBelowTheMaximumDepthIsRefused() throws {
        var book = try CodebookFile.decode(Self.jsonChain(levels: Codebook.maxDepth + 1), file: "codebook.json")
        let deepest = CodeID("id\(Codebook.maxDepth)")
        #expect(throws: CodebookError.tooDeep(id: "extra", name: "extra")) {
            try book.add(Code(id: CodeID("extra"), name: "extra", parent: deepest))
        }
        var moved = try #require(book[CodeID("id1")])
        moved.parent = nil
        try book.update(moved)  // shallower is fine
        #expect(book.depth(of: deepest) == Codebook.maxDepth - 1)
        #expect(Codebook.nameProblem(String(repeating: "y", count: Codebook.maxNameLength + 1)) != nil)
        #expect(Codebook.nameProblem("Bedreiging") == nil)
    }

    @Test func aLongCycleIsReportedWithoutRecursion() throws {
        // 50,000 codes in one ring: no root, so nothing is reached; the cycle check walks parents in a loop.
        let count = 50_000
        let codes = (0..<count).map { Code(id: CodeID("r\($0)"), name: "r\($0)", parent: CodeID("r\(($0 + 1) % count)")) }
        #expect(throws: CodebookError.self) { try Codebook(codes: codes) }
    }

    @Test func aSessionWithAChainOfProposalsDeeperThanTheMaximumIsRefused() throws {
        func session(levels: Int, longName: Bool = false) -> Data {
            let codes = (0..<levels).map { level -> String in
                let parent = level == 0 ? "null" : "\"p\(level - 1)\""
                let name = longName && level == 1 ? String(repeating: "n", count: Codebook.maxNameLength + 1) : "p\(level)"
                return #"{"id": "p\#(level)", "name": "\#(name)", "parent": \#(parent)}"#
            }
            return Data(#"{"schema": 1, "coder": "ann", "proposed_codes": [\#(codes.joined(separator: ","))]}"#.utf8)
        }
        #expect(try SessionFile.decode(session(levels: Codebook.maxDepth + 1), file: "s.json").proposedCodes.count == Codebook.maxDepth + 1)
        for fast in [true, false] {
            let deep = try #require(throws: GlossError.self) { try SessionFile.decode(session(levels: 20_000), file: "s.json", fast: fast) }
            #expect(deep.place == "proposed_codes[\(Codebook.maxDepth + 1)].parent", "\(deep)")
            let long = try #require(throws: GlossError.self) { try SessionFile.decode(session(levels: 3, longName: true), file: "s.json", fast: fast) }
            #expect(long.place == "proposed_codes[1].name", "\(long)")
        }
    }
}
