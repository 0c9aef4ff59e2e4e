import Foundation
import GlossApp
import GlossCore
import GlossTerminal

/// Issue "Workbench": open-to-first-frame, and keystroke-to-frame latency over scripted keys
/// (each key: update, write the action to disk when it changes the session, and render the frame).
enum WorkbenchBench {
    static func run(root: URL, coder: String, label: String, keys count: Int) throws {
        print("\n## Workbench — \(label)")
        // A session Gloss has never opened gets its journal on the first open (one rewrite of the session file,
        // once); every later open is the everyday case, so that is the one measured.
        try AppDriver(projectRoot: root, coder: coder, width: 160, height: 48).close()
        var driver: AppDriver!
        let open = try Measure.seconds {
            driver = try AppDriver(projectRoot: root, coder: coder, width: 160, height: 48)
            _ = driver.render()
        } * 1000
        print("open to first frame (load project + session, first render)  \(Measure.format(open))   target < 300 ms")
        let times = keystrokes(driver, count: count)
        print("keystroke to frame over \(count) keys   p50 \(Measure.format(Measure.percentile(times, 0.5)))  p99 \(Measure.format(Measure.percentile(times, 0.99)))  max \(Measure.format(times.last ?? 0))   target p99 < 5 ms")
        print("    session now: \(driver.store.session.codingCount) codings")
        try driver.close()
    }

    /// Sends `count` keys of a coder's rhythm (read, select, code, sometimes undo, move on), each followed by a
    /// frame; returns the times in milliseconds, sorted.
    static func keystrokes(_ driver: AppDriver, count: Int) -> [Double] {
        // A coder's rhythm: read, select, code, sometimes undo, move on.
        let script: [[Key]] = [
            [.char("j")], [.char("j")], [.char("k")], [.ctrl("d")], [.ctrl("u")],
            [.char("V"), .char("j"), .char("c")] + Key.typing("bedreig") + [.enter],
            [.char("j")], [.char("c")] + Key.typing("vader") + [.enter],
            [.char("u")], [.char("]"), .char("q")], [.char("j")], [.char("}")],
        ]
        let flat = script.flatMap { $0 }
        var times: [Double] = []
        times.reserveCapacity(count)
        var i = 0
        while times.count < count {
            let key = flat[i % flat.count]
            i += 1
            times.append(Measure.seconds {
                driver.send(key)
                _ = driver.render()
            } * 1000)
        }
        times.sort()
        return times
    }
}
