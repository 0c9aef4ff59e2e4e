/// The checks `project.json`'s `variables` must pass, each error naming `variables[i]` and what is wrong.
enum VariableDeclarations {
    static func check(_ declarations: [VariableDeclaration], file: String) throws {
        var seen: [String: Int] = [:]
        for (index, declaration) in declarations.enumerated() {
            let place = "variables[\(index)]"
            func fail(_ message: String) -> GlossError { GlossError(file: file, place: place, message) }
            if let problem = VariableNames.problem(declaration.name) { throw fail("\(GlossError.quoted(declaration.name)): \(problem)") }
            if let first = seen[declaration.name] {
                throw fail("the variable \(GlossError.quoted(declaration.name)) is also variables[\(first)]; names must differ")
            }
            seen[declaration.name] = index
            try checkLabels(declaration.values ?? [], what: "values", fail: fail)
            if let from = declaration.from {
                guard declaration.type == .ordinal, declaration.values == nil else {
                    throw fail("a variable with \"from\" is ordinal (its bins' order) and has no \"values\"")
                }
                guard let source = declarations.firstIndex(where: { $0.name == from }), declarations[source].type == .number, !declarations[source].isDerived else {
                    throw fail("\"from\": \(GlossError.quoted(from)) must be a variable declared with \"type\": \"number\"")
                }
                guard let bins = declaration.bins, !bins.isEmpty else { throw fail("a variable with \"from\" needs \"bins\"") }
                try checkLabels(bins.map(\.label), what: "bins", fail: fail)
                var previous = -Double.infinity
                for (b, bin) in bins.enumerated() {
                    guard let upTo = bin.upTo else {
                        guard b == bins.count - 1 else { throw fail("bins[\(b)] has no \"up_to\"; only the last bin may leave it out") }
                        continue
                    }
                    guard upTo.isFinite, upTo > previous else {
                        throw fail("bins[\(b)].up_to must be a number greater than the bin before it (bins are inclusive upper bounds, ascending)")
                    }
                    previous = upTo
                }
            } else {
                guard declaration.bins == nil else { throw fail("\"bins\" needs \"from\": the number variable to bin") }
                switch declaration.type {
                case .ordinal:
                    guard let values = declaration.values, !values.isEmpty else { throw fail("an ordinal variable lists its \"values\" in order") }
                case .number:
                    guard declaration.values == nil else { throw fail("a number variable has no \"values\"; bin it with a derived variable (\"from\", \"bins\")") }
                case .category:
                    break
                }
            }
        }
    }

    private static func checkLabels(_ labels: [String], what: String, fail: (String) -> GlossError) throws {
        var seen = Set<String>()
        for (index, label) in labels.enumerated() {
            if label.trimmedSpaces.isEmpty { throw fail("\(what)[\(index)] is empty; an empty value means unknown") }
            if label != label.trimmedSpaces { throw fail("\(what)[\(index)] begins or ends with a space") }
            if let problem = VariableNames.valueProblem(label) { throw fail("\(what)[\(index)]: \(problem)") }
            guard seen.insert(label).inserted else { throw fail("\(what)[\(index)] \(GlossError.quoted(label)) is listed twice") }
        }
    }
}
