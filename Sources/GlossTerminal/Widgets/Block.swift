/// A border with a title: the frame of a pane or an overlay. The focused pane's border is drawn in the
/// focused style and with heavy lines, so focus reads in monochrome too.
public struct Block: Widget {
    public var title: String
    public var focused: Bool
    public var borderStyle: Style
    public var titleStyle: Style

    public init(title: String, focused: Bool = false, borderStyle: Style = .plain, titleStyle: Style = .bold) {
        self.title = title
        self.focused = focused
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        let (h, v, tl, tr, bl, br) = focused ? ("━", "┃", "┏", "┓", "┗", "┛") : ("─", "│", "┌", "┐", "└", "┘")
        let line = String(repeating: h, count: area.width - 2)
        buffer.write(tl + line + tr, x: area.x, y: area.y, style: borderStyle, clip: area)
        buffer.write(bl + line + br, x: area.x, y: area.maxY - 1, style: borderStyle, clip: area)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.write(v, x: area.x, y: y, style: borderStyle, clip: area)
            buffer.write(v, x: area.maxX - 1, y: y, style: borderStyle, clip: area)
        }
        if !title.isEmpty, area.width > 4 {
            let shown = " " + TextFitting.end(title, area.width - 4) + " "
            buffer.write(shown, x: area.x + 1, y: area.y, style: titleStyle, clip: area)
        }
    }
}

/// Word-wrapped text in one style, clipped to its area (definitions, help, notices).
public struct Paragraph: Widget {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let scalars = Array(text.unicodeScalars)
        for (row, range) in TextFitting.wrap(text, area.width).prefix(area.height).enumerated() {
            var line = String.UnicodeScalarView()
            line.append(contentsOf: scalars[range])
            buffer.write(String(line), x: area.x, y: area.y + row, style: style, clip: area)
        }
    }

    /// Rows the text takes at `width`.
    public func height(width: Int) -> Int { TextFitting.wrap(text, width).count }
}
