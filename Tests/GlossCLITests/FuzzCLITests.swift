import Foundation
import GlossFuzzSupport
import Testing

/// End-to-end fuzzing: mutated inputs through the built `gloss`, as a user would meet them.
///
/// For every run: the exit status is 0 or 1 (never a signal: a trap or a crash ends with the signal's
/// number), a failure says why on standard error in `gloss: …` lines of at most a few KB, and a failed
/// command leaves the project byte-identical. The read-only commands leave it unchanged whatever happens.
/// About 30 inputs per test keep the whole fuzz suite near a minute on a 2-core machine; set
/// `GLOSS_FUZZ_CLI_CASES` (and `GLOSS_FUZZ_SEED`) to run more.
@Suite(.timeLimit(.minutes(5))) struct FuzzCLITests {
    static let cases = 30

    /// Sample files are mutated; the demo project is the project they are imported into.
    static let demo = PackagePaths.demo
    static let sessionCoder = "anouk"

    @Test func importOfMutatedTranscripts() throws {
        try importsOfMutants("FuzzCLITests.importOfMutatedTranscripts", format: .transcript, samples: "chats", ext: "txt",
                             input: "chat-fuzz.txt") { project, input in ["import", project.path, input.path] }
    }

    @Test func codingsImportOfMutatedCSVFiles() throws {
        try importsOfMutants("FuzzCLITests.codingsImportOfMutatedCSVFiles", format: .csv, samples: "import", ext: "csv",
                             input: "codings.csv") { project, input in ["codings", "import", project.path, "--coder", "fuzz", input.path] }
    }

    /// Mutants of the demo's sample files in `samples/*.ext`, each written to `input` and imported by the command
    /// `arguments` gives into a fresh copy of the demo: it ends in success or a clear error, and changes the
    /// project only on success.
    private func importsOfMutants(_ name: String, format: FuzzFormat, samples: String, ext: String, input: String,
                                  arguments: @escaping (URL, URL) -> [String]) throws {
        let mutator = try Mutator(format: format, files: Self.files(in: Self.demo.appendingPathComponent(samples), ext: ext))
        try withTemporaryFolder { folder in
            FuzzRunner.run(name, settings: Self.settings(), mutator: mutator, timeLimit: Self.caseTimeLimit) { mutant in
                Self.inFreshDemo(folder) { project in
                    let file = folder.url.appendingPathComponent(input)
                    try mutant.data.write(to: file)
                    return [try CLIRun(arguments(project, file), changes: .onSuccess, project: project)]
                }
            }
        }
    }

    @Test(arguments: ["tsv", "json"]) func initWithAMutatedCodebook(ext: String) throws {
        let seed = ext == "tsv" ? PackagePaths.ckmCodebook : PackagePaths.samples.appendingPathComponent("codebooks/ckm.json")
        let mutator = try Mutator(format: ext == "tsv" ? .tsv : .json, files: [seed])
        let settings = Self.settings(defaultCases: Self.cases / 2)
        try withTemporaryFolder { folder in
            FuzzRunner.run("FuzzCLITests.initWithAMutatedCodebook", settings: settings, mutator: mutator, timeLimit: Self.caseTimeLimit) { mutant in
                // The folder that would hold the project is what must stay as it was: no half-made project.
                let work = folder.url.appendingPathComponent("init")
                try? FileManager.default.removeItem(at: work)
                return Self.collect {
                    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
                    let input = work.appendingPathComponent("codebook.\(ext)")
                    try mutant.data.write(to: input)
                    return [try CLIRun(["init", work.appendingPathComponent("proj").path, "--codebook", input.path],
                                       changes: .onSuccess, project: work)]
                }
            }
        }
    }

    /// A project whose `project.json`, codebook or session file is mutated, then every read-only command.
    @Test(arguments: ["project.json", "codebook.json", "sessions/anouk.json"]) func readCommandsOnAMutatedProjectFile(path: String) throws {
        let original = Self.demo.appendingPathComponent(path)
        var seeds = [original]
        if path.hasPrefix("sessions/") { seeds.append(Self.demo.appendingPathComponent("sessions/bram.json")) }
        let mutator = try Mutator(format: .json, files: seeds)
        let settings = Self.settings(defaultCases: path == "project.json" ? Self.cases / 2 : Self.cases / 3)
        try withTemporaryFolder { folder in
            FuzzRunner.run("FuzzCLITests.readCommandsOnAMutatedProjectFile", settings: settings, mutator: mutator, timeLimit: Self.caseTimeLimit * 4) { mutant in
                Self.inFreshDemo(folder) { project in
                    try mutant.data.write(to: project.appendingPathComponent(path))
                    return try [
                        ["validate", project.path], ["status", project.path],
                        ["report", project.path, "--coder", Self.sessionCoder],
                        ["codings", "export", project.path, "--coder", Self.sessionCoder],
                    ].map { try CLIRun($0, changes: .never, project: project) }
                }
            }
        }
    }

    /// Found while fuzzing, outside the mutator's reach: a `codebook.json` whose codes form one parent
    /// chain 5,000 deep overflowed the stack in `Codebook`'s tree walk (exit 139) in `gloss init` and every
    /// command that loads the project. The depth cap refuses it now, naming the code, and nothing is written.
    @Test func initWithADeepCodebookChainFailsCleanly() throws {
        var codes: [String] = []
        for n in 0..<5_000 {
            let parent = n == 0 ? "" : ", \"parent\": \"c\(n - 1)\""
            codes.append("{\"id\": \"c\(n)\", \"name\": \"a\", \"color\": \"#FFFFFF\"\(parent)}")
        }
        try withTemporaryFolder { folder in
            let input = try folder.write("deep.json", "{\"schema\": 1, \"codes\": [" + codes.joined(separator: ",") + "]}")
            let before = try FolderSnapshot(folder.url)
            let run = try runBounded(["init", folder.project.path, "--codebook", input.path], seconds: Self.runTimeLimit)
            #expect(run.result.status == 1, "\(run.result.status)")
            #expect(run.result.stderr.contains("levels deep"), "\(run.result.stderr.prefix(300))")
            expectUnchanged(before, try FolderSnapshot(folder.url))
        }
    }

    // MARK: Support

    /// A bound for one `gloss` run: a debug build loads the demo in well under a second, even on a busy
    /// machine; a run that takes this long is stopped and reported as a hang.
    static let runTimeLimit: Double = 20
    static let caseTimeLimit: Double = 30
    /// Standard error of a failed run: enough for a few clear errors, not a dump of the input.
    static let maximumStderrBytes = 4_096

    static func settings(defaultCases: Int = cases) -> FuzzSettings {
        .fromEnvironment(defaultCases: defaultCases, countVariable: "GLOSS_FUZZ_CLI_CASES")
    }

    static func files(in folder: URL, ext: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("." + ext) }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// Runs `body` on a fresh copy of the demo project (owner-only, as Gloss makes its files) and checks
    /// every run it reports.
    static func inFreshDemo(_ folder: TemporaryFolder, _ body: (URL) throws -> [CLIRun]) -> FuzzResult {
        let project = folder.url.appendingPathComponent("demo")
        try? FileManager.default.removeItem(at: project)
        return collect {
            try FileManager.default.copyItem(at: demo, to: project)
            try makeOwnerOnly(project)
            return try body(project)
        }
    }

    static func collect(_ body: () throws -> [CLIRun]) -> FuzzResult {
        do {
            let runs = try body()
            let problems = runs.flatMap(\.problems)
            if !problems.isEmpty { return .failed(problems) }
            return runs.allSatisfy { $0.status == 0 } ? .accepted : .refused(runs.map(\.stderr).joined(separator: "\n"))
        } catch {
            return .failed([FuzzProblem("the test could not run the case: \(error)")])
        }
    }

    static func makeOwnerOnly(_ root: URL) throws {
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.path)
        for case let relative as String in fm.enumerator(atPath: root.path)! {
            let url = root.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: url.path, isDirectory: &isDirectory)
            try fm.setAttributes([.posixPermissions: isDirectory.boolValue ? 0o700 : 0o600], ofItemAtPath: url.path)
        }
    }
}

/// One run of `gloss` on a fuzzed input, with what is wrong about it.
struct CLIRun {
    enum Changes {
        /// A command that writes: on failure the folder must be unchanged.
        case onSuccess
        /// A read-only command: the folder must be unchanged whatever the outcome.
        case never
    }

    var status: Int32
    var stderr: String
    var problems: [FuzzProblem] = []

    /// Runs `gloss arguments`, snapshotting `project` (a folder) before and after.
    init(_ arguments: [String], changes: Changes, project: URL) throws {
        let before = try FolderSnapshot(project)
        let run = try runBounded(arguments, seconds: FuzzCLITests.runTimeLimit)
        status = run.result.status
        stderr = run.result.stderr
        let command = "gloss " + arguments.prefix(2).joined(separator: " ")
        func problem(_ text: String) { problems.append(FuzzProblem("\(command): \(text)")) }
        if run.timedOut { problem("did not finish in \(Int(FuzzCLITests.runTimeLimit)) s (stopped)") }
        if ![0, 1].contains(status) { problem("exit status \(status) (a crash or a signal; stderr: \(stderr.suffix(300).debugDescription))") }
        if status != 0 {
            if stderr.isEmpty { problem("failed with nothing on standard error") }
            let lines = stderr.split(separator: "\n")
            if let foreign = lines.first(where: { !$0.hasPrefix("gloss: ") }) {
                problem("standard error has a line that is not a Gloss error: \(String(foreign.prefix(200)).debugDescription)")
            }
            if run.result.stderrData.count > FuzzCLITests.maximumStderrBytes {
                problem("standard error is \(run.result.stderrData.count) bytes (over \(FuzzCLITests.maximumStderrBytes)): \(String(stderr.prefix(200)).debugDescription)")
            }
            if stderr.contains("NSCocoaErrorDomain") || stderr.contains("Error Domain=") || stderr.contains("DecodingError.") {
                problem("standard error shows Foundation's or Swift's own error text: \(String(stderr.prefix(300)).debugDescription)")
            }
        }
        if status != 0 || changes == .never {
            let after = try FolderSnapshot(project)
            let changed = Set(before.entries.keys).union(after.entries.keys).sorted().filter { before.entries[$0] != after.entries[$0] }
            if !changed.isEmpty {
                problem("exit \(status) but changed the project: \(changed.prefix(5).joined(separator: ", "))")
            }
        }
    }
}

/// Runs `gloss` like `gloss(_:)` does, but stops it after `seconds` (a hang must fail the test, not stall it).
func runBounded(_ arguments: [String], seconds: Double) throws -> (result: RunResult, timedOut: Bool) {
    try runProcess(GlossBinary.url, arguments, stoppingAfter: seconds)
}
