import GlossTerminal

/// Where everything goes on a screen of the state's size. Update uses it for page sizes, view for
/// drawing, so both agree.
public struct ScreenLayout: Equatable, Sendable {
    public var status: Rect
    public var panes: [Pane: Rect]
    /// Inside the transcript border: the chat header row, the messages, the current-quote rows.
    public var chatHeader: Rect
    public var messages: Rect
    public var quoteInfo: Rect
    /// Inside the codebook border: the tree and the definition of the selected code.
    public var tree: Rect
    public var detail: Rect
    public var figures: Rect

    public init(width: Int, height: Int, panes visible: [Pane]) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let (main, status) = screen.splitBottom(1)
        self.status = status
        var panes: [Pane: Rect] = [:]
        if visible.count == 3 {
            let (left, rest) = main.splitLeft(main.width / 2)
            let (middle, right) = rest.splitLeft(rest.width / 2)
            panes = [.transcript: left, .codebook: middle, .figures: right]
        } else {
            let (left, right) = main.splitLeft(main.width * 3 / 5)
            panes = [.transcript: left, visible.last ?? .codebook: right]
        }
        self.panes = panes
        let transcript = (panes[.transcript] ?? Rect(x: 0, y: 0, width: 0, height: 0)).inset(1)
        let (header, body) = transcript.splitTop(1)
        let (messages, quoteInfo) = body.splitBottom(2)
        chatHeader = header
        self.messages = messages
        self.quoteInfo = quoteInfo
        let codebook = (panes[.codebook] ?? Rect(x: 0, y: 0, width: 0, height: 0)).inset(1)
        let detailHeight = min(max(4, codebook.height * 2 / 5), 12)
        let (tree, detail) = codebook.splitBottom(detailHeight)
        self.tree = tree
        self.detail = detail
        figures = (panes[.figures] ?? Rect(x: 0, y: 0, width: 0, height: 0)).inset(1)
    }

    public init(_ state: AppState) {
        self.init(width: state.width, height: state.height, panes: state.visiblePanes)
    }
}
