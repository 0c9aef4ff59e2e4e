import Foundation
import Testing
@testable import GlossApp
import GlossTerminal

/// `docs/keys.md` is generated from the keymap; this test fails when the two differ (run
/// `swift run gloss keys > docs/keys.md` after changing `Keymap.swift`).
@Suite struct KeyReferenceTests {
    @Test func docsKeysMatchesTheKeymap() throws {
        let url = AppPaths.root.appendingPathComponent("docs/keys.md")
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        let generated = KeyReference.markdown()
        if onDisk != generated {
            let a = onDisk.split(separator: "\n", omittingEmptySubsequences: false)
            let b = generated.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            let line = first.map { "line \($0.offset + 1):\n  docs/keys.md: \($0.element.0)\n  keymap:       \($0.element.1)" }
                ?? "the files differ in length (\(a.count) and \(b.count) lines)"
            Issue.record("docs/keys.md is out of date with Keymap.swift; first difference at \(line)")
        }
    }

    /// Every binding is in the markdown, with its keys in backticks.
    @Test func everyBindingIsDocumented() {
        let markdown = KeyReference.markdown()
        for context in KeyContext.allCases { #expect(markdown.contains("## \(context.rawValue)")) }
        for binding in Keymap.bindings {
            #expect(markdown.contains("| \(KeyReference.code(KeyReference.keysText(binding))) | \(binding.help) |"))
        }
    }

    /// No key sequence means two things in one context, and no binding is a prefix of another there
    /// (it could never be typed).
    @Test func noConflictingBindings() {
        for context in KeyContext.allCases {
            let sequences = Keymap.bindings(for: context).flatMap(\.keys)
            for (i, a) in sequences.enumerated() {
                for b in sequences.dropFirst(i + 1) {
                    #expect(a != b, "\(context.rawValue): \(Binding.name(a)) twice")
                    #expect(!(b.count > a.count && Array(b.prefix(a.count)) == a), "\(context.rawValue): \(Binding.name(a)) hides \(Binding.name(b))")
                    #expect(!(a.count > b.count && Array(a.prefix(b.count)) == b), "\(context.rawValue): \(Binding.name(b)) hides \(Binding.name(a))")
                }
            }
        }
    }

    /// Key names round-trip (the help and docs write them, scripted keys read them).
    @Test func keyNamesRoundTrip() {
        for key: Key in [.escape, .enter, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .pageUp, .pageDown,
                         .home, .end, .ctrl("r"), .char("j"), .char(" "), .function(5)] {
            #expect(Key(name: key.description) == key, "\(key)")
        }
    }
}
