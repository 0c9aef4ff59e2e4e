import Foundation
import GlossApp
import GlossCore
import GlossTerminal

/// `gloss-bench open-probe PROJECT CODER [KEYS]`: what `gloss open` does up to its first frame (the same
/// `AppDriver` at the same 80 × 24 size, then the first render), timed inside; prints milliseconds, then
/// closes the session as quitting does. Run as a child of `gloss-bench scale`, so its peak RSS is its own.
/// With KEYS, it then sends that many keys of a coder's rhythm (`WorkbenchBench`'s script: move, select,
/// code, undo) and prints, on a second line, the keystroke-to-frame p50, p99 and max in milliseconds.
enum OpenProbe {
    static func run(project: String, coder: String, keys: Int = 0) throws {
        var driver: AppDriver!
        let seconds = try Measure.seconds {
            driver = try AppDriver(projectRoot: URL(fileURLWithPath: project), coder: coder, width: 80, height: 24)
            _ = driver.render()
        }
        print(String(format: "%.3f", seconds * 1000))
        if ProcessInfo.processInfo.environment["GLOSS_PROBE_MEMORY"] != nil {
            FileHandle.standardError.write(Data(String(format: "peak at first frame %.1f MiB\n", Measure.peakMemoryMiB() ?? 0).utf8))
        }
        if keys > 0 {
            let times = WorkbenchBench.keystrokes(driver, count: keys)
            print(String(format: "keys %d p50 %.3f p99 %.3f max %.3f", keys, Measure.percentile(times, 0.5),
                         Measure.percentile(times, 0.99), times.last ?? 0))
        }
        try driver.close()
    }
}
