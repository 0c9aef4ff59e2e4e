import Foundation
import Testing
@testable import GlossApp
import GlossCore
import GlossTerminal

/// Axial coding in the workbench tree: `x` cut, `p` put under, `T` to the top, `M` merge, `K`/`J` reorder,
/// `r` rename, `e`/`E` definition and memo, each with a reason prompt, journalled so `u` and `Ctrl-r` take
/// them back and repeat them in order with coding actions.
@Suite struct AxialWorkbenchTests {
    private func log(_ demo: DemoCopy) throws -> [CodebookChange] { try Project.load(demo.root).codebookChanges() }

    @Test("u after a rename undoes the rename, not the coding before it; Ctrl-r renames again")
    func renameIsUndoneFirst() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        driver.keys("c bedreig Enter")
        #expect(driver.store.session.codingCount == 1)
        driver.keys("Tab zR")
        let moeder = try driver.code("Pleger > Moeder")
        driver.moveTree(to: moeder)
        driver.keys("r")
        for _ in 0..<6 { driver.send(.backspace) }
        driver.type("Biologische moeder")
        driver.send(.enter)
        #expect(driver.state.path(moeder) == "Pleger > Biologische moeder")
        #expect(driver.state.notice?.text == "renamed to Biologische moeder in the shared codebook")
        driver.keys("u")
        #expect(driver.state.path(moeder) == "Pleger > Moeder")
        #expect(driver.store.session.codingCount == 1)  // the coding before it is still there
        #expect(try Project.load(demo.root).codebook[moeder]?.name == "Moeder")
        driver.send(.ctrl("r"))
        #expect(try Project.load(demo.root).codebook[moeder]?.name == "Biologische moeder")
        driver.keys("u u")
        #expect(driver.store.session.codingCount == 0)
        #expect(try log(demo).map(\.kind) == [.rename, .rename, .rename, .rename])
        try driver.close()
    }

    @Test("x then M merges with a reason; the coder's codings follow; u brings the code back with its codings; Ctrl-r merges again")
    func mergeAndUndo() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        let before = try demo.csv("anouk")
        let stief = try driver.code("Pleger > Stiefvader"), vader = try driver.code("Pleger > Vader")
        let stiefCodings = driver.store.session.codings.values.filter { $0.codes.contains(stief) }.count
        #expect(stiefCodings > 0)
        driver.keys("Tab zR")
        driver.moveTree(to: stief)
        driver.keys("x")
        #expect(driver.state.cutCode == stief)
        driver.moveTree(to: vader, key: "k")
        driver.keys("M")
        #expect(driver.screen.contains("merge Pleger > Stiefvader into Pleger > Vader. Why?"))
        driver.type("ouderrol telt")
        driver.send(.enter)
        #expect(driver.state.hierarchy.code(stief) == nil)
        #expect(!driver.store.session.codings.values.contains { $0.codes.contains(stief) })
        let afterMerge = try demo.csv("anouk")
        #expect(!afterMerge.contains("Stiefvader"))
        #expect(try log(demo).last?.reason == "ouderrol telt")
        // The figure's bar follows at once: Stiefvader is gone from the live index.
        #expect(driver.state.index.chatIDs(carrying: stief).isEmpty)

        driver.keys("u")
        #expect(driver.state.hierarchy.code(stief)?.name == "Stiefvader")
        #expect(try Project.load(demo.root).codebook.path(of: stief) == "Pleger > Stiefvader")
        #expect(try demo.csv("anouk") == before)
        #expect(try log(demo).last?.kind == .restore)
        driver.send(.ctrl("r"))
        #expect(driver.state.hierarchy.code(stief) == nil)
        #expect(try demo.csv("anouk") == afterMerge)
        try driver.close()
        // bram's session was not open: it follows when read.
        let bram = try Project.load(demo.root).readSession("bram")
        #expect(!bram.codings.values.contains { $0.codes.contains(stief) })
    }

    @Test("x p moves under a code, T to the top, K/J reorder; undo goes back through them and the coding in order")
    func moveAndReorder() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        let key = try driver.code("Beschermende factoren > Sleutelfiguren die de situatie kunnen doorbreken")
        let geheim = try driver.code("Belemmeringen om hulp te vragen > Geheim")
        let belemmering = try driver.code("Belemmeringen om hulp te vragen")
        driver.keys("c bedreig Enter Tab zR")
        driver.moveTree(to: key)
        driver.keys("T")
        driver.type("hoofdcode")
        driver.send(.enter)
        #expect(driver.state.hierarchy.codebook[key]?.parent == nil)
        driver.moveTree(to: geheim, key: "k")
        driver.keys("x")
        driver.moveTree(to: key)
        driver.keys("p Enter")  // no reason given
        #expect(driver.state.path(geheim) == "Sleutelfiguren die de situatie kunnen doorbreken > Geheim")
        driver.moveTree(to: key, key: "k")
        driver.keys("K")
        let roots = driver.state.hierarchy.codebook.roots.map(\.id)
        #expect(roots[roots.count - 2] == key)
        // Undo: reorder, move, to-the-top, then the coding.
        driver.keys("u")
        #expect(driver.state.hierarchy.codebook.roots.map(\.id).last == key)
        driver.keys("u")
        #expect(driver.state.hierarchy.codebook[geheim]?.parent == belemmering)
        #expect(driver.state.hierarchy.codebook.position(of: geheim) == 11)  // its place among its siblings again
        driver.keys("u")
        #expect(try Project.load(demo.root).codebook.path(of: key) == "Beschermende factoren > Sleutelfiguren die de situatie kunnen doorbreken")
        #expect(driver.store.session.codingCount == 1)
        driver.keys("u")
        #expect(driver.store.session.codingCount == 0)
        try driver.close()
    }

    @Test("e edits the operationalisation and E the memo of a shared code, with a reason")
    func editDefinitionAndMemo() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        let armoede = try driver.code("Risicofactoren > Armoede/lage SES")
        driver.keys("Tab zR")
        driver.moveTree(to: armoede)
        driver.keys("E")
        driver.type("Vaak met schulden")
        driver.send(.enter)
        driver.type("notitie")
        driver.send(.enter)
        #expect(try Project.load(demo.root).codebook[armoede]?.memo == "Vaak met schulden")
        #expect(try log(demo).last?.field == "memo")
        #expect(try log(demo).last?.reason == "notitie")
        driver.keys("u")
        #expect(try Project.load(demo.root).codebook[armoede]?.memo == "")
        try driver.close()
    }
}

@Suite struct ExclusiveWarningTests {
    @Test("coding a second sub-code of an exclusive category warns on the status line; a first one does not")
    func warnsOnSecondSubcode() throws {
        let demo = try DemoCopy()
        var project = try Project.load(demo.root)
        let pleger = try #require(project.codebook.resolve("Pleger"))
        try project.editCode(pleger.id, .exclusive, to: "true", by: "lead")
        let driver = try demo.driver()
        driver.keys("c moeder Enter")
        #expect(driver.state.notice?.kind != .warning)
        driver.keys("j c vader Enter")
        #expect(driver.state.notice?.text == "chat-01 has Moeder and Vader, which exclude each other (Pleger is exclusive)")
        #expect(driver.screen.contains("chat-01 has Moeder and Vader, which exclude each"))
        try driver.close()
    }
}

@Suite struct SplitInTheWorkbenchTests {
    @Test("S splits a code into sub-codes; in the code view 1–9 move its quotes to them one by one, with the text shown; u takes back in order")
    func splitAndReassign() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        let bedreiging = try driver.code("Pleger > Vader")
        let own = driver.store.session.codings.values.filter { $0.codes.contains(bedreiging) }.sorted(by: Coding.fileOrder)
        try #require(!own.isEmpty)
        driver.keys("Tab zR")
        driver.moveTree(to: bedreiging)
        driver.keys("S")
        #expect(driver.screen.contains("Split Pleger > Vader into"))
        driver.type("Biologisch, Stief")
        driver.send(.enter)
        #expect(driver.screen.contains("Why?"))
        driver.type("te breed")
        driver.send(.enter)
        let mondeling = try driver.code("Pleger > Vader > Biologisch")
        let schriftelijk = try driver.code("Pleger > Vader > Stief")
        #expect(driver.screen.contains("move to: 1 Biologisch · 2 Stief"))
        // The code view is open on Bedreiging's quotes; move the first of its own quotes to 2 (the view is in
        // file order, so go to it first).
        guard case .codeView(let view)? = driver.state.overlay else { Issue.record("no code view"); return }
        let first = try #require(view.quotes.firstIndex(of: own[0].id))
        for _ in 0..<first { driver.keys("j") }
        driver.keys("2")
        #expect(driver.store.session.coding(own[0].id)?.codes.contains(schriftelijk) == true)
        #expect(driver.store.session.coding(own[0].id)?.codes.contains(bedreiging) == false)
        let log = try Project.load(demo.root).codebookChanges()
        #expect(log.last?.kind == .split && log.last?.reason == "te breed")
        driver.keys("Esc u")
        #expect(driver.store.session.coding(own[0].id)?.codes.contains(bedreiging) == true)
        driver.keys("u")
        #expect(driver.state.hierarchy.code(mondeling) == nil)
        #expect(try Project.load(demo.root).codebook.contains(schriftelijk) == false)
        try driver.close()
    }
}

@Suite struct DeleteInTheWorkbenchTests {
    @Test("D counts every coder's codings first; empty is refused while they exist; a code takes them; u brings the code back")
    func deleteWithReassign() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver("anouk")
        let stief = try driver.code("Pleger > Stiefvader"), vader = try driver.code("Pleger > Vader")
        let project = try Project.load(demo.root)
        let anouk = try project.readSession("anouk").codings.values.filter { $0.codes.contains(stief) }.count
        let bram = try project.readSession("bram").codings.values.filter { $0.codes.contains(stief) }.count
        try #require(anouk > 0)
        driver.keys("Tab zR")
        driver.moveTree(to: stief)
        driver.keys("D")
        let counted = "\(anouk + bram) coding(s) use it (anouk \(anouk)" + (bram > 0 ? ", bram \(bram))" : ")")
        #expect(driver.screen.contains(counted), "\(driver.screen)")
        driver.send(.enter)
        #expect(driver.state.notice?.text.contains("say where they go") == true)
        #expect(try Project.load(demo.root).codebook.contains(stief))
        driver.keys("D")
        driver.type("Pleger > Vader")
        driver.send(.enter)
        driver.send(.enter)  // no reason
        #expect(try Project.load(demo.root).codebook.contains(stief) == false)
        #expect(!driver.store.session.codings.values.contains { $0.codes.contains(stief) })
        #expect(try Project.load(demo.root).readSession("bram").codings.values.contains { $0.codes.contains(stief) } == false)
        #expect(try Project.load(demo.root).codebookChanges().last?.mapping == [CodeMapping(from: stief, to: vader, parent: try driver.code("Pleger"))])
        driver.keys("u")
        #expect(try Project.load(demo.root).codebook.path(of: stief) == "Pleger > Stiefvader")
        #expect(driver.store.session.codings.values.filter { $0.codes.contains(stief) }.count == anouk)
        try driver.close()
    }
}

@Suite struct CodebookCommandsInTheWorkbenchTests {
    @Test(":color, :rule, :exclusive on the tree cursor's code and :memo for the project, each logged and undoable")
    func colonCommands() throws {
        let demo = try DemoCopy()
        let driver = try demo.driver()
        let pleger = try driver.code("Pleger")
        driver.keys("Tab")
        driver.moveTree(to: pleger)
        for (command, reason) in [(":color #112233", "rood"), (":rule alleen ouders", ""), (":exclusive", "een pleger per chat"), (":memo Axiale fase", "")] {
            driver.type(command)
            driver.send(.enter)
            #expect(driver.screen.contains("Why?"), "\(command)")
            driver.type(reason)
            driver.send(.enter)
        }
        var codebook = try Project.load(demo.root).codebook
        #expect(codebook[pleger]?.color == "#112233" && codebook[pleger]?.rules.last == "alleen ouders" && codebook[pleger]?.exclusive == true)
        #expect(codebook.memo == "Axiale fase")
        #expect(try Project.load(demo.root).codebookChanges().suffix(4).map(\.kind) == [.edit, .edit, .edit, .memo])
        driver.keys("u u")
        codebook = try Project.load(demo.root).codebook
        #expect(codebook.memo == "" && codebook[pleger]?.exclusive == false && codebook[pleger]?.rules.last == "alleen ouders")
        try driver.close()
    }
}
