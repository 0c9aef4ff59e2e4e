import ArgumentParser
import Foundation
import GlossCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the demo project: the last demo copy again, or a fresh copy.",
        discussion: """
            The repository's Samples/demo is never modified: the copy goes to a new folder, which is printed. The \
            next `gloss demo` reopens that copy (remembered in $XDG_STATE_HOME/gloss, or ~/.local/state/gloss) \
            while it exists; --fresh makes a new one.
            """
    )

    @Option(help: "Where to put the copy (default: a new folder under $TMPDIR).")
    var into: String?

    @Flag(help: "Make a new copy even when the last demo copy still exists.")
    var fresh = false

    @Flag(help: "Only copy and print the status; do not open the workbench (also when not on a terminal).")
    var noOpen = false

    @OptionGroup var options: WorkbenchOptions

    func run() throws {
        try reportingErrors {
            let opens = !noOpen && isatty(0) == 1 && isatty(1) == 1
            // Decide everything that could stop the workbench before copying (a misspelled theme is an error
            // even when the workbench does not open), and re-exec (quiet crash reports) before copying too, or
            // the restarted process would make a second copy.
            let coder = options.coder.coder != nil ? try options.coder.resolved() : ((try? options.coder.resolved()) ?? "demo")
            if let theme = options.theme { _ = try ThemeChoice.load(name: theme) }
            if opens { TerminalSession.ensureQuietBacktraces() }
            let target = try copyOrReuse()
            let reopen = ReopenHint.text(project: target, coder: coder)
            if !opens {
                let project = try Project.load(target)
                Output.text(try StatusPrinter.text(project), terminator: "")
                Output.text("Open it with: \(reopen)")
                Output.text("(anouk and bram have sessions; another --coder name starts fresh)")
                return
            }
            try Workbench.open(target, options: options, coder: coder)
            Output.text("The demo project is in \(target.path); open it again with: \(reopen)")
        }
    }

    /// The folder to open: `--into` (a new copy there), else the last demo copy unless `--fresh`, else a new
    /// copy under `$TMPDIR`, which is remembered for next time.
    private func copyOrReuse() throws -> URL {
        if let into {
            let target = URL(fileURLWithPath: into)
            try SampleLocator.copyProject(from: try SampleLocator.demoProject(), to: target)
            Output.text("Demo project copied to \(target.path)")
            return target
        }
        if !fresh, let last = DemoMemory.lastCopy() {
            Output.text("Reopening the demo copy in \(last.path) (gloss demo --fresh makes a new one)")
            return last
        }
        let source = try SampleLocator.demoProject()
        let target = try SampleLocator.freshFolder(prefix: "gloss-demo")
        try SampleLocator.copyProject(from: source, to: target)
        DemoMemory.remember(target)
        Output.text("Demo project copied to \(target.path)")
        return target
    }
}

/// Finds the bundled samples and copies projects with owner-only permissions.
enum SampleLocator {
    /// `Samples/demo`: from `$GLOSS_SAMPLES`, else next to the executable's build folder, else the source tree.
    static func demoProject() throws -> URL {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["GLOSS_SAMPLES"] { candidates.append(URL(fileURLWithPath: env)) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder.appendingPathComponent("Samples"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples"))
        for samples in candidates {
            let demo = samples.appendingPathComponent("demo")
            if FileManager.default.fileExists(atPath: demo.appendingPathComponent("project.json").path) { return demo }
        }
        throw GlossError("cannot find Samples/demo; set GLOSS_SAMPLES to the repository's Samples folder")
    }

    static func freshFolder(prefix: String) throws -> URL {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw GlossError(file: base, "cannot create a folder for the demo") }
        return URL(fileURLWithPath: String(cString: made))
    }

    /// Copies the project's files (not locks, journals, resume points or temporary files) with modes 0700/0600.
    /// `withUnsavedWork` keeps journals and resume points, so the copy opens as the project itself would.
    static func copyProject(from source: URL, to target: URL, withUnsavedWork: Bool = false) throws {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: target.path), !existing.isEmpty {
            throw GlossError(file: target.path, "is not empty; choose an empty or new folder")
        }
        try SecureFiles.makeDirectory(target)
        guard let walker = fm.enumerator(atPath: source.path) else { throw GlossError(file: source.path, "cannot read") }
        for case let relative as String in walker {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name.hasSuffix(".lock") { continue }
            if !withUnsavedWork && (name.hasSuffix(".journal") || name.hasSuffix(".resume")) { continue }
            let from = source.appendingPathComponent(relative)
            let to = target.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: from.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try SecureFiles.makeDirectory(to)
            } else {
                if fm.fileExists(atPath: to.path) { throw GlossError(file: to.path, "already exists; choose an empty folder") }
                try SecureFiles.writeAtomically(try SecureFiles.read(from), to: to)
            }
        }
    }
}
