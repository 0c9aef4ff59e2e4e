import Foundation
import GlossAnalysis
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Opening the workbench from the caches: the session from its image, the figures' index from the digest, and
/// one session in memory that the state and the store share.
@Suite struct OpenFromCacheTests {
    @Test func theIndexFromAFreshDigestEqualsAFullRecount() throws {
        let demo = try DemoCopy()
        try demo.driver("anouk").close()  // the first open gives the session its journal
        _ = try SessionDigestCache.load(projectRoot: demo.root, coder: "anouk")  // leaves a fresh digest
        #expect(SessionDigestCache.fresh(projectRoot: demo.root, coder: "anouk") != nil)
        let driver = try demo.driver("anouk")
        #expect(driver.store.session.codingCount > 0)
        #expect(driver.state.index == FrequencyIndex(hierarchy: driver.state.hierarchy, session: driver.store.session))
        #expect(driver.state.session == driver.store.session)
        try driver.close()
    }

    /// Without a fresh digest (deleted, or of an older format) the open makes one from the session's spans and
    /// codes and caches it, instead of recounting every coding at every open until the next save.
    @Test func anOpenWithoutAFreshDigestMakesAndCachesOne() throws {
        let demo = try DemoCopy()
        try demo.driver("anouk").close()
        let url = SessionDigestCache.url(projectRoot: demo.root, coder: "anouk")
        try? FileManager.default.removeItem(at: url)
        #expect(SessionDigestCache.fresh(projectRoot: demo.root, coder: "anouk") == nil)
        let driver = try demo.driver("anouk")
        let cached = try #require(SessionDigestCache.fresh(projectRoot: demo.root, coder: "anouk"), "the open cached its digest")
        #expect(cached == SessionDigest(driver.store.session))
        #expect(driver.state.index == FrequencyIndex(hierarchy: driver.state.hierarchy, session: driver.store.session))
        try driver.close()
    }

    @Test func theStateAndTheStoreHoldTheSameSessionAfterEveryAction() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        func agree(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(driver.state.session == driver.store.session, "\(step)", sourceLocation: sourceLocation)
            #expect(driver.state.index == FrequencyIndex(hierarchy: driver.state.hierarchy, session: driver.store.session), "\(step)",
                    sourceLocation: sourceLocation)
        }
        driver.keys("c")
        driver.keys("bedreig")
        driver.send(.enter)
        agree("coded")
        #expect(driver.store.session.codingCount == 1)
        driver.keys("u")
        agree("undone")
        #expect(driver.store.session.codingCount == 0)
        driver.keys("u")  // nothing to undo: the state still shows the session
        agree("nothing to undo")
        driver.send(.ctrl("r"))
        agree("redone")
        #expect(driver.store.session.codingCount == 1)
        try driver.close()
        let reopened = try demo.driver()
        #expect(reopened.state.session == (try demo.sessionOnDisk("tester")))
        try reopened.close()
    }
}
