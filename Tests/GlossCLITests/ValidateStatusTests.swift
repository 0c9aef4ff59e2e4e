import Foundation
import Testing

/// `gloss validate` (clean and drifted projects) and `gloss status` (per-coder counts).
@Suite("validate and status")
struct ValidateStatusTests {
    @Test("validate exits 0 on a clean project and says what it checked")
    func cleanProject() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let result = try gloss("validate", folder.project.path)
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr == "")
            #expect(result.stdout == """
                checked: project.json and codebook (7 codes, revision 1)
                checked: 3 chats (8 messages)
                checked: 1 session(s), 4 codings
                \(folder.project.path): all is well (0 warning(s)).

                """)
            expectUnchanged(before, try FolderSnapshot(folder.project), "validate must not write")
        }
    }

    /// Replaces chats/<chat>.txt with `edited` (as an editor would) and expects validate to fail on each
    /// coding whose stored text is one of `drifts[].was`, naming the session file, the coding and where the
    /// text differs (`now` is the text there after the edit) — never the transcript text itself.
    func expectDrift(chat: String = "chat-01", _ edited: String, drifts: [(message: Int, was: String, now: String)],
                     setUp: (TemporaryFolder) throws -> Void = { _ in }) throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            try setUp(folder)
            let validBefore = try gloss("validate", folder.project.path)
            try #require(validBefore.status == 0, "\(validBefore)")
            let chatFile = folder.project.appendingPathComponent("chats/\(chat).txt")
            try Data(edited.utf8).write(to: chatFile)
            let session = sessionFile(folder.project, "ann")
            let codings = try sessionCodings(folder.project, "ann")
            var expected = ""
            for drift in drifts {
                let coding = try #require(codings.first {
                    ($0["text"] as? String).map { Array($0.unicodeScalars) } == Array(drift.was.unicodeScalars)
                })
                let codingID = try #require(coding["id"] as? String)
                let was = Array(drift.was.unicodeScalars), now = Array(drift.now.unicodeScalars)
                let first = zip(was, now).prefix { $0 == $1 }.count + 1
                expected += "gloss: \(session.path): coding \(codingID) (chat \(chat), message \(drift.message)): the transcript changed under the quote: "
                    + "the quote's stored text (\(was.count) characters) and the text there now (\(now.count) characters) differ from character \(first) of the quote on\n"
            }
            expected += "gloss: \(drifts.count) error(s) in \(folder.project.path)\n"
            let before = try FolderSnapshot(folder.project)

            let result = try gloss("validate", folder.project.path)
            #expect(result.status == 1, "\(result)")
            #expect(Array(result.stderr.unicodeScalars) == Array(expected.unicodeScalars), "\(result)")
            for drift in drifts {
                #expect(!result.stderr.contains(drift.was) && !result.stderr.contains(drift.now), "transcript text in an error: \(result)")
            }
            expectUnchanged(before, try FolderSnapshot(folder.project), "validate must not write")
        }
    }

    @Test("validate fails when a transcript is edited under a coding, naming the session file and the coding")
    func driftAfterEdit() throws {
        try expectDrift(Fixtures.chat01.replacingOccurrences(of: "e\u{308}en keer", with: "twee keer"),
                        drifts: [(3, "e\u{308}en", "twee")])
    }

    @Test("an edit under two quotes is reported for both, by position")
    func driftUnderTwoQuotes() throws {
        try expectDrift(Fixtures.chat01.replacingOccurrences(of: "\u{EB}cht", with: "echt"), drifts: [
            (1, "Hoi, waar wil je over praten?\nhet gaat over thuis, \u{EB}cht 😀\nIk zei: nee",
             "Hoi, waar wil je over praten?\nhet gaat over thuis, echt 😀\nIk zei: nee"),
            (2, "\u{EB}cht 😀", "echt 😀"),
        ])
    }

    @Test("validate compares code points: a canonically equivalent edit under a quote is still drift")
    func driftCanonicallyEquivalent() throws {
        // "e" + diaeresis (ccc 230) + dot below (ccc 220) and "e" + dot below + diaeresis are canonically
        // equivalent (Swift's == calls them equal) but are different code points at the same offsets.
        let original = "# speakers: Jongere, Hulpverlener\nJongere: het woord e\u{308}\u{323}n\n"
        let edited = "# speakers: Jongere, Hulpverlener\nJongere: het woord e\u{323}\u{308}n\n"
        #expect(original == edited)  // Swift String equality is canonical equivalence
        try expectDrift(chat: "chat-04", edited, drifts: [(1, "e\u{308}\u{323}n", "e\u{323}\u{308}n")]) { folder in
            let file = try folder.write("chat-04.txt", original)
            let imported = try gloss("import", folder.project.path, file.path)
            try #require(imported.status == 0, "\(imported)")
            let csv = try folder.write("chat-04.csv", Fixtures.csvHeader + "chat-04,1,10,1,14,Toon,,\n")
            let coded = try gloss("codings", "import", folder.project.path, "--coder", "ann", "--merge", csv.path)
            try #require(coded.status == 0, "\(coded)")
        }
    }

    @Test("status counts done, in progress and not started per coder")
    func statusCounts() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            let project = folder.project.path

            let none = try gloss("status", project)
            #expect(none.status == 0, "\(none)")
            #expect(none.stdout == "proj: 3 chats, codebook of 7 codes\nNo sessions yet.\n")

            // ann: chat-01 coded and chat-02 done without codes (both done), chat-03 not started.
            let ann = try folder.write("ann.csv", Fixtures.codingsCSV)
            #expect(try gloss("codings", "import", project, "--coder", "ann", ann.path).status == 0)
            // bob: only chat-03 done.
            let bob = try folder.write("bob.csv", Fixtures.csvHeader + "chat-03,2,,2,,Toon > Vriendelijk,,\n")
            #expect(try gloss("codings", "import", project, "--coder", "bob", bob.path).status == 0)
            // caroline_long: a session file from elsewhere (git), with chat-01 in progress and chat-02 done.
            try Data("""
                {
                  "chats" : { "chat-01" : "in_progress", "chat-02" : "done" },
                  "codebook_revision" : 1,
                  "coder" : "caroline_long",
                  "codings" : [],
                  "schema" : 1
                }

                """.utf8).write(to: sessionFile(folder.project, "caroline_long"))

            let status = try gloss("status", project)
            #expect(status.status == 0, "\(status)")
            #expect(status.stderr == "")
            #expect(status.stdout == """
                proj: 3 chats, codebook of 7 codes
                coder           done  in progress  not started   quotes
                ann                2            0            1        4
                bob                1            0            2        1
                caroline_long      1            1            1        0

                """)
        }
    }
}
