import Foundation
import Testing
@testable import GlossCore

/// Message lengths and speaker indexes are kept packed (`PackedNumbers`) and read from the catalog in one
/// copy; the packed form must give back every value exactly, choose the narrowest width, and a crafted
/// catalog (a bad width, too few bytes, a value over its limit) must be refused, never trusted.
@Suite("Packed numbers")
struct PackedNumbersTests {
    @Test("values round-trip at the narrowest width, through the writer and the reader", arguments: [
        ([UInt32](), 1), ([0, 7, 255], 1), ([256, 0, 65535], 2), ([65536, 1, UInt32.max], 4),
    ])
    func roundTrip(values: [UInt32], width: Int) {
        let packed = PackedNumbers(values)
        #expect(packed.width == width)
        #expect(packed.values == values)
        #expect(packed.largest == (values.max() ?? 0))
        var writer = BinaryWriter()
        writer.packed(packed)
        let back = writer.bytes.withUnsafeBytes { buffer -> PackedNumbers? in
            var reader = BinaryReader(buffer)
            return reader.packed(count: values.count, atMost: .max)
        }
        #expect(back == packed)
    }

    @Test("a random mix round-trips")
    func randomValues() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let limit: UInt32 = [0xFF, 0xFFFF, .max].randomElement(using: &random)!
            let values = (0..<Int.random(in: 0..<50, using: &random)).map { _ in UInt32.random(in: 0...limit, using: &random) }
            #expect(PackedNumbers(values).values == values)
        }
    }

    @Test("a bad width, missing bytes or a value over the limit is refused")
    func refusals() {
        func read(_ bytes: [UInt8], count: Int, limit: UInt32) -> PackedNumbers? {
            bytes.withUnsafeBytes { buffer in
                var reader = BinaryReader(buffer)
                return reader.packed(count: count, atMost: limit)
            }
        }
        #expect(read([3, 1, 2, 3], count: 1, limit: .max) == nil)        // width 3
        #expect(read([0], count: 0, limit: .max) == nil)                 // width 0
        #expect(read([2, 1, 0, 2], count: 2, limit: .max) == nil)        // three bytes for two 16-bit values
        #expect(read([1, 1, 9], count: 2, limit: 8) == nil)              // 9 > 8
        #expect(read([2, 9, 0], count: 1, limit: 8) == nil)              // the same at width 2
        #expect(read([1, 1, 8], count: 2, limit: 8)?.values == [1, 8])
    }
}
