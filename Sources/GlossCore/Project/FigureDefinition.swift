import Foundation

/// A figure of the report: "Figuur 4. Dwangmiddelen" counts the chats per sub-code of `Dwangmiddel`.
///
/// A figure names its codes by id, so renaming or moving a code never breaks it. An old `project.json`
/// named the category by path (`"category": "Dwangmiddel"`); such a figure is read as `.categoryPath`,
/// `Project.load` resolves it to the id once, and the next write of `project.json` stores the id
/// (`"code": "…"`). Format: `docs/formats.md`, "project.json".
public struct FigureDefinition: Equatable, Sendable {
    /// What the bars are.
    public enum Subject: Equatable, Sendable {
        /// A category (by id): its direct sub-codes are the bars.
        case code(CodeID)
        /// A code group (by name): its members are the bars.
        case group(String)
        /// A category named by path in an old `project.json`, not (yet) resolved to an id.
        case categoryPath(String)
    }

    public var number: Int
    public var title: String
    public var subject: Subject
    /// How the bars are ordered.
    public var order: FigureBarOrder
    /// For `.declared`: the bars' codes in the order wanted (codes left out follow in codebook order).
    public var declared: [CodeID]
    /// What happens to bars with no chats.
    public var zeros: FigureZeros
    /// Code groups shown as one bar each ("a chat counts once if it has any member"), in place of any of the
    /// figure's bars that are members.
    public var joins: [String]

    public init(number: Int, title: String, subject: Subject, order: FigureBarOrder = .count, declared: [CodeID] = [],
                zeros: FigureZeros = .show, joins: [String] = []) {
        self.number = number
        self.title = title
        self.subject = subject
        self.order = order
        self.declared = declared
        self.zeros = zeros
        self.joins = joins
    }

    /// A category figure named by path or id (resolved against the codebook when the figure is drawn, and by
    /// `Project.load`).
    public init(number: Int, title: String, category: String) {
        self.init(number: number, title: title, subject: .categoryPath(category))
    }

    /// The category's id, for a category figure resolved to one.
    public var categoryID: CodeID? {
        if case .code(let id) = subject { return id }
        return nil
    }

    /// The group's name, for a group figure.
    public var groupName: String? {
        if case .group(let name) = subject { return name }
        return nil
    }

    /// Every code id the figure names (its category, its declared order), for checks.
    public var codeIDs: [CodeID] { (categoryID.map { [$0] } ?? []) + declared }
}

/// How a figure's bars are ordered.
public enum FigureBarOrder: String, Codable, Sendable, CaseIterable {
    /// Most chats first; ties in codebook order (the study's figures).
    case count
    /// The codebook's order of the codes (a group's: the order its members were listed).
    case codebook
    /// The figure's own list (`declared`), then any code it leaves out in codebook order.
    case declared
}

/// What a figure does with bars that no chat carries.
public enum FigureZeros: String, Codable, Sendable, CaseIterable {
    /// Drawn as bars of 0.
    case show
    /// Left out.
    case hide
    /// Left out and summed up in one line ("3 codes without chats").
    case fold
}

extension ProjectConfig {
    /// Turns every figure that names its category by path (an old `project.json`) into one that names it by
    /// id, where the codebook has that path; a path it lacks stays as it is (the report says so).
    public mutating func resolveCategoryPaths(in codebook: Codebook) {
        for index in figures.indices {
            if case .categoryPath(let path) = figures[index].subject, let code = codebook.resolve(path) {
                figures[index].subject = .code(code.id)
            }
        }
    }
}

extension ProjectConfig {
    /// Figures and groups that name a code the codebook lacks (`gloss validate`).
    public func figureProblems(in codebook: Codebook, file: String) -> [GlossError] {
        var problems: [GlossError] = []
        for (index, figure) in figures.enumerated() {
            let place = "figure \(figure.number)"
            switch figure.subject {
            case .categoryPath(let path):
                if codebook.resolve(path) == nil { problems.append(GlossError(file: file, place: "figures[\(index)].category", "no code \(GlossError.quoted(path)) in the codebook")) }
            case .code(let id):
                if !codebook.contains(id) { problems.append(GlossError(file: file, place: place, "its category (id \(GlossError.quoted(id.rawValue))) is not in the codebook")) }
            case .group:
                break
            }
            for id in figure.declared where !codebook.contains(id) {
                problems.append(GlossError(file: file, place: place, "its declared order names a code (id \(GlossError.quoted(id.rawValue))) that is not in the codebook"))
            }
        }
        for group in groups {
            for id in group.codes where !codebook.contains(id) {
                problems.append(GlossError(file: file, place: "group \(GlossError.quoted(group.name))", "has a code (id \(GlossError.quoted(id.rawValue))) that is not in the codebook"))
            }
        }
        return problems
    }
}
