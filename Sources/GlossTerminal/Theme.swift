/// The user-interface styles of the workbench, by role. Themes are files in `Themes/` (see
/// `docs/user-guide.md`); code colours come from the codebook, not from the theme.
public struct Theme: Equatable, Sendable {
    /// The parts of the screen a theme styles.
    public enum Role: String, CaseIterable, Sendable {
        case text, dim, border, borderFocused = "border.focused", title, titleFocused = "title.focused"
        case statusBar = "status", statusKey = "status.key", statusWarning = "status.warning"
        case cursorLine = "cursor", selection, quoteCurrent = "quote.current", speakerVictim = "speaker.1"
        case speakerHelper = "speaker.2", gutter, error, notice, match, proposed, help, header
    }

    public var name: String
    /// False for the monochrome theme, with `NO_COLOR`, and on terminals without colours: only attributes
    /// (bold, reverse, underline, dim) are used, and code marks rely on the gutter letters.
    public var useColor: Bool
    public var styles: [Role: Style]

    public init(name: String, useColor: Bool, styles: [Role: Style]) {
        self.name = name
        self.useColor = useColor
        self.styles = styles
    }

    public func style(_ role: Role) -> Style {
        let style = styles[role] ?? Theme.fallback.styles[role] ?? .plain
        return useColor ? style : Style(attributes: style.attributes)
    }

    /// Code colour for marks, or plain when colours are off.
    public func codeStyle(hex: String) -> Style {
        guard useColor, let color = Color(hex: hex) else { return .plain }
        return Style(foreground: color)
    }

    /// The built-in dark theme, used when no theme file can be read.
    public static let fallback = Theme(name: "default", useColor: true, styles: [
        .text: .plain,
        .dim: Style(foreground: .indexed(245)),
        .border: Style(foreground: .indexed(240)),
        .borderFocused: Style(foreground: .indexed(75), attributes: .bold),
        .title: Style(foreground: .indexed(250)),
        .titleFocused: Style(foreground: .indexed(75), attributes: .bold),
        .statusBar: Style(foreground: .indexed(252), background: .indexed(236)),
        .statusKey: Style(foreground: .indexed(221), background: .indexed(236), attributes: .bold),
        .statusWarning: Style(foreground: .indexed(16), background: .indexed(214), attributes: .bold),
        .cursorLine: Style(background: .indexed(237)),
        .selection: Style(foreground: .indexed(16), background: .indexed(117)),
        .quoteCurrent: Style(attributes: [.underline, .bold]),
        .speakerVictim: Style(foreground: .indexed(180), attributes: .bold),
        .speakerHelper: Style(foreground: .indexed(110), attributes: .bold),
        .gutter: Style(foreground: .indexed(244)),
        .error: Style(foreground: .indexed(203), attributes: .bold),
        .notice: Style(foreground: .indexed(114)),
        .match: Style(foreground: .indexed(221), attributes: .bold),
        .proposed: Style(foreground: .indexed(176), attributes: .italic),
        .help: Style(foreground: .indexed(252)),
        .header: Style(attributes: .bold),
    ])
}
