import Foundation
import Testing
@testable import GlossTerminal

/// The repository's `Themes/` folder.
private let themesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes")

/// xterm's eight basic colours, written out here (not read from the code under test).
private let xterm8: [(Double, Double, Double)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
]

/// WCAG 2 contrast ratio between two of the eight, computed independently of `EightColors`.
private func wcagContrast(_ a: Int, _ b: Int) -> Double {
    func linear(_ v: Double) -> Double {
        let c = v / 255
        return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    func luminance(_ i: Int) -> Double {
        let (r, g, b) = xterm8[i]
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }
    let la = luminance(a), lb = luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

private func index(_ color: Color) -> Int? {
    switch color {
    case .default: return nil
    case .indexed(let n): return Int(n)
    case .rgb: return -1
    }
}

/// On `TERM=xterm` / `TERM=screen` (8 colours) the workbench used to drop to the monochrome theme; the
/// palette is now mapped to the eight colours, every role readable on what is behind it.
@Suite struct EightColorThemeTests {
    /// Which background each bundled colour theme is made for (from its description in Themes/README.md).
    static let darkThemes: [String: Bool] = ["default": true, "high-contrast": true, "light": false]

    @Test func everyBundledColourThemeIsCovered() {
        let names = Set(ThemeLoader.availableThemes(in: [themesDirectory])).subtracting(["monochrome"])
        #expect(names == Set(Self.darkThemes.keys), "a new theme needs its background stated here")
    }

    @Test(arguments: ["default", "high-contrast", "light"])
    func everyRoleOfEveryThemeIsAReadablePairOfTheEight(name: String) throws {
        let theme = try ThemeLoader.load(name: name, searchPaths: [themesDirectory])
        let dark = try #require(Self.darkThemes[name] as Bool?)
        #expect(EightColors.isDark(theme) == dark)
        let mapped = EightColors.adapt(theme)
        #expect(mapped.useColor, "colour stays on")
        let terminalBackground = dark ? 0 : 7, terminalText = dark ? 7 : 0
        for role in Theme.Role.allCases {
            let style = mapped.style(role)
            let fg = index(style.foreground), bg = index(style.background)
            #expect(fg == nil || (0...7).contains(fg!), "\(name) \(role.rawValue): foreground \(style.foreground)")
            #expect(bg == nil || (0...7).contains(bg!), "\(name) \(role.rawValue): background \(style.background)")
            let shownText = fg ?? terminalText, shownBehind = bg ?? terminalBackground
            #expect(shownText != shownBehind, "\(name) \(role.rawValue): text would vanish")
            #expect(wcagContrast(shownText, shownBehind) >= 2.0,
                    "\(name) \(role.rawValue): \(shownText) on \(shownBehind) has contrast \(wcagContrast(shownText, shownBehind))")
            // Every attribute the theme asked for is kept.
            #expect(style.attributes.isSuperset(of: theme.style(role).attributes), "\(name) \(role.rawValue)")
        }
    }

    @Test func theDefaultThemeKeepsItsHuesAndShowsShadesByAttributes() throws {
        let theme = EightColors.adapt(try ThemeLoader.load(name: "default", searchPaths: [themesDirectory]))
        // Hues: 180 #d7af87 -> yellow, 110 #87afd7 -> cyan, 203 #ff5f5f -> red, 114 #87d787 -> green,
        // 176 #d787d7 -> magenta, 75 #5fafff -> cyan (hue 210, as near blue, nearer cyan in RGB).
        #expect(theme.style(.speakerVictim) == Style(foreground: .indexed(3), attributes: .bold))
        #expect(theme.style(.speakerHelper) == Style(foreground: .indexed(6), attributes: .bold))
        #expect(theme.style(.error) == Style(foreground: .indexed(1), attributes: .bold))
        #expect(theme.style(.notice) == Style(foreground: .indexed(2)))
        #expect(theme.style(.proposed) == Style(foreground: .indexed(5), attributes: .italic))
        #expect(theme.style(.borderFocused) == Style(foreground: .indexed(6), attributes: .bold))
        // Greys: a dark grey border (240) must not turn black on a dark terminal: white, dim.
        #expect(theme.style(.border) == Style(foreground: .indexed(7), attributes: .dim))
        #expect(theme.style(.title) == Style(foreground: .indexed(7)))
        // The cursor line's background (237) is a shade of the terminal's black: bold instead.
        #expect(theme.style(.cursorLine) == Style(attributes: .bold))
        // The status bar (252 on 236) becomes a bar in reverse: black on white; its keys (221, yellow) do not
        // read on white (contrast 1.4), so they take the nearest hue that does: red.
        #expect(theme.style(.statusBar) == Style(foreground: .indexed(0), background: .indexed(7)))
        #expect(theme.style(.statusKey) == Style(foreground: .indexed(1), background: .indexed(7), attributes: .bold))
        // Coloured backgrounds keep their hue: 214 orange -> yellow, 117 pale blue -> cyan, with black text.
        #expect(theme.style(.statusWarning) == Style(foreground: .indexed(0), background: .indexed(3), attributes: .bold))
        #expect(theme.style(.selection) == Style(foreground: .indexed(0), background: .indexed(6)))
    }

    @Test func theLightThemeAvoidsColoursThatVanishOnWhite() throws {
        let theme = EightColors.adapt(try ThemeLoader.load(name: "light", searchPaths: [themesDirectory]))
        // 25 #005faf and 24 #005f87 are nearest cyan by hue, but cyan on white has contrast 1.6: blue.
        #expect(theme.style(.borderFocused) == Style(foreground: .indexed(4), attributes: .bold))
        #expect(theme.style(.speakerHelper) == Style(foreground: .indexed(4), attributes: .bold))
        // Greys on a light terminal are black, the pale ones dim.
        #expect(theme.style(.border) == Style(foreground: .indexed(0), attributes: .dim))
        #expect(theme.style(.help) == Style(foreground: .indexed(0)))
        // The status bar (236 on 253): 253 is a shade of the terminal's white, so the bar is reversed.
        #expect(theme.style(.statusBar) == Style(foreground: .indexed(7), background: .indexed(0)))
        #expect(theme.style(.cursorLine) == Style(attributes: .bold))
    }

    @Test func monochromeIsLeftAsItIs() throws {
        let theme = try ThemeLoader.load(name: "monochrome", searchPaths: [themesDirectory])
        #expect(EightColors.adapt(theme) == theme)
    }

    @Test func aPairTheBackendDrawsIsKeptReadable() {
        // A yellow code colour on a light terminal's own background: black instead.
        #expect(EightColors.readablePair(foreground: 3, background: -1, terminalBackground: 7) == (0, -1))
        // Blue text on a blue selection: white.
        #expect(EightColors.readablePair(foreground: 4, background: 4, terminalBackground: 0) == (7, 4))
        // The default (white) text on a white bar of a dark theme: black.
        #expect(EightColors.readablePair(foreground: -1, background: 7, terminalBackground: 0) == (0, 7))
        // Readable pairs are left alone.
        #expect(EightColors.readablePair(foreground: 6, background: -1, terminalBackground: 0) == (6, -1))
        #expect(EightColors.readablePair(foreground: -1, background: -1, terminalBackground: 0) == (-1, -1))
        #expect(EightColors.readablePair(foreground: 0, background: 3, terminalBackground: 0) == (0, 3))
        // Every pair the backend can be asked for reads afterwards.
        for terminalBackground in [0, 7] {
            for fg in -1...7 {
                for bg in -1...7 {
                    let pair = EightColors.readablePair(foreground: fg, background: bg, terminalBackground: terminalBackground)
                    let text = pair.foreground < 0 ? 7 - terminalBackground : pair.foreground
                    let behind = pair.background < 0 ? terminalBackground : pair.background
                    #expect(wcagContrast(text, behind) >= 2.0, "\(fg) on \(bg) over \(terminalBackground) -> \(pair)")
                }
            }
        }
    }

    @Test func codeColoursGoToTheNearestHue() {
        // Pastels used to fall on white by RGB distance; by hue they keep their colour.
        #expect(ColorMapping.terminalColor(.rgb(0xd7, 0xaf, 0x87), colors: 8) == 3)
        #expect(ColorMapping.terminalColor(.rgb(0x87, 0xd7, 0x87), colors: 8) == 2)
        #expect(ColorMapping.terminalColor(.rgb(0xaf, 0x87, 0xd7), colors: 8) == 5)  // hue 270: nearer magenta in RGB
        #expect(ColorMapping.terminalColor(.rgb(0x80, 0x80, 0x80), colors: 8) == 7)
        #expect(ColorMapping.terminalColor(.rgb(0x40, 0x40, 0x40), colors: 8) == 0)
    }
}
