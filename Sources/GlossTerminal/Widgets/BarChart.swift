/// A horizontal bar chart with eighth-block resolution: one row per bar with label, bar, count and percent,
/// and a title row. Used for the live figures and for `gloss report --format text`, so the screen and the
/// report draw the same thing.
///
/// ```
/// Figuur 4. Dwangmiddelen (n = 5; 42 % of 12 chats)
/// Emotioneel geweld  ██████████████████▍    4   80 %
/// Bedreiging         █████████▏             2   40 %
/// ```
/// The bar's full width is 100 % of n. Numbers are right-aligned; labels too long for their column are
/// shortened at the end ("…"), so the words that start a label, which name it, stay. Bars are characters, so they read on a monochrome terminal too.
public struct BarChart: Widget {
    public struct Bar: Equatable, Sendable {
        public var label: String
        public var value: Int
        /// 0–100, or nil when undefined (n = 0).
        public var percent: Double?
        public var color: Color
        public var marked: Bool

        public init(label: String, value: Int, percent: Double?, color: Color = .default, marked: Bool = false) {
            self.label = label
            self.value = value
            self.percent = percent
            self.color = color
            self.marked = marked
        }
    }

    public var title: String
    public var bars: [Bar]
    /// Shown instead of bars when there are none to show (e.g. "no chats coded").
    public var emptyText: String
    /// First bar shown (scrolling).
    public var offset: Int
    public var titleStyle: Style
    public var useColor: Bool

    public init(title: String, bars: [Bar], emptyText: String = "no chats coded", offset: Int = 0,
                titleStyle: Style = .bold, useColor: Bool = true) {
        self.title = title
        self.bars = bars
        self.emptyText = emptyText
        self.offset = offset
        self.titleStyle = titleStyle
        self.useColor = useColor
    }

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bar for `fraction` (0…1) of `columns` cells, in eighths.
    public static func blocks(_ fraction: Double, columns: Int) -> String {
        let total = Int((max(0, min(1, fraction)) * Double(columns * 8)).rounded())
        return String(repeating: "█", count: total / 8) + eighths[total % 8]
    }

    public static func percentText(_ percent: Double?) -> String {
        guard let percent else { return "–" }
        return "\(Int(percent.rounded())) %"
    }

    /// Below this width each bar takes two rows (label and numbers, then the bar): a label, a bar of a few cells
    /// and the numbers no longer fit on one row.
    public static let twoRowWidth = 24

    /// Below this width the title is wrapped over several rows instead of shortened, and labels get 2/3 of what the
    /// numbers leave rather than half (a narrow pane such as the workbench's figures pane).
    public static let narrowWidth = 44

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let narrow = area.width < Self.narrowWidth
        let twoRows = area.width < Self.twoRowWidth
        let titleRows = narrow ? min(area.height, TextFitting.wrap(title, area.width).count) : 1
        if narrow {
            buffer.render(Paragraph(title, style: titleStyle), in: Rect(x: area.x, y: area.y, width: area.width, height: titleRows))
        } else {
            buffer.write(TextFitting.end(title, area.width), x: area.x, y: area.y, style: titleStyle, clip: area)
        }
        let rows = area.height - titleRows
        guard rows > 0 else { return }
        if bars.isEmpty || bars.allSatisfy({ $0.percent == nil }) {
            buffer.write(TextFitting.end(emptyText, area.width), x: area.x, y: area.y + titleRows, style: .dim, clip: area)
            return
        }
        let countWidth = max(3, bars.map { String($0.value).count }.max() ?? 1)
        let percentWidth = 5
        let numbers = countWidth + 1 + percentWidth
        let rowsPerBar = twoRows ? 2 : 1
        let shown = max(1, rows / rowsPerBar)
        let first = max(0, min(offset, max(0, bars.count - shown)))
        let labelShare = narrow ? (area.width - numbers - 2) * 2 / 3 : (area.width - numbers - 2) / 2
        let labelWidth = twoRows ? max(1, area.width - numbers - 1)
            : min(max(8, bars.map { DisplayWidth.of($0.label) + ($0.marked ? 2 : 0) }.max() ?? 8), max(4, labelShare))
        let barWidth = twoRows ? area.width : max(1, area.width - labelWidth - numbers - 2)
        for (index, bar) in bars.dropFirst(first).prefix(shown).enumerated() {
            let y = area.y + titleRows + index * rowsPerBar
            let label = (bar.marked ? "* " : "") + bar.label
            buffer.write(TextFitting.end(label, labelWidth), x: area.x, y: y, clip: area)
            let numberText = TextFitting.right(String(bar.value), countWidth) + " " + TextFitting.right(Self.percentText(bar.percent), percentWidth)
            buffer.write(numberText, x: area.x + area.width - numbers, y: y, clip: area)
            let blocks = Self.blocks((bar.percent ?? 0) / 100, columns: barWidth)
            let barX = twoRows ? area.x : area.x + labelWidth + 1
            buffer.write(blocks, x: barX, y: twoRows ? y + 1 : y, style: Style(foreground: useColor ? bar.color : .default), clip: area)
        }
        if first + shown < bars.count || first > 0 {
            let more = "\(first + 1)–\(min(bars.count, first + shown))/\(bars.count)"
            buffer.write(more, x: area.maxX - more.count, y: area.y, style: .dim, clip: area)
        }
    }

    /// Rows needed to show every bar at `width` (title included).
    public func height(width: Int) -> Int {
        let titleRows = width < Self.narrowWidth ? TextFitting.wrap(title, max(1, width)).count : 1
        return titleRows + max(1, bars.count) * (width < Self.twoRowWidth && !bars.isEmpty && !bars.allSatisfy({ $0.percent == nil }) ? 2 : 1)
    }

}
