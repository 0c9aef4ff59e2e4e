import Foundation
import Testing

/// init → import → codings import → codings export → import for a second coder → export again.
@Suite("Round trip through the CLI")
struct RoundTripTests {
    @Test("init, import, codings import and export; a second coder's export is byte-identical")
    func fullRoundTrip() throws {
        try withTemporaryFolder { folder in
            try Fixtures.writeSources(in: folder)
            let project = folder.project.path

            let created = try gloss("init", project, "--codebook", folder.source("codebook.tsv").path)
            #expect(created.status == 0, "\(created)")
            // A TSV codebook carries no figures: init says how to add one.
            #expect(created.stdout == "Created \(project) with 7 codes (2 main codes).\n"
                    + "No figures yet; add one with: gloss figure add \(project) --number N --title TEXT --category CODE\n"
                    + "Next: gloss import \(project) TRANSCRIPTS…\n")
            #expect(created.stderr == "")

            let imported = try gloss("import", project, folder.source("chat-01.txt").path,
                                     folder.source("chat-02.txt").path, folder.source("chat-03.txt").path)
            #expect(imported.status == 0, "\(imported)")
            #expect(imported.stdout == """
                chat-01: imported, 3 messages; speakers: Hulpverlener (2), Jongere (1)
                chat-02: imported, 3 messages; speakers: Visitor (2), Volunteer (1)
                chat-03: imported, 2 messages; speakers: Hulpverlener (1), Jongere (1)
                3 chat(s) added; the project has 3.

                """)
            // The stored transcripts are the (already clean) source bytes.
            for name in ["chat-01", "chat-02", "chat-03"] {
                #expect(try Data(contentsOf: folder.project.appendingPathComponent("chats/\(name).txt"))
                        == Data(contentsOf: folder.source("\(name).txt")))
            }

            let csv = try folder.write("codings.csv", Fixtures.codingsCSV)
            let codingsImport = try gloss("codings", "import", project, "--coder", "ann", csv.path)
            #expect(codingsImport.status == 0, "\(codingsImport)")
            #expect(codingsImport.stdout == "Imported 5 coding rows (4 quotes) in 2 chats for ann; the session now has 4 quotes.\n")
            #expect(codingsImport.stderr == "")

            let first = try gloss("codings", "export", project, "--coder", "ann")
            #expect(first.status == 0, "\(first)")
            #expect(first.stderr == "")
            #expect(first.stdout == Fixtures.expectedExport)

            // The exported CSV, imported for a second coder and exported again, is the same bytes.
            let exported = try folder.write("ann-export.csv", first.stdoutData)
            let second = try gloss("codings", "import", project, "--coder", "bob", exported.path)
            #expect(second.status == 0, "\(second)")
            #expect(second.stdout == "Imported 5 coding rows (4 quotes) in 2 chats for bob; the session now has 4 quotes.\n")
            let again = try gloss("codings", "export", project, "--coder", "bob")
            #expect(again.status == 0, "\(again)")
            #expect(again.stdoutData == first.stdoutData)

            // --output writes the same bytes as standard output.
            let outputFile = folder.url.appendingPathComponent("bob.csv")
            let toFile = try gloss("codings", "export", project, "--coder", "bob", "--output", outputFile.path)
            #expect(toFile.status == 0, "\(toFile)")
            #expect(toFile.stdout == "")
            #expect(try Data(contentsOf: outputFile) == first.stdoutData)

            // The project still validates, and both coders count the same work.
            let validated = try gloss("validate", project)
            #expect(validated.status == 0, "\(validated)")
            let status = try gloss("status", project)
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout == """
                proj: 3 chats, codebook of 7 codes
                coder   done  in progress  not started   quotes
                ann        2            0            1        4
                bob        2            0            1        4

                """)
        }
    }

    @Test("export writes each quote's text; import ignores an edited text column and the round trip is unchanged")
    func quoteTextColumnIsWrittenAndIgnored() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let project = folder.project.path
            let first = try gloss("codings", "export", project, "--coder", "ann")
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout == Fixtures.expectedExport)
            // Every text cell edited, one into a formula, and a text-only cell on the done chat's row.
            let edited = first.stdout
                .replacingOccurrences(of: ",\u{EB}cht 😀\n", with: ",[edited]\n")
                .replacingOccurrences(of: ",e\u{308}en\n", with: ",'=1+1\n")
                .replacingOccurrences(of: "chat-02,,,,,,,,\n", with: "chat-02,,,,,,,,[edited]\n")
            #expect(edited != first.stdout)
            let file = try folder.write("edited.csv", edited)
            let imported = try gloss("codings", "import", project, "--coder", "bob", file.path)
            #expect(imported.status == 0, "\(imported)")
            #expect(imported.stdout == "Imported 5 coding rows (4 quotes) in 2 chats for bob; the session now has 4 quotes.\n")
            let again = try gloss("codings", "export", project, "--coder", "bob")
            #expect(again.stdoutData == first.stdoutData)
        }
    }

    @Test("export --no-text leaves out the transcript's words; it imports to the same session")
    func exportWithoutText() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let project = folder.project.path
            let full = try gloss("codings", "export", project, "--coder", "ann")
            let bare = try gloss("codings", "export", project, "--coder", "ann", "--no-text")
            #expect(bare.status == 0, "\(bare)")
            let lines = bare.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first == "chat,from_message,from_offset,to_message,to_offset,code,memo,relation")
            #expect(!bare.stdout.contains("\u{EB}cht"), "a quote's text is in the export")
            let file = try folder.write("bare.csv", bare.stdout)
            let imported = try gloss("codings", "import", project, "--coder", "bob", file.path)
            #expect(imported.status == 0, "\(imported)")
            #expect(try gloss("codings", "export", project, "--coder", "bob").stdoutData == full.stdoutData)
        }
    }

    @Test("the session holds the exact code points of partial quotes in non-ASCII text")
    func partialQuotesKeepExactText() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let codings = try sessionCodings(folder.project, "ann")
            func text(_ fromMessage: Int, _ fromOffset: Int, _ toMessage: Int, _ toOffset: Int) -> String? {
                codings.first { coding in
                    let from = coding["from"] as? [String: Any], to = coding["to"] as? [String: Any]
                    return from?["message"] as? Int == fromMessage && from?["offset"] as? Int == fromOffset
                        && to?["message"] as? Int == toMessage && to?["offset"] as? Int == toOffset
                }?["text"] as? String
            }
            #expect(codings.count == 4)
            // Compare code points, not Characters: "ë" and "e\u{308}" are == as Swift Strings.
            #expect(text(2, 21, 2, 27).map { Array($0.unicodeScalars) } == Array("\u{EB}cht 😀".unicodeScalars))
            #expect(text(3, 18, 3, 22).map { Array($0.unicodeScalars) } == Array("e\u{308}en".unicodeScalars))
            #expect(text(1, 0, 2, 39).map { Array($0.unicodeScalars) }
                    == Array("Hoi, waar wil je over praten?\nhet gaat over thuis, \u{EB}cht 😀\nIk zei: nee".unicodeScalars))
            #expect(text(1, 0, 1, 29) == "Hoi, waar wil je over praten?")
            let doubled = codings.first { ($0["codes"] as? [String])?.count == 2 }
            #expect(doubled?["relation"] as? String == "relevant verband")
            let memo = codings.first { $0["memo"] as? String == "Noemt \"thuis\", twee keer" }
            #expect(memo != nil)
        }
    }

    @Test("--merge adds codings and --replace makes the CSV the whole session")
    func mergeAndReplace() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let project = folder.project.path

            let extra = try folder.write("extra.csv", Fixtures.csvHeader + """
                chat-02,3,,3,,Onderwerp > School,,
                chat-01,1,,1,,Toon > Vriendelijk,,
                chat-03,,,,,,,

                """)
            let merged = try gloss("codings", "import", project, "--coder", "ann", "--merge", extra.path)
            #expect(merged.status == 0, "\(merged)")
            #expect(merged.stdout == "Imported 2 coding rows (2 quotes) in 3 chats for ann; the session now has 5 quotes.\n")
            let afterMerge = try gloss("codings", "export", project, "--coder", "ann")
            #expect(afterMerge.stdout == exportHeader + """
                chat-01,1,,1,,Toon,,,"Hoi, waar wil je over praten?"
                chat-01,1,,1,,Toon > Vriendelijk,,,"Hoi, waar wil je over praten?"
                chat-01,1,,2,,Onderwerp > Thuis,"Noemt ""thuis"", twee keer",,"Hoi, waar wil je over praten?
                het gaat over thuis, \u{EB}cht 😀
                Ik zei: nee"
                chat-01,2,21,2,27,Toon > Vriendelijk,,relevant verband,\u{EB}cht 😀
                chat-01,2,21,2,27,Onderwerp > Thuis,,relevant verband,\u{EB}cht 😀
                chat-01,3,18,3,22,Toon > Boos > Schreeuwen,"Let op:
                e + trema",,e\u{308}en
                chat-02,3,,3,,Onderwerp > School,,,School is hard 😕 lately.
                chat-03,,,,,,,,

                """)

            let small = try folder.write("small.csv", Fixtures.csvHeader + """
                chat-02,1,0,1,5,Toon > Vriendelijk,Begroeting,

                """)
            let replaced = try gloss("codings", "import", project, "--coder", "ann", "--replace", small.path)
            #expect(replaced.status == 0, "\(replaced)")
            #expect(replaced.stdout == "Imported 1 coding rows (1 quotes) in 1 chats for ann; the session now has 1 quotes.\n")
            let afterReplace = try gloss("codings", "export", project, "--coder", "ann")
            #expect(afterReplace.stdout == exportHeader + "chat-02,1,0,1,5,Toon > Vriendelijk,Begroeting,,Hello\n")

            let status = try gloss("status", project)
            #expect(status.stdout.hasSuffix("ann        1            0            2        1\n"), "\(status)")
        }
    }

    @Test("--replace and --merge together are refused and change nothing")
    func replaceAndMergeTogether() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let csv = folder.source("codings.csv")
            let before = try FolderSnapshot(folder.project)
            let result = try gloss("codings", "import", folder.project.path, "--coder", "ann", "--replace", "--merge", csv.path)
            #expect(result.status != 0)
            #expect(result.stderr.contains("--replace or --merge, not both"), "\(result)")
            expectUnchanged(before, try FolderSnapshot(folder.project), "after --replace --merge")
        }
    }
}
