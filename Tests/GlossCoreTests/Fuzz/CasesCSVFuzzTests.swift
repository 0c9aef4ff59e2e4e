import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossCore

/// Mutated cases CSV files (the demo's comparison group and its stored `cases.csv`) through what
/// `gloss cases import` does: parse, check against the demo project's chats and declared variables, take the
/// values in, merge the case table and write the export. A value or a `GlossError`/`GlossErrors` naming the file,
/// never a crash or an unbounded message.
@Suite(.timeLimit(.minutes(2))) struct CasesCSVFuzzTests {
    @Test func mutatedCasesCSVFilesImportOrFailWithAGlossError() throws {
        let project = ParserFuzz.demoProject
        let samples = ParserFuzz.samples("Samples/demo/import/cases", ext: "csv") + ParserFuzz.samples("Samples/demo", ext: "csv")
        let mutator = try Mutator(format: .csv, files: samples)
        let file = "/fuzz/cases.csv"
        let chats = Set(project.chatIDs)
        FuzzRunner.run("CasesCSVFuzzTests", settings: .fromEnvironment(defaultCases: 300), mutator: mutator) { mutant in
            ParserFuzz.check(file: file) {
                let contents = try CasesCSV.parse(mutant.data, file: file)
                try CasesCSV.check(contents, file: file, knownCases: chats, declarations: project.config.variables, addCases: true)
                var imported = ImportedCases()
                imported.take(contents, replace: true, derived: Set(project.config.variables.filter(\.isDerived).map(\.name)), chats: chats)
                let table = CaseTable.merge(chats: project.chatIDs.map { (id: $0, attributes: project.summary($0)!.attributes) },
                                            imported: imported, declarations: project.config.variables)
                _ = CasesCSV.export(table)
                _ = try CasesCSV.parse(Data(imported.csv().utf8), file: file)
            }
        }
    }
}
