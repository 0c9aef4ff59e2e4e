import Foundation
import Testing
@testable import GlossCore

/// Axial coding: the codebook operations (move, reorder, merge, split, retire, edit, memo), their log entries,
/// and how sessions, figures and groups follow. Expected values are worked out by hand from the `Sample`
/// codebook (revision 3) in each test's comment.
@Suite("Axial coding: codebook operations and migration")
struct AxialCodingTests {
    private func newProject(in folder: URL) throws -> Project {
        try Project.create(at: folder.appendingPathComponent("project"), name: "Studie", codebook: try Sample.codebook(),
                           figures: [FigureDefinition(number: 4, title: "Dwangmiddelen", category: "Dwangmiddel")])
    }

    private let span1 = Sample.span(1, 0, 1, 3)
    private let span2 = Sample.span(2, 0, 2, 3)

    /// anna: c1 [Bedreiging] on span1, c2 [Fysiek] on span1 (another quote of the same span), c3 [Bedreiging,
    /// Armoede] on span2 (memo "m3"), c4 [Armoede] in chat-02; a proposed code under Bedreiging.
    private func codeAnna(_ root: URL) throws {
        let store = try SessionStore(projectRoot: root, coder: "anna", codebookRevision: 3)
        try store.perform([
            Sample.add(Sample.coding("c1", span: span1, codes: [Sample.bedreiging], memo: "m1")),
            Sample.add(Sample.coding("c2", span: span1, codes: [Sample.fysiek], relation: "verband", memo: "m2")),
            Sample.add(Sample.coding("c3", span: span2, codes: [Sample.bedreiging, Sample.armoede], memo: "m3")),
            Sample.add(Sample.coding("c4", chat: "chat-02", span: span1, codes: [Sample.armoede])),
            .proposal(id: CodeID("p1"), before: nil, after: Code(id: CodeID("p1"), name: "Chantage", parent: Sample.bedreiging)),
        ], label: "code")
        try store.close()
    }

    private func codes(_ session: Session) -> [String: [CodeID]] {
        Dictionary(uniqueKeysWithValues: session.codings.map { ($0.key.rawValue, $0.value.codes) })
    }

    // MARK: Model

    @Test("merge: the code leaves, its definition is kept in the target and the log, its sub-codes move, one revision")
    func mergeModel() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            try project.splitCode(Sample.bedreiging, into: ["Mondeling"], by: "lead", reason: "te breed")
            // revision 3 → 4 (split) → 5 (merge)
            let codebook = try project.mergeCode(Sample.bedreiging, into: Sample.fysiek, by: "lead", reason: "zelfde fenomeen")
            #expect(codebook.revision == 5)
            #expect(!codebook.contains(Sample.bedreiging))
            #expect(codebook.code(atPath: "Dwangmiddel > Fysiek geweld > Mondeling") != nil)
            let target = try #require(codebook[Sample.fysiek])
            #expect(target.merged.map(\.name) == ["Bedreiging"])
            #expect(target.merged.first?.operationalisation == "De pleger bedreigt.")
            #expect(target.merged.first?.path == "Dwangmiddel > Bedreiging")
            let reread = try Project.load(project.root)
            #expect(reread.codebook == codebook)
            let log = try project.codebookChanges()
            #expect(log.map(\.kind) == [.split, .merge])
            #expect(log.map(\.revision) == [4, 5])
            #expect(log[1].reason == "zelfde fenomeen")
            #expect(log[1].mapping == [CodeMapping(from: Sample.bedreiging, to: Sample.fysiek, parent: Sample.fysiek)])
            #expect(log[1].removed?.operationalisation == "De pleger bedreigt.")
            #expect(throws: GlossError.self) { try project.mergeCode(Sample.dwang, into: Sample.fysiek, by: "lead") }
        }
    }

    @Test("move and reorder: place among siblings, kinds move and reorder, a move under itself refused")
    func moveAndReorder() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            // Roots: Dwangmiddel, Motieven ouder, Risicofactoren. Risicofactoren to place 0.
            var codebook = try project.placeCode(Sample.risico, under: nil, at: 0, by: "lead")
            #expect(codebook.roots.map(\.name) == ["Risicofactoren", "Dwangmiddel", "Motieven ouder"])
            // Armoede under Motieven ouder, first: Armoede, Financieel.
            codebook = try project.placeCode(Sample.armoede, under: Sample.motief, at: 0, by: "lead", reason: "axiaal")
            #expect(codebook.children(of: Sample.motief).map(\.name) == ["Armoede", "Financieel"])
            #expect(try project.codebookChanges().map(\.kind) == [.reorder, .move])
            #expect(try project.codebookChanges().last?.after == "Motieven ouder > Armoede")
            #expect(throws: GlossError.self) { try project.placeCode(Sample.dwang, under: Sample.bedreiging, at: nil, by: "lead") }
            #expect(try Project.load(project.root).codebook.revision == 5)
        }
    }

    @Test("edit and memo: each field one logged revision; bad colours, control characters and long text refused")
    func editFields() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            try project.editCode(Sample.armoede, .operationalisation, to: "Geldgebrek thuis.", by: "lead")
            try project.editCode(Sample.armoede, .memo, to: "Vaak samen met\nschulden", by: "lead")
            try project.editCode(Sample.armoede, .color, to: "#aabbcc", by: "lead")
            try project.editCode(Sample.armoede, .rules, to: "alleen bij gezin\nniet bij jongere zelf", by: "lead")
            try project.editCode(Sample.risico, .exclusive, to: "true", by: "lead")
            try project.setProjectMemo("Axiale fase begonnen", by: "lead", reason: "notitie")
            let code = try #require(Project.load(project.root).codebook[Sample.armoede])
            #expect(code.operationalisation == "Geldgebrek thuis." && code.memo == "Vaak samen met\nschulden" && code.color == "#AABBCC")
            #expect(code.rules == ["alleen bij gezin", "niet bij jongere zelf"])
            #expect(try Project.load(project.root).codebook[Sample.risico]?.exclusive == true)
            #expect(try Project.load(project.root).codebook.memo == "Axiale fase begonnen")
            #expect(try project.codebookChanges().map(\.field) == ["operationalisation", "memo", "color", "rules", "exclusive", nil])
            #expect(try Project.load(project.root).codebook.revision == 9)
            let before = try Data(contentsOf: project.codebookURL)
            #expect(throws: GlossError.self) { try project.editCode(Sample.armoede, .color, to: "rood", by: "lead") }
            #expect(throws: GlossError.self) { try project.editCode(Sample.armoede, .memo, to: "a\u{1B}[2J", by: "lead") }
            #expect(throws: GlossError.self) { try project.renameCode(Sample.armoede, to: "X", by: "lead", reason: "two\nlines") }
            #expect(throws: GlossError.self) { try project.setProjectMemo(String(repeating: "x", count: 20_001), by: "lead") }
            #expect(try Data(contentsOf: project.codebookURL) == before)
        }
    }

    @Test("a codebook that never used memo, exclusive or merged is written byte for byte as before")
    func oldCodebookBytesUnchanged() throws {
        let codebook = try Sample.codebook()
        let text = String(decoding: try CodebookFile.encode(codebook), as: UTF8.self)
        #expect(!text.contains("\"memo\"") && !text.contains("\"exclusive\"") && !text.contains("\"merged\""))
        #expect(try CodebookFile.decode(try CodebookFile.encode(codebook), file: "x") == codebook)
    }

    // MARK: Migration (pure)

    @Test("migration of a merge: codes mapped, a quote that had both keeps one, same-span quotes folded, proposals follow")
    func mergeMigration() throws {
        try withTemporaryDirectory { folder in
            let project = try newProject(in: folder)
            try codeAnna(project.root)
            let session = try SessionStore.read(projectRoot: project.root, coder: "anna")
            // Bedreiging → Fysiek: c1 becomes [Fysiek] on span1, where c2 [Fysiek] already is: c1 goes, c2 keeps
            // one Fysiek, its relation "verband", memos "m2\n\nm1". c3 → [Fysiek, Armoede]. c4 untouched.
            let mapping = CodeMapping(from: Sample.bedreiging, to: Sample.fysiek, parent: Sample.fysiek)
            var migrated = session
            migrated.apply(CodeMigration.changes(for: session, mappings: [mapping]))
            #expect(codes(migrated) == ["c2": [Sample.fysiek], "c3": [Sample.fysiek, Sample.armoede], "c4": [Sample.armoede]])
            #expect(migrated.coding(CodingID("c2"))?.memo == "m2\n\nm1")
            #expect(migrated.coding(CodingID("c2"))?.relation == "verband")
            #expect(migrated.proposedCodes[CodeID("p1")]?.parent == Sample.fysiek)
            // The changes undo exactly: applying the inverses gives the session back.
            var back = migrated
            back.apply(CodeMigration.changes(for: session, mappings: [mapping]).reversed().map(\.inverse))
            #expect(back == session)
        }
    }

    @Test("migration of a retirement: dropped codes leave quotes, an empty quote is removed, proposals go to the parent")
    func retireMigration() throws {
        try withTemporaryDirectory { folder in
            let project = try newProject(in: folder)
            try codeAnna(project.root)
            let session = try SessionStore.read(projectRoot: project.root, coder: "anna")
            let mapping = CodeMapping(from: Sample.bedreiging, to: nil, parent: Sample.dwang)
            var migrated = session
            migrated.apply(CodeMigration.changes(for: session, mappings: [mapping]))
            #expect(codes(migrated) == ["c2": [Sample.fysiek], "c3": [Sample.armoede], "c4": [Sample.armoede]])
            #expect(migrated.proposedCodes[CodeID("p1")]?.parent == Sample.dwang)
            // Chains: A → B, then B dropped.
            let dropped = CodeMigration.composed([
                CodeMapping(from: Sample.bedreiging, to: Sample.fysiek, parent: nil), CodeMapping(from: Sample.fysiek, to: nil, parent: nil)])
            #expect(dropped.count == 2 && dropped[Sample.bedreiging] == .some(CodeID?.none) && dropped[Sample.fysiek] == .some(CodeID?.none))
            // A → B, then B → C: both end at C; a code no mapping touches is not in the table.
            let moved = CodeMigration.composed([
                CodeMapping(from: Sample.bedreiging, to: Sample.fysiek, parent: nil), CodeMapping(from: Sample.fysiek, to: Sample.armoede, parent: nil)])
            #expect(moved == [Sample.bedreiging: .some(Sample.armoede), Sample.fysiek: .some(Sample.armoede)])
            // For names outside a session: a code the codebook still has stays itself.
            let current = CodeMigration.current(in: try Sample.codebook(), through: [CodeMapping(from: CodeID("gone"), to: Sample.fysiek, parent: nil)])
            #expect(current(CodeID("gone")) == Sample.fysiek && current(Sample.armoede) == Sample.armoede)
        }
    }

    @Test("a logged change whose codebook write never happened is superseded by the next change of the same revision")
    func phantomLogEntry() throws {
        let time = fixedDate
        let phantom = CodebookChange(time: time, coder: "x", kind: .merge, code: Sample.bedreiging, path: "", before: nil, after: nil, revision: 4,
                                     mapping: [CodeMapping(from: Sample.bedreiging, to: Sample.fysiek, parent: nil)])
        let real = CodebookChange(time: time, coder: "x", kind: .rename, code: Sample.armoede, path: "", before: "a", after: "b", revision: 4)
        let figure = CodebookChange(time: time, coder: "x", kind: .figure, code: CodeID(""), path: "figure 4", before: nil, after: nil, revision: 4)
        #expect(CodeMigration.pending([phantom, real, figure], after: 3, upTo: 4).isEmpty)
        #expect(CodeMigration.pending([phantom], after: 3, upTo: 3).isEmpty)  // the codebook is still at 3
        #expect(CodeMigration.pending([phantom], after: 3, upTo: 4).count == 1)
    }

    @Test("an old log line without the new fields still reads")
    func oldLogLine() throws {
        let line = #"{"after":"Nieuw","before":"Oud","code":"code-armoede","coder":"ann","kind":"rename","path":"R > Nieuw","revision":2,"time":"2024-03-14T19:00:00Z"}"#
        let change = try JSONFormat.decode(CodebookChange.self, from: Data(line.utf8), file: "log")
        #expect(change.kind == .rename && change.reason == nil && change.mapping == nil)
    }

    // MARK: Sessions follow

    @Test("a writer opening a session below the codebook's revision journals one migrate record; undo does not take it back")
    func writerMigratesOnOpen() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            try codeAnna(project.root)
            try project.mergeCode(Sample.bedreiging, into: Sample.fysiek, by: "lead")  // revision 4, no session touched
            let rawBefore = try SessionFile.decode(try Data(contentsOf: project.sessionsURL.appendingPathComponent("anna.json")), file: "anna")
            #expect(rawBefore.codebookRevision == 3)
            let store = try SessionStore(projectRoot: project.root, coder: "anna", codebookRevision: 4)
            #expect(store.session.codebookRevision == 4)
            #expect(codes(store.session)["c3"] == [Sample.fysiek, Sample.armoede])
            #expect(store.session.coding(CodingID("c1")) == nil)
            // Undo neither takes back the migration nor reaches past it: the coder's own action ("code") names
            // Bedreiging, and taking it back now would act on codes as they were (a stranger's review showed an
            // undo or redo past a migration bringing a merged code back).
            #expect(store.undoLabel == nil && !store.canUndo)
            #expect(try store.undo() == nil)
            try store.close()
            let journal = String(decoding: try Data(contentsOf: store.journalURL), as: UTF8.self)
            #expect(journal.contains("\"kind\":\"migrate\""))
            #expect(journal.contains("\"revision\":4"))
            // Opening again applies nothing twice.
            let again = try SessionStore(projectRoot: project.root, coder: "anna", codebookRevision: 4)
            #expect(codes(again.session) == ["c2": [Sample.fysiek], "c3": [Sample.fysiek, Sample.armoede], "c4": [Sample.armoede]])
            #expect(again.pendingRecords == 0)
            try again.close()
        }
    }

    @Test("readers count a session not yet migrated as migrated, and write nothing; a cached digest is not used")
    func readersFollowInMemory() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            try codeAnna(project.root)
            let digestBefore = try project.readDigest("anna")  // writes the digest cache for revision 3
            #expect(digestBefore.codebookRevision == 3)
            try project.mergeCode(Sample.bedreiging, into: Sample.fysiek, by: "lead")
            let sessions = project.sessionsURL
            let snapshot = try Data(contentsOf: sessions.appendingPathComponent("anna.json"))
            let journal = try Data(contentsOf: sessions.appendingPathComponent("anna.journal"))
            let loaded = try Project.load(project.root)
            let session = try loaded.readSession("anna")
            #expect(codes(session)["c3"] == [Sample.fysiek, Sample.armoede] && session.codingCount == 3)
            let digest = try loaded.readDigest("anna")
            #expect(digest.codebookRevision == 4)
            #expect(digest == SessionDigest(session))
            #expect(try Data(contentsOf: sessions.appendingPathComponent("anna.json")) == snapshot)
            #expect(try Data(contentsOf: sessions.appendingPathComponent("anna.journal")) == journal)
        }
    }

    @Test("followCodebook migrates every session it can lock and skips one held open")
    func followAll() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            try codeAnna(project.root)
            let bob = try SessionStore(projectRoot: project.root, coder: "bob", codebookRevision: 3)
            try bob.perform([Sample.add(Sample.coding("b1", span: span1, codes: [Sample.bedreiging], coder: "bob"))], label: "code")
            try project.retireCode(Sample.bedreiging, .reassign(Sample.armoede), by: "lead", reason: "opgeheven")
            let skipped = try project.followCodebook()
            #expect(skipped.map(\.coder) == ["bob"])
            let anna = try SessionFile.decode(try Data(contentsOf: project.sessionsURL.appendingPathComponent("anna.json")), file: "anna")
            #expect(anna.codebookRevision == 4)
            // c1 [Bedreiging] becomes Armoede on span1, where c2 [Fysiek] is: no code in common, so two quotes
            // stay (only quotes that come to share a code are folded). c3 keeps one Armoede.
            #expect(codes(anna) == ["c1": [Sample.armoede], "c2": [Sample.fysiek], "c3": [Sample.armoede], "c4": [Sample.armoede]])
            try bob.close()
            try project.followCodebook()
            #expect(codes(try SessionStore.read(projectRoot: project.root, coder: "bob"))["b1"] == [Sample.armoede])
        }
    }

    @Test("figures and groups follow a merge; a retired figure category is refused")
    func figuresFollow() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            try project.changeConfig(by: "lead", kind: .group) { config, _ in
                _ = try config.addToGroup("G", codes: [Sample.bedreiging, Sample.fysiek, Sample.armoede])
                return ("group G", nil, nil, nil)
            }
            try project.mergeCode(Sample.dwang, into: Sample.motief, by: "lead")  // the figure's category
            try project.mergeCode(Sample.bedreiging, into: Sample.fysiek, by: "lead")
            let config = try Project.load(project.root).config
            #expect(config.figures.first?.categoryID == Sample.motief)
            #expect(config.groups.first?.codes == [Sample.fysiek, Sample.armoede])
            #expect(throws: GlossError.self) { try project.retireCode(Sample.motief, .drop, by: "lead") }
            #expect(throws: GlossError.self) { try project.retireCode(Sample.risico, .drop, by: "lead") }  // has a sub-code
            try project.retireCode(Sample.armoede, .drop, by: "lead")
            #expect(try Project.load(project.root).config.groups.first?.codes == [Sample.fysiek])
        }
    }

    @Test("a frozen round keeps its codebook and sessions after a merge")
    func roundsStayFrozen() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            try codeAnna(project.root)
            _ = try project.saveRound("r1", coders: ["anna"], threshold: 1)
            try project.mergeCode(Sample.bedreiging, into: Sample.fysiek, by: "lead")
            try project.followCodebook()
            let round = try #require(try project.rounds().first)
            #expect(round.codebook.contains(Sample.bedreiging) && round.codebook.revision == 3)
            #expect(codes(round.sessions[0])["c1"] == [Sample.bedreiging])
        }
    }

    // MARK: Exclusive categories

    @Test("exclusive categories: two sub-codes (or codes below them) of an exclusive category conflict; one does not")
    func exclusiveConflicts() throws {
        var codebook = try Sample.codebook()
        var dwang = try #require(codebook[Sample.dwang])
        dwang.exclusive = true
        try codebook.update(dwang)
        try codebook.add(Code(id: CodeID("deep"), name: "Slaan", parent: Sample.fysiek))
        #expect(ExclusiveCategories.conflicts(in: codebook, codes: [Sample.bedreiging, Sample.armoede]).isEmpty)
        #expect(ExclusiveCategories.conflicts(in: codebook, codes: [Sample.fysiek, CodeID("deep")]).isEmpty)  // one sub-code
        #expect(ExclusiveCategories.conflicts(in: codebook, codes: [Sample.bedreiging, CodeID("deep")])
                == [ExclusiveCategories.Conflict(category: Sample.dwang, subCodes: [Sample.bedreiging, Sample.fysiek])])
    }

    // MARK: Inverses (the workbench's undo)

    @Test("each operation's inverse gives the codebook back code for code (ids, places, definitions)", arguments: [
        CodebookOperation.rename(Sample.armoede, to: "Geldgebrek"),
        .place(Sample.bedreiging, under: Sample.motief, at: 0),
        .place(Sample.risico, under: nil, at: 0),
        .merge(Sample.dwang, into: Sample.risico),
        .merge(Sample.financieel, into: Sample.armoede),
        .retire(Sample.fysiek, reassign: Sample.bedreiging),
        .retire(Sample.armoede, reassign: nil),
        .split(Sample.armoede, names: ["Schulden", "Werkloosheid"], ids: [CodeID("s1"), CodeID("s2")]),
        .edit(Sample.financieel, field: "rules", value: "a\nb"),
        .edit(Sample.dwang, field: "exclusive", value: "true"),
        .projectMemo("notities"),
    ])
    func inverses(_ operation: CodebookOperation) throws {
        try withTemporaryDirectory { folder in
            var project = try Project.create(at: folder.appendingPathComponent("project"), name: "Studie", codebook: try Sample.codebook())
            let original = project.codebook
            let (step, _) = try project.perform(operation, by: "lead")
            #expect(project.codebook.codes != original.codes || project.codebook.memo != original.memo)
            let (back, _) = try project.perform(step.undo, by: "lead", reason: "undo")
            #expect(project.codebook.codes == original.codes)
            #expect(project.codebook.memo == original.memo)
            #expect(project.codebook.revision == original.revision + 2)
            // And the undo of the undo is the operation again.
            _ = try project.perform(back.undo, by: "lead")
            _ = try project.perform(step.undo, by: "lead")
            #expect(project.codebook.codes == original.codes)
        }
    }
}
