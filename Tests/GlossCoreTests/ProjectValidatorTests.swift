import Foundation
import Testing
@testable import GlossCore

@Suite("ProjectValidator")
struct ProjectValidatorTests {
    /// A project with chat-01 (the sample) and chat-02, and a session for "anna" with one coding per chat.
    /// chat-01's coding covers "Zoe\u{308}" (message 2, offsets 13..<17).
    private func cleanProject(in folder: URL, figures: [FigureDefinition] = []) throws -> Project {
        var project = try Project.create(at: folder.appendingPathComponent("project"), name: "Studie", codebook: try Sample.codebook(), figures: figures)
        let dir = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try bytes(Sample.transcript).write(to: dir.appendingPathComponent("chat-01.txt"))
        try bytes("Jan: een\nPiet: twee drie\n").write(to: dir.appendingPathComponent("chat-02.txt"))
        _ = try project.importTranscripts([dir.appendingPathComponent("chat-01.txt"), dir.appendingPathComponent("chat-02.txt")])
        try perform(in: project, [
            Sample.add(Sample.coding("c-zoe", span: Sample.span(2, 13, 2, 17), codes: [Sample.bedreiging, Sample.armoede],
                                     text: "Zoe\u{308}", relation: "verband")),
            Sample.add(Sample.coding("c-drie", chat: "chat-02", span: Sample.span(2, 5, 2, 9), codes: [Sample.fysiek], text: "drie")),
            .status(chat: "chat-01", before: .notStarted, after: .done),
            .status(chat: "chat-02", before: .notStarted, after: .inProgress),
        ])
        return project
    }

    private func perform(in project: Project, coder: String = "anna", _ changes: [SessionChange]) throws {
        let store = try SessionStore(projectRoot: project.root, coder: coder, codebookRevision: project.codebook.revision)
        try store.perform(changes, label: "test")
        try store.close()
    }

    private func messages(_ errors: [GlossError]) -> String { errors.map(\.description).joined(separator: "\n") }

    @Test func cleanProjectValidates() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder, figures: [FigureDefinition(number: 4, title: "Dwang", category: "Dwangmiddel"),
                                                                 FigureDefinition(number: 5, title: "Motief", category: "Motieven ouder>Financieel")])
            let report = ProjectValidator.validate(project.root)
            #expect(report.errors.isEmpty, "\(messages(report.errors))")
            #expect(report.warnings.isEmpty, "\(messages(report.warnings))")
            #expect(report.isClean)
            #expect(report.checked.contains { $0.contains("2 chats") })
            #expect(report.checked.contains { $0.contains("2 codings") })
        }
    }

    @Test func editedTranscriptUnderACodingIsDrift() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            // "Zoë" becomes "Lia" + one more letter: same length, so the span is still valid, but the text differs.
            let edited = Sample.transcript.replacingOccurrences(of: "Zoe\u{308}", with: "Liam")
            try bytes(edited).write(to: project.chatsURL.appendingPathComponent("chat-01.txt"))
            let report = ProjectValidator.validate(project.root)
            #expect(report.errors.count == 1)
            let error = try #require(report.errors.first)
            #expect(error.message.contains("changed"))
            // Transcript text never appears in a message (it ends up in terminals and logs): the place does.
            #expect(!error.message.contains("Liam") && !error.message.contains("Zoe"))
            #expect(error.message.contains("differ from character 1 of the quote"))
            #expect(error.place?.contains("c-zoe") == true)
            #expect(error.file?.hasSuffix("sessions/anna.json") == true)
        }
    }

    @Test func driftThatSwiftEqualityWouldMissIsFound() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            // The coding covers "a" + U+0301 + U+0316; the file gets the same marks in the other order.
            // Canonically equivalent (Swift's == says equal) and the same length, but not the same code points.
            let before = "a\u{301}\u{316}", after = "a\u{316}\u{301}"
            #expect(before == after)
            let original = "Jan: \(before) x\n", changed = "Jan: \(after) x\n"
            let dir = folder.appendingPathComponent("in")
            try bytes(original).write(to: dir.appendingPathComponent("chat-03.txt"))
            var loaded = try Project.load(project.root)
            _ = try loaded.importTranscripts([dir.appendingPathComponent("chat-03.txt")])
            try perform(in: project, [Sample.add(Sample.coding("c-marks", chat: "chat-03", span: Sample.span(1, 0, 1, 3), codes: [Sample.dwang], text: before)),
                                      .status(chat: "chat-03", before: .notStarted, after: .inProgress)])
            #expect(ProjectValidator.validate(project.root).errors.isEmpty)

            try bytes(changed).write(to: project.chatsURL.appendingPathComponent("chat-03.txt"))
            let report = ProjectValidator.validate(project.root)
            #expect(report.errors.count == 1)
            #expect(report.errors.first?.message.contains("changed") == true)
        }
    }

    @Test func shortenedTranscriptIsASpanProblem() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            try bytes("Jan: een\nPiet: twee\n").write(to: project.chatsURL.appendingPathComponent("chat-02.txt"))
            let report = ProjectValidator.validate(project.root)
            #expect(report.errors.count == 1)
            #expect(report.errors.first?.message.contains("past the end of message 2") == true)
        }
    }

    @Test func unknownCodeID() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            try perform(in: project, [Sample.add(Sample.coding("c-ghost", chat: "chat-02", span: Sample.span(1, 0, 1, 3),
                                                                  codes: [Sample.dwang, CodeID("ghost-code")], text: "een"))])
            let report = ProjectValidator.validate(project.root)
            #expect(report.errors.count == 1)
            #expect(report.errors.first?.message == "unknown code id ghost-code")
            #expect(report.errors.first?.place?.contains("c-ghost") == true)
        }
    }

    @Test func proposedCodeIsNotUnknown() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            let proposed = Code(id: CodeID("proposed-1"), name: "Nieuw", parent: Sample.dwang)
            try perform(in: project, [.proposal(id: proposed.id, before: nil, after: proposed),
                                      Sample.add(Sample.coding("c-new", chat: "chat-02", span: Sample.span(1, 0, 1, 3), codes: [proposed.id], text: "een"))])
            #expect(ProjectValidator.validate(project.root).errors.isEmpty)
        }
    }

    @Test func codeNamedTwice() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            try perform(in: project, [Sample.add(Sample.coding("c-twice", chat: "chat-02", span: Sample.span(1, 0, 1, 3),
                                                                  codes: [Sample.dwang, Sample.dwang], text: "een"))])
            #expect(ProjectValidator.validate(project.root).errors.map(\.message) == ["names a code twice"])
        }
    }

    @Test func unknownChat() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            try perform(in: project, [Sample.add(Sample.coding("c-lost", chat: "ghost", span: Sample.span(1, 0, 1, 3), codes: [Sample.dwang], text: "een")),
                                      .status(chat: "ghost", before: .notStarted, after: .done)])
            let report = ProjectValidator.validate(project.root)
            #expect(report.errors.count == 2)
            #expect(report.errors.allSatisfy { $0.message.contains("no chat \"ghost\"") })
            #expect(report.errors.contains { $0.place == "chats.ghost" })
            #expect(report.errors.contains { $0.place?.contains("c-lost") == true })
        }
    }

    @Test func figureCategoryThatDoesNotExist() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder, figures: [FigureDefinition(number: 4, title: "Dwang", category: "Dwangmiddel"),
                                                                 FigureDefinition(number: 5, title: "Weg", category: "Dwangmiddel > Chantage")])
            let report = ProjectValidator.validate(project.root)
            #expect(report.errors.count == 1)
            #expect(report.errors.first?.place == "figures[1].category")
            #expect(report.errors.first?.message.contains("Dwangmiddel > Chantage") == true)
            #expect(report.errors.first?.file == project.configURL.path)
        }
    }

    @Test func sessionFileNamedForAnotherCoder() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            let anna = try Data(contentsOf: project.sessionsURL.appendingPathComponent("anna.json"))
            try anna.write(to: project.sessionsURL.appendingPathComponent("bert.json"))
            let report = ProjectValidator.validate(project.root)
            #expect(report.errors.map(\.place) == ["coder"])
            #expect(report.errors.first?.file?.hasSuffix("bert.json") == true)
        }
    }

    @Test func warnings() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            // A coding in a chat marked not started, a newer codebook revision, and a world-readable chat file.
            try perform(in: project, [.status(chat: "chat-02", before: .inProgress, after: .notStarted)])
            let url = project.sessionsURL.appendingPathComponent("anna.json")
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
                .replacingOccurrences(of: "\"codebook_revision\" : 3", with: "\"codebook_revision\" : 9")
            try SecureFiles.writeAtomically(bytes(text), to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: project.chatsURL.appendingPathComponent("chat-02.txt").path)
            let report = ProjectValidator.validate(project.root)
            #expect(report.errors.isEmpty, "\(messages(report.errors))")
            #expect(report.warnings.count == 3, "\(messages(report.warnings))")
            #expect(report.warnings.contains { $0.message.contains("marked not started") })
            #expect(report.warnings.contains { $0.place == "codebook_revision" })
            #expect(report.warnings.contains { $0.message.contains("readable by others") && $0.file?.hasSuffix("chat-02.txt") == true })
        }
    }

    @Test func unloadableProjectIsReported() throws {
        try withTemporaryDirectory { folder in
            let project = try cleanProject(in: folder)
            try bytes("geen bericht\n").write(to: project.chatsURL.appendingPathComponent("kapot.txt"))
            let report = ProjectValidator.validate(project.root)
            #expect(!report.isClean)
            #expect(report.errors.count == 1)
            #expect(report.errors.first?.file?.hasSuffix("kapot.txt") == true)
            #expect(ProjectValidator.validate(folder).errors.first?.message.contains("not a Gloss project") == true)
        }
    }
}
