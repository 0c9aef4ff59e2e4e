import Foundation
import Testing
import GlossAnalysis
@testable import GlossApp
import GlossCore

/// The picker's order (issue 10, item 8) on the demo's codebook (the study's, Samples/demo/codebook.json):
/// whole words and prefixes first, substrings next, scattered letters last; ties by fewer levels, then
/// codebook order. The expected orderings were worked out from that rule by a separate script (Python,
/// `unicodedata` folding) and read through by hand. Each failed under the old ranking (names starting with
/// the query, then everything else by a fuzzy score in tree order).
@Suite("Picker ranking: golden orderings on the demo codebook")
struct PickerRankingTests {
    let hierarchy: CodeHierarchy

    init() throws {
        let url = AppPaths.demo.appendingPathComponent("codebook.json")
        hierarchy = CodeHierarchy(codebook: try CodebookFile.decode(try Data(contentsOf: url), file: url.path))
    }

    func ranked(_ query: String, _ count: Int) -> [String] {
        Array(CodeSearch.matches(query, in: hierarchy).prefix(count).map { hierarchy.path(of: $0)! })
    }

    /// "mentor" matches only by scattered letters in "Beschermende factoren": that code first, then its
    /// branch by level; the old ranking listed the branch in tree order, grandchildren before "Werk".
    @Test func mentorListsTheScatteredMatchItselfFirst() {
        #expect(ranked("mentor", 6) == [
            "Beschermende factoren",
            "Beschermende factoren > Positieve relaties",
            "Beschermende factoren > Werk",
            "Beschermende factoren > School/Opleiding",
            "Beschermende factoren > Sleutelfiguren die de situatie kunnen doorbreken",
            "Beschermende factoren > Positieve relaties > In gezin of familie",
        ])
        #expect(CodeSearch.matches("mentor", in: hierarchy).count == 18)  // the whole branch (18 codes in ckm.json) and nothing else
    }

    /// A whole word in the name, shorter paths first: the old ranking put "Dreigen met fysiek geweld kind"
    /// (three levels) before "Fysiek geweld kind".
    @Test func wholeWordsByLevel() {
        #expect(ranked("geweld", 8) == [
            "Dwangmiddel > Fysiek geweld kind",
            "Dwangmiddel > Seksueel geweld kind",
            "Dwangmiddel > Fysiek geweld gezinsleden",
            "Dwangmiddel > Seksueel geweld ander",
            "Dwangmiddel > Emotioneel geweld",
            "Impact op welzijn en gezondheid > Herhaald slachtofferschap seksueel geweld/seksuele uitbuiting",
            "Belemmeringen om hulp te vragen > Angst voor geweld",
            "Dwangmiddel > Bedreiging > Dreigen met fysiek geweld kind",
        ])
    }

    /// Whole words before a word that only starts with the query, the name before the path: the old ranking
    /// put the names starting with "Ouder" first.
    @Test func wholeWordsBeforeWordPrefixesBeforeParents() {
        #expect(ranked("ouder", 14) == [
            "Motieven ouder",
            "Risicofactoren > Verslaving ouder",
            "Risicofactoren > Seksueel misbruik ouder",
            "Risicofactoren > Psychische problemen ouder",
            "Risicofactoren > Ouder werkt in prostitutie",
            "Belemmeringen om hulp te vragen > Professionals praten in aanwezigheid van ouder(s) met het kind",
            "Risicofactoren > Problemen in opvoeding > Ouder uit beeld",
            "Risicofactoren > Problemen in opvoeding > Een ouder overleden",
            "Aard Uitbuiting > Escort door ouders geregeld",
            "Risicofactoren > Problemen in opvoeding > Gescheiden ouders",
            "Motieven ouder > Financieel",
            "Motieven ouder > Drugs",
            "Motieven ouder > Financieel > Financiering van verslaving",
            "Motieven ouder > Financieel > Financiering van schulden",
        ])
    }

    /// Prefixes by level: the old ranking put "Pleeggezin" (three levels, earlier in the tree) first.
    @Test func prefixesByLevel() {
        #expect(ranked("pleeg", 10) == [
            "Pleger > Pleegmoeder",
            "Pleger > Pleegvader",
            "Risicofactoren > Uithuisplaatsing > Pleeggezin",
        ])
    }

    /// The exact name first; the old ranking put it third, after two names starting with "Fysiek".
    @Test func exactNameFirst() {
        #expect(ranked("Fysiek", 10) == [
            "Relaties klanten > Klanten onbekenden > Fysiek",
            "Dwangmiddel > Fysiek geweld kind",
            "Dwangmiddel > Fysiek geweld gezinsleden",
            "Dwangmiddel > Bedreiging > Dreigen met fysiek geweld kind",
            "Dwangmiddel > Bedreiging > Dreigen met fysiek geweld gezinsleden",
            "Dwangmiddel > Bedreiging > Dreigen met fysiek geweld ander",
            "Impact op welzijn en gezondheid > Fysieke gezondheidsklachten",
        ])
    }
}
