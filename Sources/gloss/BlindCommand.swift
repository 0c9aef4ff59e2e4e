import ArgumentParser
import Foundation
import GlossCore

/// `gloss blind DIR [on|off]`: blind coding as a project setting. A launch flag leaked: a coder who opened the
/// workbench once without it could see the other coder's codings. The setting is in `project.json`, so it holds
/// for every coder and every launch until it is switched off; each switch is logged in the codebook change log.
struct BlindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blind",
        abstract: "Show or switch blind coding for the whole project (on until switched off).",
        discussion: """
        With blind coding on, every coder's comparison views (:compare B in the workbench) stay closed for the \
        chats that coder has not marked done. Without on/off, says whether it is on.
        """
    )

    enum Switch: String, ExpressibleByArgument, CaseIterable { case on, off }

    @OptionGroup var project: ProjectArgument

    @Argument(help: "on or off (leave out to see the setting).")
    var setting: Switch?

    @OptionGroup var by: ChangedByOption

    func run() throws {
        try reportingErrors {
            var loaded = try Project.load(project.url)
            guard let setting else {
                Output.text("Blind coding is \(loaded.config.blind ? "on" : "off") for \(project.directory).")
                return
            }
            let wanted = setting == .on
            guard loaded.config.blind != wanted else {
                Output.text("Blind coding was already \(setting.rawValue).")
                return
            }
            try loaded.changeConfig(by: by.name, kind: .setting) { config, _ in
                let before = config.blind
                config.blind = wanted
                return ("blind coding", nil, before ? "on" : "off", wanted ? "on" : "off")
            }
            Output.text("Blind coding is \(setting.rawValue) for every coder of the project"
                        + (wanted ? " until `gloss blind DIR off`." : "."))
        }
    }
}
