import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Coding with the picker, double coding with a relation, removing codes, memos and recent codes.
@Suite struct CodingTests {
    @Test func pickerCodesTheCurrentMessageAndStartsTheChat() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        #expect(driver.status("chat-01") == .notStarted)
        driver.keys("c")
        #expect(driver.screen.contains("Code chat-01 #1"))
        driver.keys("bedreig")
        guard case .picker(let picker)? = driver.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.matches.first == (try driver.code("Dwangmiddel > Bedreiging")))
        driver.send(.enter)

        let coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(driver.store.session.codingCount == 1)
        #expect(coding.codes == [try driver.code("Dwangmiddel > Bedreiging")])
        #expect(driver.state.path(coding.codes[0]) == "Dwangmiddel > Bedreiging")
        #expect(coding.span == Span(from: TextPosition(message: 1, offset: 0), to: TextPosition(message: 1, offset: 50)))
        #expect(coding.coder == "tester")
        #expect(driver.status("chat-01") == .inProgress)
        #expect(driver.state.currentQuote == coding.id)
        let screen = driver.screen
        #expect(screen.contains("1/12 · in progress"))
        #expect(screen.contains("Quote 1/1 · chat-01 #1 · Dwangmiddel > Bedreiging"))
        // The recent codes follow the hints on the status line, where there is room for them.
        driver.resize(width: 160, height: 30)
        #expect(driver.screen.contains("'1 Bedreiging"))

        try driver.close()
        let session = try demo.sessionOnDisk("tester")
        #expect(session.codingCount == 1)
        #expect(session.status(of: "chat-01") == .inProgress)
        #expect(try demo.csv("tester").contains("chat-01,1,,1,,Dwangmiddel > Bedreiging"))
    }

    @Test func escapeClosesThePickerWithoutCoding() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c bedreig Esc")
        #expect(driver.state.overlay == nil)
        #expect(driver.store.session.codingCount == 0)
        #expect(driver.status("chat-01") == .notStarted)
    }

    /// Double coding right after coding: `a` adds a code to the quote just made, then asks for the relation.
    @Test func doubleCodingWithARelation() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("j j j j c bedreig Enter")
        driver.keys("a")
        #expect(driver.screen.contains("Add a code to the current quote"))
        driver.keys("armoede Enter")
        guard case .prompt(let prompt)? = driver.state.overlay, case .relation = prompt.purpose else {
            Issue.record("no relation prompt"); return
        }
        driver.keys("relevant Space verband Enter")
        #expect(driver.state.overlay == nil)

        let codings = driver.store.session.codings(in: "chat-01")
        #expect(codings.count == 1)
        let coding = try #require(codings.first)
        #expect(coding.codes == [try driver.code("Dwangmiddel > Bedreiging"), try driver.code("Risicofactoren > Armoede/lage SES")])
        #expect(coding.relation == "relevant verband")
        #expect(coding.span == Span(from: TextPosition(message: 5, offset: 0), to: TextPosition(message: 5, offset: 107)))
        let screen = driver.screen
        #expect(screen.contains("relation: relevant verband"))
        #expect(screen.contains("Bedreiging + "))

        try driver.close()
        let csv = try demo.csv("tester")
        #expect(csv.contains("chat-01,5,,5,,Dwangmiddel > Bedreiging,,relevant verband"))
        #expect(csv.contains("chat-01,5,,5,,Risicofactoren > Armoede/lage SES,,relevant verband"))
    }

    /// On an existing session: `]q` visits a quote, `a` adds a code, and Tab completes a relation the coder
    /// used before ("relevant verband" is in anouk's session).
    @Test func doubleCodingAnExistingQuoteWithTabCompletion() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        #expect(driver.state.chat?.id == "chat-01")
        driver.keys("] q ] q ] q")  // quotes in text order: #5 (two), then #7
        let quote = try #require(driver.state.quote)
        #expect(quote.span == Span(from: TextPosition(message: 7, offset: 25), to: TextPosition(message: 7, offset: 80)))
        #expect(quote.codes.count == 1)
        #expect(quote.relation == nil)
        driver.keys("a moeder Enter")
        guard case .prompt(let prompt)? = driver.state.overlay else { Issue.record("no relation prompt"); return }
        #expect(prompt.completions.contains("relevant verband"))
        driver.keys("rel")
        driver.send(.tab)
        guard case .prompt(let completed)? = driver.state.overlay else { Issue.record("the prompt closed"); return }
        #expect(completed.field.text == "relevant verband")
        driver.send(.enter)

        let after = try #require(driver.store.session.codings[quote.id])
        #expect(after.codes == quote.codes + [try driver.code("Pleger > Moeder")])
        #expect(after.relation == "relevant verband")
        #expect(driver.store.session.codings(in: "chat-01").count == 7)  // no new quote
    }

    /// Enter on the relation prompt without text: two codes, no relation.
    @Test func relationMayBeLeftEmpty() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c bedreig Enter a armoede Enter Enter")
        let coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.codes.count == 2)
        #expect(coding.relation == nil)
    }

    @Test func xRemovesACode() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c bedreig Enter a armoede Enter relevant Space verband Enter")
        let id = try #require(driver.state.currentQuote)
        // Two codes: x asks which one (only the quote's codes are listed).
        driver.keys("x")
        #expect(driver.screen.contains("Remove which code?"))
        guard case .picker(let picker)? = driver.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.matches.count == 2)
        driver.keys("armoede Enter")
        var coding = try #require(driver.store.session.codings[id])
        #expect(coding.codes == [try driver.code("Dwangmiddel > Bedreiging")])
        #expect(coding.relation == nil)  // a relation needs two codes
        // One code left: x removes it, and with it the quote.
        driver.keys("x")
        #expect(driver.store.session.codings[id] == nil)
        #expect(driver.store.session.codingCount == 0)
        #expect(driver.state.currentQuote == nil)
        // Undo brings the last code back.
        driver.keys("u")
        coding = try #require(driver.store.session.codings[id])
        #expect(coding.codes.count == 1)
    }

    @Test func xWithoutAQuoteSaysHow() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("x")
        #expect(driver.state.overlay == nil)
        #expect(driver.screen.contains("no quote on message #1: ]q and [q move to one"))
    }

    /// The memo prompt edits like a shell line: Ctrl-a to the start, Ctrl-e to the end, Ctrl-w deletes a word.
    @Test func memoWithLineEditing() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c bedreig Enter m")
        guard case .prompt(let prompt)? = driver.state.overlay, case .memo = prompt.purpose else { Issue.record("no memo prompt"); return }
        #expect(driver.screen.contains("Memo on chat-01 #1 Bedreiging:"))
        driver.keys("geld")
        driver.send(.ctrl("a"))
        driver.keys("motief Space")
        driver.send(.ctrl("e"))
        driver.keys("Space en Space schuld")
        driver.send(.ctrl("w"))  // deletes "schuld"
        driver.keys("huur")
        guard case .prompt(let edited)? = driver.state.overlay else { Issue.record("the prompt closed"); return }
        #expect(edited.field.text == "motief geld en huur")
        driver.send(.enter)
        let coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.memo == "motief geld en huur")
        #expect(driver.screen.contains("memo: motief geld en huur"))

        // The prompt starts with the memo; Ctrl-u clears it, and an empty memo is removed.
        driver.keys("m")
        guard case .prompt(let again)? = driver.state.overlay else { Issue.record("no memo prompt"); return }
        #expect(again.field.text == "motief geld en huur")
        driver.send(.ctrl("u"))
        driver.send(.enter)
        #expect(driver.store.session.codings(in: "chat-01").first?.memo == nil)

        try driver.close()
        #expect(try demo.sessionOnDisk("tester").codings(in: "chat-01").first?.memo == nil)
    }

    @Test func escapeLeavesTheMemoAsItWas() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        driver.keys("] q m")
        let before = try #require(driver.state.quote)
        #expect(before.memo == "Armoede is hier ook het motief van de vader, dubbel gecodeerd")
        driver.send(.ctrl("u"))
        driver.send(.escape)
        #expect(driver.store.session.codings[before.id] == before)
    }

    /// `'1` applies the most recent code to the current message; the recent list is most recent first.
    @Test func recentCodeOneAppliesTheLastCode() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("'1")
        #expect(driver.store.session.codingCount == 0)
        #expect(driver.screen.contains("no recent code 1 yet"))
        driver.keys("c bedreig Enter j c armoede Enter")
        #expect(driver.state.recentCodes == [try driver.code("Risicofactoren > Armoede/lage SES"), try driver.code("Dwangmiddel > Bedreiging")])
        driver.keys("j '1 j '2")
        let codings = driver.store.session.codings(in: "chat-01")
        #expect(codings.map(\.span.from.message) == [1, 2, 3, 4])
        #expect(codings[2].codes == [try driver.code("Risicofactoren > Armoede/lage SES")])
        // `2` applied Bedreiging and made it the most recent code.
        #expect(codings[3].codes == [try driver.code("Dwangmiddel > Bedreiging")])
        #expect(driver.state.recentCodes.first == (try driver.code("Dwangmiddel > Bedreiging")))
        // In the picker, before typing, the recent codes come first: Enter applies the most recent.
        driver.keys("j c")
        guard case .picker(let picker)? = driver.state.overlay else { Issue.record("no picker"); return }
        #expect(Array(picker.matches.prefix(2)) == [try driver.code("Dwangmiddel > Bedreiging"), try driver.code("Risicofactoren > Armoede/lage SES")])
        driver.keys("Down Enter")
        #expect(driver.state.overlay == nil)
        #expect(driver.store.session.codings(in: "chat-01").last?.codes == [try driver.code("Risicofactoren > Armoede/lage SES")])
        // `.` applies the most recent code again (vim's repeat).
        driver.keys("j .")
        #expect(driver.store.session.codings(in: "chat-01").last?.codes == [try driver.code("Risicofactoren > Armoede/lage SES")])
        #expect(driver.store.session.codings(in: "chat-01").count == 6)
    }

    /// The same code twice on one quote is refused with a notice, not journalled.
    @Test func codingTheSameQuoteTwiceWithOneCodeDoesNothing() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c bedreig Enter c bedreig Enter")
        #expect(driver.store.session.codingCount == 1)
        #expect(driver.store.session.codings(in: "chat-01").first?.codes.count == 1)
        #expect(driver.screen.contains("this quote already has Bedreiging"))
        // Another code on the same span joins the quote instead of making a second one.
        driver.keys("c armoede Enter")
        #expect(driver.store.session.codingCount == 1)
        #expect(driver.store.session.codings(in: "chat-01").first?.codes.count == 2)
    }
}

/// What the workbench remembers between starts besides the session: where the coder was and the recent codes.
@Suite struct RestartPlaceTests {
    @Test func theRecentCodesAndThePlaceSurviveARestart() throws {
        let demo = try DemoCopy()
        let first = try demo.driver()
        first.keys("c bedreig Enter } 6 j")
        #expect(first.state.chat?.id == "chat-02")
        #expect(first.state.cursor == 7)
        let scrolled = (first.state.topMessage, first.state.topLine)
        try first.close()
        let second = try demo.driver()
        defer { try? second.close() }
        #expect(second.state.chat?.id == "chat-02")
        #expect(second.state.cursor == 7)
        #expect((second.state.topMessage, second.state.topLine) == scrolled)
        #expect(second.state.recentCodes == [try second.code("Dwangmiddel > Bedreiging")])
        // `.` applies it at once in the new session.
        second.keys(".")
        #expect(second.store.session.codings(in: "chat-02").first?.codes == [try second.code("Dwangmiddel > Bedreiging")])
    }

    /// A quiet moment writes the place, so a killed workbench (no close) reopens there too.
    @Test func aQuietMomentKeepsThePlaceWithoutClosing() throws {
        let demo = try DemoCopy()
        let first = try demo.driver()
        first.keys("} } 3 j")
        first.idle()
        // No close: the lock is released by dropping the store's file lock only when the process ends, so read
        // the place file the way the next start does.
        let place = try #require(WorkbenchRunner.savedPlace(projectRoot: demo.root, coder: "tester"))
        #expect(place.chat == "chat-03")
        #expect(place.message == 4)
        try first.close()
    }
}
