import Foundation
import Testing

/// `gloss search` (issue 10, item 3) and `gloss quotes --code` by name, prefix or any case (item 8).
@Suite("gloss search and code references")
struct SearchCLITests {
    /// Every match in chat and message order, each with its context, then the count.
    @Test func searchPrintsEachMatchAndACount() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            let result = try gloss("search", folder.project.path, "HOI")
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == """
                chat-01 #1: Hoi, waar wil je over praten?
                chat-03 #2: Hoi.
                2 matches in 2 of 3 chats

                """)
            let accents = try gloss("search", folder.project.path, "echt")
            #expect(accents.stdout.hasPrefix("chat-01 #2: het gaat over thuis, \u{EB}cht 😀 Ik zei: nee\n"), "\(accents)")
            let none = try gloss("search", folder.project.path, "nergens")
            #expect(none.status == 0 && none.stdout == "0 matches in 0 of 3 chats\n", "\(none)")
        }
    }

    /// JSON: offsets in code points ("e\u{308}en" is four), the count, and whether the limit cut it short.
    @Test func searchAsJSONWithALimit() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            let result = try gloss("search", folder.project.path, "een", "--format", "json")
            #expect(result.status == 0, "\(result)")
            let report = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
            #expect(report["matches"] as? Int == 1)
            #expect(report["truncated"] as? Bool == false)
            let hit = try #require((report["hits"] as? [[String: Any]])?.first)
            #expect(hit["chat"] as? String == "chat-01" && hit["message"] as? Int == 3)
            #expect(hit["offset"] as? Int == 18 && hit["length"] as? Int == 4)

            let limited = try gloss("search", folder.project.path, "e", "--limit", "2")
            #expect(limited.status == 0, "\(limited)")
            let lines = limited.stdout.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines.last?.hasPrefix("more than 2 matches") == true, "\(limited)")
            let bad = try gloss("search", folder.project.path, "")
            #expect(bad.status == 1 && bad.stderr.contains("nothing to search for"), "\(bad)")
        }
    }

    /// A transcript with terminal commands: the context shows them neutralised, nothing raw reaches stdout.
    @Test func searchNeverPrintsAControl() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder, chats: [])
            let hostile = try folder.write("chat-09.txt", "# speakers: A, B\nA: hallo \u{1B}]52;c;eA==\u{7} daar \u{9B}2J en \u{202E}hier\nB: ok\n")
            let imported = try gloss("import", folder.project.path, hostile.path)
            try #require(imported.status == 0, "\(imported)")
            for format in ["text", "json"] {
                let result = try gloss("search", folder.project.path, "daar", "--format", format)
                #expect(result.status == 0, "\(result)")
                #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{9B}" || $0 == "\u{202E}" }, "\(result.stdout.debugDescription)")
            }
            let text = try gloss("search", folder.project.path, "daar")
            #expect(text.stdout.hasPrefix("chat-09 #1: hallo ·]52;c;eA==· daar ·2J en ·hier\n"), "\(text.stdout.debugDescription)")
        }
    }

    /// `--code` takes a path in any case, a unique name or a unique prefix; the old command wanted the exact
    /// path and refused each of these.
    @Test(arguments: [("toon > boos", "Toon > Boos"), ("Vriendelijk", "Toon > Vriendelijk"), ("schreeuwen", "Toon > Boos > Schreeuwen"),
                      ("Toon > Vr", "Toon > Vriendelijk"), ("onderwerp>thuis", "Onderwerp > Thuis"), ("Toon > Bo", "Toon > Boos")])
    func quotesTakesANameOrPrefix(_ reference: String, _ path: String) throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let result = try gloss("quotes", folder.project.path, "--coder", "ann", "--code", reference)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix("\(path): "), "\(result)")
            // Anything but the exact path or id is said on standard error, naming the code it picked.
            #expect(result.stderr == (reference == path ? "" : "gloss: --code \"\(reference)\" means \(path)\n"), "\(result)")
        }
    }

    /// An unknown or ambiguous code fails with ranked suggestions (at most 5), and changes nothing.
    @Test func quotesSuggestsOnAMiss() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let before = try FolderSnapshot(folder.project)
            let typo = try gloss("quotes", folder.project.path, "--coder", "ann", "--code", "schreuwen")
            #expect(typo.status == 1, "\(typo)")
            #expect(typo.stderr.contains("no code \"schreuwen\" in the codebook; did you mean:"), "\(typo)")
            #expect(typo.stderr.contains("Toon > Boos > Schreeuwen"), "\(typo)")

            let ambiguous = try gloss("quotes", folder.project.path, "--coder", "ann", "--code", "t")
            #expect(ambiguous.status == 1, "\(ambiguous)")
            #expect(ambiguous.stderr.contains("\"t\" fits several codes"), "\(ambiguous)")
            let listed = ambiguous.stderr.split(separator: "\n").dropFirst()
            #expect(listed.count == 5, "\(ambiguous)")
            #expect(listed.first?.hasSuffix(" Toon") == true, "\(ambiguous)")  // a name starting with "t", one level
            try expectUnchanged(before, FolderSnapshot(folder.project))
        }
    }
}
