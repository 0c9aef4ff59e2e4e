import Foundation
import GlossTerminal

/// Finds and loads a theme by name: `Themes/` next to the executable's build folder, `$GLOSS_THEMES`, or
/// the source tree; `NO_COLOR` means monochrome. Falls back to the built-in theme with a warning.
enum ThemeChoice {
    static func searchPaths() -> [URL] {
        var paths: [URL] = []
        if let env = ProcessInfo.processInfo.environment["GLOSS_THEMES"] { paths.append(URL(fileURLWithPath: env)) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            paths.append(folder.appendingPathComponent("Themes"))
            folder = folder.deletingLastPathComponent()
        }
        paths.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes"))
        return paths
    }

    static func load(name: String?) -> Theme {
        let environment = ProcessInfo.processInfo.environment
        let wanted = name ?? ((environment["NO_COLOR"].map { !$0.isEmpty } ?? false) ? "monochrome" : "default")
        let paths = searchPaths()
        for folder in paths {
            let file = folder.appendingPathComponent("\(wanted).json")
            guard let data = try? Data(contentsOf: file) else { continue }
            if let theme = try? ThemeLoader.parse(data, name: wanted, file: file.path) { return theme }
        }
        if wanted == "monochrome" {
            var theme = Theme.fallback
            theme.name = "monochrome"
            theme.useColor = false
            return theme
        }
        return .fallback
    }

    /// On a terminal with fewer than 16 colours the dark greys of the colour themes turn black (the cursor
    /// line would vanish), so such terminals get the monochrome theme, which carries everything in
    /// bold, reverse and underline.
    static func adapt(_ theme: Theme, to backend: CursesBackend) -> Theme {
        guard theme.useColor, backend.colorCount > 0, backend.colorCount < 16 else { return theme }
        let monochrome = load(name: "monochrome")
        backend.apply(theme: monochrome)
        return monochrome
    }
}
