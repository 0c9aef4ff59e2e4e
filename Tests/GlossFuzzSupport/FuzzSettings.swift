import Foundation

/// How many cases a fuzz test runs and from which seed.
///
/// CI runs the defaults (a fixed seed, a few hundred cases per parser). Locally:
/// `GLOSS_FUZZ_SEED=12345 GLOSS_FUZZ_CASES=5000 swift test --filter Fuzz` explores further, and
/// `GLOSS_FUZZ_CASE=217` (with the seed of the failure) runs just the case a failure names.
/// `GLOSS_FUZZ_DUMP=/some/folder` writes every failing input there, named by test, seed and case;
/// `GLOSS_FUZZ_VERBOSE=1` prints every refusal's error text.
public struct FuzzSettings: Sendable {
    /// The seed CI uses: fixed, so every run sees the same inputs.
    public static let defaultSeed: UInt64 = 0x476C_6F73_73 // "Gloss"

    public var seed: UInt64
    /// The case numbers to run.
    public var cases: [Int]
    public var dumpFolder: URL?

    /// Settings from the environment; `defaultCases` is what CI runs. The end-to-end tests, which start
    /// the `gloss` binary for every case, read their count from `GLOSS_FUZZ_CLI_CASES` instead.
    public static func fromEnvironment(defaultCases: Int, countVariable: String = "GLOSS_FUZZ_CASES") -> FuzzSettings {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["GLOSS_FUZZ_SEED"].flatMap(parseSeed) ?? defaultSeed
        let count = environment[countVariable].flatMap { Int($0) }.map { max(0, $0) } ?? defaultCases
        let only = environment["GLOSS_FUZZ_CASE"].flatMap { Int($0) }
        let dump = environment["GLOSS_FUZZ_DUMP"].map { URL(fileURLWithPath: $0, isDirectory: true) }
        return FuzzSettings(seed: seed, cases: only.map { [$0] } ?? Array(0..<count), dumpFolder: dump)
    }

    /// A seed in decimal or as `0x…` hex.
    static func parseSeed(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.hasPrefix("0x") { return UInt64(trimmed.dropFirst(2), radix: 16) }
        return UInt64(trimmed)
    }

    public var seedText: String { "0x" + String(seed, radix: 16) }
}
