/// Maps theme and code colours to the colour numbers a terminal has. Pure functions, so they are tested
/// without a terminal; `CursesBackend` calls them once per colour pair it allocates.
///
/// - 256 or more colours: `.rgb` goes to the nearest entry of the xterm 6×6×6 cube (16–231) or grey ramp
///   (232–255); the 16 basic colours are never chosen for RGB because users redefine them.
/// - 16 colours (`COLORS` 16…255): everything goes to the nearest of the 16 basic colours.
/// - 8 colours: `EightColors.nearest` (greys to black or white, colours to the basic colour of nearest hue);
///   themes are mapped beforehand by `EightColors.adapt`, and the backend keeps every pair readable with
///   `EightColors.readablePair`.
/// - `.default` is -1 (the terminal's own foreground or background).
public enum ColorMapping {
    /// The terminal colour number for `color` on a terminal with `colors` colours (`COLORS`); -1 for default.
    public static func terminalColor(_ color: Color, colors: Int) -> Int {
        switch color {
        case .default:
            return -1
        case .indexed(let n):
            let index = Int(n)
            if colors >= 256 || index < min(colors, 16) { return index }
            let (r, g, b) = rgb(ofIndex: index)
            if colors < 16 { return EightColors.nearest(r, g, b) }
            return nearestBasic(r, g, b, count: basicCount(colors))
        case .rgb(let r, let g, let b):
            if colors >= 256 { return nearest256(r, g, b) }
            if colors < 16 { return EightColors.nearest(r, g, b) }
            return nearestBasic(r, g, b, count: basicCount(colors))
        }
    }

    /// 16 when the terminal has at least 16 colours, otherwise 8.
    static func basicCount(_ colors: Int) -> Int { colors >= 16 ? 16 : 8 }

    /// The nearest xterm cube or grey-ramp colour (16…255).
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        nearest(r, g, b, in: 16..<256)
    }

    /// The nearest of the first `count` (8 or 16) basic colours.
    public static func nearestBasic(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> Int {
        nearest(r, g, b, in: 0..<max(1, min(count, 16)))
    }

    /// The RGB value xterm uses for colour `index` (0…255); used for nearest-colour searches.
    public static func rgb(ofIndex index: Int) -> (UInt8, UInt8, UInt8) {
        switch index {
        case ..<0:
            return (0, 0, 0)
        case 0..<16:
            return basic[index]
        case 16..<232:
            let n = index - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        case 232..<256:
            let v = UInt8(8 + 10 * (index - 232))
            return (v, v, v)
        default:
            return (255, 255, 255)
        }
    }

    /// Squared RGB distance between two terminal colours; -1 (default) is only near itself.
    static func distance(_ a: Int, _ b: Int) -> Int {
        if a == b { return 0 }
        if a < 0 || b < 0 { return 3 * 255 * 255 + 1 }
        let (r1, g1, b1) = rgb(ofIndex: a)
        let (r2, g2, b2) = rgb(ofIndex: b)
        return squared(r1, r2) + squared(g1, g2) + squared(b1, b2)
    }

    private static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, in range: Range<Int>) -> Int {
        var best = range.lowerBound
        var bestDistance = Int.max
        for index in range {
            let (r2, g2, b2) = rgb(ofIndex: index)
            let d = squared(r, r2) + squared(g, g2) + squared(b, b2)
            if d < bestDistance { best = index; bestDistance = d }
        }
        return best
    }

    private static func squared(_ a: UInt8, _ b: UInt8) -> Int {
        let d = Int(a) - Int(b)
        return d * d
    }

    private static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// xterm's default basic colours.
    private static let basic: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
