import GlossCore

/// A review meeting's decisions, keyed the way the agenda is keyed today. The decision log keeps each item's key
/// as it was when the item was decided (`chat|code`, `different|A|B|chat`, `spans|chat|code`, `proposal|code`:
/// `Review.Item.key`), but the coders' sessions follow later codebook merges and retirements
/// (`CodeMigration`), so the agenda derived again from them carries the codes of now. Without following the
/// logged keys too, a finished meeting turned provisional after a merge. The log itself is never rewritten.
public enum FollowedDecisions {
    /// `log`'s decisions in force (`DecisionLog.decided`) under their keys with every code id followed through
    /// the codebook's mappings (`CodeMigration.effective` up to the codebook's revision). A decision on a code
    /// that was dropped since matches no item any more; one whose followed key equals an agenda item's key
    /// decides that item. An item decided under its key of now keeps that decision.
    public static func decided(_ log: DecisionLog, in project: Project, warn: (String) -> Void = { _ in }) throws -> [String: DecisionRecord] {
        decided(log.decided, codebook: project.codebook, mappings: try project.codebookMappings(warn: warn))
    }

    /// `decided` (item key → decision) with the code ids in each key followed through `mappings`.
    public static func decided(_ decided: [String: DecisionRecord], codebook: Codebook, mappings: [CodeMapping]) -> [String: DecisionRecord] {
        guard !mappings.isEmpty else { return decided }
        // Code ids are never reused, so following every mapping (not only those after the decision) is safe; a code
        // the codebook still has stays itself, as for figures and groups (`Project.followMappings`).
        let follow = CodeMigration.current(in: codebook, through: mappings)
        var result: [String: DecisionRecord] = [:]
        for (key, record) in decided.sorted(by: { $0.key < $1.key }) {
            for form in forms(of: key, follow: follow).sorted() where result[form] == nil { result[form] = record }
        }
        for (key, record) in decided { result[key] = record }
        return result
    }

    /// `key` with its code ids followed, under each reading the key format allows (a chat id may hold "|", so a
    /// key is read every way it can be: a code id is never a chat id, so a wrong reading follows nothing and
    /// gives back the key as logged). A reading whose code was dropped gives nothing.
    static func forms(of key: String, follow: (CodeID) -> CodeID?) -> Set<String> {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return [key] }
        var forms = Set<String>()
        // `chat|code`, `spans|chat|code`, `proposal|code`: the code id comes last (code ids hold no "|").
        if let code = follow(CodeID(parts[parts.count - 1])) {
            forms.insert((parts.dropLast() + [code.rawValue]).joined(separator: "|"))
        }
        // `different|A|B|chat`: both codes must still be there.
        if parts.count >= 4, parts[0] == "different", let a = follow(CodeID(parts[1])), let b = follow(CodeID(parts[2])) {
            forms.insert((["different", a.rawValue, b.rawValue] + parts[3...]).joined(separator: "|"))
        }
        // `attribute|length|chat|variable` holds no code id.
        if parts[0] == "attribute" { forms.insert(key) }
        return forms
    }
}
