import Foundation
import GlossCore
import Testing

/// `TerminalText`: what counts as a control and how it is shown; `GlossError.quoted`: values cut short.
@Suite("terminal text")
struct TerminalTextTests {
    /// Every control the rule names, and some characters that are not controls.
    static let controls: [Unicode.Scalar] = (0x00...0x1F).map { Unicode.Scalar($0)! } + (0x7F...0x9F).map { Unicode.Scalar($0)! }
        + [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069].map { Unicode.Scalar($0)! }

    @Test("every C0, DEL, C1 and bidi control is a control; letters, emoji, combining marks and ZWJ are not")
    func classification() {
        for scalar in Self.controls { #expect(TerminalText.isControl(scalar), "U+\(String(scalar.value, radix: 16))") }
        for scalar: Unicode.Scalar in [" ", "a", "~", "\u{A0}", "\u{EB}", "\u{308}", "\u{200D}", "\u{1F600}", "\u{2028}", "\u{FEFF}"] {
            #expect(!TerminalText.isControl(scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("the issue's attacks are shown as \\u{…}, never passed on")
    func attacksEscaped() {
        #expect(TerminalText.escaped("hi \u{1B}]52;c;SEFDS0VE\u{7} x") == "hi \\u{1B}]52;c;SEFDS0VE\\u{7} x")
        #expect(TerminalText.escaped("\u{1B}]0;title\u{7}") == "\\u{1B}]0;title\\u{7}")
        #expect(TerminalText.escaped("\u{1B}[2J") == "\\u{1B}[2J")
        #expect(TerminalText.escaped("\u{9B}2J") == "\\u{9B}2J")
        #expect(TerminalText.escaped("abc\u{202E}fed") == "abc\\u{202E}fed")
        #expect(TerminalText.escaped("del\u{7F}") == "del\\u{7F}")
        #expect(TerminalText.escaped("over\rwrite") == "over\\u{D}write")
    }

    @Test("no control survives escaping, in either layout, for every control in every position")
    func nothingSurvives() {
        for scalar in Self.controls {
            let text = "a\(Character(scalar))b\(Character(scalar))"
            let multi = TerminalText.escaped(text)
            let single = TerminalText.escaped(text, layout: .singleLine)
            #expect(!single.unicodeScalars.contains(where: TerminalText.isControl), "U+\(String(scalar.value, radix: 16))")
            let keptInMulti = scalar == "\n" || scalar == "\t"
            #expect(multi.unicodeScalars.contains(where: TerminalText.isControl) == keptInMulti, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("line feed and tab keep their meaning in multi-line output and are escaped on one line")
    func layouts() {
        #expect(TerminalText.escaped("a\n\tb") == "a\n\tb")
        #expect(TerminalText.escaped("a\n\tb", layout: .singleLine) == "a\\u{A}\\u{9}b")
    }

    @Test("text without controls comes back unchanged, combining marks and emoji included")
    func plainUnchanged() {
        let text = "Zoe\u{308} \u{1F614} \u{200D} Hoi, waar wil je over praten? \\u{1B}"
        #expect(Array(TerminalText.escaped(text).unicodeScalars) == Array(text.unicodeScalars))
    }

    @Test("JSON: DEL, C1 and bidi controls become \\uXXXX, and a JSON reader gets the same strings back")
    func json() throws {
        let value = ["name": "a\u{1B}]52;c;x\u{7}b\u{9B}c\u{202E}d\u{7F}e\u{2066}", "plain": "Zoe\u{308} 😀"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let raw = String(decoding: try encoder.encode(value), as: UTF8.self)
        let safe = TerminalText.escapedJSON(raw)
        #expect(!safe.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
        #expect(safe.contains("\\u009b") && safe.contains("\\u202e") && safe.contains("\\u007f") && safe.contains("\\u2066"))
        let back = try JSONDecoder().decode([String: String].self, from: Data(safe.utf8))
        #expect(back.mapValues { Array($0.unicodeScalars) } == value.mapValues { Array($0.unicodeScalars) })
    }

    @Test("linesWithControls names each line with a control once, with its first control; tab is not one")
    func controlLines() {
        let found = TerminalText.linesWithControls(in: "ok\tfine\nA: \u{1B}]52;x\u{7}\nplain\n\u{202E}x\u{9B}\n")
        #expect(found.map(\.line) == [2, 4])
        #expect(found.map(\.control) == ["\u{1B}", "\u{202E}"])
        #expect(TerminalText.linesWithControls(in: "a\tb\nc\n").isEmpty)
    }

    @Test("GlossError.quoted: short values whole, long ones cut at 100 code points with the count left, controls escaped")
    func quoted() {
        #expect(GlossError.quoted("Toon > Boos") == "\"Toon > Boos\"")
        #expect(GlossError.quoted("a\u{1B}[2J\nb") == "\"a\\u{1B}[2J\\u{A}b\"")
        let long = String(repeating: "x", count: 1_000_000)
        let shown = GlossError.quoted(long)
        #expect(shown == "\"" + String(repeating: "x", count: 100) + "…\" (999900 more characters)")
        // One grapheme of a million combining marks is cut by code point, not kept whole.
        let zalgo = "e" + String(repeating: "\u{308}", count: 1_000_000)
        #expect(GlossError.quoted(zalgo).utf8.count < 300)
    }
}
