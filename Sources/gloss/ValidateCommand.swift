import ArgumentParser
import Foundation
import GlossCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every file of a project and every coding against its chat and codebook.",
        discussion: "Exit status 0 only when there are no errors; warnings are printed but do not fail."
    )

    @OptionGroup var project: ProjectArgument

    func run() throws {
        let report = ProjectValidator.validate(project.url)
        for line in report.checked { Output.text("checked: \(line)") }
        for warning in report.warnings { Output.text("warning: \(warning)") }
        for error in report.errors { printError(error.description) }
        if report.isClean {
            Output.text("\(project.url.path): all is well (\(report.warnings.count) warning(s)).")
        } else {
            printError("\(report.errors.count) error(s) in \(project.url.path)")
            throw ExitCode.failure
        }
    }
}
