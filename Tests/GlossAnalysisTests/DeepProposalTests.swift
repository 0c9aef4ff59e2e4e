import Foundation
import Testing
@testable import GlossCore
import GlossAnalysis

/// Proposals also arrive through the journal, which `SessionFile`'s checks do not see: a chain of 20,000
/// proposals must not make the code tree quadratic (a `contains` per step) or recursive without bound.
@Suite("Deep proposal chains")
struct DeepProposalTests {
    @Test func aTwentyThousandLongChainOfProposalsIsBoundedInTheTree() throws {
        let codebook = try Codebook(codes: [Code(id: CodeID("root"), name: "Root")])
        var proposed: [CodeID: Code] = [:]
        for level in 0..<20_000 {
            let id = CodeID("p\(level)")
            proposed[id] = Code(id: id, name: "p\(level)", parent: CodeID(level == 0 ? "root" : "p\(level - 1)"))
        }
        let start = Date()
        let hierarchy = CodeHierarchy(codebook: codebook, proposed: proposed)
        #expect(hierarchy.subtree(of: CodeID("root")).count == 20_001)
        #expect(hierarchy.ancestors(of: CodeID("p19999")).count <= 2 * (Codebook.maxDepth + 1))
        #expect(hierarchy.path(of: CodeID("p19999")) != nil)
        #expect(Date().timeIntervalSince(start) < 60, "building the tree must not be quadratic in the chain")
    }
}
