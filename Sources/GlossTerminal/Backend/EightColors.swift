#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A theme's palette on a terminal with only the eight ANSI colours (0 black, 1 red, 2 green, 3 yellow, 4 blue,
/// 5 magenta, 6 cyan, 7 white), as `TERM=xterm` and `TERM=screen` have. Pure functions, tested without a terminal.
///
/// Nearest colour in RGB is the wrong rule there: every grey and pastel falls on black or white, so a dark theme's
/// borders turn black on black and its accents white. Instead:
/// - A grey becomes black or white, whichever reads on what is behind it; a grey far from that text colour (a
///   border, a timestamp) also gets `dim`, unless it is bold.
/// - A colour becomes the basic colour of nearest hue that reads on what is behind it (contrast at least
///   `minimumContrast`), else black or white.
/// - A background shade close to the terminal's own background cannot be shown: a style with only a
///   background (the cursor line) drops it and becomes bold; a bar with its own text colour (the status bar)
///   takes the text colour as background (reverse video).
///
/// Whether a theme is drawn for a dark or a light terminal is read off its text colours (`isDark`).
public enum EightColors {
    /// The lowest contrast ratio (WCAG's, from xterm's RGB values) allowed between a text colour and what is
    /// behind it. Blue on black (2.2) passes; yellow on white (1.4) and cyan on white (1.6) do not.
    public static let minimumContrast = 2.0

    /// `theme` with every role's colours among the eight (`.indexed(0…7)` or `.default`), readable on the
    /// background the theme is made for. A theme without colours is returned as it is.
    public static func adapt(_ theme: Theme) -> Theme {
        guard theme.useColor else { return theme }
        let dark = isDark(theme)
        var styles: [Theme.Role: Style] = [:]
        for role in Theme.Role.allCases {
            styles[role] = style(theme.styles[role] ?? Theme.fallback.styles[role] ?? .plain, dark: dark)
        }
        return Theme(name: theme.name, useColor: true, styles: styles)
    }

    /// Whether `theme` is made for a dark terminal background: the mean lightness of the colours it gives text
    /// drawn on the terminal's own background (styles without a background) is above one half. True when it
    /// gives none.
    public static func isDark(_ theme: Theme) -> Bool {
        var total = 0.0
        var count = 0
        for role in Theme.Role.allCases {
            guard let style = theme.styles[role] ?? Theme.fallback.styles[role], style.background == .default,
                  let (r, g, b) = rgb(style.foreground) else { continue }
            total += (0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)) / 255
            count += 1
        }
        return count == 0 || total / Double(count) > 0.5
    }

    /// The terminal's own background (0 or 7) for a theme: black for a dark theme, white for a light one.
    public static func terminalBackground(for theme: Theme) -> Int { isDark(theme) ? 0 : 7 }

    /// One style on the eight colours; `dark` says which background the theme is made for.
    static func style(_ style: Style, dark: Bool) -> Style {
        let terminalBackground = dark ? 0 : 7
        let textColor = 7 - terminalBackground
        var attributes = style.attributes
        var background: Int?
        if let (r, g, b) = rgb(style.background) {
            if isGrey(r, g, b) {
                let nearTerminalBackground = dark ? greyLevel(r, g, b) < 115 : greyLevel(r, g, b) >= 115
                if !nearTerminalBackground {
                    background = textColor
                } else if style.foreground == .default {
                    attributes.insert(.bold)
                } else {
                    background = textColor
                }
            } else {
                background = nearestHue(r, g, b, readableOn: nil)
            }
        }
        let behind = background ?? terminalBackground
        var foreground: Int?
        if let (r, g, b) = rgb(style.foreground) {
            let chosen = readable(r, g, b, on: behind)
            foreground = chosen
            if background == nil, isGrey(r, g, b), !attributes.contains(.bold),
               abs(greyLevel(r, g, b) - greyLevel(ColorMapping.rgb(ofIndex: chosen))) > 80 {
                attributes.insert(.dim)
            }
        } else if let background, contrast(textColor, background) < minimumContrast {
            foreground = extreme(on: background)
        }
        return Style(foreground: foreground.map { .indexed(UInt8($0)) } ?? .default,
                     background: background.map { .indexed(UInt8($0)) } ?? .default,
                     attributes: attributes)
    }

    /// The colour pair to draw, given terminal colours (-1 for the terminal's default) on an eight-colour
    /// terminal whose own background is `terminalBackground` (0 or 7): the foreground is replaced by black or
    /// white where it would not read on the background (a code colour on a selection, two roles merged).
    public static func readablePair(foreground: Int, background: Int, terminalBackground: Int) -> (foreground: Int, background: Int) {
        let behind = background < 0 ? terminalBackground : background
        let shown = foreground < 0 ? 7 - terminalBackground : foreground
        guard (0..<8).contains(behind), (0..<8).contains(shown), contrast(shown, behind) < minimumContrast else {
            return (foreground, background)
        }
        return (extreme(on: behind), background)
    }

    /// The nearest of the eight for an RGB colour, without regard to a background: greys to black or white by
    /// lightness, colours to the basic colour of nearest hue.
    public static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        if isGrey(r, g, b) { return greyLevel(r, g, b) < 115 ? 0 : 7 }
        return nearestHue(r, g, b, readableOn: nil)
    }

    /// The contrast ratio (1…21) between two of the eight colours, from xterm's RGB values.
    public static func contrast(_ a: Int, _ b: Int) -> Double {
        let la = luminance(ColorMapping.rgb(ofIndex: a)), lb = luminance(ColorMapping.rgb(ofIndex: b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    // MARK: - Parts

    /// A colour as the terminal would show it on 256 colours, or nil for the default.
    static func rgb(_ color: Color) -> (UInt8, UInt8, UInt8)? {
        switch color {
        case .default: return nil
        case .indexed(let n): return ColorMapping.rgb(ofIndex: Int(n))
        case .rgb(let r, let g, let b): return (r, g, b)
        }
    }

    /// Black or white, whichever contrasts more with `background`.
    static func extreme(on background: Int) -> Int {
        contrast(0, background) >= contrast(7, background) ? 0 : 7
    }

    /// A colour that reads on `background`: black or white for a grey, else the nearest hue that reads.
    static func readable(_ r: UInt8, _ g: UInt8, _ b: UInt8, on background: Int) -> Int {
        isGrey(r, g, b) ? extreme(on: background) : nearestHue(r, g, b, readableOn: background)
    }

    /// The chromatic basic colour (1…6) of nearest hue (ties: nearest in RGB), among those that read on
    /// `background` when one is given; black or white when none does.
    static func nearestHue(_ r: UInt8, _ g: UInt8, _ b: UInt8, readableOn background: Int?) -> Int {
        let h = hue(r, g, b)
        let candidates = (1...6).filter { background == nil || contrast($0, background!) >= minimumContrast }
        guard let best = candidates.min(by: { rank($0, hue: h, r, g, b) < rank($1, hue: h, r, g, b) }) else {
            return extreme(on: background ?? 0)
        }
        return best
    }

    private static func rank(_ index: Int, hue h: Double, _ r: UInt8, _ g: UInt8, _ b: UInt8) -> (Double, Int) {
        let (r2, g2, b2) = ColorMapping.rgb(ofIndex: index)
        let d = abs(h - basicHues[index])
        let dr = Int(r) - Int(r2), dg = Int(g) - Int(g2), db = Int(b) - Int(b2)
        let rgbDistance = dr * dr + dg * dg + db * db
        return (min(d, 360 - d), rgbDistance)
    }

    /// Hues of the basic colours, by colour number (black and white have none).
    private static let basicHues: [Double] = [0, 0, 120, 60, 240, 300, 180, 0]

    /// HSV hue in degrees (0…360).
    static func hue(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Double {
        let r = Double(r), g = Double(g), b = Double(b)
        let high = max(r, g, b), low = min(r, g, b), delta = high - low
        guard delta > 0 else { return 0 }
        var h: Double
        if high == r { h = (g - b) / delta } else if high == g { h = (b - r) / delta + 2 } else { h = (r - g) / delta + 4 }
        h *= 60
        return h < 0 ? h + 360 : h
    }

    /// A colour whose channels differ by less than 40 (of 255) is a grey.
    static func isGrey(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool {
        Int(max(r, g, b)) - Int(min(r, g, b)) < 40
    }

    static func greyLevel(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int { (Int(r) + Int(g) + Int(b)) / 3 }
    private static func greyLevel(_ rgb: (UInt8, UInt8, UInt8)) -> Int { greyLevel(rgb.0, rgb.1, rgb.2) }

    /// WCAG relative luminance.
    private static func luminance(_ rgb: (UInt8, UInt8, UInt8)) -> Double {
        func channel(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(rgb.0) + 0.7152 * channel(rgb.1) + 0.0722 * channel(rgb.2)
    }
}
