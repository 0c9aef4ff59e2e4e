import Foundation
import Testing
@testable import GlossApp
import GlossAnalysis
import GlossCore
import GlossTerminal

/// The case sheet (`gc`): the chat's attributes with their sources; a value the coder enters goes into the
/// coder's session (journaled, undoable) and counts over the header's, as the figures then show.
@Suite struct CaseSheetTests {
    /// Moves the sheet's cursor to `variable`.
    private func select(_ variable: String, _ app: AppDriver, sourceLocation: SourceLocation = #_sourceLocation) {
        for _ in 0..<20 { app.keys("k") }
        for _ in 0..<20 {
            guard case .caseSheet(let sheet)? = app.state.overlay else { break }
            if app.state.caseSheetRows[sheet.highlighted].variable.name == variable { return }
            app.keys("j")
        }
        Issue.record("the case sheet never reached \(variable)", sourceLocation: sourceLocation)
    }

    @Test("gc lists chat-01's attributes with their sources; a value entered counts over the header, and undo takes it back")
    func enterAValueOverTheHeader() throws {
        let demo = try DemoCopy()
        let app = try demo.driver(width: 120, height: 40)
        #expect(app.state.chatID == "chat-01")
        app.keys("g c")
        let screen = app.screen
        // chat-01's header says `# leeftijd: 14`; its binned age is derived from it.
        #expect(rows(of: screen, containing: "leeftijd ").contains { $0.contains("14") && $0.contains("transcript header") })
        #expect(rows(of: screen, containing: "leeftijdsgroep").contains { $0.contains("13 tot 15") && $0.contains("from leeftijd") })
        #expect(app.state.caseTable?.value(of: "groep", in: "chat-01")?.source == .imported)

        select("leeftijd", app)
        app.keys("Enter")
        guard case .prompt(let prompt)? = app.state.overlay else { Issue.record("no prompt"); return }
        #expect(prompt.field.text.isEmpty && prompt.label.contains("now 14 from the header"))
        app.type("16")
        app.keys("Enter")
        #expect(app.store.session.attribute("leeftijd", in: "chat-01") == .some("16"))
        #expect(try demo.sessionOnDisk("tester").attribute("leeftijd", in: "chat-01") == .some("16"), "journaled before the next key")
        #expect(app.state.caseTable?.value(of: "leeftijd", in: "chat-01")?.source == .coder)
        #expect(app.state.caseTable?.value(of: "leeftijdsgroep", in: "chat-01")?.text == "16 tot 17")
        #expect(rows(of: app.screen, containing: "leeftijd ").contains { $0.contains("16") && $0.contains("entered by you") })

        // Marked unknown: over the header too. Then removed: the header counts again. Undo walks back.
        app.keys("-")
        #expect(app.store.session.attribute("leeftijd", in: "chat-01") == .some(nil))
        #expect(app.state.caseTable?.value(of: "leeftijd", in: "chat-01") == nil)
        app.keys("x")
        #expect(app.store.session.attribute("leeftijd", in: "chat-01") == nil)
        #expect(app.state.caseTable?.value(of: "leeftijd", in: "chat-01")?.text == "14")
        app.keys("Esc u")
        #expect(app.store.session.attribute("leeftijd", in: "chat-01") == .some(nil))
        app.keys("u")
        #expect(app.store.session.attribute("leeftijd", in: "chat-01") == .some("16"))
        #expect(app.state.caseTable?.value(of: "leeftijd", in: "chat-01")?.text == "16")
    }

    @Test("Enter on the sheet never copies the header's or the imported value into the session; a number is kept in one form")
    func enterCopiesNothing() throws {
        let demo = try DemoCopy()
        let app = try demo.driver(width: 120, height: 40)
        app.keys("g c")
        select("leeftijd", app)
        app.keys("Enter")
        guard case .prompt(let prompt)? = app.state.overlay else { Issue.record("no prompt"); return }
        #expect(prompt.field.text.isEmpty, "only the coder's own value is filled in")
        #expect(prompt.label.contains("now 14 from the header"))
        app.keys("Enter")
        #expect(app.store.session.attribute("leeftijd", in: "chat-01") == nil)
        #expect(app.state.caseTable?.value(of: "leeftijd", in: "chat-01")?.source == .header)
        // 16.0 and +16 are 16: stored as 16, so two coders who read the same age agree in compare and review.
        select("leeftijd", app)
        app.keys("Enter")
        app.type("+16.0")
        app.keys("Enter")
        #expect(app.store.session.attribute("leeftijd", in: "chat-01") == .some("16"))
    }

    @Test("a value that does not fit the variable is refused with a message and nothing is written")
    func valuesAreChecked() throws {
        let demo = try DemoCopy()
        let app = try demo.driver(width: 120, height: 40)
        app.keys("g c")
        for (variable, bad) in [("leeftijd", "veertien"), ("duur", "lang")] {
            select(variable, app)
            app.keys("Enter")
            for _ in 0..<40 { app.send(.backspace) }
            app.type(bad)
            app.keys("Enter")
            #expect(app.state.notice?.kind == .warning, "\(variable) = \(bad)")
            #expect(app.store.session.attribute(variable, in: "chat-01") == nil)
        }
        // A binned variable is never entered: its source is.
        select("leeftijdsgroep", app)
        app.keys("Enter")
        #expect(app.state.notice?.text.contains("enter leeftijd instead") == true)
        #expect(app.store.session.attributes.isEmpty)
    }

    @Test("the figures pane draws figure 1 on a variable after the code figures, and follows an entered value")
    func variableFiguresInThePane() throws {
        let demo = try DemoCopy()
        let app = try demo.driver(width: 160, height: 60)
        let before = app.screen
        let figureOne = try #require(before.range(of: "Figuur 1."))
        let figureFour = try #require(before.range(of: "Figuur 4."))
        #expect(figureFour.lowerBound < figureOne.lowerBound)
        let table = try #require(app.state.caseTable)
        let known = table.knownCount("leeftijdsgroep")
        // chat-01 is 14 in its header: marking it unknown takes one case out of n.
        app.keys("g c")
        select("leeftijd", app)
        app.keys("-")
        #expect(app.state.caseTable?.knownCount("leeftijdsgroep") == known - 1)
        app.keys("Esc")
        #expect(app.screen.contains("Figuur 1. Leeftijd (n = \(known - 1);") || app.screen.contains("(n = \(known - 1);"))
    }
}

/// A figure whose zero bars are folded (`zeros: fold`) says so in the pane and in its SVG note, never drops them
/// silently. Figure 5 of the demo for anouk has two codes without chats (Stiefmoeder, Adoptievader).
@Suite struct FoldedZerosTests {
    @Test func theFoldedLineIsShown() throws {
        let demo = try DemoCopy()
        let url = demo.root.appendingPathComponent("project.json")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var figures = json["figures"] as! [[String: Any]]
        let five = try #require(figures.firstIndex { $0["number"] as? Int == 5 })
        figures[five]["zeros"] = "fold"
        json["figures"] = figures
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        let app = try demo.driver("anouk", width: 160, height: 60)
        #expect(app.screen.contains("2 codes without chats"), "\(app.screen)")
        #expect(FigureChart.title(try #require(try Figure.figures(for: app.state.project.config.figures, groups: [], hierarchy: app.state.hierarchy, index: app.state.index, totalChats: 12).first { (try? $0.get())?.number == 5 }?.get())) == "Figuur 5. Pleger (n = 11; 92 % of 12 chats) · 2 codes without chats")
        let figure = try #require(try Figure.figures(for: app.state.project.config.figures, groups: app.state.project.config.groups,
                                                      hierarchy: app.state.hierarchy, index: app.state.index,
                                                      totalChats: app.state.project.chatCount).first { (try? $0.get())?.number == 5 }?.get())
        #expect(ChartFigure(figure).note.contains("Not drawn: 2 codes without chats."))
    }
}
