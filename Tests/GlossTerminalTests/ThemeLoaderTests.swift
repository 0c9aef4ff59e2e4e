import Foundation
import Testing
@testable import GlossTerminal

/// The repository's `Themes/` folder.
private let themesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes")

private func parse(_ json: String, name: String = "t") throws -> Theme {
    try ThemeLoader.parse(Data(json.utf8), name: name, file: "Themes/\(name).json")
}

private func themeError(_ json: String) -> ThemeError? {
    do {
        _ = try parse(json)
        return nil
    } catch let error as ThemeError {
        return error
    } catch {
        return nil
    }
}

@Suite struct ThemeLoaderTests {
    @Test func bundledThemesAreListed() {
        let names = ThemeLoader.availableThemes(in: [themesDirectory])
        #expect(names == ["default", "high-contrast", "light", "monochrome"])
    }

    @Test(arguments: ["default", "high-contrast", "light", "monochrome"])
    func everyBundledThemeParsesAndDefinesEveryRole(name: String) throws {
        let theme = try ThemeLoader.load(name: name, searchPaths: [themesDirectory])
        #expect(theme.name == name)
        for role in Theme.Role.allCases { #expect(theme.styles[role] != nil, "\(name): \(role.rawValue)") }
        // The files list every role themselves, so light and monochrome never inherit dark colours.
        let data = try Data(contentsOf: themesDirectory.appendingPathComponent("\(name).json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let styles = object?["styles"] as? [String: Any] ?? [:]
        #expect(Set(styles.keys) == Set(Theme.Role.allCases.map(\.rawValue)))
    }

    @Test func defaultFileMatchesTheBuiltInTheme() throws {
        let theme = try ThemeLoader.load(name: "default", searchPaths: [themesDirectory])
        #expect(theme == Theme.fallback)
    }

    @Test func monochromeHasNoColour() throws {
        let theme = try ThemeLoader.load(name: "monochrome", searchPaths: [themesDirectory])
        #expect(theme.useColor == false)
        for role in Theme.Role.allCases {
            let style = theme.style(role)
            #expect(style.foreground == .default && style.background == .default)
        }
        #expect(theme.style(.selection).attributes == .reverse)
        #expect(theme.style(.quoteCurrent).attributes == [.underline, .bold])
        #expect(!theme.style(.cursorLine).attributes.isDisjoint(with: [.bold, .underline]))
    }

    @Test func highContrastHasNoDim() throws {
        let theme = try ThemeLoader.load(name: "high-contrast", searchPaths: [themesDirectory])
        for role in Theme.Role.allCases { #expect(!theme.style(role).attributes.contains(.dim), "\(role.rawValue)") }
    }

    @Test func missingRolesFallBack() throws {
        let theme = try parse(##"{"styles": {"border": {"fg": "#ff0000", "bg": 17, "bold": true}}}"##)
        #expect(theme.useColor)
        #expect(theme.style(.border) == Style(foreground: .rgb(255, 0, 0), background: .indexed(17), attributes: .bold))
        for role in Theme.Role.allCases where role != .border {
            #expect(theme.styles[role] == Theme.fallback.styles[role])
        }
    }

    @Test func colourForms() throws {
        let theme = try parse(##"{"styles": {"text": {"fg": null, "bg": "default"}, "dim": {"fg": 0, "bg": 255}, "help": {}}}"##)
        #expect(theme.style(.text) == .plain)
        #expect(theme.style(.dim) == Style(foreground: .indexed(0), background: .indexed(255)))
        #expect(theme.style(.help) == .plain)
    }

    @Test func errorsNameFileAndKey() {
        let unknownRole = themeError(##"{"styles": {"borders": {}}}"##)
        #expect(unknownRole?.file == "Themes/t.json")
        #expect(unknownRole?.place == "styles.borders")
        #expect(unknownRole?.description.contains("unknown role 'borders'") == true)

        let badColour = themeError(##"{"styles": {"status.key": {"fg": "#12"}}}"##)
        #expect(badColour?.place == "styles.status.key.fg")
        #expect(badColour?.description.hasPrefix("Themes/t.json: styles.status.key.fg: not a colour") == true)

        #expect(themeError(##"{"styles": {"border": {"fg": 256}}}"##)?.place == "styles.border.fg")
        #expect(themeError(##"{"styles": {"border": {"fg": 1.5}}}"##)?.place == "styles.border.fg")
        #expect(themeError(##"{"styles": {"border": {"fg": "red"}}}"##)?.place == "styles.border.fg")
        #expect(themeError(##"{"styles": {"border": {"blink": true}}}"##)?.place == "styles.border.blink")
        #expect(themeError(##"{"styles": {"border": {"bold": "yes"}}}"##)?.place == "styles.border.bold")
        #expect(themeError(##"{"styles": {"border": "bold"}}"##)?.place == "styles.border")
        #expect(themeError(##"{"colour": true}"##)?.place == "colour")
        #expect(themeError(##"{"color": "no"}"##)?.place == "color")
        #expect(themeError(##"[1, 2]"##)?.place == "")
        let syntax = themeError(##"{"styles": {"##)
        #expect(syntax?.description.hasPrefix("Themes/t.json: not valid JSON") == true)
    }

    @Test func missingThemeListsAvailableOnes() {
        #expect {
            _ = try ThemeLoader.load(name: "solarized", searchPaths: [themesDirectory])
        } throws: { error in
            let text = "\(error)"
            return text.contains("no theme named 'solarized'") && text.contains("monochrome")
        }
        #expect(throws: ThemeError.self) { _ = try ThemeLoader.load(name: "../Package", searchPaths: [themesDirectory]) }
    }

    @Test func firstSearchPathWins() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(##"{"color": false}"##.utf8).write(to: directory.appendingPathComponent("light.json"))
        let theme = try ThemeLoader.load(name: "light", searchPaths: [directory, themesDirectory])
        #expect(theme.useColor == false)
        #expect(ThemeLoader.availableThemes(in: [directory, themesDirectory]).filter { $0 == "light" }.count == 1)
    }
}
