import GlossAnalysis
import GlossCore

/// The rows of the codebook tree as shown: every main code, and the children of each expanded code.
public enum TreeRows {
    public struct Row: Equatable, Sendable {
        public var id: CodeID
        public var depth: Int
        public var hasChildren: Bool
        public var expanded: Bool
    }

    public static func rows(_ state: AppState) -> [Row] {
        rows(hierarchy: state.hierarchy, expanded: state.expanded)
    }

    public static func rows(hierarchy: CodeHierarchy, expanded: Set<CodeID>) -> [Row] {
        var result: [Row] = []
        func walk(_ id: CodeID, depth: Int) {
            let children = hierarchy.children(of: id)
            let open = expanded.contains(id)
            result.append(Row(id: id, depth: depth, hasChildren: !children.isEmpty, expanded: open))
            if open { for child in children { walk(child, depth: depth + 1) } }
        }
        let roots = hierarchy.codebook.roots.map(\.id) + hierarchy.proposed.values.filter { $0.parent == nil }.map(\.id).sorted()
        for root in roots { walk(root, depth: 0) }
        return result
    }
}
