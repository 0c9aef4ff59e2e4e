import Foundation
import GlossCore
import GlossTerminal

/// Finds and loads a theme by name: `$GLOSS_THEMES`, `Themes/` next to the executable's build folder, or
/// the source tree; `NO_COLOR` means monochrome.
///
/// A theme that is asked for and missing, or a theme file that is malformed (bad JSON, an unknown role or
/// key, a bad colour), is an error naming the file and the key, reported before any screen opens. Only
/// `default` and `monochrome` have built-in stand-ins, used when no file of that name exists at all.
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

    /// The theme `name` (or, without one, `monochrome` under `NO_COLOR` and `default` otherwise).
    static func load(name: String?) throws -> Theme {
        let environment = ProcessInfo.processInfo.environment
        let wanted = name ?? ((environment["NO_COLOR"].map { !$0.isEmpty } ?? false) ? "monochrome" : "default")
        let paths = searchPaths()
        if ThemeLoader.locate(name: wanted, searchPaths: paths) == nil, let builtIn = builtIn(wanted) { return builtIn }
        do {
            return try ThemeLoader.load(name: wanted, searchPaths: paths)
        } catch let error as ThemeError {
            throw GlossError(file: error.file, place: error.place.isEmpty ? nil : error.place, error.message)
        }
    }

    /// The themes compiled in, for an installation without a `Themes` folder.
    static func builtIn(_ name: String) -> Theme? {
        switch name {
        case "default": return .fallback
        case "monochrome":
            var theme = Theme.fallback
            theme.name = "monochrome"
            theme.useColor = false
            return theme
        default: return nil
        }
    }

    /// On a terminal with fewer than 16 colours (`TERM=xterm`, `TERM=screen`) the theme's palette is mapped to
    /// the eight ANSI colours (`EightColors.adapt`): nearest hue, greys to black or white, text always
    /// readable on what is behind it, bold where a background shade cannot be shown.
    static func adapt(_ theme: Theme, to backend: CursesBackend) -> Theme {
        guard theme.useColor, backend.colorCount > 0, backend.colorCount < 16 else { return theme }
        let mapped = EightColors.adapt(theme)
        backend.apply(theme: mapped)
        return mapped
    }
}
