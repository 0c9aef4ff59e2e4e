import GlossCore

/// The status line's account of what a decision changed in the consensus ("chat-01: take A · + Schuldgevoel
/// aangepraat on 1 quote · − Emotioneel geweld on 1 quote"), read off the consensus before and after it, so
/// it says what happened rather than what the key means.
enum ReviewChangeSummary {
    static func text(_ record: DecisionRecord, before: Session, after: Session, name: (CodeID) -> String) -> String {
        let decision = ReviewView.describe(record.decision ?? "")
        guard let chat = record.chat else {
            // A proposed code: the decision is the change (accept, rename, merge, reject).
            return "\(record.code.map { TerminalText.escaped($0, layout: .singleLine) } ?? "proposal"): \(decision)"
        }
        if record.disagreement == "attribute" {
            let variable = record.code ?? ""
            let value: String
            switch after.attribute(variable, in: chat) {
            case .none: value = "no value entered (the header's or imported value counts)"
            case .some(.none): value = "unknown"
            case .some(.some(let text)): value = text
            }
            return TerminalText.escaped("\(chat) \(variable): \(decision) · consensus now \(value)", layout: .singleLine)
        }
        func counts(_ session: Session) -> [CodeID: Int] {
            var counts: [CodeID: Int] = [:]
            for coding in session.codings(in: chat) { for code in coding.codes { counts[code, default: 0] += 1 } }
            return counts
        }
        let was = counts(before), now = counts(after)
        var parts: [String] = []
        for code in Set(was.keys).union(now.keys).sorted(by: { name($0) < name($1) }) {
            let old = was[code] ?? 0, new = now[code] ?? 0
            guard old != new else { continue }
            let quotes = { (n: Int) in n == 1 ? "1 quote" : "\(n) quotes" }
            if old == 0 { parts.append("+ \(name(code)) on \(quotes(new))") }
            else if new == 0 { parts.append("− \(name(code)) (was on \(quotes(old)))") }
            else { parts.append("\(name(code)) now on \(quotes(new)) (was \(old))") }
        }
        if parts.isEmpty {
            // The same count can hide other spans (a decision on differing spans): say the spans moved.
            let moved = before.codings(in: chat).map { ($0.span, $0.codes) }.sorted { $0.0 < $1.0 }.map { "\($0.0)\($0.1)" }
                != after.codings(in: chat).map { ($0.span, $0.codes) }.sorted { $0.0 < $1.0 }.map { "\($0.0)\($0.1)" }
            parts.append(moved ? "quotes changed in the consensus" : "the consensus already was so (nothing changed)")
        }
        return TerminalText.escaped("\(chat): \(decision) · " + parts.joined(separator: " · "), layout: .singleLine)
    }
}
