import Foundation
import Testing
@testable import GlossCore

/// Shared fixtures for the GlossCore tests. Everything is built in memory or in a unique temporary
/// folder that is removed afterwards; nothing outside `Tests/` is written.

/// Runs `body` with a fresh, empty folder under the system temporary directory and removes it afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("gloss-core-tests-\(UUID().uuidString.lowercased())", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// The bytes of a UTF-8 string.
func bytes(_ text: String) -> Data { Data(text.utf8) }

/// POSIX permission bits of a file or folder.
func permissions(_ url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return try #require((attributes[.posixPermissions] as? NSNumber)?.intValue)
}

/// A fixed time so codings compare equal across runs (whole seconds, as Gloss stores them).
let fixedDate = Date(timeIntervalSince1970: 1_700_000_000)

/// A small codebook with fixed ids:
///
/// ```
/// Dwangmiddel
///   Bedreiging
///   Fysiek geweld
/// Motieven ouder
///   Financieel
/// Risicofactoren
///   Armoede
/// ```
enum Sample {
    static let dwang = CodeID("code-dwang")
    static let bedreiging = CodeID("code-bedreiging")
    static let fysiek = CodeID("code-fysiek")
    static let motief = CodeID("code-motief")
    static let financieel = CodeID("code-financieel")
    static let risico = CodeID("code-risico")
    static let armoede = CodeID("code-armoede")

    static func codebook() throws -> Codebook {
        try Codebook(name: "Test", source: "unit tests", revision: 3, codes: [
            Code(id: dwang, name: "Dwangmiddel", color: "#D06A0C"),
            Code(id: bedreiging, name: "Bedreiging", parent: dwang, operationalisation: "De pleger bedreigt."),
            Code(id: fysiek, name: "Fysiek geweld", parent: dwang),
            Code(id: motief, name: "Motieven ouder"),
            Code(id: financieel, name: "Financieel", parent: motief, rules: ["alleen bij schulden"]),
            Code(id: risico, name: "Risicofactoren"),
            Code(id: armoede, name: "Armoede", parent: risico),
        ])
    }

    /// A transcript with a speakers header, both timestamp forms, a false speaker line ("Ik zei: nee")
    /// that continues message 2, an emoji (U+1F614, one code point) and a decomposed "ë" ("e" + U+0308,
    /// two code points).
    ///
    /// Message lengths in code points (Python `len()` of the same strings gives the same numbers):
    /// 1. "Hoi, waar wil je over praten?"             = 29
    /// 2. "Hoi 😔 ik ben Zoe\u{308}\nIk zei: nee"      = 17 + 1 + 11 = 29
    ///    ("Zo" starts at 13, the newline is at 17, "nee" starts at 26)
    /// 3. "Dat is moedig."                              = 14
    static let transcript = """
        # title: Eerste gesprek
        # speakers: Slachtoffer, Chathulpverlener
        [2021-03-14 19:02] Chathulpverlener: Hoi, waar wil je over praten?
        [19:03] Slachtoffer: Hoi \u{1F614} ik ben Zoe\u{0308}
        Ik zei: nee

        [19:04] Chathulpverlener: Dat is moedig.

        """

    static func chat(id: String = "chat-01") throws -> Chat {
        try TranscriptParser().parse(bytes(transcript), id: id, file: "\(id).txt")
    }

    /// A second, plain chat: "Jan: een" / "Piet: twee drie" (lengths 3 and 9).
    static func plainChat(id: String = "chat-02") throws -> Chat {
        try TranscriptParser().parse(bytes("Jan: een\nPiet: twee drie\n"), id: id, file: "\(id).txt")
    }

    static func span(_ fromMessage: Int, _ fromOffset: Int, _ toMessage: Int, _ toOffset: Int) -> Span {
        Span(from: TextPosition(message: fromMessage, offset: fromOffset), to: TextPosition(message: toMessage, offset: toOffset))
    }

    static func coding(_ id: String, chat: String = "chat-01", span: Span, codes: [CodeID], text: String = "",
                       relation: String? = nil, memo: String? = nil, coder: String = "anna") -> Coding {
        Coding(id: CodingID(id), chat: chat, span: span, codes: codes, relation: relation, memo: memo, text: text,
               coder: coder, created: fixedDate)
    }

    /// The changes that add `coding` to a session that does not have it.
    static func add(_ coding: Coding) -> SessionChange { .coding(id: coding.id, before: nil, after: coding) }
}
