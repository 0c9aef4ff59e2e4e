import ArgumentParser
import Foundation
import GlossAnalysis
import GlossCore

/// The `gloss` command: the workbench and every command-line tool over a project folder.
@main
struct Gloss: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gloss",
        abstract: "Qualitative coding of chat transcripts, in a terminal.",
        discussion: "A project is a folder: project.json, codebook.json, chats/*.txt, sessions/<coder>.json. See docs/user-guide.md.",
        version: version,
        subcommands: [
            InitCommand.self, ImportCommand.self, OpenCommand.self, CodingsCommand.self, CasesCommand.self, VariablesCommand.self, CodebookCommand.self,
            ValidateCommand.self, StatusCommand.self, ReportCommand.self, FigureCommand.self, GroupCommand.self, QuotesCommand.self, SearchCommand.self, CompareCommand.self, StatsCommand.self, ReviewCommand.self, SessionsCommand.self, BlindCommand.self, DemoCommand.self, SnapshotCommand.self, KeysCommand.self,
        ]
    )

    /// argument-parser's `main`, with its messages written through `Output`: they quote arguments as given
    /// ("The value '…' is invalid"), and an argument can hold a terminal command like any other text.
    static func main() {
        TerminalSession.restoreProcessName()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if !message.isEmpty {
                if code.isSuccess { Output.text(message) } else { Output.plainError(Output.parserError(message) + "\n") }
            }
            endProcess(code.rawValue)
        }
    }
}

/// `exit`, out of reach of `ParsableCommand.exit(withError:)`, which shadows it inside a command.
private func endProcess(_ status: Int32) -> Never { exit(status) }

/// Runs a command body and turns Gloss errors into a message on standard error and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as GlossError {
        printError(error.description)
        throw ExitCode.failure
    } catch let errors as GlossErrors {
        printError(errors.description)
        throw ExitCode.failure
    }
}

/// A problem that did not stop the command (damage found in a journal or log, and what was recovered).
func printWarning(_ text: String) {
    printError("warning: \(text)")
}

/// A message on standard error, each line after `gloss: `, controls shown escaped (see `Output`).
func printError(_ text: String) {
    Output.error(text)
}

/// The project folder argument shared by most commands.
struct ProjectArgument: ParsableArguments {
    @Argument(help: "The project folder.")
    var directory: String

    var url: URL { URL(fileURLWithPath: directory).standardizedFileURL }
}

/// `--coder NAME`, defaulting to `$USER`.
struct CoderOption: ParsableArguments {
    @Option(name: .long, help: "The coder whose session to use (default: $USER).")
    var coder: String?

    func resolved() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let name = coder ?? environment["USER"] ?? environment["LOGNAME"] ?? ""
        guard Names.isValidCoder(name) else {
            throw GlossError(name.isEmpty ? "no coder given and $USER is not set; pass --coder NAME"
                             : "\(GlossError.quoted(name)) is not a valid coder name: use letters, digits, '-', '_' or '.'")
        }
        return name
    }
}

/// What `report` starts from: the project, the digest of the coder's session (all counting needs, from
/// `cache/` when fresh), and the code tree with that coder's proposals.
struct CoderCounts {
    let project: Project
    let coder: String
    let digest: SessionDigest
    let hierarchy: CodeHierarchy

    init(_ project: ProjectArgument, _ coder: CoderOption) throws {
        self.coder = try coder.resolved()
        self.project = try Project.load(project.url)
        digest = try self.project.readDigest(self.coder, warn: printWarning)
        hierarchy = CodeHierarchy(codebook: self.project.codebook, proposed: digest.proposedCodes)
    }
}

/// What the per-coder reading commands that show quotes (`quotes`) start from: the project, the coder's session
/// (read without locking), and the code tree with that coder's proposals.
struct CoderContext {
    let project: Project
    let coder: String
    let session: Session
    let hierarchy: CodeHierarchy

    init(_ project: ProjectArgument, _ coder: CoderOption) throws {
        self.coder = try coder.resolved()
        self.project = try Project.load(project.url)
        session = try self.project.readSession(self.coder, warn: printWarning)
        hierarchy = CodeHierarchy(codebook: self.project.codebook, proposed: session.proposedCodes)
    }
}

/// `--raw-csv`: CSV cells exactly as they are, without the `'` that keeps a spreadsheet from running a cell
/// that begins with `=`, `+`, `-`, `@`, tab or CR as a formula (`SpreadsheetSafe`, docs/formats.md).
struct RawCSVFlag: ParsableArguments {
    @Flag(name: .customLong("raw-csv"), help: "CSV cells exactly as they are: no leading ' before =, +, -, @ (unsafe to open in a spreadsheet).")
    var raw = false

    var cells: SpreadsheetSafe.Cells { raw ? .raw : .spreadsheetSafe }
}
