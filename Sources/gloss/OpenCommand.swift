import ArgumentParser
import Foundation
import GlossApp
import GlossCore
import GlossTerminal

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the coding workbench on a project.",
        discussion: "Every action is written to disk at once; there is no save. q quits, ? shows the keys. See docs/user-guide.md."
    )

    @OptionGroup var project: ProjectArgument
    @OptionGroup var options: WorkbenchOptions

    func run() throws {
        try reportingErrors {
            try Workbench.open(project.url, options: options)
        }
    }
}

/// Options shared by `gloss open` and `gloss demo`.
struct WorkbenchOptions: ParsableArguments {
    @OptionGroup var coder: CoderOption

    @Option(help: "Theme: default, light, high-contrast or monochrome (files in Themes/). NO_COLOR means monochrome.")
    var theme: String?

    @Flag(help: "Blind coding for this launch: comparison views stay closed for chats this coder has not marked done (gloss blind DIR on makes it the project's setting).")
    var blind = false

    @Flag(help: "Let the mouse focus panes (keyboard works for everything).")
    var mouse = false
}

enum Workbench {
    /// `coder` overrides `--coder`/`$USER` (the demo falls back to "demo" where no user name is set).
    static func open(_ root: URL, options: WorkbenchOptions, coder chosen: String? = nil) throws {
        let coder = try chosen ?? options.coder.resolved()
        TerminalSession.ensureQuietBacktraces()
        let theme = try ThemeChoice.load(name: options.theme)
        let driver = try AppDriver(projectRoot: root, coder: coder, width: 80, height: 24, blind: options.blind, theme: theme)
        try TerminalSession.run(driver, theme: theme, mouse: options.mouse) { driver.theme = $0 }
        for note in driver.notes { printWarning(note) }
        TerminalGuard.reraiseStopSignal()
    }
}
