#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CodingID {
    /// `count` new ids of the form `generate()` gives (random version-4 UUIDs, lowercase hex), from one request
    /// for random bytes: `UUID()` asks the kernel once per id, a twentieth of a 200,000-row `codings import`.
    static func generate(count: Int) -> [CodingID] {
        guard count > 0 else { return [] }
        var random = [UInt8](repeating: 0, count: count * 16)
        random.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
        let hex = Array("0123456789abcdef".utf8)
        var ids: [CodingID] = []
        ids.reserveCapacity(count)
        var text = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        for n in 0..<count {
            random[n * 16 + 6] = random[n * 16 + 6] & 0x0F | 0x40  // version 4
            random[n * 16 + 8] = random[n * 16 + 8] & 0x3F | 0x80  // RFC 4122 variant
            var at = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 { at += 1 }  // the dashes stay
                let byte = random[n * 16 + index]
                text[at] = hex[Int(byte >> 4)]
                text[at + 1] = hex[Int(byte & 0x0F)]
                at += 2
            }
            ids.append(CodingID(String(decoding: text, as: UTF8.self)))
        }
        return ids
    }
}
