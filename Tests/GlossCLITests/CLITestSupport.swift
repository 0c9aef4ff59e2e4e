import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Support for the end-to-end tests: finding the built `gloss`, running it, temporary project folders,
// fixtures, and snapshots of a folder's bytes and modes.

// MARK: - The binary

enum GlossBinary {
    /// The `gloss` executable that `swift test` built next to the test bundle.
    static let url: URL = locate()

    private static func locate() -> URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["GLOSS_BINARY"] {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        // The products folder the test bundle lives in: on Linux `.build/<triple>/debug/GlossPackageTests.xctest`
        // (Bundle.main is that folder); on macOS the bundle sits in `.build/<triple>/debug/` too.
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("gloss"))
            folder = folder.deletingLastPathComponent()
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("gloss"))
        }
        // Walking up from this source file to the package, then `.build/debug/gloss`.
        candidates.append(PackagePaths.root.appendingPathComponent(".build/debug/gloss"))
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fm.isExecutableFile(atPath: candidate.path) {
                return candidate.resolvingSymlinksInPath()
            }
        }
        fatalError("cannot find the built gloss executable; looked in:\n" + candidates.map(\.path).joined(separator: "\n"))
    }
}

enum PackagePaths {
    /// The package root: the nearest folder above this file that holds Package.swift.
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static var samples: URL { root.appendingPathComponent("Samples") }
    static var ckmCodebook: URL { samples.appendingPathComponent("codebooks/ckm.tsv") }
    static var demo: URL { samples.appendingPathComponent("demo") }
}

// MARK: - Running it

struct RunResult: CustomStringConvertible {
    var status: Int32
    var stdoutData: Data
    var stderrData: Data
    var arguments: [String]

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    var description: String {
        "gloss \(arguments.joined(separator: " ")) → exit \(status)\n--- stdout ---\n\(stdout)--- stderr ---\n\(stderr)"
    }
}

/// Runs `gloss` with `arguments`; stdout and stderr go to files (no pipe can fill up), stdin is empty.
@discardableResult
func gloss(_ arguments: String..., in directory: URL? = nil, environment: [String: String] = [:]) throws -> RunResult {
    try gloss(arguments, in: directory, environment: environment)
}

@discardableResult
func gloss(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> RunResult {
    try runProcess(GlossBinary.url, arguments, in: directory, environment: environment)
}

/// Runs any executable the same way (the permission tests run gloss through /bin/sh to set a umask).
func runProcess(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                environment: [String: String] = [:]) throws -> RunResult {
    try runProcess(executable, arguments, in: directory, environment: environment, stoppingAfter: nil).result
}

/// `runProcess`, stopped (SIGTERM) after `seconds` when given, so that a hang fails a test instead of stalling it.
func runProcess(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                stoppingAfter seconds: Double?) throws -> (result: RunResult, timedOut: Bool) {
    let fm = FileManager.default
    let capture = fm.temporaryDirectory.appendingPathComponent("gloss-cli-capture-\(UUID().uuidString)")
    try fm.createDirectory(at: capture, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: capture) }
    let outURL = capture.appendingPathComponent("stdout")
    let errURL = capture.appendingPathComponent("stderr")
    _ = fm.createFile(atPath: outURL.path, contents: nil)
    _ = fm.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    var timedOut = false
    if let seconds {
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            process.terminate()
            finished.wait()
        }
    } else {
        finished.wait()
    }
    try out.close()
    try err.close()
    let result = RunResult(status: process.terminationStatus, stdoutData: try Data(contentsOf: outURL),
                           stderrData: try Data(contentsOf: errURL), arguments: arguments)
    return (result, timedOut)
}

// MARK: - Temporary folders

/// A fresh folder under the temporary directory, removed by `withTemporaryFolder`.
struct TemporaryFolder {
    let url: URL

    /// Where a test's project goes (not created: `gloss init` creates it).
    var project: URL { url.appendingPathComponent("proj") }
    /// Where the test writes its input files.
    var sources: URL { url.appendingPathComponent("src") }

    func source(_ name: String) -> URL { sources.appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let target = source(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target
    }
}

@discardableResult
func withTemporaryFolder<T>(_ body: (TemporaryFolder) throws -> T) throws -> T {
    let fm = FileManager.default
    let url = fm.temporaryDirectory.appendingPathComponent("gloss-cli-tests-\(UUID().uuidString)", isDirectory: true)
        .standardizedFileURL
    try fm.createDirectory(at: url, withIntermediateDirectories: true)
    defer {
        // A test may leave folders without write permission behind; make them removable first.
        if let walker = fm.enumerator(atPath: url.path) {
            for case let relative as String in walker { chmod(url.appendingPathComponent(relative).path, 0o700) }
        }
        try? fm.removeItem(at: url)
    }
    return try body(TemporaryFolder(url: url))
}

// MARK: - Fixtures

/// Small synthetic inputs: a codebook of 2 main codes and 5 sub-codes, and three short transcripts.
enum Fixtures {
    static let codebookTSV = """
        # Testcodeboek voor Gloss (synthetisch)
        code\toperationalisation\texample\trules\tcolor
        Onderwerp\tWaar gaat het gesprek over?\t\t\t
        Onderwerp > Thuis\tHet gesprek gaat over thuis.\thet gaat over thuis\t\t
        Onderwerp > School\tHet gesprek gaat over school.\tSchool is hard\t\t
        Toon\tHoe wordt het gezegd?\t\t\t
        Toon > Vriendelijk\tEen vriendelijke toon.\tHoi!\tOok emoji tellen mee\t
        Toon > Boos\tEen boze toon.\t\t\t#aa0000
        Toon > Boos > Schreeuwen\tIn hoofdletters.\tNEE\t\t

        """

    /// Message 1: "Hoi, waar wil je over praten?" (29 code points).
    /// Message 2: "het gaat over thuis, ëcht 😀\nIk zei: nee" (39); "ëcht 😀" is code points 21..<27.
    /// Message 3: "Wat bedoel je met e\u{308}en keer?" (28); "e\u{308}en" is code points 18..<22.
    static let chat01 = """
        # title: Eerste gesprek
        # speakers: Jongere, Hulpverlener
        [2024-03-14 19:02] Hulpverlener: Hoi, waar wil je over praten?
        [19:03] Jongere: het gaat over thuis, \u{EB}cht 😀
        Ik zei: nee
        [19:04] Hulpverlener: Wat bedoel je met e\u{308}en keer?

        """

    static let chat02 = """
        # speakers: Visitor, Volunteer
        Visitor: Hello, is anyone there?
        Volunteer: Yes, I'm here. How can I help?
        Visitor: School is hard 😕 lately.

        """

    static let chat03 = """
        # speakers: Jongere, Hulpverlener
        Hulpverlener: Goedenavond.
        Jongere: Hoi.

        """

    static let csvHeader = "chat,from_message,from_offset,to_message,to_offset,code,memo,relation\n"

    /// The CSV the round trip imports: out of order, one whole-message quote given with explicit offsets,
    /// a path written without spaces, a memo with a comma and quotes, a memo with a line break, and a
    /// chat-only "done" row.
    static let codingsCSV = csvHeader + """
        chat-01,2,21,2,27,Toon > Vriendelijk,,relevant verband
        chat-01,1,,2,,Onderwerp > Thuis,"Noemt ""thuis"", twee keer",
        chat-01,3,18,3,22,Toon > Boos > Schreeuwen,"Let op:
        e + trema",
        chat-01,2,21,2,27,Onderwerp>Thuis,,relevant verband
        chat-01,1,0,1,29,Toon,,
        chat-02,,,,,,,

        """

    /// What `codings export` must write for `codingsCSV`: chats in order, quotes by span, one row per code,
    /// whole-message spans with empty offsets, paths with " > ".
    /// What `codings export` writes for `codingsCSV`: with each quote's text, cut by hand from chat01
    /// ("\u{EB}cht 😀" is message 2 from offset 21; "e\u{308}en" message 3 from 18).
    static let expectedExport = exportHeader + """
        chat-01,1,,1,,Toon,,,"Hoi, waar wil je over praten?"
        chat-01,1,,2,,Onderwerp > Thuis,"Noemt ""thuis"", twee keer",,"Hoi, waar wil je over praten?
        het gaat over thuis, \u{EB}cht 😀
        Ik zei: nee"
        chat-01,2,21,2,27,Toon > Vriendelijk,,relevant verband,\u{EB}cht 😀
        chat-01,2,21,2,27,Onderwerp > Thuis,,relevant verband,\u{EB}cht 😀
        chat-01,3,18,3,22,Toon > Boos > Schreeuwen,"Let op:
        e + trema",,e\u{308}en
        chat-02,,,,,,,,

        """

    /// Writes the codebook and the three transcripts into `folder.sources`.
    static func writeSources(in folder: TemporaryFolder) throws {
        try folder.write("codebook.tsv", codebookTSV)
        try folder.write("chat-01.txt", chat01)
        try folder.write("chat-02.txt", chat02)
        try folder.write("chat-03.txt", chat03)
    }

    /// `gloss init` with the fixture codebook and `gloss import` of the three transcripts.
    static func makeProject(in folder: TemporaryFolder, chats: [String] = ["chat-01", "chat-02", "chat-03"]) throws {
        try writeSources(in: folder)
        let initResult = try gloss("init", folder.project.path, "--codebook", folder.source("codebook.tsv").path)
        try #require(initResult.status == 0, "\(initResult)")
        if chats.isEmpty { return }
        let importResult = try gloss(["import", folder.project.path] + chats.map { folder.source("\($0).txt").path })
        try #require(importResult.status == 0, "\(importResult)")
    }

    /// `makeProject` plus the round-trip CSV imported for `coder`.
    static func makeCodedProject(in folder: TemporaryFolder, coder: String = "ann") throws {
        try makeProject(in: folder)
        let csv = try folder.write("codings.csv", codingsCSV)
        let result = try gloss("codings", "import", folder.project.path, "--coder", coder, csv.path)
        try #require(result.status == 0, "\(result)")
    }
}

// MARK: - Snapshots

/// Every file and folder below a root: bytes and permission bits. A project's `cache/` (derived files that
/// any reading command may write, docs/formats.md) is left out unless `includingCache`.
struct FolderSnapshot: Equatable {
    enum Entry: Equatable {
        case folder(mode: Int)
        case file(mode: Int, bytes: Data)
    }

    var entries: [String: Entry]

    init(_ root: URL, includingCache: Bool = false) throws {
        let fm = FileManager.default
        var entries: [String: Entry] = [:]
        guard let walker = fm.enumerator(atPath: root.path) else { throw CocoaError(.fileReadNoSuchFile) }
        for case let relative as String in walker {
            // The derived cache (`cache/`, docs/formats.md) may be written by any command that loads the
            // project and deleted at any time; it is not project data. Tests of the cache look at it directly.
            if !includingCache, relative == "cache" || relative.hasPrefix("cache/") || relative.hasSuffix("/cache")
                || relative.contains("/cache/") { continue }
            let url = root.appendingPathComponent(relative)
            let mode = try fileMode(url)
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: url.path, isDirectory: &isDirectory)
            entries[relative] = isDirectory.boolValue ? .folder(mode: mode) : .file(mode: mode, bytes: try Data(contentsOf: url))
        }
        self.entries = entries
    }

    var files: [String] { entries.filter { if case .file = $0.value { return true } else { return false } }.keys.sorted() }
}

/// Records an issue for every path added, removed or changed between two snapshots.
/// `ignoringLockNotes`: a `.lock` file's content (the "pid … on host" note of whoever last took the lock)
/// may differ; it must still exist with the same mode.
func expectUnchanged(_ before: FolderSnapshot, _ after: FolderSnapshot, ignoringLockNotes: Bool = false,
                     _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    let paths = Set(before.entries.keys).union(after.entries.keys).sorted()
    for path in paths {
        switch (before.entries[path], after.entries[path]) {
        case (nil, _):
            Issue.record("\(context): \(path) was created", sourceLocation: sourceLocation)
        case (_, nil):
            Issue.record("\(context): \(path) was removed", sourceLocation: sourceLocation)
        case let (.file(m1, b1)?, .file(m2, b2)?):
            if m1 != m2 { Issue.record("\(context): \(path) changed mode \(octal(m1)) → \(octal(m2))", sourceLocation: sourceLocation) }
            if b1 != b2 && !(ignoringLockNotes && path.hasSuffix(".lock")) {
                Issue.record("\(context): \(path) changed (\(b1.count) → \(b2.count) bytes)", sourceLocation: sourceLocation)
            }
        case let (a?, b?):
            if a != b { Issue.record("\(context): \(path) changed (\(a) → \(b))", sourceLocation: sourceLocation) }
        }
    }
}

// MARK: - Small helpers

func fileMode(_ url: URL) throws -> Int {
    var info = stat()
    guard lstat(url.path, &info) == 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: url.path]) }
    return Int(info.st_mode) & 0o7777
}

func octal(_ mode: Int) -> String { String(mode, radix: 8) }

func read(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

/// Sessions files of a project.
func sessionFile(_ project: URL, _ coder: String, _ ext: String = "json") -> URL {
    project.appendingPathComponent("sessions/\(coder).\(ext)")
}

/// The `codings` array of a session file, as plain JSON objects.
func sessionCodings(_ project: URL, _ coder: String) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: sessionFile(project, coder)))
    return try #require((object as? [String: Any])?["codings"] as? [[String: Any]])
}

/// Whether `text` contains a match of the regular expression `pattern`.
func matches(_ text: String, _ pattern: String) -> Bool {
    text.range(of: pattern, options: .regularExpression) != nil
}

func escapedForRegex(_ text: String) -> String { NSRegularExpression.escapedPattern(for: text) }
