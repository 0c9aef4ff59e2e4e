import Testing
import GlossCore
import GlossTerminal

/// The workbench draws a control character as `·` and the command line writes it as `\u{…}`; both must call
/// the same characters controls, or a bidi override or a C1 CSI shown safely by one would reach the terminal
/// through the other. GlossTerminal cannot import GlossCore, so the rule is written twice and checked here.
@Suite("Control characters: one rule for workbench and command line")
struct ControlCharacterRuleTests {
    @Test("ScreenBuffer and TerminalText agree on every code point")
    func agreeEverywhere() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if ScreenBuffer.isControl(scalar) != TerminalText.isControl(scalar) { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty, "disagree at \(disagreements.prefix(10).map { String($0, radix: 16) })")
    }

    @Test("The workbench draws C0, C1 and bidi controls as a dot, never as themselves",
          arguments: ["\u{1B}]52;c;SEFDS0VE\u{7}", "\u{9B}2J", "a\u{202E}b", "\u{2066}x\u{2069}", "\u{200F}"])
    func drawnAsDot(_ text: String) {
        var buffer = ScreenBuffer(width: 20, height: 1)
        buffer.write(text, x: 0, y: 0)
        let drawn = (0..<20).map { buffer[$0, 0].text }.joined()
        #expect(!drawn.unicodeScalars.contains(where: TerminalText.isControl), "\(drawn.debugDescription)")
        #expect(drawn.contains("·"))
    }
}
