import Foundation
import GlossApp
import GlossCore

/// `gloss-bench open-probe PROJECT CODER`: what `gloss open` does up to its first frame (the same
/// `AppDriver` at the same 80 × 24 size, then the first render), timed inside; prints milliseconds, then
/// closes the session as quitting does. Run as a child of `gloss-bench scale`, so its peak RSS is its own.
enum OpenProbe {
    static func run(project: String, coder: String) throws {
        var driver: AppDriver!
        let seconds = try Measure.seconds {
            driver = try AppDriver(projectRoot: URL(fileURLWithPath: project), coder: coder, width: 80, height: 24)
            _ = driver.render()
        }
        print(String(format: "%.3f", seconds * 1000))
        try driver.close()
    }
}
