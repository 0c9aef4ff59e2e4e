import Foundation
import GlossFuzzSupport
@testable import GlossCore

/// What the parser fuzz tests share: the sample files they mutate and the check that a refusal is a
/// `GlossError` of the right shape.
enum ParserFuzz {
    /// The package root (the folder above `Tests/` that holds `Package.swift`).
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static let demo = root.appendingPathComponent("Samples/demo")

    /// Files in a sample folder with an extension, sorted (so the seed order is the same everywhere).
    static func samples(_ folder: String, ext: String) -> [URL] {
        let url = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { url.appendingPathComponent($0) }
    }

    /// The demo project, loaded once (read only): the chats and codebook a codings CSV is checked against.
    static let demoProject: Project = try! Project.load(demo, useCatalog: false)  // never writes cache/ into the repository

    /// Runs `body` and sorts its outcome: a value, a well-shaped `GlossError`/`GlossErrors` naming `file`,
    /// or a failure (any other error type, or an error text that does not name the file, is too long or
    /// is Foundation's).
    static func check(file: String, _ body: () throws -> Void) -> FuzzResult {
        do {
            try body()
            return .accepted
        } catch {
            let problems = problems(in: error, file: file)
            return problems.isEmpty ? .refused("\(error)") : .failed(problems)
        }
    }

    static func problems(in error: Error, file: String) -> [FuzzProblem] {
        switch error {
        case let error as GlossError:
            return FuzzRunner.problems(inErrorText: error.description, file: file)
        case let errors as GlossErrors:
            guard !errors.errors.isEmpty else { return [FuzzProblem("an empty GlossErrors")] }
            return errors.errors.flatMap { FuzzRunner.problems(inErrorText: $0.description, file: file) }
        default:
            return [FuzzProblem("a \(type(of: error)) leaked out: \(String(describing: error).prefix(300).debugDescription)")]
        }
    }
}
