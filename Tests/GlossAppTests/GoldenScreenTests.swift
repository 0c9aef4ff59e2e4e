import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Whole screens compared with text files in `Tests/GlossAppTests/Goldens/<name>.txt` (the rendered
/// `ScreenBuffer.text`: one row per line, trailing spaces trimmed, monochrome theme so only text counts).
///
/// After an intended change to the screen, regenerate the files and read the diff before committing:
///
///     GLOSS_UPDATE_GOLDENS=1 swift test --filter GoldenScreenTests
///
/// With `GLOSS_UPDATE_GOLDENS=1` each test writes its file instead of comparing (and records an issue, so
/// an update run is never mistaken for a passing one).
@Suite struct GoldenScreenTests {
    static let updating = ProcessInfo.processInfo.environment["GLOSS_UPDATE_GOLDENS"] == "1"

    /// Which screen a golden shows.
    enum Screen { case workbench, compare, review }

    func check(_ name: String, coder: String = "anouk", width: Int = 100, height: Int = 30, keys: String, screen kind: Screen = .workbench,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let demo = try DemoCopy()
        let screen: ScreenBuffer
        switch kind {
        case .workbench:
            let driver = try demo.driver(coder, width: width, height: height)
            driver.keys(keys)
            screen = driver.render()
            try driver.close()
        case .compare:
            let driver = try CompareDriver(projectRoot: demo.root, coders: ["anouk", "bram"], width: width, height: height, theme: .monochrome)
            for word in keys.split(separator: " ") { driver.send(Key(name: String(word)).map { [$0] } ?? word.map { .char($0) }) }
            screen = driver.render()
        case .review:
            let driver = try ReviewDriver(projectRoot: demo.root, coders: ["anouk", "bram"], into: "consensus", present: ["anouk", "bram"],
                                          width: width, height: height, theme: .monochrome, environment: .fixed())
            for word in keys.split(separator: " ") { driver.send(Key(name: String(word)).map { [$0] } ?? word.map { .char($0) }) }
            screen = driver.render()
            try driver.close()
        }
        let actual = screen.text + "\n"
        let url = AppPaths.goldens.appendingPathComponent("\(name).txt")
        if Self.updating {
            try FileManager.default.createDirectory(at: AppPaths.goldens, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("wrote \(url.path); unset GLOSS_UPDATE_GOLDENS to compare", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden \(url.path); run with GLOSS_UPDATE_GOLDENS=1 to write it", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let rows = (0..<max(a.count, b.count)).filter { i in (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) }
            let report = rows.prefix(6).map { i in
                "row \(i + 1):\n  golden: \(i < a.count ? String(a[i]) : "(none)")\n  actual: \(i < b.count ? String(b[i]) : "(none)")"
            }.joined(separator: "\n")
            Issue.record("\(name): the screen differs from \(url.lastPathComponent) in \(rows.count) row(s)\n\(report)\n--- actual ---\n\(actual)",
                         sourceLocation: sourceLocation)
        }
        // Every golden is exactly the screen's size.
        #expect(screen.lines.count == height, sourceLocation: sourceLocation)
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) == width }, sourceLocation: sourceLocation)
    }

    /// anouk's session opens on chat-01 (every chat is done): transcript, tree with counts, status line.
    @Test func normal() throws { try check("normal-anouk-chat01", keys: "") }

    /// The picker after typing "bedreig" on message 5 of chat-01.
    @Test func pickerAfterTyping() throws { try check("picker-bedreig", keys: "j j j j c bedreig") }

    @Test func help() throws { try check("help", keys: "?") }

    @Test func chatList() throws { try check("chat-list", keys: "g l Down") }

    /// Messages 5–7 selected with V: the quote line says so and the status line shows V-LINE.
    @Test func lineSelection() throws { try check("v-line", coder: "tester", keys: "j j j j V j j") }

    @Test func tooSmall() throws { try check("too-small-20x8", width: 20, height: 8, keys: "") }

    /// The three panes from 120 columns, with the live figures.
    @Test func wide() throws { try check("wide-anouk-130x40", width: 130, height: 40, keys: "] q") }

    /// The comparison of anouk and bram at its first disagreement, and its key help.
    @Test func compare() throws { try check("compare-120x30", width: 120, height: 30, keys: "", screen: .compare) }
    @Test func compareHelp() throws { try check("compare-help", width: 120, height: 30, keys: "?", screen: .compare) }

    /// The review meeting's first item, after one decision, and its key help.
    @Test func review() throws { try check("review-100x30", keys: "b", screen: .review) }
    /// The first item, the "different" pair of chat-01 #9 (both codes side by side), after `0`: it would leave
    /// the passage both coded without a code, so it asks.
    @Test func reviewPairConfirm() throws { try check("review-pair-confirm", keys: "0", screen: .review) }
    @Test func reviewHelp() throws { try check("review-help", keys: "?", screen: .review) }
}
