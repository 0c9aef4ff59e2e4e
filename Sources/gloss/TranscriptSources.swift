import Foundation
import GlossCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `gloss import` was given, as the transcript files to read: a file, a folder, or a quoted pattern.
///
/// Thousands of transcripts are one folder (or one pattern such as 'export/*.txt') rather than thousands
/// of arguments: the argument parser's time grows with the square of the number of arguments, and a shell
/// has a limit on them. So Gloss expands folders and patterns itself, with no shell:
/// - a file named on its own is read as it is (a link to it is followed: the user chose it);
/// - a folder gives every `*.txt` file directly in it (not in sub-folders), case of `.txt` ignored;
/// - an argument with `*`, `?` or `[` that names no existing file is a pattern, expanded by glob(3).
/// Folder entries and pattern matches skip hidden names (a leading '.'), come in name order, and must be
/// the files themselves: a symbolic link among them is refused, since a folder from a zip or a colleague
/// could hold a link to a private file named like a transcript. A folder with no transcript, or a pattern
/// matching nothing, is an error that names it.
enum TranscriptSources {
    static func files(for arguments: [String]) throws -> [URL] {
        var files: [URL] = []
        var errors: [GlossError] = []
        for argument in arguments {
            do {
                files += try expand(argument)
            } catch let error as GlossError {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw errors.count == 1 ? errors[0] as Error : GlossErrors(errors) }
        return files
    }

    static func expand(_ argument: String) throws -> [URL] {
        var info = stat()
        if stat(argument, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { return [URL(fileURLWithPath: argument)] }
            return try folder(argument)
        }
        if isPattern(argument) { return try pattern(argument) }
        return [URL(fileURLWithPath: argument)]  // missing: the import names it in its error
    }

    static func isPattern(_ argument: String) -> Bool {
        argument.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Every `*.txt` directly in `path`, in name order.
    static func folder(_ path: String) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw GlossError(file: path, "cannot list the folder")
        }
        let chosen = names.filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".txt") }.sorted()
        guard !chosen.isEmpty else {
            throw GlossError(file: path, "holds no transcript (no *.txt file directly in it; sub-folders are not searched)")
        }
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        return try chosen.map { try ownFile(folder.appendingPathComponent($0)) }
    }

    /// The files glob(3) matches, hidden names left out, in name order.
    static func pattern(_ pattern: String) throws -> [URL] {
        var matches = glob_t()
        defer { globfree(&matches) }
        let result = glob(pattern, 0, nil, &matches)
        if result == GLOB_NOMATCH {
            throw GlossError(file: pattern, "no file matches this pattern")
        }
        guard result == 0 else { throw GlossError(file: pattern, "cannot expand this pattern (a folder in it could not be read)") }
        var paths: [String] = []
        for index in 0..<Int(matches.gl_pathc) {
            guard let pointer = matches.gl_pathv[index] else { continue }
            let path = String(cString: pointer)
            if !URL(fileURLWithPath: path).lastPathComponent.hasPrefix(".") { paths.append(path) }
        }
        guard !paths.isEmpty else { throw GlossError(file: pattern, "no file matches this pattern") }
        return try paths.sorted().map { try ownFile(URL(fileURLWithPath: $0)) }
    }

    /// `url` itself, refused when it is a symbolic link (reading follows links only for files named on their own).
    static func ownFile(_ url: URL) throws -> URL {
        var info = stat()
        if lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            throw GlossError(file: url.path, "is a symbolic link; from a folder or pattern Gloss imports only the files themselves (name a linked file on its own to import it)")
        }
        return url
    }
}
