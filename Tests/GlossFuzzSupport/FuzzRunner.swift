import Foundation
import Testing

/// What one case did with its input.
public enum FuzzResult: Sendable {
    /// The parser returned a value.
    case accepted
    /// The parser refused the input with an error of the right kind and shape (its text, for
    /// `GLOSS_FUZZ_VERBOSE=1`).
    case refused(String)
    /// Something is wrong: a foreign error type, an error that does not name the file, …
    case failed([FuzzProblem])
}

/// Runs a fuzz test's cases, checks each one's time (a hang guard, not a speed test) and records an
/// issue for every failing case, naming the test, the seed and the case and saying how to run that case
/// again. Prints a summary with the slowest case.
public enum FuzzRunner {
    /// The longest one case may take: far above the slowest case measured on a loaded 2-core machine with
    /// a debug build (about 0.3 s), so only a hang, or something quadratic on a large input, trips it.
    public static let caseTimeLimit: Double = 2

    /// Returns the summary line (also printed).
    @discardableResult
    public static func run(_ name: String, settings: FuzzSettings = .fromEnvironment(defaultCases: 300), mutator: Mutator,
                           timeLimit: Double = caseTimeLimit, sourceLocation: SourceLocation = #_sourceLocation, check: (Mutant) -> FuzzResult) -> String {
        let verbose = ProcessInfo.processInfo.environment["GLOSS_FUZZ_VERBOSE"] == "1"
        var failures: [String] = []
        var accepted = 0, refused = 0
        var slowest: (index: Int, seconds: Double) = (-1, 0)
        let started = Date()
        for index in settings.cases {
            let mutant = mutator.mutant(case: index, seed: settings.seed)
            let start = DispatchTime.now().uptimeNanoseconds
            let result = check(mutant)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if seconds > slowest.seconds { slowest = (index, seconds) }
            var problems: [FuzzProblem] = []
            switch result {
            case .accepted: accepted += 1
            case .refused(let text):
                refused += 1
                if verbose { print("\(name) case \(index): \(text.prefix(300).debugDescription)") }
            case .failed(let found): problems = found
            }
            if seconds > timeLimit {
                problems.append(FuzzProblem(String(format: "took %.2f s (the hang guard is %.0f s)", seconds, timeLimit)))
            }
            guard !problems.isEmpty else { continue }
            let line = { (problems: [FuzzProblem]) in
                "\(name): seed \(settings.seedText) case \(index) [\(mutant.recipe)]: "
                    + problems.map(\.text).joined(separator: "; ")
                    + " (rerun: GLOSS_FUZZ_SEED=\(settings.seedText) GLOSS_FUZZ_CASE=\(index) swift test --filter \(name))"
            }
            failures.append(line(problems))
            dump(mutant, name: name, index: index, settings: settings)
        }
        let summary = String(
            format: "fuzz %@: %d cases from seed %@ in %.1f s: %d accepted, %d refused, %d failed; slowest case %d took %.3f s",
            name, settings.cases.count, settings.seedText, Date().timeIntervalSince(started), accepted, refused,
            failures.count, slowest.index, slowest.seconds)
        print(summary)
        for failure in failures { Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation) }
        return summary
    }

    /// Checks an error's text: it names the file, is at most ~1,000 bytes, and is not a Foundation or
    /// Swift error description (`NSCocoaErrorDomain`, `Error Domain=`, `DecodingError.`) a person cannot
    /// act on.
    public static func problems(inErrorText text: String, file: String) -> [FuzzProblem] {
        var problems: [FuzzProblem] = []
        let shown = text.count > 200 ? String(text.prefix(200)).debugDescription + "…" : text.debugDescription
        if !text.contains(file) { problems.append(FuzzProblem("the error does not name the file: \(shown)")) }
        if text.utf8.count > maximumErrorBytes {
            problems.append(FuzzProblem("the error is \(text.utf8.count) bytes (over \(maximumErrorBytes)): \(shown)"))
        }
        if text.contains("NSCocoaErrorDomain") || text.contains("Error Domain=") || text.contains("DecodingError.") {
            problems.append(FuzzProblem("the error is Foundation's or Swift's own text: \(shown)"))
        }
        return problems
    }

    /// The longest error text a person should have to read for one problem.
    public static let maximumErrorBytes = 1_000

    private static func dump(_ mutant: Mutant, name: String, index: Int, settings: FuzzSettings) {
        guard let folder = settings.dumpFolder else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = folder.appendingPathComponent("\(name)-\(settings.seedText)-\(index)")
        try? mutant.data.write(to: base.appendingPathExtension("input"))
        try? Data(mutant.recipe.utf8).write(to: base.appendingPathExtension("recipe"))
    }
}
