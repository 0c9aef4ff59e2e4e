import Foundation
import GlossCore

/// What an update may ask of the world without doing I/O: the time and fresh ids. The live program reads
/// the clock and makes random UUIDs; tests inject a fixed clock and numbered ids, so a key sequence gives
/// the same session, byte for byte, every run.
public struct Environment: Sendable {
    /// The time stamped on a coding (whole seconds, as Gloss files keep it).
    public var now: @Sendable () -> Date
    /// A fresh, unique id (codings and proposed codes).
    public var uuid: @Sendable () -> UUID

    public init(now: @escaping @Sendable () -> Date, uuid: @escaping @Sendable () -> UUID) {
        self.now = now
        self.uuid = uuid
    }

    /// The real clock and random ids.
    public static let live = Environment(now: { Timestamp.now() }, uuid: { UUID() })

    /// A clock that starts at `start` and moves one second per reading, and ids numbered from 1
    /// (`00000000-0000-0000-0000-000000000001`, …): every run of a test makes the same values.
    public static func fixed(start: Date = Date(timeIntervalSince1970: 1_700_000_000)) -> Environment {
        let counter = Counter()
        let clock = Counter()
        return Environment(
            now: { start.addingTimeInterval(Double(clock.next() - 1)) },
            uuid: { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012llx", UInt64(counter.next())))! })
    }

    /// The clock and ids as functions in the analysis layer take them.
    public var stamp: CodingStamp {
        let environment = self
        return CodingStamp(now: now, newID: { environment.codingID() })
    }

    public func codingID() -> CodingID { CodingID(uuid().uuidString.lowercased()) }
    public func codeID() -> CodeID { CodeID(uuid().uuidString.lowercased()) }

    /// A thread-safe counter for the fixed environment (tests run in parallel).
    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }
}
