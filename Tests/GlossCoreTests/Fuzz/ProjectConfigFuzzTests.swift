import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// Mutated `project.json` files (from the demo's) through the decode `Project.load` does, with its schema
/// check: a config or a `GlossError` naming the file.
@Suite(.timeLimit(.minutes(2))) struct ProjectConfigFuzzTests {
    @Test func mutatedProjectConfigsDecodeOrFailWithAGlossError() throws {
        let mutator = try Mutator(format: .json, files: [ParserFuzz.demo.appendingPathComponent("project.json")])
        let file = "/fuzz/project.json"
        FuzzRunner.run("ProjectConfigFuzzTests", settings: .fromEnvironment(defaultCases: 300), mutator: mutator) { mutant in
            ParserFuzz.check(file: file) {
                let config = try JSONFormat.decode(ProjectConfig.self, from: mutant.data, file: file)
                guard config.schema <= ProjectConfig.schemaVersion else {
                    throw GlossError(file: file, place: "schema", "written by a newer Gloss (schema \(config.schema))")
                }
                _ = try JSONFormat.encode(config)
            }
        }
    }
}
