import Foundation
import GlossCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `gloss demo` remembers its last copy, so the next `gloss demo` reopens it (with the coder's work)
/// instead of hiding it behind a new temporary folder: `$XDG_STATE_HOME/gloss/last-demo`, or
/// `~/.local/state/gloss/last-demo`, holding the copy's absolute path.
///
/// The file and its folder are owner-only (`SecureFiles`), and neither is followed through a link. A remembered
/// folder is reused only if it is still a real folder (not a link) owned by this user, closed to others, and a
/// Gloss project; anything else means a fresh copy.
enum DemoMemory {
    /// The state file, or nil when neither `XDG_STATE_HOME` (absolute) nor `HOME` is set.
    static func stateFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let base: URL
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = URL(fileURLWithPath: state)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = URL(fileURLWithPath: home).appendingPathComponent(".local/state")
        } else {
            return nil
        }
        return base.appendingPathComponent("gloss").appendingPathComponent("last-demo")
    }

    /// The last demo copy, if it can be reopened safely.
    static func lastCopy() -> URL? {
        guard let file = stateFile(), isRealFolder(file.deletingLastPathComponent()), let data = try? SecureFiles.read(file),
              let line = String(data: data, encoding: .utf8)?.split(separator: "\n").first.map(String.init),
              line.hasPrefix("/") else { return nil }
        let folder = URL(fileURLWithPath: line)
        return isReusable(folder) ? folder : nil
    }

    /// Remembers `folder` as the last demo copy. A failure is a warning: the copy itself is fine.
    static func remember(_ folder: URL) {
        guard let file = stateFile() else { return }
        do {
            let folderOfFile = file.deletingLastPathComponent()
            try SecureFiles.makeDirectory(folderOfFile)
            guard isRealFolder(folderOfFile) else {
                throw GlossError(file: folderOfFile.path, "is not a folder of this user's closed to others")
            }
            try SecureFiles.writeAtomically(Data((folder.path + "\n").utf8), to: file)
        } catch {
            printWarning("cannot remember the demo copy for next time: \(error)")
        }
    }

    /// A real folder (not a link) of this user's, closed to others, holding a project.json file.
    static func isReusable(_ folder: URL) -> Bool {
        guard isRealFolder(folder) else { return false }
        var project = stat()
        return lstat(folder.appendingPathComponent("project.json").path, &project) == 0 && project.st_mode & S_IFMT == S_IFREG
    }

    /// A folder (not a link to one) owned by this user and closed to others.
    private static func isRealFolder(_ folder: URL) -> Bool {
        var info = stat()
        return lstat(folder.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR && info.st_uid == getuid()
            && info.st_mode & 0o077 == 0
    }
}
