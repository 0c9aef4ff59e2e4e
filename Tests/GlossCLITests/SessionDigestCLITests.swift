import Foundation
import GlossCore
import Testing

/// `report` (figures and `--matrix`), `status` and `compare` read each coder's session digest from `cache/` when
/// it is fresh. Their output must be byte for byte what a full read gives (no digest), whatever state the digest
/// and the journal are in.
@Suite("CLI: the session digest changes no output")
struct SessionDigestCLITests {
    static func commands(_ project: String, coders: [String]) -> [[String]] {
        let (a, b) = (coders[0], coders[1])
        return [
            ["report", project, "--coder", a], ["report", project, "--coder", b, "--format", "json"],
            ["report", project, "--coder", a, "--format", "csv"], ["report", project, "--coder", a, "--matrix"],
            ["report", project, "--coder", b, "--matrix", "--all-levels"],
            ["status", project],
            ["compare", project, "--coders", a, b], ["compare", project, "--coders", b, a, "--format", "json"],
            ["compare", project, "--coders", a, b, "--format", "md", "--threshold", "50"],
        ]
    }

    /// Runs every command with no digest (each then reads the sessions in full, and writes the digests), and
    /// again with the digests; the output of the two must be the same, stdout and stderr.
    func expectSameWithAndWithoutDigests(_ project: URL, coders: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let cache = project.appendingPathComponent("cache")
        for arguments in Self.commands(project.path, coders: coders) {
            try? FileManager.default.removeItem(at: cache)
            let full = try gloss(arguments)
            #expect(full.status == 0, "\(full)", sourceLocation: sourceLocation)
            let digests = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".digest") }
            #expect(!digests.isEmpty, "\(arguments): no digest written", sourceLocation: sourceLocation)
            let cached = try gloss(arguments)
            #expect(cached.stdout == full.stdout, "\(arguments)", sourceLocation: sourceLocation)
            #expect(cached.stderr == full.stderr, "\(arguments)", sourceLocation: sourceLocation)
            #expect(cached.status == full.status, sourceLocation: sourceLocation)
        }
    }

    static let demoAvailable = FileManager.default.fileExists(atPath: PackagePaths.demo.appendingPathComponent("project.json").path)

    @Test("the demo project: the same output with and without digests, and with a damaged one",
          .enabled(if: demoAvailable, "Samples/demo is not in this checkout"))
    func demoProject() throws {
        try withTemporaryFolder { folder in
            let project = folder.url.appendingPathComponent("demo")
            let copy = try gloss("demo", "--into", project.path)
            try #require(copy.status == 0, "\(copy)")
            let coders = try Project.load(project).coders
            try #require(coders.count >= 2)
            try expectSameWithAndWithoutDigests(project, coders: coders)

            // A damaged digest (one flipped byte) is ignored and rebuilt; the output does not change.
            let arguments = ["compare", project.path, "--coders", coders[0], coders[1], "--format", "json"]
            let reference = try gloss(arguments)
            let digest = project.appendingPathComponent("cache/\(coders[0]).digest")
            var bytes = try Data(contentsOf: digest)
            bytes[bytes.count - 2] ^= 0x04
            try bytes.write(to: digest)
            let damaged = try gloss(arguments)
            #expect(damaged.stdout == reference.stdout && damaged.stderr == reference.stderr, "\(damaged)")
            #expect(try Data(contentsOf: digest) != bytes, "the damaged digest was rebuilt")
        }
    }

    /// Two coders with random codings, statuses and edits over the fixture chats; `ann` has actions in her journal
    /// that are not yet in her session file (a workbench still open, or killed).
    func makeRandomProject(in folder: TemporaryFolder, seed: UInt64) throws {
        try Fixtures.makeCodedProject(in: folder, coder: "ann")
        let project = try Project.load(folder.project)
        let chats = try project.allChats()
        let codes = project.codebook.codes.map(\.id) + [CodeID("no-such-code")]
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        func randomCoding(_ coder: String, _ n: Int) -> Coding {
            let chat = chats[next(chats.count)]
            let message = 1 + next(chat.messages.count)
            let length = chat.messages[message - 1].length
            let from = next(length)
            let to = from + 1 + next(length - from)
            let span = Span(from: TextPosition(message: message, offset: from), to: TextPosition(message: message, offset: to))
            var applied = [codes[next(codes.count)]]
            if next(3) == 0 { applied.append(codes[next(codes.count)]) }
            return Coding(id: CodingID("\(coder)-\(seed)-\(n)"), chat: chat.id, span: span, codes: Array(Set(applied)).sorted(),
                          text: chat.text(of: span), coder: coder, created: Date(timeIntervalSince1970: 1_700_000_000))
        }
        for coder in ["ann", "bob"] {
            let store = try SessionStore(projectRoot: folder.project, coder: coder, codebookRevision: project.codebook.revision)
            for n in 0..<40 { try store.perform([.coding(id: CodingID("\(coder)-\(seed)-\(n)"), before: nil, after: randomCoding(coder, n))], label: "add") }
            for chat in chats {
                try store.perform([.status(chat: chat.id, before: store.session.status(of: chat.id), after: next(4) == 0 ? .inProgress : .done)], label: "status")
            }
            try store.perform([.proposal(id: CodeID("proposed-\(coder)"), before: nil,
                                         after: Code(id: CodeID("proposed-\(coder)"), name: "Voorstel \(coder)", parent: project.codebook.codes[0].id))],
                              label: "propose")
            try store.perform([.coding(id: CodingID("\(coder)-proposed"), before: nil,
                                       after: Coding(id: CodingID("\(coder)-proposed"), chat: "chat-01", span: chats[0].wholeMessages(1, 1)!,
                                                     codes: [CodeID("proposed-\(coder)")], text: chats[0].text(of: chats[0].wholeMessages(1, 1)!),
                                                     coder: coder, created: Date(timeIntervalSince1970: 1_700_000_000)))], label: "use proposal")
            try store.close()
        }
        // Pending edits in ann's journal: removals, recodings and a status change, never folded into ann.json.
        let store = try SessionStore(projectRoot: folder.project, coder: "ann", codebookRevision: project.codebook.revision)
        for coding in store.session.orderedCodings.prefix(12) {
            if next(2) == 0 {
                try store.perform([.coding(id: coding.id, before: coding, after: nil)], label: "remove")
            } else {
                var recoded = coding
                recoded.codes = [codes[next(codes.count - 1)]]
                try store.perform([.coding(id: coding.id, before: coding, after: recoded)], label: "recode")
            }
        }
        try store.perform([.status(chat: "chat-02", before: store.session.status(of: "chat-02"), after: .inProgress)], label: "reopen")
        _ = consume store   // killed: the edits are only in the journal
    }

    @Test("a generated project with random edits and pending journal records: the same output with and without digests",
          arguments: [UInt64(1), 2, 3])
    func randomProject(seed: UInt64) throws {
        try withTemporaryFolder { folder in
            try makeRandomProject(in: folder, seed: seed)
            try expectSameWithAndWithoutDigests(folder.project, coders: ["ann", "bob"])
            // The pending records are counted: ann's digest says what a full read says.
            let read = try SessionStore.read(projectRoot: folder.project, coder: "ann")
            #expect(try SessionDigestCache.load(projectRoot: folder.project, coder: "ann") == SessionDigest(read))
        }
    }

    @Test("a damaged journal: the digest is not used, and every run prints the warnings a full read prints")
    func damagedJournal() throws {
        try withTemporaryFolder { folder in
            try makeRandomProject(in: folder, seed: 9)
            let arguments = ["report", folder.project.path, "--coder", "ann", "--matrix"]
            let journal = folder.project.appendingPathComponent("sessions/ann.journal")
            #expect(!(try gloss(arguments).stderr.contains(journal.path)))   // unknown codes are warned about; the journal is sound
            let text = String(decoding: try Data(contentsOf: journal), as: UTF8.self)
            try Data(text.replacingOccurrences(of: "\"label\":\"reopen\"", with: "\"label\":\"reopeN\"").utf8).write(to: journal)
            var outputs: Set<String> = []
            for _ in 0..<3 {
                let result = try gloss(arguments)
                #expect(result.status == 0, "\(result)")
                #expect(result.stderr.contains("warning: \(journal.path): line "), "\(result)")
                #expect(result.stderr.contains("checksum mismatch"), "\(result)")
                let source = try SessionDigestCache.loadReporting(projectRoot: folder.project, coder: "ann").source
                #expect(source == .fullRead)
                outputs.insert(result.stdout + result.stderr)
            }
            #expect(outputs.count == 1)
        }
    }
}
