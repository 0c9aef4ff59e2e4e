import Foundation
import Testing

/// Every error `gloss` prints begins with exactly one `gloss: `: argument-parser's errors began `Error: `,
/// and the workbench's "needs a terminal" came out as `gloss: gloss needs a terminal`.
@Suite("error prefix")
struct ErrorPrefixTests {
    static func expectOnePrefix(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0, "\(result)", sourceLocation: sourceLocation)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("gloss: ") && !first.dropFirst(7).hasPrefix("gloss"), "\(result)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("gloss: gloss") && !result.stderr.contains("Error: "), "\(result)", sourceLocation: sourceLocation)
    }

    /// A missing argument or an unknown option, for every subcommand (argument-parser's messages).
    @Test(arguments: [
        ["init"], ["import"], ["open"], ["codings", "import"], ["codings", "export"], ["codebook", "show"],
        ["codebook", "accept"], ["codebook", "log"], ["validate"], ["status"], ["report"], ["quotes"], ["compare"],
        ["review"], ["snapshot"], ["keys", "--nosuch"], ["demo", "--nosuch"], ["nosuch"],
    ])
    func aBadInvocation(_ arguments: [String]) throws {
        Self.expectOnePrefix(try gloss(arguments))
    }

    /// Errors found while running: no project, and the full-screen commands without a terminal.
    @Test func errorsWhileRunning() throws {
        try withTemporaryFolder { folder in
            let missing = folder.url.appendingPathComponent("missing").path
            for arguments in [["status", missing], ["report", missing, "--coder", "a"], ["validate", missing]] {
                Self.expectOnePrefix(try gloss(arguments))
            }
            let project = try makeDemoCopy(in: folder)
            for arguments in [["open", project.path, "--coder", "ann"], ["review", project.path, "--coders", "anouk", "bram"],
                              ["compare", project.path, "--coders", "anouk", "bram", "--tui"]] {
                let result = try gloss(arguments)
                Self.expectOnePrefix(result)
                #expect(result.stderr.contains("needs a terminal"), "\(result)")
            }
        }
    }
}
