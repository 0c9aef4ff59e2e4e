import Foundation
import Testing

/// Issue 14: coders who split the chats need one session for the whole corpus's figures (a CSV merge by hand
/// until now). `gloss sessions combine DIR --coders A B --into NAME`: each chat from the coder who finished it;
/// a chat two coders finished is refused with both named (no finished consensus here); an existing session is
/// refused unless --replace. Every expected count below is read off the CSVs written in the test.
@Suite("gloss sessions combine")
struct SessionsCombineCLITests {
    /// eva finished chat-01 (one quote, message 5, with two codes: two rows on one span) and chat-02 (one quote);
    /// finn finished chat-03 and chat-04 (one quote each): 4 quotes, 5 coding rows.
    static let eva = """
    chat,from_message,from_offset,to_message,to_offset,code
    chat-01,5,,5,,Pleger > Vader
    chat-01,5,,5,,Risicofactoren > Armoede/lage SES
    chat-02,2,,2,,Pleger > Vader
    """
    static let finn = """
    chat,from_message,from_offset,to_message,to_offset,code
    chat-03,2,,2,,Pleger > Vader
    chat-04,2,,2,,Risicofactoren > Armoede/lage SES
    """

    static func importCSV(_ project: URL, _ folder: TemporaryFolder, coder: String, _ text: String, merge: Bool = false) throws {
        let file = try folder.write("\(coder)-\(UUID().uuidString).csv", text + "\n")
        let result = try gloss(["codings", "import", project.path, "--coder", coder, file.path] + (merge ? ["--merge"] : []))
        try #require(result.status == 0, "\(result)")
    }

    @Test func eachChatComesFromTheCoderWhoFinishedIt() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            try Self.importCSV(project, folder, coder: "eva", Self.eva)
            try Self.importCSV(project, folder, coder: "finn", Self.finn)

            let combine = try gloss("sessions", "combine", project.path, "--coders", "eva", "finn", "--into", "team")
            #expect(combine.status == 0, "\(combine)")
            #expect(combine.stdout.contains("Combined 4 chat(s) into team (eva 2, finn 2); 4 quotes. 8 chat(s) no coder finished were left out."), "\(combine.stdout)")
            let status = try gloss("status", project.path)
            #expect(status.stdout.split(separator: "\n").contains { $0.hasPrefix("team") && $0.split(separator: " ").map(String.init) == ["team", "4", "0", "8", "4"] },
                    "\(status.stdout)")
            let export = try gloss("codings", "export", project.path, "--coder", "team")
            let rows = export.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(1).joined() }
            #expect(rows.sorted() == ["chat-01", "chat-01", "chat-02", "chat-03", "chat-04"], "\(export.stdout)")
            let file = project.appendingPathComponent("sessions/team.json")
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            // The codings keep their coder.
            let json = try read(file)
            #expect(json.contains("\"coder\" : \"eva\"") || json.contains("\"coder\":\"eva\""), "\(json.prefix(400))")

            // An existing session is refused, and kept as it was.
            let before = try Data(contentsOf: file)
            let again = try gloss("sessions", "combine", project.path, "--coders", "eva", "finn", "--into", "team")
            #expect(again.status == 1)
            #expect(again.stderr.contains("a session team exists already"), "\(again.stderr)")
            #expect(try Data(contentsOf: file) == before)
            #expect(try gloss("sessions", "combine", project.path, "--coders", "eva", "finn", "--into", "team", "--replace").status == 0)

            // eva finishes chat-03 too: it is double coded, with no consensus, so it is refused with both named.
            try Self.importCSV(project, folder, coder: "eva", "chat,from_message,from_offset,to_message,to_offset,code\nchat-03,2,,2,,Pleger > Vader", merge: true)
            let refused = try gloss("sessions", "combine", project.path, "--coders", "eva", "finn", "--into", "team2")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("1 chat(s) were finished by more than one coder and have no finished consensus: chat-03 (eva and finn)"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("sessions/team2.json").path), "a refused combine wrote a session")
        }
    }

    @Test func badArgumentsAreRefused() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let one = try gloss("sessions", "combine", project.path, "--coders", "anouk", "--into", "team")
            #expect(one.status == 1 && one.stderr.contains("two or more different coders"), "\(one)")
            let own = try gloss("sessions", "combine", project.path, "--coders", "anouk", "bram", "--into", "bram")
            #expect(own.status == 1 && own.stderr.contains("must not be one of the coders' own"), "\(own)")
            let unknown = try gloss("sessions", "combine", project.path, "--coders", "anouk", "nobody", "--into", "team")
            #expect(unknown.status == 1 && unknown.stderr.contains("coder nobody has no session"), "\(unknown)")
            let name = try gloss("sessions", "combine", project.path, "--coders", "anouk", "bram", "--into", "../x")
            #expect(name.status == 1 && name.stderr.contains("is not a valid session name"), "\(name)")
            // anouk and bram both finished 11 chats: all refused, both named.
            let both = try gloss("sessions", "combine", project.path, "--coders", "anouk", "bram", "--into", "team")
            #expect(both.status == 1 && both.stderr.contains("11 chat(s) were finished by more than one coder"), "\(both.stderr)")
            #expect(both.stderr.contains("chat-01 (anouk and bram)"))
        }
    }
}
