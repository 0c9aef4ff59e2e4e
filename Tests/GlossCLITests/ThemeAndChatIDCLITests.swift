import Foundation
import Testing

/// A theme that is asked for and missing, or a theme file that is wrong, is an error naming the file and
/// the key, before any screen opens (it used to fall back to the default theme in silence). Chat ids from
/// hidden file names are refused for the right reason.
@Suite("Theme errors and chat ids on the command line")
struct ThemeAndChatIDCLITests {
    @Test func anUnknownThemeIsAnErrorListingTheAvailableOnes() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder, chats: ["chat-01"])
            let result = try gloss(["snapshot", folder.project.path, "--coder", "ann", "--theme", "nosuch"], environment: ["TMPDIR": folder.url.path])
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("nosuch.json") && result.stderr.contains("no theme named 'nosuch'"), "\(result)")
            #expect(result.stderr.contains("monochrome"), "the error lists the available themes")
            #expect(result.stdout.isEmpty, "no screen is drawn")
        }
    }

    @Test(arguments: [
        (##"{"styles": {"border": {"fg": "#12345g"}}}"##, "styles.border.fg"),
        (##"{"styles": {"border": {"fg": "#+12345"}}}"##, "styles.border.fg"),
        (##"{"styles": {"bordre": {"fg": 1}}}"##, "styles.bordre"),
        (##"{"styles": {"border": {"fg": 1, "blink": true}}}"##, "styles.border.blink"),
        (##"{"colour": true}"##, "colour"),
        (##"{"styles": {"border": "#"##, ""),
    ])
    func aBadThemeFileIsAnErrorNamingTheFileAndKey(json: String, key: String) throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder, chats: ["chat-01"])
            let themes = folder.url.appendingPathComponent("themes")
            try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
            let file = themes.appendingPathComponent("broken.json")
            try Data(json.utf8).write(to: file)
            let result = try gloss(["snapshot", folder.project.path, "--coder", "ann", "--theme", "broken"],
                                   environment: ["TMPDIR": folder.url.path, "GLOSS_THEMES": themes.path])
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("gloss: \(file.path): \(key.isEmpty ? "not valid JSON" : key + ":")"), "\(result)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func theBundledThemesAndNoColorStillWork() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder, chats: ["chat-01"])
            for theme in ["default", "monochrome", "light", "high-contrast"] {
                let result = try gloss(["snapshot", folder.project.path, "--coder", "ann", "--theme", theme], environment: ["TMPDIR": folder.url.path])
                #expect(result.status == 0, "\(result)")
            }
            // An empty themes folder first in the path: default and monochrome are built in.
            let empty = folder.url.appendingPathComponent("none")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let result = try gloss(["snapshot", folder.project.path, "--coder", "ann"],
                                   environment: ["TMPDIR": folder.url.path, "GLOSS_THEMES": empty.path, "NO_COLOR": "1"])
            #expect(result.status == 0, "\(result)")
        }
    }

    @Test(arguments: ["..txt", ".txt"])
    func aHiddenTranscriptNameIsRefusedForBeingHidden(name: String) throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder, chats: [])
            let file = try folder.write(name, Fixtures.chat03)
            let result = try gloss("import", folder.project.path, file.path)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("cannot be empty or start with a dot"), "\(result)")
            #expect(!result.stderr.contains("may not contain"), "\(result)")
        }
    }
}
