import Foundation

/// Changes to the figures and code groups of `project.json`, as pure functions of the config: each checks
/// everything first and changes nothing when it throws (`gloss figure`, `gloss group`; `Project` writes and logs).
extension ProjectConfig {
    /// Longest figure title accepted.
    public static let maxTitleLength = 300

    static func titleProblem(_ title: String) -> String? {
        if title.trimmingCharacters(in: .whitespaces).isEmpty { return "a figure title may not be empty" }
        if title.unicodeScalars.count > maxTitleLength { return "a figure title may be at most \(maxTitleLength) characters" }
        if title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "a figure title may not contain control characters" }
        return nil
    }

    private func requireFree(_ number: Int) throws {
        guard number > 0 else { throw GlossError("a figure number must be 1 or more (got \(number))") }
        if figureNumbers.contains(number) { throw GlossError("figure \(number) already exists; choose another number (in use: \(Self.list(figureNumbers)))") }
    }

    private func requireFigure(_ number: Int) throws {
        guard figureNumbers.contains(number) else {
            throw GlossError(figureNumbers.isEmpty ? "there is no figure \(number); the project has no figures (add one with gloss figure add)"
                                                   : "there is no figure \(number); the figures are \(Self.list(figureNumbers))")
        }
    }

    private func requireGroups(_ names: [String]) throws {
        for name in names where group(name) == nil {
            throw GlossError("there is no code group \(GlossError.quoted(name))" + (groups.isEmpty ? "; add one with gloss group add" : "; the groups are \(groups.map { GlossError.quoted($0.name) }.joined(separator: ", "))"))
        }
    }

    public static func list(_ numbers: [Int]) -> String { numbers.map(String.init).joined(separator: ", ") }

    /// Adds a code or group figure.
    public mutating func addFigure(_ figure: FigureDefinition) throws {
        try requireFree(figure.number)
        if let problem = Self.titleProblem(figure.title) { throw GlossError(problem) }
        try requireGroups((figure.groupName.map { [$0] } ?? []) + figure.joins)
        figures.append(figure)
        figures.sort { $0.number < $1.number }
    }

    /// Adds a figure on a case variable.
    public mutating func addVariableFigure(_ figure: VariableFigureDefinition) throws {
        try requireFree(figure.number)
        if let problem = Self.titleProblem(figure.title) { throw GlossError(problem) }
        guard variables.contains(where: { $0.name == figure.variable }) else {
            throw GlossError("there is no declared variable \(GlossError.quoted(figure.variable))"
                             + (variables.isEmpty ? " (project.json declares none; see docs/formats.md)" : "; the variables are \(variables.map(\.name).joined(separator: ", "))"))
        }
        variableFigures.append(figure)
        variableFigures.sort { $0.number < $1.number }
    }

    /// What `editFigure` changes; nil leaves a field as it is.
    public struct FigureEdit: Equatable, Sendable {
        public var title: String?
        public var number: Int?
        public var order: FigureBarOrder?
        public var declared: [CodeID]?
        public var zeros: FigureZeros?
        public var joins: [String]?

        public init(title: String? = nil, number: Int? = nil, order: FigureBarOrder? = nil, declared: [CodeID]? = nil,
                    zeros: FigureZeros? = nil, joins: [String]? = nil) {
            self.title = title
            self.number = number
            self.order = order
            self.declared = declared
            self.zeros = zeros
            self.joins = joins
        }

        var isEmpty: Bool { self == FigureEdit() }
    }

    /// Changes a figure's title, number, bar order, zeros or joined groups (a variable figure: title and number).
    public mutating func editFigure(_ number: Int, _ edit: FigureEdit) throws {
        try requireFigure(number)
        guard !edit.isEmpty else { throw GlossError("nothing to change: give --title, --number, --order, --declare, --zeros or --join") }
        if let title = edit.title, let problem = Self.titleProblem(title) { throw GlossError(problem) }
        if let new = edit.number, new != number { try requireFree(new) }
        if let index = variableFigures.firstIndex(where: { $0.number == number }) {
            guard edit.order == nil, edit.declared == nil, edit.zeros == nil, edit.joins == nil else {
                throw GlossError("figure \(number) is on a variable: only its title and number can change")
            }
            if let title = edit.title { variableFigures[index].title = title }
            if let new = edit.number { variableFigures[index].number = new }
            variableFigures.sort { $0.number < $1.number }
            return
        }
        let index = figures.firstIndex { $0.number == number }!
        var figure = figures[index]
        if let joins = edit.joins {
            try requireGroups(joins)
            guard figure.categoryID != nil || joins.isEmpty else { throw GlossError("--join adds a group as one bar to a category figure; figure \(number) is not one") }
            figure.joins = joins
        }
        if let title = edit.title { figure.title = title }
        if let new = edit.number { figure.number = new }
        if let declared = edit.declared { figure.declared = declared }
        if let order = edit.order { figure.order = order }
        if figure.order == .declared && figure.declared.isEmpty && figure.groupName == nil {
            throw GlossError("--order declared needs the order: give --declare CODE… (the bars' codes in the order wanted)")
        }
        if let zeros = edit.zeros { figure.zeros = zeros }
        figures[index] = figure
        figures.sort { $0.number < $1.number }
    }

    /// Removes a figure (either kind).
    public mutating func removeFigure(_ number: Int) throws {
        try requireFigure(number)
        figures.removeAll { $0.number == number }
        variableFigures.removeAll { $0.number == number }
    }

    /// Moves figure `number` to `target`. A free `target` is a renumbering; a taken one is a reorder: the figure
    /// takes that number and the figures in between shift by one toward its old place, so the set of numbers
    /// stays the same (figures 4, 5, 6: moving 6 to 4 makes the old 4 figure 5 and the old 5 figure 6).
    public mutating func moveFigure(_ number: Int, to target: Int) throws {
        try requireFigure(number)
        guard target > 0 else { throw GlossError("a figure number must be 1 or more (got \(target))") }
        guard target != number else { throw GlossError("figure \(number) already has number \(target)") }
        var renumber: [Int: Int] = [number: target]
        if figureNumbers.contains(target) {
            let between = figureNumbers.filter { target < number ? ($0 >= target && $0 < number) : ($0 > number && $0 <= target) }
            let ordered = target < number ? between + [number] : [number] + between
            let slots = ordered.sorted()
            let rotated = target < number ? [number] + between : between + [number]
            renumber = Dictionary(uniqueKeysWithValues: zip(rotated, slots))
        }
        for i in figures.indices { if let new = renumber[figures[i].number] { figures[i].number = new } }
        for i in variableFigures.indices { if let new = renumber[variableFigures[i].number] { variableFigures[i].number = new } }
        figures.sort { $0.number < $1.number }
        variableFigures.sort { $0.number < $1.number }
    }

    /// Adds `codes` to the group `name`, creating it when it does not exist. Codes already in it are left as
    /// they are; returns the codes added (an error when there are none).
    @discardableResult
    public mutating func addToGroup(_ name: String, codes: [CodeID]) throws -> [CodeID] {
        if let problem = CodeGroup.nameProblem(name) { throw GlossError(problem) }
        guard !codes.isEmpty else { throw GlossError("name at least one code for the group \(GlossError.quoted(name))") }
        var seen = Set<CodeID>()
        let wanted = codes.filter { seen.insert($0).inserted }
        if let index = groups.firstIndex(where: { $0.name == name }) {
            let new = wanted.filter { !groups[index].codes.contains($0) }
            guard !new.isEmpty else { throw GlossError("every code named is already in the group \(GlossError.quoted(name))") }
            groups[index].codes += new
            return new
        }
        groups.append(CodeGroup(name: name, codes: wanted))
        return wanted
    }

    /// Removes `codes` from the group `name`, or the whole group when `codes` is empty (refused while a figure
    /// uses it).
    public mutating func removeFromGroup(_ name: String, codes: [CodeID]) throws {
        try requireGroups([name])
        let index = groups.firstIndex { $0.name == name }!
        if codes.isEmpty {
            let users = figures.filter { $0.groupName == name || $0.joins.contains(name) }.map(\.number)
            guard users.isEmpty else {
                throw GlossError("figure \(Self.list(users)) uses the group \(GlossError.quoted(name)); remove or edit the figure first")
            }
            groups.remove(at: index)
            return
        }
        for code in codes where !groups[index].codes.contains(code) {
            throw GlossError("the group \(GlossError.quoted(name)) has no code with id \(code.rawValue)")
        }
        groups[index].codes.removeAll { codes.contains($0) }
    }
}
