import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file, folder and link under a project root, found with `lstat` and never through a link (a link
/// to a folder is listed, not entered), for `gloss validate`. The top-level `.git` (and `.gitignore`, …) are
/// left out, as git's own. Bounded, so
/// a huge or looping tree cannot make validation run forever.
enum ProjectWalk {
    static let limit = 200_000
    static let maximumDepth = 64

    struct Entry { var path: String; var mode: mode_t }
    struct Entries { var root: String; var items: [Entry] = []; var truncated = false }

    static func entries(_ root: URL) -> Entries {
        var result = Entries(root: root.path)
        walk(root, depth: 0, into: &result)
        return result
    }

    private static func walk(_ folder: URL, depth: Int, into result: inout Entries) {
        guard depth < maximumDepth, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.sorted() where !(depth == 0 && name.hasPrefix(".git")) {
            guard result.items.count < limit else { result.truncated = true; return }
            let url = folder.appendingPathComponent(name)
            var info = stat()
            guard lstat(url.path, &info) == 0 else { continue }
            result.items.append(Entry(path: url.path, mode: info.st_mode))
            if SecureFiles.isDirectory(info.st_mode) { walk(url, depth: depth + 1, into: &result) }
        }
    }
}
