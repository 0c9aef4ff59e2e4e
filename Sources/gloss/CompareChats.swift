import Foundation
import GlossCore

/// `gloss compare --chats LIST | --chats-from FILE`: the chats a comparison (and a round saved with it) is
/// restricted to, so a round covers its own chats rather than every chat both coders ever finished.
///
/// The file is untrusted (made by hand or by another program): at most `maximumBytes`, UTF-8, one chat id a
/// line (blank lines and lines starting with `#` skipped); every bad line is reported with its number, and an
/// id the project does not have is refused by name (never silently compared on fewer chats).
enum ChatSelection {
    static let maximumBytes = 1 << 20
    /// At most this many errors are listed; a file of garbage gives a short report, not a million lines.
    static let maximumErrors = 20

    /// The selected ids in the order of `projectChats`, or nil when neither option was given.
    static func resolve(list: String?, file: String?, projectChats: [String]) throws -> [String]? {
        switch (list, file) {
        case (nil, nil): return nil
        case (.some, .some): throw GlossError("give --chats or --chats-from, not both")
        case (let list?, nil):
            let items = list.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            return try check(items.enumerated().filter { !$0.element.isEmpty }.map { (place: "item \($0.offset + 1)", id: $0.element) },
                             file: nil, option: "--chats", projectChats: projectChats)
        case (nil, let path?):
            let url = URL(fileURLWithPath: path)
            let lines = try read(url)
            return try check(lines, file: url.path, option: "--chats-from", projectChats: projectChats)
        }
    }

    /// The file's non-blank, non-comment lines with their numbers.
    static func read(_ url: URL) throws -> [(place: String, id: String)] {
        var info = stat()
        if stat(url.path, &info) == 0, Int(info.st_size) > maximumBytes {
            throw GlossError(file: url.path, "is larger than \(maximumBytes >> 20) MiB; a chat list has one chat id a line")
        }
        let data = try SecureFiles.readNamedFile(url)
        guard data.count <= maximumBytes else {
            throw GlossError(file: url.path, "is larger than \(maximumBytes >> 20) MiB; a chat list has one chat id a line")
        }
        let bytes = try TextDecoding.decode(data, file: url.path)
        var lines: [(place: String, id: String)] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            lines.append((place: "line \(index + 1)", id: text))
        }
        return lines
    }

    static func check(_ items: [(place: String, id: String)], file: String?, option: String, projectChats: [String]) throws -> [String] {
        let known = Set(projectChats)
        var errors: [GlossError] = []
        var firstPlace: [String: String] = [:]
        func fail(_ place: String, _ message: String) {
            errors.append(file == nil ? GlossError("\(option), \(place): \(message)") : GlossError(file: file, place: place, message))
        }
        for item in items {
            if let problem = Names.chatIDProblem(item.id) {
                fail(item.place, "\(GlossError.quoted(item.id)) is not a chat id: \(problem)")
            } else if !known.contains(item.id) {
                fail(item.place, "no chat \(GlossError.quoted(item.id)) in the project")
            } else if let first = firstPlace[item.id] {
                fail(item.place, "chat \(GlossError.quoted(item.id)) is listed twice (first at \(first))")
            } else {
                firstPlace[item.id] = item.place
            }
        }
        if !errors.isEmpty {
            if errors.count == 1 { throw errors[0] }
            let shown = Array(errors.prefix(maximumErrors))
            throw GlossErrors(errors.count > maximumErrors
                ? shown + [GlossError(file: file, "\(errors.count - maximumErrors) more error(s) not shown")] : shown)
        }
        guard !firstPlace.isEmpty else {
            throw file == nil ? GlossError("\(option) names no chat") : GlossError(file: file, "names no chat (one chat id a line)")
        }
        return projectChats.filter { firstPlace[$0] != nil }
    }
}
