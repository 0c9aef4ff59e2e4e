import Foundation

/// The command that opens a project again, as the user can type it in a shell:
/// - `gloss open DIR --coder NAME` when a `gloss` is on `PATH`;
/// - else `swift run gloss open …` when this executable was built in a package's `.build` folder (with
///   `--package-path` when the current folder is not the package);
/// - else this executable's full path.
enum ReopenHint {
    static func text(project: URL, coder: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        // Linux names the running binary in /proc (argv[0] may be relative or a bare name); elsewhere, argv[0].
        let running = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : CommandLine.arguments[0]
        let executable = URL(fileURLWithPath: running).resolvingSymlinksInPath()
        return text(project: project, coder: coder, path: environment["PATH"] ?? "", executable: executable,
                    currentDirectory: FileManager.default.currentDirectoryPath)
    }

    static func text(project: URL, coder: String, path: String, executable: URL, currentDirectory: String) -> String {
        let arguments = "open \(quoted(project.path)) --coder \(quoted(coder))"
        if isOnPath("gloss", path: path) { return "gloss \(arguments)" }
        if let package = packageRoot(of: executable) {
            let here = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
            return here == package.path ? "swift run gloss \(arguments)"
                : "swift run --package-path \(quoted(package.path)) gloss \(arguments)"
        }
        return "\(quoted(executable.path)) \(arguments)"
    }

    /// Whether an executable file called `name` is in one of `path`'s folders.
    static func isOnPath(_ name: String, path: String) -> Bool {
        path.split(separator: ":").contains { folder in
            FileManager.default.isExecutableFile(atPath: URL(fileURLWithPath: String(folder)).appendingPathComponent(name).path)
        }
    }

    /// The package whose `.build` folder holds `executable` (the folder above `.build` with a Package.swift).
    static func packageRoot(of executable: URL) -> URL? {
        var folder = executable.deletingLastPathComponent()
        while folder.path != "/" {
            if folder.lastPathComponent.hasPrefix(".build") {
                let package = folder.deletingLastPathComponent()
                if FileManager.default.fileExists(atPath: package.appendingPathComponent("Package.swift").path) {
                    return package.standardizedFileURL
                }
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// `text` as one shell word: as it is when it has only safe characters, else in single quotes.
    static func quoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+:,@=%".unicodeScalars.contains($0)) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
