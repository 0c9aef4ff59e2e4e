import Foundation
import GlossCore
import Testing

/// `gloss codebook rename|move|merge|split|delete|edit|memo|migrate|log|diff` on the fixture project (coded by
/// `Fixtures.codingsCSV`), and the crash tests of a multi-session migration. Expected exports are
/// `Fixtures.expectedExport` changed by hand as each operation says.
@Suite("gloss codebook: axial coding")
struct CodebookRestructureTests {
    /// The fixture project coded identically by ann and bob.
    private func twoCoders(_ folder: TemporaryFolder) throws {
        try Fixtures.makeCodedProject(in: folder, coder: "ann")
        let csv = folder.source("codings.csv")
        let result = try gloss("codings", "import", folder.project.path, "--coder", "bob", csv.path)
        try #require(result.status == 0, "\(result)")
    }

    private func export(_ folder: TemporaryFolder, _ coder: String) throws -> String {
        let result = try gloss("codings", "export", folder.project.path, "--coder", coder)
        #expect(result.status == 0, "\(result)")
        return result.stdout
    }

    /// The export after merging Toon > Vriendelijk into Onderwerp > Thuis: the quote at 2:21–2:27 had both and
    /// keeps one (its Vriendelijk row goes); nothing else changes.
    private static let mergedExport = Fixtures.expectedExport
        .replacingOccurrences(of: "chat-01,2,21,2,27,Toon > Vriendelijk,,relevant verband,\u{EB}cht 😀\n", with: "")

    private func raw(_ folder: TemporaryFolder, _ coder: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sessionFile(folder.project, coder))) as? [String: Any])
    }

    @Test("merge: every coder's codings follow, a quote that had both keeps one; log shows why and what was kept")
    func mergeFollows() throws {
        try withTemporaryFolder { folder in
            try twoCoders(folder)
            let round = try gloss("compare", folder.project.path, "--coders", "ann", "bob", "--save-round", "r1")
            try #require(round.status == 0, "\(round)")
            let result = try gloss("codebook", "merge", folder.project.path, "Vriendelijk", "--into", "Onderwerp > Thuis",
                                   "--reason", "zelfde thema", "--by", "lead")
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == "Merged Toon > Vriendelijk into Onderwerp > Thuis: 2 coding(s) follow (ann 1, bob 1); codebook revision 2.\n", "\(result)")
            #expect(try export(folder, "ann") == Self.mergedExport)
            #expect(try export(folder, "bob") == Self.mergedExport)
            // Both snapshots were migrated by the command (not only read as migrated).
            #expect(try raw(folder, "ann")["codebook_revision"] as? Int == 2)
            #expect(try raw(folder, "bob")["codebook_revision"] as? Int == 2)
            let log = try gloss("codebook", "log", folder.project.path)
            #expect(log.stdout.contains("r2  lead  merged Toon > Vriendelijk into Onderwerp > Thuis\n    why: zelfde thema\n"
                                        + "    kept: operationalisation Een vriendelijke toon.\n    kept: example Hoi!\n    kept: rule Ook emoji tellen mee\n"), "\(log)")
            let shown = try gloss("codebook", folder.project.path)
            #expect(!shown.stdout.contains("Vriendelijk"))
            // The round keeps its frozen codebook: diff from it lists the merge; its rows still have Vriendelijk.
            let diff = try gloss("codebook", "diff", folder.project.path, "--from", "r1")
            #expect(diff.stdout.hasPrefix("Codebook revision 1 → 2: 1 change(s).\n") && diff.stdout.contains("merged Toon > Vriendelijk"), "\(diff)")
            #expect(try read(folder.project.appendingPathComponent("rounds/r1/codebook.json")).contains("Vriendelijk"))
            let json = try gloss("codebook", folder.project.path, "--format", "json").stdout
            #expect(json.contains("\"merged\"") && json.contains("Een vriendelijke toon."), "the target shows what was merged into it")
            #expect(try gloss("validate", folder.project.path).status == 0)
        }
    }

    @Test("delete: refused with the count while codings use it; --reassign and --drop; an unused code goes at once")
    func deleteRules() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let refused = try gloss("codebook", "delete", folder.project.path, "Schreeuwen")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("\"Toon > Boos > Schreeuwen\" is used by 1 coding(s) (ann 1); say where they go: --reassign CODE or --drop"), "\(refused)")
            expectUnchanged(before, try FolderSnapshot(folder.project), ignoringLockNotes: true)

            let reassigned = try gloss("codebook", "delete", folder.project.path, "Schreeuwen", "--reassign", "Toon > Boos", "--reason", "te fijn")
            #expect(reassigned.status == 0, "\(reassigned)")
            #expect(reassigned.stdout == "Deleted Toon > Boos > Schreeuwen; 1 coding(s) (ann 1) now use Toon > Boos; codebook revision 2.\n")
            let expected = Fixtures.expectedExport.replacingOccurrences(of: "Toon > Boos > Schreeuwen", with: "Toon > Boos")
            #expect(try export(folder, "ann") == expected)

            let unused = try gloss("codebook", "delete", folder.project.path, "School")
            #expect(unused.stdout == "Deleted Onderwerp > School; codebook revision 3.\n", "\(unused)")

            // --drop: the whole-message quote of message 1 had only Toon: it is removed.
            let dropped = try gloss("codebook", "delete", folder.project.path, "Toon", "--drop")
            #expect(dropped.status == 1 && dropped.stderr.contains("has sub-codes"), "\(dropped)")
            let droppedBoos = try gloss("codebook", "delete", folder.project.path, "Toon > Boos", "--drop")
            #expect(droppedBoos.stdout == "Deleted Toon > Boos; taken off 1 coding(s) (ann 1); codebook revision 4.\n", "\(droppedBoos)")
            #expect(try export(folder, "ann") == Fixtures.expectedExport.replacingOccurrences(of: "chat-01,3,18,3,22,Toon > Boos > Schreeuwen,\"Let op:\ne + trema\",,e\u{308}en\n", with: ""))
        }
    }

    @Test("move, reorder, rename, split, edit, memo: each one logged revision; diff lists a range; bad input changes nothing")
    func otherOperations() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let p = folder.project.path
            #expect(try gloss("codebook", "move", p, "Toon > Boos", "--under", "Onderwerp", "--reason", "axiaal").status == 0)
            #expect(try gloss("codebook", "move", p, "Toon", "--position", "1").status == 0)
            #expect(try gloss("codebook", "rename", p, "Onderwerp > Boos", "Boosheid").status == 0)
            #expect(try gloss("codebook", "split", p, "Onderwerp > Thuis", "--into", "Ouders", "--into", "Broers").status == 0)
            let edit = try gloss("codebook", "edit", p, "Thuis", "--memo", "Let op\nnuance", "--rule", "alleen eigen huis", "--exclusive")
            #expect(edit.status == 0, "\(edit)")
            #expect(edit.stdout == "Changed memo, rules, exclusive of Onderwerp > Thuis; codebook revision 8.\n", "\(edit)")
            #expect(try gloss("codebook", "memo", p, "Axiale fase").status == 0)
            #expect(try gloss("codebook", "memo", p).stdout == "Axiale fase\n")
            // Toon first, then Onderwerp (Thuis (Ouders, Broers), School, Boosheid (Schreeuwen)).
            #expect(try gloss("codebook", p).stdout.split(separator: "\n", maxSplits: 1).last.map(String.init) == """
                Toon
                └─ Vriendelijk
                Onderwerp
                ├─ Thuis
                │  ├─ Ouders
                │  └─ Broers
                ├─ School
                └─ Boosheid
                   └─ Schreeuwen

                """)
            let diff = try gloss("codebook", "diff", p, "--from", "2", "--to", "4")
            #expect(diff.status == 0, "\(diff)")
            let lines = diff.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "Codebook revision 2 → 4: 2 change(s).")
            #expect(lines.count == 3 && lines[1].contains("r3") && lines[1].contains("in place 1 among its siblings (was 2)")
                    && lines[2].contains("r4") && lines[2].contains("renamed Boos to Boosheid"), "\(diff)")
            let before = try FolderSnapshot(folder.project)
            for bad in [["codebook", "move", p, "Onderwerp", "--under", "Onderwerp > Thuis"],
                        ["codebook", "merge", p, "Onderwerp", "--into", "Thuis"],
                        ["codebook", "edit", p, "Thuis", "--color", "rood"],
                        ["codebook", "rename", p, "Thuis", "A > B"],
                        ["codebook", "rename", p, "Thuis", "Nieuw", "--reason", "een\u{1B}[2Jregel"],
                        ["codebook", "split", p, "Thuis", "--into", "Ouders"],
                        ["codebook", "diff", p, "--from", "geen-ronde"]] {
                let result = try gloss(bad)
                #expect(result.status == 1, "\(result)")
                #expect(!result.stderr.contains("\u{1B}"), "\(result)")
            }
            expectUnchanged(before, try FolderSnapshot(folder.project), ignoringLockNotes: true)
        }
    }

    @Test("validate lists a chat with two sub-codes of an exclusive category")
    func exclusiveInValidate() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            // chat-01 has Onderwerp > Thuis only; Toon has Vriendelijk and Boos > Schreeuwen in chat-01.
            #expect(try gloss("codebook", "edit", folder.project.path, "Onderwerp", "--exclusive").status == 0)
            #expect(!(try gloss("validate", folder.project.path).stdout + (try gloss("validate", folder.project.path).stderr)).contains("exclude each other"))
            #expect(try gloss("codebook", "edit", folder.project.path, "Toon", "--exclusive").status == 0)
            let result = try gloss("validate", folder.project.path)
            let text = result.stdout + result.stderr
            #expect(text.contains("chat chat-01: has \"Vriendelijk\" and \"Boos\", which exclude each other (\"Toon\" is exclusive)"), "\(result)")
            #expect(try gloss("codebook", "edit", folder.project.path, "Toon", "--no-exclusive").status == 0)
            #expect(!(try gloss("validate", folder.project.path).stderr).contains("exclude each other"))
        }
    }

    // MARK: Crash safety

    /// Runs the merge with the process killed at `step`, then checks each session is before or after (its
    /// snapshot and journal, read raw) and that readers already count it as after.
    private func crash(at step: String, expectAfter: [String: Bool], journalOnly: [String] = [],
                       operation: [String] = ["merge", "Vriendelijk", "--into", "Onderwerp > Thuis"]) throws {
        try withTemporaryFolder { folder in
            try twoCoders(folder)
            let killed = try gloss(["codebook", operation[0], folder.project.path] + operation.dropFirst(),
                                   environment: ["GLOSS_TEST_KILL_AT": step])
            #expect(killed.status == 9, "killed by SIGKILL at \(step): \(killed)")
            for (coder, after) in expectAfter {
                let snapshot = try raw(folder, coder)
                let journal = try read(sessionFile(folder.project, coder, "journal"))
                let journalled = journal.contains("\"kind\":\"migrate\"")
                let inSnapshot = snapshot["codebook_revision"] as? Int == 2
                if journalOnly.contains(coder) {
                    #expect(journalled && !inSnapshot, "\(coder) at \(step): the migration is in the journal only")
                } else {
                    #expect(inSnapshot == after && journalled == after, "\(coder) at \(step): before or after, never between")
                }
                // Whatever the files hold, a reader counts the session as migrated.
                #expect(try export(folder, coder) == Self.mergedExport)
            }
            let finished = try gloss("codebook", "migrate", folder.project.path)
            #expect(finished.status == 0, "\(finished)")
            for coder in ["ann", "bob"] {
                #expect(try raw(folder, coder)["codebook_revision"] as? Int == 2)
                let codes = try sessionCodings(folder.project, coder).map { $0["codes"] as? [String] ?? [] }
                #expect(codes.allSatisfy { Set($0).count == $0.count })
                #expect(try export(folder, coder) == Self.mergedExport)
            }
            #expect(try gloss("validate", folder.project.path).status == 0)
        }
    }

    @Test("a change logged but not written to the codebook (killed between the two) is marked in the log and never migrates a session")
    func phantomChange() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let codebook = folder.project.appendingPathComponent("codebook.json")
            let before = try Data(contentsOf: codebook)
            #expect(try gloss("codebook", "merge", folder.project.path, "Vriendelijk", "--into", "Thuis").status == 0)
            try before.write(to: codebook)  // as if the process died after the log, before codebook.json
            // The session already followed; undo that on disk too by restoring the pre-merge export.
            #expect(try gloss("codings", "import", folder.project.path, "--coder", "ann", "--replace", folder.source("codings.csv").path).status == 0)
            #expect(try gloss("codings", "export", folder.project.path, "--coder", "ann").stdout == Fixtures.expectedExport)
            #expect(try gloss("codebook", "rename", folder.project.path, "School", "Studie").status == 0)  // takes revision 2 again
            let log = try gloss("codebook", "log", folder.project.path).stdout
            #expect(log.contains("merged Toon > Vriendelijk into Onderwerp > Thuis\n    not applied: the codebook was not written"), "\(log)")
            #expect(!log.contains("Studie (Onderwerp > Studie)\n    not applied"), "\(log)")
            #expect(try gloss("codings", "export", folder.project.path, "--coder", "ann").stdout == Fixtures.expectedExport)
        }
    }

    @Test("crash after the codebook is written, before any session: both before; migrate finishes")
    func crashBeforeSessions() throws { try crash(at: "codebook:1", expectAfter: ["ann": false, "bob": false]) }

    @Test("crash between the two sessions: ann after, bob before; migrate finishes")
    func crashBetweenSessions() throws { try crash(at: "session:1", expectAfter: ["ann": true, "bob": false]) }

    @Test("crash after bob's migration is journalled, before his snapshot: replay gives after; migrate finishes")
    func crashInsideSession() throws { try crash(at: "journalled:2", expectAfter: ["ann": true, "bob": true], journalOnly: ["bob"]) }

    @Test("crash of a deletion with --reassign between the two sessions: the same rule (its codings go as a merge's would)")
    func crashDeleteBetweenSessions() throws {
        try crash(at: "session:1", expectAfter: ["ann": true, "bob": false],
                  operation: ["delete", "Vriendelijk", "--reassign", "Onderwerp > Thuis"])
    }

    @Test("a session file that arrives later (from git, written before the merge) is migrated when opened")
    func lateSession() throws {
        try withTemporaryFolder { folder in
            try twoCoders(folder)
            let sessions = folder.project.appendingPathComponent("sessions")
            let old = folder.url.appendingPathComponent("bob-old")
            try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
            for ext in ["json", "journal"] {
                try FileManager.default.copyItem(at: sessions.appendingPathComponent("bob.\(ext)"), to: old.appendingPathComponent("bob.\(ext)"))
            }
            #expect(try gloss("codebook", "merge", folder.project.path, "Vriendelijk", "--into", "Thuis").status == 0)
            // bob was offline: his pre-merge files come back (a git pull), the caches are stale.
            for ext in ["json", "journal"] {
                try FileManager.default.removeItem(at: sessions.appendingPathComponent("bob.\(ext)"))
                try FileManager.default.copyItem(at: old.appendingPathComponent("bob.\(ext)"), to: sessions.appendingPathComponent("bob.\(ext)"))
            }
            #expect(try raw(folder, "bob")["codebook_revision"] as? Int == 1)
            #expect(try export(folder, "bob") == Self.mergedExport)
            let report = try gloss("report", folder.project.path, "--coder", "bob", "--format", "json")
            #expect(report.status == 0 && !report.stdout.contains("Vriendelijk"), "\(report)")
            #expect(try gloss("codebook", "migrate", folder.project.path).status == 0)
            #expect(try raw(folder, "bob")["codebook_revision"] as? Int == 2)
            #expect(try export(folder, "bob") == Self.mergedExport)
        }
    }
}

/// The study's two axial moves and one merge on a copy of the demo, by command. Figures are checked against
/// counts taken from the chat × code matrix before the changes (another counting path), agreement against
/// cells counted from both coders' matrices by hand here.
@Suite("the demo's axial moves and merge", .enabled(if: CompareReferenceTests.demoAvailable, "no Samples/demo in this checkout"))
struct DemoAxialTests {
    static func figureJSON(_ project: URL, _ number: Int) throws -> String {
        let result = try gloss("report", project.path, "--coder", "anouk", "--figure", String(number), "--format", "json")
        try #require(result.status == 0, "\(result)")
        return result.stdout
    }

    static func matrix(_ project: URL, _ coder: String) throws -> [String: Set<String>] {
        let result = try gloss("report", project.path, "--coder", coder, "--matrix")
        try #require(result.status == 0, "\(result)")
        let records = try CSV.parse(result.stdout, file: "matrix").filter { !($0.fields.first?.hasPrefix("#") ?? false) }
        let header = records[0].fields
        var columns: [String: Set<String>] = [:]
        for record in records.dropFirst() {
            for (column, cell) in record.fields.enumerated().dropFirst() where cell == "1" { columns[header[column], default: []].insert(record.fields[0]) }
        }
        return columns
    }

    @Test("two moves keep figures 4–6 as they were; merging Stiefvader into Vader recounts figure 5 and the agreement; log and diff show all three")
    func studyMoves() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let p = project.path
            let key = "Beschermende factoren > Sleutelfiguren die de situatie kunnen doorbreken", secret = "Belemmeringen om hulp te vragen > Geheim"
            // First readings: both were main codes (the demo has them in place already, so they go to the top first).
            #expect(try gloss("codebook", "move", p, key, "--top").status == 0)
            #expect(try gloss("codebook", "move", p, secret, "--top").status == 0)
            let figures = try (4...6).map { try Self.figureJSON(project, $0) }
            let anouk = try Self.matrix(project, "anouk"), bram = try Self.matrix(project, "bram")
            // The axial moves.
            var result = try gloss("codebook", "move", p, "Sleutelfiguren die de situatie kunnen doorbreken", "--under", "Beschermende factoren",
                                   "--reason", "beschermend, niet faciliterend")
            #expect(result.status == 0, "\(result)")
            result = try gloss("codebook", "move", p, "Geheim", "--under", "Belemmeringen om hulp te vragen", "--reason", "belemmert hulp vragen")
            #expect(result.status == 0, "\(result)")
            #expect(try (4...6).map { try Self.figureJSON(project, $0) } == figures)
            // The merge.
            result = try gloss("codebook", "merge", p, "Pleger > Stiefvader", "--into", "Pleger > Vader", "--reason", "ouderrol telt")
            #expect(result.status == 0, "\(result)")
            let merged = try #require(try JSONSerialization.jsonObject(with: Data(Self.figureJSON(project, 5).utf8)) as? [String: Any])
            let bars = Dictionary(uniqueKeysWithValues: (merged["bars"] as! [[String: Any]]).map { ($0["label"] as! String, $0["chats"] as! Int) })
            let vader = anouk["Pleger > Vader", default: []].union(anouk["Pleger > Stiefvader", default: []])
            #expect(bars["Vader"] == vader.count)
            #expect(bars["Stiefvader"] == nil)
            let pleger = anouk.filter { $0.key.hasPrefix("Pleger > ") }.values.reduce(Set<String>()) { $0.union($1) }
            #expect(merged["n"] as? Int == pleger.count)
            #expect(try Self.figureJSON(project, 4) == figures[0] && Self.figureJSON(project, 6) == figures[2])
            // Agreement on Vader over the pairable chats, from both matrices.
            let compare = try gloss("compare", p, "--coders", "anouk", "bram", "--format", "json")
            #expect(compare.status == 0, "\(compare)")
            let object = try #require(try JSONSerialization.jsonObject(with: compare.stdoutData) as? [String: Any])
            let pairable = Set(((object["chats"] as! [String: Any])["pairable_chats"] as! [String]))
            let a = vader.intersection(pairable)
            let b = bram["Pleger > Vader", default: []].union(bram["Pleger > Stiefvader", default: []]).intersection(pairable)
            let row = try #require((object["per_code"] as! [[String: Any]]).first { $0["code"] as? String == "Pleger > Vader" })
            #expect(row["n11"] as? Int == a.intersection(b).count)
            #expect((row["n10"] as? Int ?? -1) + (row["n01"] as? Int ?? -1) == a.symmetricDifference(b).count)
            #expect(row["n00"] as? Int == pairable.subtracting(a.union(b)).count)
            #expect(!(object["per_code"] as! [[String: Any]]).contains { ($0["code"] as? String)?.contains("Stiefvader") == true })
            // The log and the diff.
            let log = try gloss("codebook", "log", p)
            #expect(log.stdout.contains("moved Sleutelfiguren die de situatie kunnen doorbreken to \(key)\n    why: beschermend, niet faciliterend"), "\(log)")
            #expect(log.stdout.contains("moved Geheim to \(secret)\n    why: belemmert hulp vragen"), "\(log)")
            #expect(log.stdout.contains("merged Pleger > Stiefvader into Pleger > Vader\n    why: ouderrol telt"), "\(log)")
            let diff = try gloss("codebook", "diff", p, "--from", "3")
            #expect(diff.stdout.hasPrefix("Codebook revision 3 → 6: 3 change(s).\n"), "\(diff)")
            #expect(try gloss("validate", p).status == 0)
        }
    }
}
