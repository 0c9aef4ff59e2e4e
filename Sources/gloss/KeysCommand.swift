import ArgumentParser
import GlossApp

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the workbench's key reference (docs/keys.md) from the keymap."
    )

    func run() throws {
        Output.text(KeyReference.markdown(), terminator: "")
    }
}
