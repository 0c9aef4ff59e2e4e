import Foundation
import Testing
import GlossCore
import GlossAnalysis

/// The study's codebook (Samples/codebooks/ckm.json), read once.
enum StudyCodebook {
    static let hierarchy: CodeHierarchy = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        let url = folder.appendingPathComponent("Samples/codebooks/ckm.json")
        let codebook = try! CodebookFile.decode(try! Data(contentsOf: url), file: url.path)
        return CodeHierarchy(codebook: codebook)
    }()

    static func paths(_ ids: [CodeID]) -> [String] { ids.map { hierarchy.path(of: $0)! } }
    static func id(_ path: String) -> CodeID { hierarchy.codebook.code(atPath: path)!.id }
}

/// The ranking rule's parts on the study codebook: kinds, accents, paths, proposed codes, speed. The golden
/// orderings of the picker are in GlossAppTests/PickerRankingTests.
@Suite("Code ranking on the study codebook")
struct CodeRankingTests {
    func ranked(_ query: String, _ count: Int) -> [String] {
        Array(StudyCodebook.paths(CodeRanking.ranked(query, in: StudyCodebook.hierarchy).map(\.id)).prefix(count))
    }

    /// "mentor" matches the branch of "Beschermende factoren" by scattered letters only (the picker's golden
    /// orderings are in GlossAppTests/PickerRankingTests).
    @Test func mentorIsOnlyScatteredLetters() {
        let found = CodeRanking.ranked("mentor", in: StudyCodebook.hierarchy)
        #expect(found.first.map { StudyCodebook.hierarchy.path(of: $0.id)! } == "Beschermende factoren")
        #expect(found.first?.kind == .nameFuzzy)
        #expect(found.dropFirst().allSatisfy { $0.kind == .pathFuzzy })
        #expect(found.count == 18)  // the whole branch (18 codes in ckm.json) and nothing else
    }

    /// Case and accents are ignored both ways; a path typed with `>` in any spacing finds the code and then
    /// the codes below it.
    @Test func accentsCaseAndPaths() {
        #expect(ranked("SUICIDE", 1) == ["Impact op welzijn en gezondheid > Zelfbeschadiging, suïcidepoging"])
        #expect(ranked("suïcidale", 1) == ["Impact op welzijn en gezondheid > Depressie/suïcidale gedachten"])
        #expect(ranked("dwangmiddel>bedreiging", 2) == ["Dwangmiddel > Bedreiging", "Dwangmiddel > Bedreiging > Dreigen met fysiek geweld kind"])
        #expect(ranked("bedreig", 1) == ["Dwangmiddel > Bedreiging"])
    }

    /// A new code's name typed in full matches nothing, so the picker can offer to create it.
    @Test func aNewNameMatchesNothing() {
        #expect(ranked("Loverboy", 5).isEmpty)
        #expect(ranked("   ", 3) == ["Aard Uitbuiting", "Aard Uitbuiting > Seksuele diensten thuis", "Aard Uitbuiting > Seksuele diensten in een ander pand"])
    }

    /// Proposed codes are ranked like codebook codes (after them on a tie).
    @Test func proposedCodesAreRanked() throws {
        let pleger = StudyCodebook.id("Pleger")
        let neef = Code(id: CodeID("proposed-neef"), name: "Neef", parent: pleger)
        let hierarchy = CodeHierarchy(codebook: StudyCodebook.hierarchy.codebook, proposed: [neef.id: neef])
        #expect(CodeRanking.ranked("neef", in: hierarchy).first?.id == neef.id)
        #expect(CodeRanking.ranked("pleger", in: hierarchy).map(\.id).prefix(2) == [pleger, StudyCodebook.id("Pleger > Moeder")])
    }

    /// The picker ranks every code at each key typed; this is a generous bound that catches a slow rule
    /// (the measured figure is in gloss-bench and the report), not a timing test.
    @Test func rankingIsQuickEnoughForEveryKey() {
        let clock = ContinuousClock()
        let queries = ["m", "me", "men", "ment", "mento", "mentor", "g", "ge", "gew", "gewe", "gewel", "geweld"]
        _ = CodeRanking.ranked("warm", in: StudyCodebook.hierarchy)
        let elapsed = clock.measure {
            for query in queries { _ = CodeRanking.ranked(query, in: StudyCodebook.hierarchy) }
        }
        #expect(elapsed < .milliseconds(500), "12 keys took \(elapsed)")
    }
}
