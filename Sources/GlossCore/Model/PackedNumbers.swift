/// Unsigned numbers stored at the narrowest fixed width (1, 2 or 4 bytes) that holds them all.
///
/// A 10,000-chat catalog holds 2.26 million message lengths and speaker indexes; as `[UInt32]` they were
/// 18 MB to allocate and fill on every command. Packed they take 3 bytes a message, are copied from the
/// catalog in one piece (`ChatCatalog`) and read in place.
public struct PackedNumbers: Equatable, Sendable {
    /// 1, 2 or 4.
    public let width: Int
    public let count: Int
    /// `count` values, `width` bytes each, little-endian.
    let bytes: [UInt8]

    public init(_ values: [UInt32]) {
        let largest = values.max() ?? 0
        let width = largest <= 0xFF ? 1 : largest <= 0xFFFF ? 2 : 4
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * values.count)
        for value in values {
            for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * index))) }
        }
        self.init(width: width, count: values.count, bytes: bytes)
    }

    /// From bytes already laid out; the caller checked that `bytes.count == width * count`.
    init(width: Int, count: Int, bytes: [UInt8]) {
        precondition(width == 1 || width == 2 || width == 4, "PackedNumbers width must be 1, 2 or 4")
        precondition(bytes.count == width * count, "PackedNumbers needs width × count bytes")
        self.width = width
        self.count = count
        self.bytes = bytes
    }

    @inline(__always)
    public subscript(index: Int) -> UInt32 {
        switch width {
        case 1: return UInt32(bytes[index])
        case 2: return UInt32(bytes[2 * index]) | UInt32(bytes[2 * index + 1]) << 8
        default:
            let at = 4 * index
            return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
    }

    /// The largest value (0 when empty).
    public var largest: UInt32 {
        var result: UInt32 = 0
        for index in 0..<count { result = Swift.max(result, self[index]) }
        return result
    }

    public var values: [UInt32] { (0..<count).map { self[$0] } }

    public static func == (a: PackedNumbers, b: PackedNumbers) -> Bool {
        a.count == b.count && (0..<a.count).allSatisfy { a[$0] == b[$0] }
    }
}
