import Foundation
import Testing
@testable import GlossCore

/// Values Gloss once accepted silently: `schema` 0, -1 or 1.0; duplicate or non-positive figure numbers;
/// unknown keys in a session (dropped at the next checkpoint); and chat ids `..txt`/`.txt` refused for a
/// reason they do not have.
@Suite("Strict files")
struct StrictFileTests {
    static let session = #"{"schema": SCHEMA, "coder": "ann", "codings": []}"#

    static func sessionData(schema: String) -> Data { Data(session.replacingOccurrences(of: "SCHEMA", with: schema).utf8) }

    @Test(arguments: ["0", "-1", "1.0", "1e0", "\"1\""])
    func aSessionSchemaOtherThanTheInteger1IsRefused(schema: String) throws {
        for fast in [true, false] {
            let error = try #require(throws: GlossError.self) {
                try SessionFile.decode(Self.sessionData(schema: schema), file: "s.json", fast: fast)
            }
            #expect(error.file == "s.json" && error.place == "schema", "\(schema) fast=\(fast): \(error)")
        }
    }

    @Test func aHigherSessionSchemaIsFromANewerGloss() throws {
        for fast in [true, false] {
            let error = try #require(throws: GlossError.self) {
                try SessionFile.decode(Self.sessionData(schema: "2"), file: "s.json", fast: fast)
            }
            #expect(error.place == "schema" && error.message.contains("newer Gloss"), "\(error)")
        }
        #expect(try SessionFile.decode(Self.sessionData(schema: "1"), file: "s.json").coder == "ann")
    }

    @Test(arguments: ["0", "-1", "1.0", "2"])
    func aCodebookSchemaOtherThanTheInteger1IsRefused(schema: String) throws {
        let data = Data(#"{"schema": \#(schema), "codes": [{"id": "a", "name": "A"}]}"#.utf8)
        let error = try #require(throws: GlossError.self) { try CodebookFile.decode(data, file: "codebook.json") }
        #expect(error.file == "codebook.json" && error.place == "schema", "\(error)")
        #expect(error.message.contains("newer Gloss") == (schema == "2"))
    }

    static func projectJSON(schema: String = "1", figures: String = "[]") -> Data {
        Data(#"{"name": "p", "codebook": "codebook.json", "figures": \#(figures), "schema": \#(schema)}"#.utf8)
    }

    @Test(arguments: ["0", "-1", "1.0", "2"])
    func aProjectSchemaOtherThanTheInteger1IsRefused(schema: String) throws {
        let error = try #require(throws: GlossError.self) { try ProjectConfig.read(Self.projectJSON(schema: schema), file: "project.json") }
        #expect(error.file == "project.json" && error.place == "schema", "\(error)")
        #expect(try ProjectConfig.read(Self.projectJSON(), file: "project.json").schema == 1)
    }

    @Test func figureNumbersMustBePositiveAndDistinct() throws {
        func figure(_ number: Int) -> String { #"{"number": \#(number), "title": "t", "category": "A"}"# }
        let duplicate = try #require(throws: GlossError.self) {
            try ProjectConfig.read(Self.projectJSON(figures: "[\(figure(4)), \(figure(5)), \(figure(4))]"), file: "project.json")
        }
        #expect(duplicate.place == "figures[2].number" && duplicate.message.contains("figures[0]"), "\(duplicate)")
        for bad in [0, -3] {
            let error = try #require(throws: GlossError.self) {
                try ProjectConfig.read(Self.projectJSON(figures: "[\(figure(1)), \(figure(bad))]"), file: "project.json")
            }
            #expect(error.place == "figures[1].number", "\(error)")
        }
        #expect(try ProjectConfig.read(Self.projectJSON(figures: "[\(figure(4)), \(figure(6))]"), file: "project.json").figures.count == 2)
    }

    static let coding = #"{"id": "c", "chat": "k", "from": {"message": 1, "offset": 0}, "to": {"message": 1, "offset": 1}, "codes": ["x"], "text": "a", "coder": "ann", "created": "2024-05-01T12:00:00Z"}"#

    /// Unknown keys at every level, each with the JSON path the error must name; `fraction` forces the
    /// `JSONDecoder` path (the fast reader gives up on 1.0 in `codebook_revision` before seeing anything else).
    static let unknownKeys: [(json: String, place: String)] = [
        (#"{"schema": 1, "coder": "ann", "codings": [], "extra": true}"#, "extra"),
        (#"{"schema": 1, "coder": "ann", "journal": {"id": "j", "seq": 1, "more": 2}}"#, "journal.more"),
        (#"{"schema": 1, "coder": "ann", "codings": [\#(coding), \#(coding.replacingOccurrences(of: "\"text\"", with: "\"colour\": 1, \"text\""))]}"#, "codings[1].colour"),
        (#"{"schema": 1, "coder": "ann", "codings": [\#(coding.replacingOccurrences(of: "\"offset\": 1}", with: "\"offset\": 1, \"line\": 2}"))]}"#, "codings[0].to.line"),
        (#"{"schema": 1, "coder": "ann", "proposed_codes": [{"id": "p", "name": "P", "weight": 3}]}"#, "proposed_codes[0].weight"),
    ]

    @Test func unknownKeysInASessionAreRefusedByBothReadersNamingThePlace() throws {
        for (json, place) in Self.unknownKeys {
            for variant in [json, json.replacingOccurrences(of: #""coder": "ann""#, with: #""codebook_revision": 1.0, "coder": "ann""#)] {
                for fast in [true, false] {
                    let error = try #require(throws: GlossError.self) {
                        try SessionFile.decode(Data(variant.utf8), file: "s.json", fast: fast)
                    }
                    // The slow path for a 1.0 revision may stop at the revision first; either way the file is refused.
                    if !variant.contains("1.0") {
                        #expect(error.file == "s.json" && error.place == place, "fast=\(fast): \(error)")
                        #expect(error.message.contains("unknown key"))
                    }
                }
            }
        }
        // Without the unknown key the same file reads.
        #expect(try SessionFile.decode(Data(#"{"schema": 1, "coder": "ann", "codings": [\#(Self.coding)]}"#.utf8), file: "s.json").codingCount == 1)
    }

    @Test func anUnknownKeyIsRefusedOnTheDecoderPathToo() throws {
        // `journal: null` sends the fast reader to JSONDecoder; the unknown key must still be refused there.
        let json = #"{"schema": 1, "coder": "ann", "journal": null, "codings": [], "extra": true}"#
        let error = try #require(throws: GlossError.self) { try SessionFile.decode(Data(json.utf8), file: "s.json") }
        #expect(error.place == "extra", "\(error)")
    }

    @Test func hiddenOrEmptyChatIDsAreRefusedForThatReason() throws {
        for id in [".", ".txt", ""] {
            let error = try #require(throws: GlossError.self) {
                try TranscriptParser().parse(Data("A: hoi\n".utf8), id: id, file: "x/\(id).txt")
            }
            #expect(error.message.contains("cannot be empty or start with a dot"), "\(id): \(error)")
            #expect(!error.message.contains("may not contain"), "\(id): \(error)")
        }
        #expect(Names.chatIDProblem("a,b")?.contains("may not contain") == true)
        #expect(Names.chatIDProblem("chat-01") == nil)
    }
}
