import Foundation
import Testing
@testable import GlossCore

/// `CodingID.generate(count:)` makes the ids `codings import` gives its quotes: the same form as `generate()`
/// (a lowercase version-4 UUID, which Foundation reads back), all different.
@Suite struct CodingIDBatchTests {
    @Test func idsAreLowercaseVersion4UUIDsAllDifferent() throws {
        let ids = CodingID.generate(count: 5000)
        #expect(ids.count == 5000)
        #expect(Set(ids).count == 5000)
        let hex = Set("0123456789abcdef")
        for id in ids {
            let text = id.rawValue
            let uuid = try #require(UUID(uuidString: text), "\(text)")
            #expect(uuid.uuidString.lowercased() == text)
            let characters = Array(text)
            #expect(characters.count == 36)
            #expect([8, 13, 18, 23].allSatisfy { characters[$0] == "-" })
            #expect(characters.enumerated().allSatisfy { [8, 13, 18, 23].contains($0.offset) || hex.contains($0.element) })
            #expect(characters[14] == "4", "version 4: \(text)")
            #expect("89ab".contains(characters[19]), "RFC 4122 variant: \(text)")
        }
        #expect(CodingID.generate(count: 0).isEmpty)
    }
}
