import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore
import GlossTerminal

// Support for the workbench tests: a private copy of the demo project per test, a driver on it, code ids
// by path, and screen helpers. Every test works on its own temporary folder, so tests run in parallel and
// never touch Samples/demo.

enum AppPaths {
    /// The package root: the nearest folder above this file that holds Package.swift.
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static var demo: URL { root.appendingPathComponent("Samples/demo") }
    static var goldens: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens") }
}

/// A copy of Samples/demo in a unique temporary folder, removed when the value goes away.
final class DemoCopy {
    let root: URL

    /// Copies the demo's files (not locks or journals another process may have left in the samples).
    init() throws {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("gloss-app-tests-\(UUID().uuidString.lowercased())", isDirectory: true)
        try Self.copy(AppPaths.demo, to: root)
    }

    private static func copy(_ source: URL, to target: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: source.path) {
            if name.hasSuffix(".lock") || name.hasSuffix(".journal") || name.hasPrefix(".") { continue }
            let from = source.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: from.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try copy(from, to: target.appendingPathComponent(name))
            } else {
                try fm.copyItem(at: from, to: target.appendingPathComponent(name))
            }
        }
    }

    /// A driver on this copy. `tester` has no session yet; `anouk` and `bram` have the demo's.
    func driver(_ coder: String = "tester", width: Int = 100, height: Int = 30, theme: Theme = .monochrome) throws -> AppDriver {
        try AppDriver(projectRoot: root, coder: coder, width: width, height: height, theme: theme)
    }

    /// The coder's session as it is on disk (snapshot plus journal), read without the lock.
    func sessionOnDisk(_ coder: String) throws -> Session {
        try SessionStore.read(projectRoot: root, coder: coder)
    }

    /// The coder's codings as `gloss codings export` writes them.
    func csv(_ coder: String) throws -> String {
        let project = try Project.load(root)
        return CodingsCSV.write(try sessionOnDisk(coder), codebook: project.codebook, chats: project.summariesByID)
    }

    /// Adds a transcript to the copy (before a driver is opened).
    func addChat(_ id: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent("chats/\(id).txt"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

extension Theme {
    /// The fallback theme without colours: what a monochrome terminal shows (attributes only).
    static var monochrome: Theme {
        var theme = Theme.fallback
        theme.useColor = false
        return theme
    }
}

extension AppDriver {
    /// Types text into the picker or a prompt, one key per character.
    func type(_ text: String) { send(Key.typing(text)) }

    /// Sends keys written as in `gloss snapshot --keys`: `"V j c"`, `"] q"`, `"Ctrl-r"`; a word that is not a
    /// key name is typed character by character.
    func keys(_ script: String) {
        for word in script.split(separator: " ") {
            if let key = Key(name: String(word)) { send(key) } else { type(String(word)) }
        }
    }

    /// The rendered screen as text (trailing spaces trimmed).
    var screen: String { render().text }

    /// A code's id by its path ("Dwangmiddel > Bedreiging"); fails the test when there is none.
    func code(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CodeID {
        try #require(state.hierarchy.resolve(path), "no code \(path)", sourceLocation: sourceLocation)
    }

    /// Moves the tree cursor down (`j`) or up (`k`) until it is on `id`; fails the test when it never gets there.
    func moveTree(to id: CodeID, key: String = "j", sourceLocation: SourceLocation = #_sourceLocation) {
        for _ in 0..<400 where state.treeCursor != id { keys(key) }
        #expect(state.treeCursor == id, "the tree cursor never reached \(state.path(id))", sourceLocation: sourceLocation)
    }

    /// The codings of the current chat, in text order.
    var chatCodings: [Coding] { state.chatCodings }

    /// The status of a chat in the open session.
    func status(_ chat: String) -> ChatStatus { store.session.status(of: chat) }
}

/// Message texts of Samples/demo/chats/chat-01.txt as the tests count them (code points).
enum Chat01 {
    static let message9 = "dan zegt hij dat het mijn schuld is als we uit ons huis moeten en dat ik egoïstisch ben. en een keer zei hij dat ik een klap krijg als ik nog één keer zeur"
}

/// Whether `screen` (rows joined with newlines) has `text` on some row.
func rows(of screen: String, containing text: String) -> [String] {
    screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { $0.contains(text) }
}
