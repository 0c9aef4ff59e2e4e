/// Categories whose sub-codes exclude each other (`Code.exclusive`: an age group, yes/no): a chat should carry
/// at most one of them. A code deeper down counts for the sub-code it sits under.
public enum ExclusiveCategories {
    public struct Conflict: Equatable, Sendable {
        /// The exclusive category.
        public var category: CodeID
        /// Its direct sub-codes the chat carries (two or more), in codebook order.
        public var subCodes: [CodeID]
    }

    /// The exclusive categories of which `codes` (one chat's codes) hold two or more sub-codes, in codebook order.
    public static func conflicts(in codebook: Codebook, codes: Set<CodeID>) -> [Conflict] {
        var found: [CodeID: Set<CodeID>] = [:]
        for code in codes where codebook.contains(code) {
            var child = code
            for parent in codebook.ancestors(of: code) {
                if codebook[parent]?.exclusive == true { found[parent, default: []].insert(child) }
                child = parent
            }
        }
        let order = { (id: CodeID) in codebook.order(of: id) ?? Int.max }
        return found.filter { $0.value.count > 1 }
            .map { Conflict(category: $0.key, subCodes: $0.value.sorted { order($0) < order($1) }) }
            .sorted { order($0.category) < order($1.category) }
    }
}
