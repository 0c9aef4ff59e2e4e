import Foundation

/// Figures and code groups a Gloss JSON codebook may carry (`"figures"` and `"groups"` beside `"codes"`, in
/// the shape `project.json` uses, by id), so `gloss init --codebook ckm.json` gives the study's figures at
/// once. A TSV codebook carries none. Format: `docs/formats.md`.
public enum CodebookFigures {
    /// The figures and groups in `data` (a codebook JSON file already read as `codebook`), checked as
    /// `project.json`'s are and against the codebook: every code they name must be in it; figures on a
    /// variable are refused (a new project declares no variables).
    public static func read(_ data: Data, codebook: Codebook, file: String) throws -> (figures: [FigureDefinition], groups: [CodeGroup]) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return ([], []) }
        let figures = object["figures"], groups = object["groups"]
        if figures == nil && groups == nil { return ([], []) }
        var wrapper: [String: Any] = ["schema": 1, "name": "codebook"]
        wrapper["figures"] = figures
        wrapper["groups"] = groups
        let config = try ProjectConfig.read(try JSONSerialization.data(withJSONObject: wrapper), file: file)
        if let figure = config.variableFigures.first {
            throw GlossError(file: file, place: "figure \(figure.number)", "a codebook's figures are on categories or code groups; add figures on variables with gloss figure add")
        }
        if let figure = config.figures.first(where: { if case .categoryPath = $0.subject { return true } else { return false } }) {
            throw GlossError(file: file, place: "figure \(figure.number)", "a codebook names a figure's category by id (\"code\"), not by path")
        }
        let problems = config.figureProblems(in: codebook, file: file)
        if let first = problems.first { throw first }
        return (config.figures, config.groups)
    }
}
