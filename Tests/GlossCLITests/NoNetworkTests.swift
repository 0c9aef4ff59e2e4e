import Foundation
import Testing

/// Gloss never uses the network, and no command even opens a socket: `gloss validate` once looked up owner
/// names (getpwuid → NSS → nscd or LDAP over a socket on managed machines) and the lock note asked
/// `ProcessInfo.hostName` (interfaces and the resolver). Each command runs under `strace -f -e trace=network`
/// and must show no network call at all. `.ci/run` installs strace; where it is absent the test is skipped
/// with a note.
@Suite("No network")
struct NoNetworkTests {
    static let strace: URL? = ["/usr/bin/strace", "/bin/strace", "/usr/local/bin/strace"]
        .map { URL(fileURLWithPath: $0) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }

    static var straceAvailable: Bool {
        if strace == nil { print("NOTE: NoNetworkTests skipped: strace is not installed (apt-get install strace; .ci/run installs it)") }
        return strace != nil
    }

    /// Runs gloss under strace; returns the result and the network calls strace saw.
    func traced(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String] = [:]) throws -> (RunResult, [String]) {
        let log = folder.url.appendingPathComponent("strace-\(UUID().uuidString).log")
        let result = try runProcess(Self.strace!, ["-f", "-qq", "-e", "trace=network", "-o", log.path, GlossBinary.url.path] + arguments,
                                    environment: environment)
        let lines = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
            .filter { !$0.contains("+++ exited") && !$0.contains("--- SIG") && !$0.contains("+++ killed") }
        return (result, lines)
    }

    @Test(.enabled(if: NoNetworkTests.straceAvailable, "strace is not installed"))
    func noCommandOpensASocket() throws {
        try withTemporaryFolder { folder in
            try Fixtures.writeSources(in: folder)
            let project = folder.project.path
            let csv = try folder.write("codings.csv", Fixtures.codingsCSV)
            var commands: [[String]] = [
                ["init", project, "--codebook", folder.source("codebook.tsv").path],
                ["import", project] + ["chat-01", "chat-02", "chat-03"].map { folder.source("\($0).txt").path },
                ["codings", "import", project, "--coder", "ann", csv.path],
                ["codings", "import", project, "--coder", "bob", csv.path],
                ["codings", "export", project, "--coder", "ann"],
                ["codebook", project],
                ["codebook", project, "--format", "json"],
                ["codebook", project, "--format", "tsv"],
                ["validate", project],
                ["status", project],
                ["quotes", project, "--coder", "ann", "--code", "Onderwerp"],
                ["compare", project, "--coders", "ann", "bob"],
                ["snapshot", project, "--coder", "ann", "--keys", "j j"],
            ]
            for format in ["text", "json", "csv", "md"] {
                commands.append(["report", project, "--coder", "ann", "--category", "Onderwerp", "--format", format])
            }
            commands.append(["report", project, "--coder", "ann", "--matrix"])
            for arguments in commands {
                let (result, calls) = try traced(arguments, in: folder, environment: ["TMPDIR": folder.url.path])
                #expect(result.status == 0, "\(result)")
                #expect(calls.isEmpty, "gloss \(arguments.joined(separator: " ")) made network calls:\n\(calls.prefix(10).joined(separator: "\n"))")
            }
        }
    }
}
