import Foundation
import GlossCore
import GlossFuzzSupport
import Testing

/// CSV cells a spreadsheet will not run as formulas, and Gloss reads back exactly.
@Suite("spreadsheet-safe CSV cells")
struct SpreadsheetSafeTests {
    @Test("a cell that begins with = + - @ tab or CR gets a leading '")
    func formulasPrefixed() {
        #expect(SpreadsheetSafe.escaped("=HYPERLINK(\"https://x/?\"&A2,\"klik\")") == "'=HYPERLINK(\"https://x/?\"&A2,\"klik\")")
        #expect(SpreadsheetSafe.escaped("+1+1") == "'+1+1")
        #expect(SpreadsheetSafe.escaped("-2+3") == "'-2+3")
        #expect(SpreadsheetSafe.escaped("@SUM(A1)") == "'@SUM(A1)")
        #expect(SpreadsheetSafe.escaped("\t=1") == "'\t=1")
        #expect(SpreadsheetSafe.escaped("\r=1") == "'\r=1")
        #expect(SpreadsheetSafe.escaped("-") == "'-")
    }

    @Test("plain numbers stay numbers; ordinary text is unchanged")
    func numbersAndTextUnchanged() {
        for cell in ["", "0", "12", "-3", "+4", "-2.50", "12.50", "Toon > Boos", "a=b", "'quoted'", "'", "''", "x-1"] {
            #expect(SpreadsheetSafe.escaped(cell) == cell, "\(cell)")
            #expect(SpreadsheetSafe.unescaped(cell) == cell, "\(cell)")
        }
    }

    @Test("a value that itself begins with ' and a trigger gets one more ', so it reads back as it was")
    func quotePrefixedValues() {
        #expect(SpreadsheetSafe.escaped("'=x") == "''=x")
        #expect(SpreadsheetSafe.escaped("''@x") == "'''@x")
        #expect(SpreadsheetSafe.unescaped("''=x") == "'=x")
        #expect(SpreadsheetSafe.unescaped("'=x") == "=x")
    }

    /// Random strings over an alphabet heavy in the characters the rule is about, including every prefix.
    @Test("read ∘ write is the identity: 20 000 random strings, and every short string over the rule's alphabet")
    func roundTripProperty() throws {
        let alphabet: [String] = ["=", "+", "-", "@", "\t", "\r", "'", "'", "1", ".", "a", " ", ",", "\"", "\n", "\u{308}", "😀", "\u{1B}"]
        var generator = SplitMix64(seed: 0x5EED)
        var samples: [String] = []
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...8, using: &generator)
            samples.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        // Exhaustive up to length 3 over the characters that matter.
        let small = ["=", "+", "-", "@", "\t", "\r", "'", "1", "a"]
        samples += small
        for a in small { for b in small { samples.append(a + b); for c in small { samples.append(a + b + c) } } }
        for value in samples {
            let written = SpreadsheetSafe.escaped(value)
            #expect(Array(SpreadsheetSafe.unescaped(written).unicodeScalars) == Array(value.unicodeScalars), "\(value.debugDescription)")
            // What is written never begins with a trigger, unless it is a plain number.
            if let first = written.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
                #expect(Double(written) != nil, "\(written.debugDescription)")
            }
        }
        // Through CSV text too: line() then parse() gives the same fields.
        for chunk in stride(from: 0, to: samples.count, by: 7) {
            let row = Array(samples[chunk..<min(chunk + 7, samples.count)])
            let parsed = try CSV.parse(CSV.line(row), file: "t.csv")
            #expect(parsed.count == 1)
            #expect(parsed.first.map { $0.fields.map { Array($0.unicodeScalars) } } == row.map { Array($0.unicodeScalars) }, "\(row)")
        }
    }

    @Test("raw cells: written and read exactly as they are")
    func raw() throws {
        #expect(CSV.line(["=1+1", "'=x"], cells: .raw) == "=1+1,'=x\n")
        #expect(try CSV.parse("'=1+1,''=x\n", file: "t.csv", cells: .raw).first?.fields == ["'=1+1", "''=x"])
        #expect(try CSV.parse("'=1+1,''=x\n", file: "t.csv").first?.fields == ["=1+1", "'=x"])
    }
}
