import Testing
@testable import GlossTerminal

@Suite struct BackendColorTests {
    @Test func rgbIn256Colours() {
        #expect(ColorMapping.terminalColor(.rgb(255, 0, 0), colors: 256) == 196)
        #expect(ColorMapping.terminalColor(.rgb(0, 0, 0), colors: 256) == 16)
        #expect(ColorMapping.terminalColor(.rgb(255, 255, 255), colors: 256) == 231)
        #expect(ColorMapping.terminalColor(.rgb(0x5f, 0x87, 0xaf), colors: 256) == 67)
        #expect(ColorMapping.terminalColor(.rgb(0x60, 0x88, 0xb0), colors: 256) == 67)  // near, not exact
        #expect(ColorMapping.terminalColor(.rgb(0xff, 0xd7, 0x5f), colors: 256) == 221)
    }

    @Test func greysMapToTheGreyRamp() {
        #expect(ColorMapping.nearest256(128, 128, 128) == 244)
        #expect(ColorMapping.nearest256(0x58, 0x58, 0x58) == 240)
        #expect(ColorMapping.nearest256(0x30, 0x30, 0x30) == 236)
        #expect(ColorMapping.nearest256(200, 201, 199) == 251)
        for grey in stride(from: 8, through: 238, by: 10) {
            #expect((232...255).contains(ColorMapping.nearest256(UInt8(grey), UInt8(grey), UInt8(grey))))
        }
    }

    @Test func basicColoursOnSmallTerminals() {
        #expect(ColorMapping.terminalColor(.rgb(255, 0, 0), colors: 8) == 1)
        #expect(ColorMapping.terminalColor(.rgb(255, 0, 0), colors: 16) == 9)
        #expect(ColorMapping.terminalColor(.rgb(0, 0, 200), colors: 8) == 4)
        #expect(ColorMapping.terminalColor(.rgb(250, 250, 250), colors: 8) == 7)
        #expect(ColorMapping.terminalColor(.rgb(10, 10, 10), colors: 8) == 0)
        #expect(ColorMapping.terminalColor(.rgb(255, 175, 0), colors: 8) == 3)  // orange -> yellow
        // Indexed colours keep their number when the terminal has them, else the nearest basic colour.
        #expect(ColorMapping.terminalColor(.indexed(196), colors: 256) == 196)
        #expect(ColorMapping.terminalColor(.indexed(5), colors: 8) == 5)
        #expect(ColorMapping.terminalColor(.indexed(196), colors: 8) == 1)
        #expect(ColorMapping.terminalColor(.indexed(9), colors: 8) == 1)
        #expect(ColorMapping.terminalColor(.indexed(9), colors: 16) == 9)
        #expect(ColorMapping.terminalColor(.indexed(252), colors: 8) == 7)
        #expect(ColorMapping.terminalColor(.indexed(117), colors: 16) == 7)  // pale blue: nearer white than cyan
        #expect(ColorMapping.terminalColor(.indexed(51), colors: 16) == 14)
        for n in 0...255 { #expect((0..<8).contains(ColorMapping.terminalColor(.indexed(UInt8(n)), colors: 8))) }
    }

    @Test func defaultIsMinusOne() {
        #expect(ColorMapping.terminalColor(.default, colors: 256) == -1)
        #expect(ColorMapping.terminalColor(.default, colors: 8) == -1)
    }

    @Test func paletteValues() {
        #expect(ColorMapping.rgb(ofIndex: 196) == (255, 0, 0))
        #expect(ColorMapping.rgb(ofIndex: 16) == (0, 0, 0))
        #expect(ColorMapping.rgb(ofIndex: 232) == (8, 8, 8))
        #expect(ColorMapping.rgb(ofIndex: 255) == (238, 238, 238))
        #expect(ColorMapping.distance(-1, -1) == 0)
        #expect(ColorMapping.distance(-1, 0) > ColorMapping.distance(16, 231))
    }
}
