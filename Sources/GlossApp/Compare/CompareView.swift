import GlossAnalysis
import GlossCore
import GlossTerminal

/// Draws the side-by-side comparison: per message, A's codes that start there on the left, the message in
/// the middle, B's on the right. Each code is prefixed `=` (both coders applied it in this chat), `A` or `B`
/// (only that coder did), so agreement reads without colour.
public enum CompareView {
    public static func render(_ state: CompareState, theme: Theme) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        if TooSmallView.render(into: &buffer, theme: theme) { return buffer }
        let (main, status) = buffer.area.splitBottom(1)
        var body = main
        if state.showTable {
            let (left, right) = main.splitLeft(main.width * 3 / 5)
            body = left
            renderTable(state, area: right, into: &buffer, theme: theme)
        }
        guard let chat = state.chat else { return buffer }
        let a = state.coders[0], b = state.coders[1]
        let inA = Set(state.a.codings(in: chat.id).flatMap(\.codes)), inB = Set(state.b.codings(in: chat.id).flatMap(\.codes))
        let both = inA.intersection(inB).count, onlyA = inA.subtracting(inB).count, onlyB = inB.subtracting(inA).count
        let pairable = state.agreement.pairable.contains(chat.id)
        let title = "Compare · \(chat.id) \(state.chatIndex + 1)/\(state.project.chatCount) · A \(a) vs B \(b)"
        buffer.render(Block(title: title, focused: true, borderStyle: theme.style(.borderFocused), titleStyle: theme.style(.titleFocused)), in: body)
        let inner = body.inset(1)
        let summary = pairable
            ? "This chat (chat × code): \(both) agree, \(onlyA) only A, \(onlyB) only B" + (both + onlyA + onlyB > 0 ? " · positive agreement \(Int((100 * Double(both) / Double(both + onlyA + onlyB)).rounded())) %" : "")
            : "Not pairable: \(a) \(state.a.status(of: chat.id).label), \(b) \(state.b.status(of: chat.id).label) (both must mark it done)"
        buffer.write(TextFitting.end(summary, inner.width), x: inner.x, y: inner.y, style: theme.style(.header), clip: inner)
        if state.isClosed {
            buffer.render(Paragraph("Blind coding: mark this chat done in your own session before comparing it.", style: theme.style(.statusWarning)),
                          in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: 2))
            renderStatus(state, area: status, into: &buffer, theme: theme)
            return buffer
        }
        let side = max(14, inner.width / 4)
        let middle = max(10, inner.width - 2 * side - 2)
        buffer.write(TextFitting.left("A · \(a)", side), x: inner.x, y: inner.y + 1, style: theme.style(.dim), clip: inner)
        buffer.write("B · \(b)", x: inner.maxX - side, y: inner.y + 1, style: theme.style(.dim), clip: inner)
        if let seen = state.seenNote(chat.id) {
            buffer.write(TextFitting.end(seen, middle), x: inner.x + side + 1, y: inner.y + 1, style: theme.style(.statusWarning), clip: inner)
        }
        var y = inner.y + 2
        var number = state.topMessage
        while y < inner.maxY, number <= chat.messages.count {
            let message = chat.messages[number - 1]
            let header = "\(number == state.cursor ? "▶" : " ")\(number) \(message.speaker)"
            let lines = TextFitting.wrap(message.text, middle)
            let codesA = labels(state.a, chat: chat.id, message: number, own: inA, other: inB, mark: "A", state: state)
            let codesB = labels(state.b, chat: chat.id, message: number, own: inB, other: inA, mark: "B", state: state)
            let rows = max(1 + lines.count, codesA.count, codesB.count)
            let scalars = Array(message.text.unicodeScalars)
            for row in 0..<rows where y < inner.maxY {
                if number == state.cursor { buffer.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1)) { $0 = $0.merging(theme.style(.cursorLine)) } }
                if row < codesA.count {
                    buffer.write(TextFitting.end(codesA[row].text, side - 1), x: inner.x, y: y, style: codesA[row].agree ? theme.style(.text) : theme.style(.statusWarning), clip: inner)
                }
                let mx = inner.x + side + 1
                if row == 0 {
                    buffer.write(header, x: mx, y: y, style: theme.style(.speakerVictim), clip: Rect(x: mx, y: y, width: middle, height: 1))
                } else if row - 1 < lines.count {
                    var piece = String.UnicodeScalarView()
                    piece.append(contentsOf: scalars[lines[row - 1]])
                    buffer.write(String(piece), x: mx, y: y, style: theme.style(.text), clip: Rect(x: mx, y: y, width: middle, height: 1))
                }
                if row < codesB.count {
                    buffer.write(TextFitting.end(codesB[row].text, side - 1), x: inner.maxX - side + 1, y: y, style: codesB[row].agree ? theme.style(.text) : theme.style(.statusWarning), clip: inner)
                }
                y += 1
            }
            number += 1
        }
        renderStatus(state, area: status, into: &buffer, theme: theme)
        if let scroll = state.help {
            OverlayView.renderKeyHelp(KeyReference.lines(for: .compare), scroll: scroll, title: "Compare keys (from the keymap) · any other key closes", into: &buffer, theme: theme)
        }
        return buffer
    }

    /// The codes a coder's quotes starting in `message` carry, each marked `=` (both applied it in the chat)
    /// or with the coder's letter (only this coder).
    static func labels(_ session: Session, chat: String, message: Int, own: Set<CodeID>, other: Set<CodeID>, mark: String,
                       state: CompareState) -> [(text: String, agree: Bool)] {
        session.codings(in: chat).filter { $0.span.from.message == message }.flatMap { coding in
            coding.codes.map { code in
                let agree = other.contains(code)
                let span = coding.span.from.message == coding.span.to.message ? "" : " (#\(coding.span.from.message)–\(coding.span.to.message))"
                return ((agree ? "= " : "\(mark) ") + (state.hierarchy.code(code)?.name ?? "?") + span, agree)
            }
        }
    }

    static func renderTable(_ state: CompareState, area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        buffer.render(Block(title: "Per code (chat × code, \(state.agreement.pairable.count) pairable chats)", borderStyle: theme.style(.border), titleStyle: theme.style(.title)), in: area)
        let inner = area.inset(1)
        let c = state.agreement.cells
        func pct(_ v: Double?) -> String { v.map { "\(Int(($0 * 100).rounded())) %" } ?? "undef." }
        func coef(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "undef." }
        buffer.write(TextFitting.end("positive agreement \(pct(c.positiveAgreement)) · all cells \(pct(c.overallAgreement)) · α \(coef(c.alpha)) · κ \(coef(c.kappa))", inner.width),
                     x: inner.x, y: inner.y, style: theme.style(.header), clip: inner)
        buffer.write(TextFitting.left("code", max(1, inner.width - 24)) + " n11 n10 n01     κ", x: inner.x, y: inner.y + 1, style: theme.style(.dim), clip: inner)
        let rows = state.agreement.perCode.filter { $0.cells.n11 + $0.cells.n10 + $0.cells.n01 > 0 }
        for (i, row) in rows.dropFirst(state.tableTop).prefix(max(0, inner.height - 2)).enumerated() {
            let name = TextFitting.middle(state.hierarchy.code(row.code)?.name ?? "?", max(1, inner.width - 25))
            let numbers = String(format: " %3d %3d %3d ", row.cells.n11, row.cells.n10, row.cells.n01) + TextFitting.right(coef(row.kappa), 6)
            let disagree = row.cells.n10 + row.cells.n01 > 0
            buffer.write(TextFitting.left(name, max(1, inner.width - 24)) + numbers, x: inner.x, y: inner.y + 2 + i,
                         style: disagree ? theme.style(.statusWarning) : theme.style(.text), clip: inner)
        }
    }

    static func renderStatus(_ state: CompareState, area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        buffer.fill(area, style: theme.style(.statusBar))
        let x = buffer.write(" COMPARE ", x: area.x, y: area.y, style: theme.style(.statusKey).adding(theme.useColor ? [] : .reverse), clip: area)
        let pending = state.pendingKeys.isEmpty ? nil : WhichKey.line(state.pendingKeys, in: state.contexts)
        let text = state.notice?.text ?? pending ?? "= both · A/B only one coder │ " + Keymap.hints(for: state.contexts)
        buffer.write(" " + TextFitting.end(text, max(1, area.width - x - 1)), x: x, y: area.y, style: theme.style(.statusBar), clip: area)
    }
}
