import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// Mutated codings CSV files (from the demo's `import/*.csv`) through what `gloss codings import` does:
/// decode the text, check every row against the demo project's chats and codebook, and work out the
/// changes to a session. A value or a `GlossError`/`GlossErrors` naming the file, never a crash.
@Suite(.timeLimit(.minutes(2))) struct CodingsCSVFuzzTests {
    @Test func mutatedCodingsCSVFilesImportOrFailWithAGlossError() throws {
        let project = ParserFuzz.demoProject
        let mutator = try Mutator(format: .csv, files: ParserFuzz.samples("Samples/demo/import", ext: "csv"))
        let file = "/fuzz/codings.csv"
        FuzzRunner.run("CodingsCSVFuzzTests", settings: .fromEnvironment(defaultCases: 300), mutator: mutator) { mutant in
            ParserFuzz.check(file: file) {
                let text = try TextDecoding.string(mutant.data, file: file)
                let contents = try CodingsCSV.read(text, file: file, chats: project.summariesByID, codebook: project.codebook,
                                                   coder: "fuzz", now: fixedDate, loadChat: project.loadChat)
                var session = Session(coder: "fuzz")
                session.apply(CodingsCSV.changes(toImport: contents, into: session, replace: false))
                _ = CodingsCSV.write(session, codebook: project.codebook, chats: project.summariesByID)
            }
        }
    }
}
