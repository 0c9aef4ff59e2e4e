import Foundation
import Testing

/// Issue 14: `gloss blind DIR on|off`, blind coding as a project setting that stays on until switched off:
/// written to project.json (kept through other changes of the file), logged in the codebook change log.
@Suite("gloss blind")
struct BlindCLITests {
    @Test func blindIsAProjectSettingThatStaysOnUntilSwitchedOff() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let config = project.appendingPathComponent("project.json")
            #expect(try gloss("blind", project.path).stdout.contains("Blind coding is off"))
            #expect(!(try read(config)).contains("blind"))

            let on = try gloss("blind", project.path, "on", "--by", "chris")
            #expect(on.status == 0, "\(on)")
            #expect(on.stdout.contains("Blind coding is on for every coder of the project"), "\(on.stdout)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: config)) as? [String: Any])
            #expect(json["blind"] as? Bool == true)
            #expect(try gloss("blind", project.path).stdout.contains("Blind coding is on"))

            // Another change of project.json (a figure) keeps it.
            let figure = try gloss("figure", "add", project.path, "--number", "40", "--title", "Pleger", "--category", "Pleger")
            #expect(figure.status == 0, "\(figure)")
            let after = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: config)) as? [String: Any])
            #expect(after["blind"] as? Bool == true, "a figure change dropped the blind setting")
            #expect(try gloss("validate", project.path).status == 0)

            // The change log says who switched it.
            let log = try gloss("codebook", "log", project.path)
            #expect(log.stdout.contains("blind coding") && log.stdout.contains("chris"), "\(log.stdout)")

            // Switching the setting keeps the codebook's revision: it must not hide the codebook change of that
            // revision (a merge logged before it would read as "not applied" and stop migrating sessions).
            let merge = try gloss("codebook", "merge", project.path, "Dwangmiddel > Gezagsverhouding", "--into", "Dwangmiddel > Bedreiging",
                                  "--reason", "one code for threats", "--by", "chris")
            #expect(merge.status == 0, "\(merge)")
            #expect(try gloss("blind", project.path, "off").status == 0)
            let afterMerge = try gloss("codebook", "log", project.path).stdout
            #expect(afterMerge.contains("merged") && !afterMerge.contains("not applied"), "\(afterMerge)")
            #expect(try gloss("blind", project.path, "on").status == 0)
            #expect(try gloss("blind", project.path, "off").status == 0)
            #expect(!(try read(config)).contains("\"blind\""))
            let bad = try gloss("blind", project.path, "maybe")
            #expect(bad.status != 0)
        }
    }
}

/// Issue 14: `gloss compare` lists the chats a coder saw the other's codings of, and whether they were recoded
/// after. The mark is written into anouk's session file by hand here (the workbench writes it on `:compare`,
/// `SeenInCompareTests`); its fingerprint 0 matches no real coding, so the chat counts as recoded.
@Suite("gloss compare: seen marks")
struct CompareSeenCLITests {
    @Test func aChatSeenAndRecodedIsFlagged() throws {
        try withTemporaryFolder { folder in
            let project = try makeDemoCopy(in: folder)
            let file = project.appendingPathComponent("sessions/anouk.json")
            var text = try read(file)
            let seen = ",\n  \"seen\" : {\n    \"chat-03\" : {\n      \"bram\" : {\n        \"fingerprint\" : 0,\n        \"time\" : \"2026-12-01T10:00:00Z\"\n      }\n    }\n  }\n}\n"
            let end = try #require(text.range(of: "\n}", options: .backwards))
            text.replaceSubrange(end.lowerBound..<text.endIndex, with: seen)
            try Data(text.utf8).write(to: file)
            let compare = try gloss("compare", project.path, "--coders", "anouk", "bram")
            #expect(compare.status == 0, "\(compare)")
            #expect(compare.stdout.contains("Seen in a comparison:\nchat-03: anouk saw bram's codings on 2026-12-01 and RECODED the chat after"), "\(compare.stdout)")
            #expect(try gloss("validate", project.path).status == 0)

            // A round keeps its frozen sessions' marks: the round with chat-03 flags it, the other does not.
            #expect(try gloss("compare", project.path, "--coders", "anouk", "bram", "--chats", "chat-03,chat-04", "--save-round", "r1").status == 0)
            #expect(try gloss("compare", project.path, "--coders", "anouk", "bram", "--chats", "chat-05", "--save-round", "r2").status == 0)
            let rounds = try gloss("compare", project.path, "--rounds")
            #expect(rounds.status == 0, "\(rounds)")
            let lines = rounds.stdout.split(separator: "\n").map(String.init)
            let r1 = try #require(lines.firstIndex { $0.hasPrefix("r1 ") }), r2 = try #require(lines.firstIndex { $0.hasPrefix("r2 ") })
            #expect(lines[r1..<r2].contains("  seen in a comparison: chat-03: anouk saw bram's codings on 2026-12-01 and RECODED the chat after"), "\(rounds.stdout)")
            #expect(!lines[r2...].contains { $0.contains("seen in a comparison") }, "\(rounds.stdout)")
            let json = try gloss("compare", project.path, "--rounds", "--format", "json")
            let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let rows = try #require(decoded["rounds"] as? [[String: Any]])
            let first = try #require(rows.first { $0["name"] as? String == "r1" }?["seen"] as? [[String: Any]])
            #expect(first.count == 1 && first[0]["chat"] as? String == "chat-03" && first[0]["coder"] as? String == "anouk"
                    && first[0]["saw"] as? String == "bram" && first[0]["recoded_after"] as? Bool == true, "\(first)")
            #expect((rows.first { $0["name"] as? String == "r2" }?["seen"] as? [Any])?.isEmpty == true)
        }
    }
}
