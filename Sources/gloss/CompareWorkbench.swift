import Foundation
import GlossCore

/// The side-by-side comparison in the terminal (not built yet).
enum CompareWorkbench {
    static func open(_ root: URL, coders: [String], threshold: Int, theme: String?) throws {
        throw GlossError("the side-by-side view (--tui) is not built yet; use --format text|json|md")
    }
}
