import Testing
import GlossCore
import GlossAnalysis

/// A code named on the command line (issue 10, item 8): id, path in any case, unique name, unique prefix;
/// ambiguous and unknown references come back with ranked suggestions.
@Suite("Code references on the study codebook")
struct CodeReferenceTests {
    let hierarchy = StudyCodebook.hierarchy

    func found(_ reference: String) -> String? {
        guard case .found(let id) = CodeReference.resolve(reference, in: hierarchy) else { return nil }
        return hierarchy.path(of: id)
    }

    @Test func resolvesIdsPathsNamesAndPrefixes() {
        let moeder = StudyCodebook.id("Pleger > Moeder")
        #expect(found(moeder.rawValue) == "Pleger > Moeder")
        #expect(found("Pleger > Moeder") == "Pleger > Moeder")
        #expect(found("pleger>MOEDER") == "Pleger > Moeder")
        #expect(found("stiefmoeder") == "Pleger > Stiefmoeder")
        #expect(found("Zelfbeschadiging, suicidepoging") == "Impact op welzijn en gezondheid > Zelfbeschadiging, suïcidepoging")
        #expect(found("Pleger > Moe") == "Pleger > Moeder")
        #expect(found("bedreig") == "Dwangmiddel > Bedreiging")
        // A prefix that picks out one code and the codes below it means that code.
        #expect(found("Dwangmiddel > Bedr") == "Dwangmiddel > Bedreiging")
        #expect(found("Beschermende") == "Beschermende factoren")
    }

    /// Two codes named "Hulpverlening": the reference is ambiguous and both are listed, ranked.
    @Test func ambiguousListsTheCandidates() {
        #expect(CodeReference.resolve("hulpverlening", in: hierarchy) == .ambiguous([
            StudyCodebook.id("Beschermende factoren > Sleutelfiguren die de situatie kunnen doorbreken > Hulpverlening"),
            StudyCodebook.id("Signalen/zorgen > Hulpverlening"),
        ].sorted { hierarchy.ancestors(of: $0).count < hierarchy.ancestors(of: $1).count }))
        guard case .ambiguous(let many) = CodeReference.resolve("Pleger > ", in: hierarchy) else { Issue.record("not ambiguous"); return }
        #expect(many.count == CodeReference.suggestionCount)
        #expect(many.first == StudyCodebook.id("Pleger > Moeder"))  // "Pleger" itself does not start with "Pleger > "
    }

    /// An unknown code: up to five suggestions, ranked as the picker ranks them; the error lists them by path.
    @Test func unknownSuggestsRankedCodes() throws {
        guard case .unknown(let suggestions) = CodeReference.resolve("mentor", in: hierarchy) else { Issue.record("found"); return }
        #expect(StudyCodebook.paths(suggestions) == [
            "Beschermende factoren",
            "Beschermende factoren > Positieve relaties",
            "Beschermende factoren > Werk",
            "Beschermende factoren > School/Opleiding",
            "Beschermende factoren > Sleutelfiguren die de situatie kunnen doorbreken",
        ])
        let error = try #require(throws: GlossError.self) { try CodeReference.require("Loverboy", in: hierarchy) }
        #expect(error.message == "no code \"Loverboy\" in the codebook (gloss codebook DIR lists the codes)")
        let typo = try #require(throws: GlossError.self) { try CodeReference.require("Bedreging", in: hierarchy) }
        #expect(typo.message.hasPrefix("no code \"Bedreging\" in the codebook; did you mean:\n  Dwangmiddel > Bedreiging\n"))
    }
}
