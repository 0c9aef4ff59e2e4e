import Foundation

/// When a coder first saw another coder's codings of a chat (a comparison showed them), and what the coder's own
/// codings of that chat were then. Blind double coding depends on coding a chat before seeing the other's work;
/// the mark makes a chat recoded after seeing it visible in the comparison (flagged, not hidden). It is kept in
/// the session (`seen`, chat → other coder → mark), written by a journal record undo passes over, so `u` cannot
/// erase it.
public struct SeenMark: Codable, Equatable, Sendable {
    public var time: Date
    /// CRC-32 of the coder's own codings of the chat when it was seen (`fingerprint(of:)`).
    public var fingerprint: UInt32

    public init(time: Date, fingerprint: UInt32) {
        self.time = time
        self.fingerprint = fingerprint
    }

    /// A checksum of what matters of a chat's codings (spans and codes, in order): equal before and after
    /// exactly when nothing was coded, uncoded or moved.
    public static func fingerprint(of codings: [Coding]) -> UInt32 { fingerprint(codings.map { ($0.span, $0.codes) }) }

    /// The same from spans and codes (what a `SessionDigest` holds).
    public static func fingerprint(_ codings: [(span: Span, codes: [CodeID])]) -> UInt32 {
        let lines = codings.map { c in
            "\(c.span.from.message):\(c.span.from.offset)-\(c.span.to.message):\(c.span.to.offset) " + c.codes.map(\.rawValue).sorted().joined(separator: ",")
        }.sorted()
        return CRC32.checksum(Array(lines.joined(separator: "\n").utf8))
    }

    /// Whether the coder's codings of the chat differ from when the other coder's were first seen.
    public func recoded(_ codings: [Coding]) -> Bool { Self.fingerprint(of: codings) != fingerprint }
}
