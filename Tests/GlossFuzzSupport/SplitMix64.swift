/// A seedable pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014).
///
/// The fuzz tests need the same inputs on every run and on every machine, so a failure found in CI can be
/// reproduced from its seed and case number; Swift's `SystemRandomNumberGenerator` cannot be seeded.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range` (plain modulo: these tests need repeatable inputs, not perfect uniformity).
    public mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    /// The generator of one case: independent of the other cases, so case 217 is reproduced without
    /// generating cases 0–216 first.
    public static func forCase(_ index: Int, seed: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}
