import Foundation
import Testing
@testable import GlossCore

/// A stranger's review of the codebook migration found these ways for a session to lose or regain codes it must
/// not; each test reproduced one (and failed) before its fix.
@Suite("codebook migration: nothing comes back, nothing is lost")
struct MigrationSafetyTests {
    private func newProject(in folder: URL) throws -> Project {
        try Project.create(at: folder.appendingPathComponent("project"), name: "Studie", codebook: try Sample.codebook())
    }
    private let span1 = Sample.span(1, 0, 1, 3)

    @Test("undo or redo after the session followed a merge cannot bring the merged code back")
    func noUndoPastAMigration() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let revision = project.codebook.revision
            let c1 = Sample.coding("c1", span: span1, codes: [Sample.bedreiging])
            var store = try SessionStore(projectRoot: project.root, coder: "anna", codebookRevision: revision)
            try store.perform([Sample.add(c1)], label: "code")
            try store.perform([.coding(id: c1.id, before: c1, after: nil)], label: "uncode")
            let c2 = Sample.coding("c2", span: Sample.span(2, 0, 2, 3), codes: [Sample.bedreiging])
            try store.perform([Sample.add(c2)], label: "code again")
            try store.undo()  // c2 is now on the redo stack
            try store.close()
            try project.mergeCode(Sample.bedreiging, into: Sample.fysiek, by: "lead")
            store = try SessionStore(projectRoot: project.root, coder: "anna", codebookRevision: project.codebook.revision)
            #expect(!store.canUndo && !store.canRedo)
            _ = try? store.undo()
            _ = try? store.redo()
            #expect(!store.session.codings.values.contains { $0.codes.contains(Sample.bedreiging) })
            try store.close()
            let read = try Project.load(project.root, useCatalog: false).readSession("anna")
            #expect(!read.codings.values.contains { $0.codes.contains(Sample.bedreiging) })
        }
    }

    @Test("undoing a split gives another coder's quotes on the sub-code back to the code, never deletes them")
    func unsplitKeepsQuotes() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let (step, _) = try project.perform(.split(Sample.bedreiging, names: ["Mondeling"], ids: [CodeID("code-mond")]), by: "anna")
            let bob = try SessionStore(projectRoot: project.root, coder: "bob", codebookRevision: project.codebook.revision)
            try bob.perform([Sample.add(Sample.coding("b1", span: span1, codes: [CodeID("code-mond")], coder: "bob"))], label: "code")
            try bob.close()
            _ = try project.perform(step.undo, by: "anna", reason: "undo")
            let read = try Project.load(project.root, useCatalog: false).readSession("bob")
            #expect(read.codingCount == 1)
            #expect(read.codings.values.first?.codes == [Sample.bedreiging])
        }
    }

    @Test("following a merge stamps a seen mark again: the chat does not read as recoded")
    func seenMarkFollows() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let store = try SessionStore(projectRoot: project.root, coder: "anna", codebookRevision: project.codebook.revision)
            try store.perform([Sample.add(Sample.coding("c1", span: span1, codes: [Sample.bedreiging]))], label: "code")
            let mark = SeenMark(time: Date(), fingerprint: SeenMark.fingerprint(of: store.session.codings(in: "chat-01")))
            try store.mark([.seen(chat: "chat-01", coder: "bob", before: nil, after: mark)], label: "saw")
            try store.close()
            try project.mergeCode(Sample.bedreiging, into: Sample.fysiek, by: "lead")
            let loaded = try Project.load(project.root, useCatalog: false)
            let session = try loaded.readSession("anna")
            let followed = try #require(session.seen["chat-01"]?["bob"])
            #expect(!followed.recoded(session.codings(in: "chat-01")))
            #expect(session.codings(in: "chat-01").first?.codes == [Sample.fysiek])
            // And in the writer's path: the migrate record carries the new stamp.
            let reopened = try SessionStore(projectRoot: project.root, coder: "anna", codebookRevision: loaded.codebook.revision)
            #expect(reopened.session.seen["chat-01"]?["bob"].map { !$0.recoded(reopened.session.codings(in: "chat-01")) } == true)
            try reopened.close()
        }
    }

    @Test("two quotes on one span: folded when they come to share a code, kept apart when their relations differ or codes do not meet")
    func folding() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let other = Sample.span(2, 0, 2, 3)
            let store = try SessionStore(projectRoot: project.root, coder: "anna", codebookRevision: project.codebook.revision)
            try store.perform([
                // Unrelated codes, different relations: both stay, each with its relation.
                Sample.add(Sample.coding("c1", span: span1, codes: [Sample.bedreiging], relation: "oorzaak")),
                Sample.add(Sample.coding("c2", span: span1, codes: [Sample.armoede], relation: "gevolg")),
                // The merge makes them share Fysiek, one without a relation: one quote keeps both codes.
                Sample.add(Sample.coding("c3", span: other, codes: [Sample.bedreiging, Sample.motief])),
                Sample.add(Sample.coding("c4", span: other, codes: [Sample.fysiek], relation: "gevolg")),
            ], label: "code")
            try store.close()
            try project.mergeCode(Sample.bedreiging, into: Sample.fysiek, by: "lead")
            let session = try Project.load(project.root, useCatalog: false).readSession("anna")
            let one = session.codings(in: "chat-01").filter { $0.span == span1 }.sorted { $0.id.rawValue < $1.id.rawValue }
            #expect(one.map(\.codes) == [[Sample.fysiek], [Sample.armoede]])
            #expect(one.map(\.relation) == ["oorzaak", "gevolg"])
            let two = session.codings(in: "chat-01").filter { $0.span == other }
            #expect(two.count == 1)
            #expect(Set(two.first?.codes ?? []) == [Sample.fysiek, Sample.motief] && two.first?.relation == "gevolg")
        }
    }

    @Test("a log whose mapping leads to a code the codebook lacks is refused, naming the log; no session is rewritten")
    func mappingTargetChecked() throws {
        try withTemporaryDirectory { folder in
            var project = try newProject(in: folder)
            let store = try SessionStore(projectRoot: project.root, coder: "anna", codebookRevision: project.codebook.revision)
            try store.perform([Sample.add(Sample.coding("c1", span: span1, codes: [Sample.armoede]))], label: "code")
            try store.close()
            let before = try Data(contentsOf: project.root.appendingPathComponent("sessions/anna.json"))
            // A real merge (revision + 1), then a forged record at the next revision mapping Armoede to a code that does not exist.
            try project.mergeCode(Sample.bedreiging, into: Sample.fysiek, by: "lead")
            var forged = CodebookChange(time: Date(), coder: "x", kind: .merge, code: Sample.armoede, path: "Armoede",
                                        before: nil, after: nil, revision: project.codebook.revision + 1)
            forged.mapping = [CodeMapping(from: Sample.armoede, to: CodeID("\u{1B}]0;pwned\u{07}"), parent: nil)]
            try project.appendChange(forged)
            var book = project.codebook
            book.revision += 1
            try SecureFiles.writeAtomically(try CodebookFile.encode(book), to: project.codebookURL)
            let loaded = try Project.load(project.root, useCatalog: false)
            let error = try #require(throws: GlossError.self) { try loaded.readSession("anna") }
            #expect(error.description.contains("codebook-changes.jsonl") && error.description.contains("does not have"), "\(error)")
            #expect(throws: GlossError.self) { try SessionStore(projectRoot: project.root, coder: "anna", codebookRevision: book.revision) }
            #expect(try Data(contentsOf: project.root.appendingPathComponent("sessions/anna.json")) == before)
        }
    }
}
