import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Selecting text with `V` (whole messages) and `v` (characters), and the spans the codings get.
@Suite struct SelectionTests {
    /// chat-01, messages 5 and 6 (code points counted by hand):
    /// 5: "mijn vader zegt dat we anders de huur niet kunnen betalen. daarom moet ik naar die afspraken met die mannen" (107)
    /// 6: "Wat goed dat je dit durft te schrijven. Hoe lang gebeurt dit al?" (64)
    @Test func lineSelectionAcrossTwoMessagesMakesOneQuote() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        #expect(driver.state.chat?.id == "chat-01")
        driver.keys("j j j j V j")
        #expect(driver.state.selection == .lines(anchor: 5))
        #expect(driver.state.cursor == 6)
        #expect(driver.screen.contains("Selecting messages 5–6"))
        driver.keys("c")
        guard case .picker(let picker)? = driver.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.target == .span(chat: "chat-01", span: Span(from: TextPosition(message: 5, offset: 0), to: TextPosition(message: 6, offset: 64))))
        #expect(driver.screen.contains("Code chat-01 #5–6"))
        driver.keys("bedreig Enter")

        let codings = driver.store.session.codings(in: "chat-01")
        #expect(codings.count == 1)
        let coding = try #require(codings.first)
        #expect(coding.span == Span(from: TextPosition(message: 5, offset: 0), to: TextPosition(message: 6, offset: 64)))
        #expect(coding.codes == [try driver.code("Dwangmiddel > Bedreiging")])
        #expect(coding.text == "mijn vader zegt dat we anders de huur niet kunnen betalen. daarom moet ik naar die afspraken met die mannen\nWat goed dat je dit durft te schrijven. Hoe lang gebeurt dit al?")
        #expect(driver.state.selection == nil)
        #expect(driver.state.overlay == nil)

        // The CSV writes a whole-message quote with empty offsets, messages 5 to 6.
        try driver.close()
        let csv = try demo.csv("tester")
        #expect(csv.contains("chat-01,5,,6,,Dwangmiddel > Bedreiging"))
    }

    @Test func vWithKAndEscapeShrinkAndCancel() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("j j V j j k")
        #expect(driver.state.selection == .lines(anchor: 3))
        #expect(driver.state.cursor == 4)
        driver.send(.escape)
        #expect(driver.state.selection == nil)
        #expect(driver.store.session.codingCount == 0)
    }

    /// Message 9 of chat-01, offsets in code points (the demo is NFC, so "ï" and "é" are one each):
    /// ```
    /// dan zegt hij dat het mijn schuld is …
    /// 0   4    9   13  17  21   26     33
    /// ```
    /// `dan` is 0–2, `zegt` 4–7, `hij` 9–11, `dat` 13–15, the space after it 16, `het` 17–19; the message
    /// has 155 code points, so `$` puts the active end on 154. A selection from `a` to `b` (inclusive) is
    /// coded as the span a..<b+1.
    @Test func characterSelectionMotionsGiveExactOffsets() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("j j j j j j j j")
        #expect(driver.state.cursor == 9)
        let message = try #require(driver.state.chat?.message(9))
        #expect(message.text == Chat01.message9)
        #expect(message.length == 155)

        func selection() -> Selection? { driver.state.selection }
        driver.keys("v")      // the first word under the cursor: "dan"
        #expect(selection() == .characters(message: 9, anchor: 0, active: 2))
        driver.keys("w")      // grows by the next whole word: "dan zegt"
        #expect(selection() == .characters(message: 9, anchor: 0, active: 7))
        driver.keys("e")      // to the end of the next word: "… hij"
        #expect(selection() == .characters(message: 9, anchor: 0, active: 11))
        driver.keys("w")      // "… dat"
        #expect(selection() == .characters(message: 9, anchor: 0, active: 15))
        driver.keys("l")      // onto the space after "dat"
        #expect(selection() == .characters(message: 9, anchor: 0, active: 16))
        driver.keys("l")      // the "h" of "het"
        #expect(selection() == .characters(message: 9, anchor: 0, active: 17))
        driver.keys("h h")
        #expect(selection() == .characters(message: 9, anchor: 0, active: 15))
        driver.keys("$")
        #expect(selection() == .characters(message: 9, anchor: 0, active: 154))
        driver.send(.left)    // Left is h
        #expect(selection() == .characters(message: 9, anchor: 0, active: 153))
        driver.keys("0")
        #expect(selection() == .characters(message: 9, anchor: 0, active: 0))
        driver.keys("e e e")  // "dan zegt hij"
        #expect(selection() == .characters(message: 9, anchor: 0, active: 11))
        driver.keys("o")      // the ends swap: the start is active now
        #expect(selection() == .characters(message: 9, anchor: 11, active: 0))
        driver.keys("l")      // the start moves right: "an zegt hij"
        #expect(selection() == .characters(message: 9, anchor: 11, active: 1))
        driver.keys("h o")    // back to "dan zegt hij", end active again
        #expect(selection() == .characters(message: 9, anchor: 0, active: 11))
        #expect(driver.screen.contains("Selecting #9, characters 0–12"))
        #expect(driver.render().lines.joined().contains("VISUAL"))

        driver.keys("c bedreig Enter")
        let coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.span == Span(from: TextPosition(message: 9, offset: 0), to: TextPosition(message: 9, offset: 12)))
        #expect(coding.text == "dan zegt hij")
        try driver.close()
        #expect(try demo.csv("tester").contains("chat-01,9,0,9,12,Dwangmiddel > Bedreiging"))
    }

    /// `o` makes the start the active end; `w` and `b` then move the start by whole words, as in vim:
    /// from "dan zegt hij dat" (0–15), `o w` leaves "zegt hij dat" (4–15) and `b` brings "dan" back.
    @Test func wordMotionsOnTheStartKeepWholeWords() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("j j j j j j j j v w w w")
        #expect(driver.state.selection == .characters(message: 9, anchor: 0, active: 15))
        driver.keys("o w")
        #expect(driver.state.selection == .characters(message: 9, anchor: 15, active: 4))
        driver.keys("w")
        #expect(driver.state.selection == .characters(message: 9, anchor: 15, active: 9))
        driver.keys("b b")
        #expect(driver.state.selection == .characters(message: 9, anchor: 15, active: 0))
        driver.keys("o b")    // the end active again: b goes to the start of "dat" (vim's b)
        #expect(driver.state.selection == .characters(message: 9, anchor: 0, active: 13))
    }

    /// The word under a search match starts the selection: "egoïstisch" is code points 73–82 of message 9
    /// ("… dat ik " ends at 72; "egoïstisch" has 10 code points, "ï" being U+00EF).
    @Test func characterSelectionStartsAtTheSearchMatch() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("/ egoïstisch Enter")
        #expect(driver.state.cursor == 9)
        driver.keys("v")
        #expect(driver.state.selection == .characters(message: 9, anchor: 73, active: 82))
        driver.keys("c 1")  // a digit in the picker types (code names may start with one)
        guard case .picker(let picker)? = driver.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.field.text == "1")
        driver.send(.escape)
        #expect(driver.state.overlay == nil)
        #expect(driver.state.selection == .characters(message: 9, anchor: 73, active: 82))
        driver.keys("e")    // "egoïstisch ben."
        #expect(driver.state.selection == .characters(message: 9, anchor: 73, active: 87))
        driver.keys("c bedreig Enter")
        let coding = try #require(driver.store.session.codings(in: "chat-01").first)
        #expect(coding.span == Span(from: TextPosition(message: 9, offset: 73), to: TextPosition(message: 9, offset: 88)))
        #expect(coding.text == "egoïstisch ben.")
    }

    /// Offsets count code points, but `h`/`l` move by characters as the coder sees them: a decomposed "é"
    /// (e + U+0301) and an emoji with a skin tone (U+1F44D U+1F3FD) are one step each and are never split.
    /// "é👍🏽 ok": é = 0–1, 👍🏽 = 2–3, space 4, "ok" 5–6 (7 code points). The selection's ends sit on the
    /// first code point of their character; the coded span ends after the last character's last code point.
    @Test func characterMotionsNeverSplitACharacter() throws {
        let demo = try DemoCopy()
        try demo.addChat("chat-13", "# title: Combining\n[10:00] Slachtoffer: e\u{301}\u{1F44D}\u{1F3FD} ok\n")
        let driver = try demo.driver()
        driver.keys(": 13 Enter")
        #expect(driver.state.chat?.id == "chat-13")
        #expect(driver.state.chat?.message(1)?.length == 7)
        driver.keys("v")                  // the first word "é👍🏽": its last character starts at 2
        #expect(driver.state.selection == .characters(message: 1, anchor: 0, active: 2))
        #expect(driver.screen.contains("Selecting #1, characters 0–4"))
        driver.keys("0")
        #expect(driver.state.selection == .characters(message: 1, anchor: 0, active: 0))
        driver.keys("c bedreig Enter")    // only "é": both of its code points
        var coding = try #require(driver.store.session.codings(in: "chat-13").first)
        #expect(coding.span == Span(from: TextPosition(message: 1, offset: 0), to: TextPosition(message: 1, offset: 2)))
        #expect(coding.text.unicodeScalars.elementsEqual("e\u{301}".unicodeScalars))
        driver.keys("u v 0 l")            // onto the emoji
        #expect(driver.store.session.codings(in: "chat-13").isEmpty)
        #expect(driver.state.selection == .characters(message: 1, anchor: 0, active: 2))
        driver.keys("l")                  // onto the space
        #expect(driver.state.selection == .characters(message: 1, anchor: 0, active: 4))
        driver.keys("h")
        #expect(driver.state.selection == .characters(message: 1, anchor: 0, active: 2))
        driver.keys("c bedreig Enter")
        coding = try #require(driver.store.session.codings(in: "chat-13").first)
        #expect(coding.span == Span(from: TextPosition(message: 1, offset: 0), to: TextPosition(message: 1, offset: 4)))
        #expect(coding.text.unicodeScalars.elementsEqual("e\u{301}\u{1F44D}\u{1F3FD}".unicodeScalars))
    }
}
