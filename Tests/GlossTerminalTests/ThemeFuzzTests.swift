import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossTerminal

/// Mutated theme files (from `Themes/*.json`) through `ThemeLoader.parse`, what `--theme` loads: a theme
/// or a `ThemeError` naming the file, never a crash, a hang or another error type.
@Suite(.timeLimit(.minutes(2))) struct ThemeFuzzTests {
    @Test func mutatedThemesLoadOrFailWithAThemeError() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: themes.path).filter { $0.hasSuffix(".json") }.sorted()
        let mutator = try Mutator(format: .json, files: files.map { themes.appendingPathComponent($0) })
        let file = "/fuzz/Themes/fuzz.json"
        FuzzRunner.run("ThemeFuzzTests", settings: .fromEnvironment(defaultCases: 400), mutator: mutator) { mutant in
            do {
                let theme = try ThemeLoader.parse(mutant.data, name: "fuzz", file: file)
                _ = Theme.Role.allCases.map { theme.style($0) }
                return .accepted
            } catch let error as ThemeError {
                let problems = FuzzRunner.problems(inErrorText: error.description, file: file)
                return problems.isEmpty ? .refused(error.description) : .failed(problems)
            } catch {
                return .failed([FuzzProblem("a \(type(of: error)) leaked out: \(String(describing: error).prefix(300).debugDescription)")])
            }
        }
    }
}

/// What the theme fuzzer found: a value `JSONDecoder` cannot read (a number out of range, a string that is
/// not UTF-8) was reported as Swift's `DecodingError.typeMismatch … Dictionary<String, Any>` text at its
/// parent's path.
@Suite struct ThemeUnreadableValueTests {
    private func error(_ data: Data) -> ThemeError? {
        do {
            _ = try ThemeLoader.parse(data, name: "t", file: "Themes/t.json")
            return nil
        } catch {
            return error as? ThemeError
        }
    }

    @Test func aNumberOutOfRangeIsNamedAtItsKey() throws {
        let found = try #require(error(Data(#"{"styles": {"border": {"fg": 1e309}}}"#.utf8)))
        #expect(found.place == "styles.border.fg")
        #expect(!found.description.contains("DecodingError"))
        #expect(!found.description.contains("Dictionary"))
    }

    @Test func aStringThatIsNotUTF8IsNamedAtItsKey() throws {
        let found = try #require(error(Data(#"{"name": "a"#.utf8) + Data([0xFF]) + Data(#"b"}"#.utf8)))
        #expect(found.place == "name")
        #expect(!found.description.contains("DecodingError"))
    }

    @Test func theBundledThemesStillLoad() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes")
        for name in ["default", "high-contrast", "light", "monochrome"] {
            let theme = try ThemeLoader.load(name: name, searchPaths: [themes])
            #expect(theme.name == name)
        }
    }
}
