import Testing
@testable import GlossTerminal

@Suite struct BackendKeyTests {
    private func key(_ code: UInt32) -> Key? { KeyMapping.key(forWideChar: code, isFunctionKey: false) }

    @Test func controlBytes() {
        #expect(key(4) == .ctrl("d"))
        #expect(key(1) == .ctrl("a"))
        #expect(key(3) == .ctrl("c"))
        #expect(key(26) == .ctrl("z"))
        #expect(key(19) == .ctrl("s"))
        #expect(key(17) == .ctrl("q"))
        #expect(key(27) == .escape)
        #expect(key(9) == .tab)
        #expect(key(10) == .enter)
        #expect(key(13) == .enter)
        #expect(key(127) == .backspace)
        #expect(key(8) == .backspace)
        #expect(key(28) == .ctrl("\\"))
        #expect(key(0) == nil)
        #expect(key(0x85) == nil)
        #expect(key(4)?.description == "Ctrl-d")
    }

    @Test func characters() {
        #expect(key(0x00EB) == .char("ë"))
        #expect(key(0x6F22) == .char("漢"))
        #expect(key(0x1F614) == .char("😔"))
        #expect(key(UInt32(UInt8(ascii: "j"))) == .char("j"))
        #expect(key(32) == .char(" "))
        #expect(key(0xD800) == nil)  // a lone surrogate is not a scalar
    }

    @Test func functionKeys() {
        func fkey(_ code: Int32) -> Key? { KeyMapping.key(forWideChar: UInt32(code), isFunctionKey: true) }
        #expect(KeyMapping.key(forWideChar: KeyMapping.resizeCode, isFunctionKey: true) == .resize)
        #expect(KeyMapping.key(forWideChar: KeyMapping.mouseCode, isFunctionKey: true) == nil)
        #expect(fkey(0o403) == .up)         // KEY_UP
        #expect(fkey(0o402) == .down)       // KEY_DOWN
        #expect(fkey(0o404) == .left)       // KEY_LEFT
        #expect(fkey(0o405) == .right)      // KEY_RIGHT
        #expect(fkey(0o523) == .pageUp)     // KEY_PPAGE
        #expect(fkey(0o522) == .pageDown)   // KEY_NPAGE
        #expect(fkey(0o406) == .home)       // KEY_HOME
        #expect(fkey(0o550) == .end)        // KEY_END
        #expect(fkey(0o407) == .backspace)  // KEY_BACKSPACE
        #expect(fkey(0o512) == .delete)     // KEY_DC
        #expect(fkey(0o541) == .backTab)    // KEY_BTAB
        #expect(fkey(0o527) == .enter)      // KEY_ENTER
        #expect(fkey(0o410 + 1) == .function(1))
        #expect(fkey(0o410 + 12) == .function(12))
        #expect(fkey(0o410) == nil)
        #expect(fkey(0o401) == nil)         // KEY_BREAK: ignored
    }

    @Test func mouse() {
        // ncurses mouse version 2: button n's events are 5 bits from bit 5(n-1); pressed is bit 1, clicked bit 2.
        #expect(KeyMapping.key(forMouseState: 0o2, x: 3, y: 4) == .click(x: 3, y: 4))
        #expect(KeyMapping.key(forMouseState: 0o4, x: 3, y: 4) == .click(x: 3, y: 4))
        #expect(KeyMapping.key(forMouseState: 0o2 << 15, x: 0, y: 0) == .scrollUp)
        #expect(KeyMapping.key(forMouseState: 0o2 << 20, x: 0, y: 0) == .scrollDown)
        #expect(KeyMapping.key(forMouseState: 0o1, x: 0, y: 0) == nil)  // button 1 released
    }
}
