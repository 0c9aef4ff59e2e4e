import Foundation
import Testing

/// The study's two axial moves and one merge done in the real workbench (tmux), on a copy of the demo whose two
/// codes were first made main codes (as after the first readings). Afterwards `gloss codebook log` and `diff`
/// show the three operations, and anouk's codings follow the merge.
@Suite("Axial coding in tmux", .serialized)
struct TmuxAxialTests {
    @Test("x/p moves two codes under their categories, x/M merges Stiefvader into Vader, u and Ctrl-r undo and redo it")
    func studyMovesInTheWorkbench() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let p = project.path
            for code in ["Beschermende factoren > Sleutelfiguren die de situatie kunnen doorbreken", "Belemmeringen om hulp te vragen > Geheim"] {
                let result = try gloss("codebook", "move", p, code, "--top")
                try #require(result.status == 0, "\(result)")
            }
            let pane = try TmuxPane(width: 120, height: 40, script: workbenchScript(project, coder: "anouk"))
            defer { pane.kill() }
            try pane.waitFor("Transcript", "Codebook")
            // Roots now: 12 categories, then Sleutelfiguren…, then Geheim.
            try pane.send("Tab", "z", "M", "G", "k", "x")
            try pane.waitFor("cut Sleutelfiguren die de situatie kunnen doorbreken")
            try pane.send("g", "g")
            for _ in 0..<6 { try pane.send("j") }  // Beschermende factoren
            try pane.send("p")
            try pane.waitFor("under Beschermende factoren. Why?")
            try pane.type("beschermend, niet faciliterend")
            try pane.send("Enter")
            try pane.waitFor("move Sleutelfiguren die de situatie kunnen doorbreken under Beschermende")

            try pane.send("z", "M", "G", "x")
            try pane.waitFor("cut Geheim")
            try pane.send("g", "g")
            for _ in 0..<8 { try pane.send("j") }  // Belemmeringen om hulp te vragen
            try pane.send("p")
            try pane.waitFor("move Geheim under Belemmeringen om hulp te vragen. Why?")
            try pane.type("belemmert hulp vragen")
            try pane.send("Enter")
            try pane.waitFor(regex: "\n[^\n]*move Geheim under Belemmeringen")

            try pane.send("z", "M", "g", "g")
            for _ in 0..<9 { try pane.send("j") }  // Pleger
            try pane.send("l", "l")                // open it, go to Moeder
            for _ in 0..<5 { try pane.send("j") }  // Stiefvader
            try pane.send("x")
            try pane.waitFor("cut Pleger > Stiefvader")
            for _ in 0..<4 { try pane.send("k") }  // Vader
            try pane.send("M")
            try pane.waitFor("merge Pleger > Stiefvader into Pleger > Vader. Why?")
            try pane.type("ouderrol telt")
            try pane.send("Enter")
            try pane.waitFor(regex: "\n[^\n]*merge Pleger > Stiefvader into Pleger > Vader")
            try pane.send("u")
            try pane.waitFor("undid: merge Pleger > Stiefvader")
            try pane.send("C-r")
            try pane.waitFor("redid: merge Pleger > Stiefvader")
            try pane.send("q")
            #expect(try pane.waitForExit() == 0)

            let shown = try gloss("codebook", p).stdout
            #expect(shown.contains("Beschermende factoren\n") && !shown.contains("Stiefvader"))
            let log = try gloss("codebook", "log", p).stdout
            #expect(log.contains("moved Sleutelfiguren die de situatie kunnen doorbreken to Beschermende factoren > Sleutelfiguren die de situatie kunnen doorbreken\n    why: beschermend, niet faciliterend"), "\(log)")
            #expect(log.contains("moved Geheim to Belemmeringen om hulp te vragen > Geheim\n    why: belemmert hulp vragen"), "\(log)")
            #expect(log.contains("merged Pleger > Stiefvader into Pleger > Vader\n    why: ouderrol telt"), "\(log)")
            #expect(log.contains("brought Pleger > Stiefvader back"), "\(log)")
            let diff = try gloss("codebook", "diff", p, "--from", "3", "--to", "5").stdout
            #expect(diff.hasPrefix("Codebook revision 3 → 5: 2 change(s).\n"), "\(diff)")
            let export = try gloss("codings", "export", p, "--coder", "anouk").stdout
            #expect(!export.contains("Stiefvader") && export.contains("Pleger > Vader"))
            #expect(try gloss("validate", p).status == 0)
        }
    }

    @Test("S splits Vader and 2 moves a quote to a new sub-code; D deletes Stiefvader into Vader after the count; E sets a memo; u undoes in order")
    func splitDeleteEditInTheWorkbench() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let p = project.path
            let pane = try TmuxPane(width: 120, height: 40, script: workbenchScript(project, coder: "anouk"))
            defer { pane.kill() }
            try pane.waitFor("Transcript", "Codebook")
            try pane.send("Tab", "z", "M", "g", "g")
            for _ in 0..<9 { try pane.send("j") }  // Pleger
            try pane.send("l", "l", "j")           // Moeder, Vader
            try pane.send("S")
            try pane.waitFor("Split Pleger > Vader into")
            try pane.type("Biologisch, Stief")
            try pane.send("Enter")
            try pane.waitFor("Why?")
            try pane.type("te grof")
            try pane.send("Enter")
            try pane.waitFor("move to: 1 Biologisch · 2 Stief")
            try pane.send("2")
            try pane.waitFor(regex: "chat-[0-9]+ #[0-9]+ · Stief")  // the quote now carries the new sub-code
            try pane.send("Escape")
            for _ in 0..<4 { try pane.send("j") }  // Pleegmoeder, Pleegvader, Stiefmoeder, Stiefvader
            try pane.send("D")
            try pane.waitFor("Delete Pleger > Stiefvader: ")
            try pane.waitFor("coding(s) use it (anouk ")
            try pane.type("Pleger > Vader")
            try pane.send("Enter")
            try pane.waitFor("its codings to Pleger > Vader. Why?")
            try pane.send("Enter")
            try pane.waitFor(regex: "\n[^\n]*delete Pleger > Stiefvader, its codings to")
            try pane.send("E")
            try pane.waitFor("Memo of Pleger: ")
            try pane.type("Axiale notitie")
            try pane.send("Enter")
            try pane.waitFor("Why?")
            try pane.send("Enter")
            try pane.waitFor("edit the memo of Pleger")
            try pane.send("u")
            try pane.waitFor("undid: edit the memo of Pleger")
            try pane.send("u")
            try pane.waitFor("undid: delete Pleger > Stiefvader")
            try pane.send("q")
            #expect(try pane.waitForExit() == 0)

            let shown = try gloss("codebook", p, "--format", "json").stdout
            #expect(shown.contains("\"Stiefvader\"") && shown.contains("\"Biologisch\"") && !shown.contains("Axiale notitie"))
            let log = try gloss("codebook", "log", p).stdout
            for expected in ["split Pleger > Vader: new sub-codes Biologisch, Stief\n    why: te grof", "deleted Pleger > Stiefvader; its codings to Pleger > Vader",
                             "changed the memo of Pleger: Axiale notitie", "brought Pleger > Stiefvader back"] {
                #expect(log.contains(expected), "\(expected)\n\(log)")
            }
            let export = try gloss("codings", "export", p, "--coder", "anouk").stdout
            #expect(export.contains("Pleger > Vader > Stief") && export.contains("Pleger > Stiefvader"))
            #expect(try gloss("validate", p).status == 0)
        }
    }
}
