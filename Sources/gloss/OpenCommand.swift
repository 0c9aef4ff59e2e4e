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

    @Flag(help: "Blind coding: comparison views stay closed for chats this coder has not marked done.")
    var blind = false

    @Flag(help: "Let the mouse focus panes (keyboard works for everything).")
    var mouse = false
}

enum Workbench {
    static func open(_ root: URL, options: WorkbenchOptions) throws {
        let coder = try options.coder.resolved()
        // A Swift crash must never wait for a key behind the full-screen program: the runtime reads this
        // at start-up, so set it and start again.
        if ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil {
            setenv("SWIFT_BACKTRACE", "interactive=no", 1)
            let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
            execv("/proc/self/exe", arguments)
        }
        let theme = ThemeChoice.load(name: options.theme)
        let driver = try AppDriver(projectRoot: root, coder: coder, width: 80, height: 24, blind: options.blind, theme: theme)
        TerminalGuard.install()
        let backend: CursesBackend
        do {
            backend = try CursesBackend(theme: theme, mouse: options.mouse)
        } catch {
            try driver.close()
            throw GlossError("\(error)")
        }
        driver.theme = ThemeChoice.adapt(theme, to: backend)
        do {
            try WorkbenchLoop.run(driver: driver, backend: backend)
        } catch {
            backend.shutdown()
            throw error
        }
        for note in driver.store.notes { print(note) }
        TerminalGuard.reraiseStopSignal()
    }
}
