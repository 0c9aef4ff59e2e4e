/// Something that draws itself into a rectangle of a screen buffer. Widgets are values: build one from
/// state, render it, throw it away (ratatui's model), so every screen is a pure function of the state.
public protocol Widget {
    func render(into buffer: inout ScreenBuffer, area: Rect)
}

extension ScreenBuffer {
    /// Renders `widget` into `area`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(into: &self, area: area)
    }
}
