import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// Mutated codebooks through the readers `gloss init --codebook` and `Project.load` use: the TSV table
/// (after `TextDecoding`, as the command reads it) and `codebook.json`. A codebook that is read is also
/// written back, as `gloss init` does.
@Suite(.timeLimit(.minutes(2))) struct CodebookFuzzTests {
    @Test func mutatedTSVCodebooksParseOrFailWithAGlossError() throws {
        let mutator = try Mutator(format: .tsv, files: [ParserFuzz.root.appendingPathComponent("Samples/codebooks/ckm.tsv")])
        let file = "/fuzz/codebook.tsv"
        FuzzRunner.run("CodebookFuzzTests", settings: .fromEnvironment(defaultCases: 300), mutator: mutator) { mutant in
            ParserFuzz.check(file: file) {
                let text = try TextDecoding.string(mutant.data, file: file)
                let codebook = try CodebookTSV.read(text, file: file, name: "codebook")
                _ = try CodebookFile.encode(codebook)
                _ = CodebookTSV.write(codebook)
            }
        }
    }

    @Test func mutatedJSONCodebooksParseOrFailWithAGlossError() throws {
        let mutator = try Mutator(format: .json, seeds: Self.jsonSeeds())
        let file = "/fuzz/codebook.json"
        FuzzRunner.run("CodebookFuzzTests", settings: .fromEnvironment(defaultCases: 300), mutator: mutator) { mutant in
            ParserFuzz.check(file: file) {
                let codebook = try CodebookFile.decode(mutant.data, file: file)
                _ = try CodebookFile.encode(codebook)
                _ = CodebookTSV.write(codebook)
            }
        }
    }

    /// The demo codebook and the CKM codebook, plus a small codebook cut from it (its first main code with
    /// its sub-codes), so most cases are quick and mutations hit the structure rather than 60 KB of text.
    static func jsonSeeds() throws -> [(name: String, bytes: [UInt8])] {
        let demo = ParserFuzz.demo.appendingPathComponent("codebook.json")
        let ckm = ParserFuzz.root.appendingPathComponent("Samples/codebooks/ckm.json")
        let full = try CodebookFile.decode(Data(contentsOf: demo), file: demo.path)
        let first = full.roots[0].id
        let small = try Codebook(name: full.name, source: full.source, revision: full.revision,
                                 codes: full.subtree(of: first).map { full[$0]! })
        return [
            ("codebook.json", [UInt8](try Data(contentsOf: demo))),
            ("ckm.json", [UInt8](try Data(contentsOf: ckm))),
            ("codebook.json (first main code)", [UInt8](try CodebookFile.encode(small))),
            ("codebook.json (first main code) again", [UInt8](try CodebookFile.encode(small))),
        ]
    }
}
