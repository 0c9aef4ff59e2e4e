import Foundation

/// Where a new coding's id and time come from. Functions that make codings take one, so the programs that
/// call them inject the clock and the ids (tests: a fixed clock and numbered ids) instead of each function
/// reading the clock itself.
public struct CodingStamp: Sendable {
    public var now: @Sendable () -> Date
    public var newID: @Sendable () -> CodingID

    public init(now: @escaping @Sendable () -> Date, newID: @escaping @Sendable () -> CodingID) {
        self.now = now
        self.newID = newID
    }

    /// The real clock (whole seconds) and random ids.
    public static let live = CodingStamp(now: { Timestamp.now() }, newID: { .generate() })
}
