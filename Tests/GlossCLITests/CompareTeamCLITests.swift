import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `gloss compare` with three coders, with --chats / --chats-from, rounds on their own chats, and JSON at full
// precision. Every expected number comes from the committed reference
// (Tests/GlossAnalysisTests/reference/multi_agreement_reference.py with multi_inputs.json → multi_outputs.json:
// the demo's anouk and bram plus a third coder, carla, from demo_carla.csv); the tests never run Python for it.
// Numbers are compared to 1e-12, so a JSON that rounds (0.8725 for 0.87248573…) fails.

/// The committed multi-coder reference and the JSON walking the precision checks need.
enum TeamReference {
    static let folder = PackagePaths.root.appendingPathComponent("Tests/GlossAnalysisTests/reference")
    nonisolated(unsafe) static let outputs: [String: Any] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("multi_outputs.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func project(_ name: String) -> [String: Any] { (outputs["projects"] as! [String: Any])[name] as! [String: Any] }
    static func twoCoder(_ name: String) -> [String: Any] { (outputs["two_coder"] as! [String: Any])[name] as! [String: Any] }

    static let first8 = (1...8).map { String(format: "chat-%02d", $0) }

    /// The demo copy with carla imported (she marks chats 01–09 done). Also checks that the demo still exports
    /// the codings the reference was computed from, so a changed demo cannot silently make the goldens stale.
    static func project(in folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let project = try compareDemoCopy(in: folder, sourceLocation: sourceLocation)
        for coder in ["anouk", "bram"] {
            let export = try gloss("codings", "export", project.path, "--coder", coder, "--no-text")
            try #require(export.status == 0, "\(export)", sourceLocation: sourceLocation)
            let committed = try read(Self.folder.appendingPathComponent("demo_\(coder).csv"))
            try #require(export.stdout == committed,
                         "Samples/demo's \(coder) no longer matches reference/demo_\(coder).csv: regenerate the reference (multi_agreement_reference.py)",
                         sourceLocation: sourceLocation)
        }
        let imported = try gloss("codings", "import", project.path, "--coder", "carla", Self.folder.appendingPathComponent("demo_carla.csv").path)
        try #require(imported.status == 0, "\(imported)", sourceLocation: sourceLocation)
        return project
    }
}

/// Checks every number of a JSON document against expected values at full precision and then that no
/// number-or-null leaf that could carry a fraction (a non-integer, or a key that names a measure) was left
/// unchecked: a new field cannot slip past the precision test.
final class PrecisionCheck {
    static let tolerance = 1e-12
    static let measureKeys: Set<String> = ["alpha", "kappa", "fleiss_kappa", "positive", "all", "agreement"]
    let json: Any
    private(set) var checked: Set<String> = []
    private(set) var sensitive = 0

    init(_ json: Any) { self.json = json }

    /// The value at a path like `pairs[0].alpha`.
    func value(_ path: String) -> Any? {
        var current: Any? = json
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indexes: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]") {
                indexes.insert(Int(name[name.index(after: open)..<name.index(before: name.endIndex)])!, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { current = (current as? [String: Any])?[String(name)] }
            for index in indexes {
                guard let array = current as? [Any], index < array.count else { return nil }
                current = array[index]
            }
        }
        return current
    }

    func expect(_ path: String, _ expected: Any?, sourceLocation: SourceLocation = #_sourceLocation) {
        checked.insert(path)
        let actual = value(path)
        let expectedNumber = CompareJSON.number(expected), actualNumber = CompareJSON.number(actual)
        guard let e = expectedNumber else {
            #expect(actual is NSNull, "\(path): expected null, got \(String(describing: actual))", sourceLocation: sourceLocation)
            return
        }
        guard let a = actualNumber else {
            Issue.record("\(path): expected \(e), got \(String(describing: actual))", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(a - e) <= Self.tolerance, "\(path): gloss \(a), reference \(e) (full precision expected)", sourceLocation: sourceLocation)
        // Would rounding to 4 decimals have been caught here?
        if abs((e * 10_000).rounded() / 10_000 - e) > Self.tolerance { sensitive += 1 }
    }

    /// A fraction the JSON states beside its own integer parts (segments): agreeing / total exactly.
    func expectRatio(_ path: String, agreeing: String, total: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let a = CompareJSON.int(value(agreeing)) ?? -1, t = CompareJSON.int(value(total)) ?? -1
        expect(path, t == 0 ? nil : Double(a) / Double(t), sourceLocation: sourceLocation)
    }

    /// Leaves that hold a number or null and could carry a fraction.
    func fractionLeaves() -> [String] {
        var out: [String] = []
        func walk(_ value: Any, _ path: String, _ key: String) {
            if let object = value as? [String: Any] {
                for (k, v) in object { walk(v, path.isEmpty ? k : "\(path).\(k)", k) }
            } else if let array = value as? [Any] {
                for (i, v) in array.enumerated() { walk(v, "\(path)[\(i)]", key) }
            } else if value is NSNull {
                if Self.measureKeys.contains(key) { out.append(path) }
            } else if let number = CompareJSON.number(value), !(value is String) {
                if Self.measureKeys.contains(key) || number != number.rounded() { out.append(path) }
            }
        }
        walk(json, "", "")
        return out
    }

    func expectEveryFractionChecked(sourceLocation: SourceLocation = #_sourceLocation) {
        let unchecked = fractionLeaves().filter { !checked.contains($0) }.sorted()
        #expect(unchecked.isEmpty, "numbers not checked against the reference: \(unchecked.prefix(20))", sourceLocation: sourceLocation)
        #expect(sensitive > 0, "no checked value would differ after rounding to 4 decimals: the test cannot catch rounding",
                sourceLocation: sourceLocation)
    }
}

@Suite("compare: three coders, chat lists, rounds on their own chats, full precision")
struct CompareTeamCLITests {
    static let demoAvailable = FileManager.default.fileExists(atPath: PackagePaths.demo.appendingPathComponent("project.json").path)

    static func json(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        return try CompareJSON.object(result.stdoutData, sourceLocation: sourceLocation)
    }

    /// Checks a three-coder JSON against reference project `name`, every fraction at full precision.
    static func checkTeam(_ object: [String: Any], against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = TeamReference.project(name)
        let check = PrecisionCheck(object)
        let chats = object["chats"] as? [String: Any]
        #expect((chats?["included"] as? [[String: Any]])?.map { $0["chat"] as? String } == (reference["chats"] as? [String]),
                sourceLocation: sourceLocation)
        #expect((chats?["excluded"] as? [[String: Any]])?.map { $0["chat"] as? String } == (reference["excluded"] as? [String]),
                sourceLocation: sourceLocation)
        #expect(CompareJSON.int(object["codes"]) == (reference["codes"] as? [Any])?.count, sourceLocation: sourceLocation)
        check.expect("alpha", reference["alpha"], sourceLocation: sourceLocation)
        check.expect("fleiss_kappa", reference["fleiss_kappa"], sourceLocation: sourceLocation)
        let absent = object["fleiss_kappa_absent"] as? [String: Any]
        #expect(absent?["reason"] as? String == reference["fleiss_kappa_absent"] as? String, sourceLocation: sourceLocation)
        let pooled = reference["pooled"] as! [String: Any]
        check.expect("agreement.positive", pooled["positive"], sourceLocation: sourceLocation)
        check.expect("agreement.all", pooled["all"], sourceLocation: sourceLocation)
        for key in ["n11", "n10", "n01", "n00"] {
            #expect(CompareJSON.int((object["cells"] as? [String: Any])?[key]) == CompareJSON.int(pooled[key]), "cells.\(key)", sourceLocation: sourceLocation)
        }
        check.expect("mean_per_code.alpha", reference["mean_alpha"], sourceLocation: sourceLocation)
        check.expect("mean_per_code.fleiss_kappa", reference["mean_fleiss_kappa"], sourceLocation: sourceLocation)
        #expect(CompareJSON.int((object["mean_per_code"] as? [String: Any])?["undefined_alpha"]) == CompareJSON.int(reference["undefined_alpha"]),
                sourceLocation: sourceLocation)
        let rows = object["per_code"] as? [[String: Any]] ?? []
        let referenceRows = Dictionary(uniqueKeysWithValues: (reference["per_code"] as! [[String: Any]]).map { ($0["code"] as! String, $0) })
        #expect(rows.count == referenceRows.count, sourceLocation: sourceLocation)
        for (index, row) in rows.enumerated() {
            guard let expected = referenceRows[row["code"] as? String ?? ""] else {
                Issue.record("per_code[\(index)]: \(row["code"] ?? "?") is not in the reference", sourceLocation: sourceLocation)
                continue
            }
            check.expect("per_code[\(index)].alpha", expected["alpha"], sourceLocation: sourceLocation)
            check.expect("per_code[\(index)].fleiss_kappa", expected["fleiss_kappa"], sourceLocation: sourceLocation)
        }
        let pairs = object["pairs"] as? [[String: Any]] ?? []
        let referencePairs = reference["pairs"] as! [[String: Any]]
        #expect(pairs.count == referencePairs.count, sourceLocation: sourceLocation)
        for (index, (pair, expected)) in zip(pairs, referencePairs).enumerated() {
            #expect(pair["coders"] as? [String] == expected["coders"] as? [String], sourceLocation: sourceLocation)
            for key in ["chats", "n11", "n10", "n01", "n00"] {
                #expect(CompareJSON.int(pair[key]) == CompareJSON.int(expected[key]), "pairs[\(index)].\(key)", sourceLocation: sourceLocation)
            }
            for key in ["positive", "all", "kappa", "alpha"] {
                check.expect("pairs[\(index)].\(key)", expected[key], sourceLocation: sourceLocation)
            }
            check.expectRatio("pairs[\(index)].segments.agreement", agreeing: "pairs[\(index)].segments.agreeing",
                              total: "pairs[\(index)].segments.total", sourceLocation: sourceLocation)
        }
        check.expectRatio("segments.agreement", agreeing: "segments.agreeing", total: "segments.total", sourceLocation: sourceLocation)
        check.expectEveryFractionChecked(sourceLocation: sourceLocation)
    }

    @Test("three coders (carla missing chats 10–12): alpha with missing values, Fleiss absent and why, every pair — the reference to 1e-12",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func threeCodersAgainstReference() throws {
        try withTemporaryFolder { folder in
            let project = try TeamReference.project(in: folder)
            let object = try Self.json(try gloss("compare", project.path, "--coders", "anouk", "bram", "carla", "--format", "json"))
            Self.checkTeam(object, against: "demo_three")
            let absent = try #require(object["fleiss_kappa_absent"] as? [String: Any])
            #expect(absent["chats"] as? [String] == ["chat-10", "chat-12"])

            let text = try gloss("compare", project.path, "--coders", "anouk", "bram", "carla")
            try #require(text.status == 0, "\(text)")
            // 0.87248… and 197 / 250 = 78.8 % (reference/multi_outputs.json, demo_three).
            #expect(text.stdout.contains("Krippendorff's alpha (nominal, 3 coders, missing values allowed): 0.872"), "\(text.stdout)")
            #expect(text.stdout.contains("absent: not every coder marked every chat done (chat-10: carla; chat-12: carla)"), "\(text.stdout)")
            #expect(text.stdout.contains("= 197 / 250"), "\(text.stdout)")
            #expect(matches(text.stdout, #"(?m)^anouk / carla +9 +89\.3 %"#), "\(text.stdout)")
            let md = try gloss("compare", project.path, "--coders", "anouk", "bram", "carla", "--format", "md")
            #expect(md.status == 0 && md.stdout.contains("| bram / carla | 9 |"), "\(md)")
        }
    }

    @Test("--chats and --chats-from restrict three coders to chats 01–08, where every coder finished every chat: Fleiss' kappa is there",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func chatsRestrictTheTeam() throws {
        try withTemporaryFolder { folder in
            let project = try TeamReference.project(in: folder)
            let list = try gloss(["compare", project.path, "--coders", "anouk", "bram", "carla", "--format", "json",
                                  "--chats", TeamReference.first8.reversed().joined(separator: ", ")])
            let object = try Self.json(list)
            Self.checkTeam(object, against: "demo_three_first8")
            #expect((object["chats"] as? [String: Any])?["selected"] as? [String] == TeamReference.first8, "project order, not the order given")
            #expect(object["fleiss_kappa_absent"] is NSNull)
            let file = try folder.write("round-2.txt", "# round 2\n" + TeamReference.first8.joined(separator: "\r\n") + "\n\n")
            let fromFile = try gloss("compare", project.path, "--coders", "anouk", "bram", "carla", "--format", "json", "--chats-from", file.path)
            try #require(fromFile.status == 0, "\(fromFile)")
            #expect(fromFile.stdout == list.stdout)
        }
    }

    @Test("two coders: every number of compare --format json at full precision (the Python reference to 1e-12), and --chats in JSON",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func twoCoderJSONFullPrecision() throws {
        try withTemporaryFolder { folder in
            let project = try TeamReference.project(in: folder)
            let object = try Self.json(try gloss("compare", project.path, "--coders", "anouk", "bram", "--format", "json"))
            let reference = TeamReference.twoCoder("demo_pair")
            let check = PrecisionCheck(object)
            check.expect("alpha", reference["alpha"])
            check.expect("kappa", reference["kappa"])
            check.expect("agreement.positive", reference["positive"])
            check.expect("agreement.all", reference["all"])
            check.expect("mean_per_code.alpha", reference["mean_alpha"])
            check.expect("mean_per_code.kappa", reference["mean_kappa"])
            let referenceRows = Dictionary(uniqueKeysWithValues: (reference["per_code"] as! [[String: Any]]).map { ($0["code"] as! String, $0) })
            let rows = object["per_code"] as? [[String: Any]] ?? []
            #expect(rows.count == referenceRows.count)
            for (index, row) in rows.enumerated() {
                let expected = try #require(referenceRows[row["code"] as? String ?? ""], "per_code[\(index)]")
                check.expect("per_code[\(index)].agreement", expected["all"])
                check.expect("per_code[\(index)].kappa", expected["kappa"])
                check.expect("per_code[\(index)].alpha", expected["alpha"])
            }
            check.expectRatio("segments.agreement", agreeing: "segments.agreeing", total: "segments.total")
            for index in ((object["segments"] as? [String: Any])?["per_code"] as? [Any] ?? []).indices {
                check.expectRatio("segments.per_code[\(index)].agreement", agreeing: "segments.per_code[\(index)].agreeing",
                                  total: "segments.per_code[\(index)].total")
            }
            check.expectEveryFractionChecked()
            #expect((object["chats"] as? [String: Any])?["selected"] is NSNull)

            let restricted = try Self.json(try gloss("compare", project.path, "--coders", "anouk", "bram", "--format", "json", "--chats", "chat-03,chat-01"))
            let chats = try #require(restricted["chats"] as? [String: Any])
            #expect(chats["selected"] as? [String] == ["chat-01", "chat-03"])
            #expect(chats["pairable_chats"] as? [String] == ["chat-01", "chat-03"])
        }
    }

    // MARK: Rounds on their own chats

    @Test("a round saved with --chats covers only its chats: round 2 on new chats does not include round 1's; --rounds lists each round's chats",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func roundsKeepTheirChats() throws {
        try withTemporaryFolder { folder in
            let project = try TeamReference.project(in: folder)
            let r1 = try gloss("compare", project.path, "--coders", "anouk", "bram", "--chats", "chat-01,chat-02,chat-03,chat-04,chat-05",
                               "--save-round", "r1")
            try #require(r1.status == 0, "\(r1)")
            let file = try folder.write("r2.txt", "chat-06\nchat-07\nchat-08\nchat-09\nchat-10\n")
            let r2 = try gloss("compare", project.path, "--coders", "anouk", "bram", "--chats-from", file.path, "--save-round", "r2")
            try #require(r2.status == 0, "\(r2)")
            let all = try gloss("compare", project.path, "--coders", "anouk", "bram", "--save-round", "all")
            try #require(all.status == 0, "\(all)")
            // bram never started chat-11: the round keeps it in its list but counts chat-10 only.
            let r3 = try gloss("compare", project.path, "--coders", "anouk", "bram", "--chats", "chat-11,chat-10", "--save-round", "r3")
            try #require(r3.status == 0, "\(r3)")
            let manifest = try CompareCLITests.jsonObject(project.appendingPathComponent("rounds/r2/round.json"))
            #expect(manifest["chats"] as? [String] == ["chat-06", "chat-07", "chat-08", "chat-09", "chat-10"])
            // A round without --chats keeps today's format: no chat list at all.
            #expect(try CompareCLITests.jsonObject(project.appendingPathComponent("rounds/all/round.json"))["chats"] == nil)

            let text = try gloss("compare", project.path, "--rounds")
            try #require(text.status == 0, "\(text)")
            let r2Line = try #require(CompareCLITests.roundLine(text.stdout, "r2"), "\(text.stdout)")
            #expect(matches(r2Line, #"^r2 +anouk / bram +5 "#), "round 2 counts its own five chats, not round 1's too: \(r2Line)")
            #expect(text.stdout.contains("  chats saved with the round: chat-06, chat-07, chat-08, chat-09, chat-10\n"), "\(text.stdout)")
            #expect(text.stdout.contains("  chats saved with the round: chat-01, chat-02, chat-03, chat-04, chat-05\n"), "\(text.stdout)")
            #expect(matches(try #require(CompareCLITests.roundLine(text.stdout, "all")), #"^all +anouk / bram +11 "#))
            #expect(text.stdout.contains("  chats: every chat the coders marked done: chat-01,"), "\(text.stdout)")
            #expect(text.stdout.contains("  chats saved with the round: chat-10, chat-11\n  counted (done by enough coders): chat-10\n"), "\(text.stdout)")

            let object = try Self.json(try gloss("compare", project.path, "--rounds", "--format", "json"))
            let rounds = try #require(object["rounds"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: rounds.map { ($0["name"] as! String, $0) })
            #expect(byName["r2"]?["selected"] as? [String] == ["chat-06", "chat-07", "chat-08", "chat-09", "chat-10"])
            #expect(byName["r2"]?["chats"] as? [String] == ["chat-06", "chat-07", "chat-08", "chat-09", "chat-10"])
            #expect(byName["all"]?["selected"] is NSNull)
            // The same figures as compare on those chats now (nothing changed since the round).
            let now = try Self.json(try gloss("compare", project.path, "--coders", "anouk", "bram", "--format", "json", "--chats-from", file.path))
            for key in ["alpha", "kappa"] {
                #expect(CompareJSON.number(byName["r2"]?[key]) == CompareJSON.number(now[key]), "r2 \(key)")
            }
        }
    }

    @Test("--rounds --format json: every number at full precision (two-coder and three-coder rounds against the reference); schemas hold",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func roundsJSONFullPrecision() throws {
        _ = try ComparePython.require()
        try withTemporaryFolder { folder in
            let project = try TeamReference.project(in: folder)
            let pair = try gloss("compare", project.path, "--coders", "anouk", "bram", "--save-round", "r1")
            try #require(pair.status == 0, "\(pair)")
            let list = try folder.write("first8.txt", TeamReference.first8.joined(separator: "\n"))
            let team8 = try gloss("compare", project.path, "--coders", "anouk", "bram", "carla", "--chats-from", list.path, "--save-round", "r2")
            try #require(team8.status == 0, "\(team8)")
            let team = try gloss("compare", project.path, "--coders", "anouk", "bram", "carla", "--save-round", "r3")
            try #require(team.status == 0, "\(team)")
            let result = try gloss("compare", project.path, "--rounds", "--format", "json")
            let object = try Self.json(result)
            let rounds = try #require(object["rounds"] as? [[String: Any]])
            #expect(rounds.map { $0["name"] as? String } == ["r1", "r2", "r3"])
            let check = PrecisionCheck(object)
            let two = TeamReference.twoCoder("demo_pair")
            check.expect("rounds[0].agreement.positive", two["positive"])
            check.expect("rounds[0].agreement.all", two["all"])
            check.expect("rounds[0].alpha", two["alpha"])
            check.expect("rounds[0].kappa", two["kappa"])
            #expect(rounds[0]["kappa_measure"] as? String == "cohen")
            let disagreements = two["disagreements"] as! [String: Any]
            for kind in ["forgotten", "different"] {
                #expect(CompareJSON.int((rounds[0]["disagreements"] as? [String: Any])?[kind]) == CompareJSON.int(disagreements[kind]), "\(kind)")
            }
            for (index, name) in [(1, "demo_three_first8"), (2, "demo_three")] {
                let reference = TeamReference.project(name)
                let pooled = reference["pooled"] as! [String: Any]
                check.expect("rounds[\(index)].agreement.positive", pooled["positive"])
                check.expect("rounds[\(index)].agreement.all", pooled["all"])
                check.expect("rounds[\(index)].alpha", reference["alpha"])
                check.expect("rounds[\(index)].kappa", reference["fleiss_kappa"])
                #expect(rounds[index]["kappa_measure"] as? String == "fleiss")
                #expect(rounds[index]["chats"] as? [String] == reference["chats"] as? [String])
                #expect(rounds[index]["disagreements"] is NSNull)
            }
            #expect(rounds[2]["kappa_absent"] as? String == "missing_coders")
            check.expectEveryFractionChecked()

            let text = try gloss("compare", project.path, "--rounds")
            #expect(matches(try #require(CompareCLITests.roundLine(text.stdout, "r3"), "\(text)"), #"^r3 +anouk / bram / carla +11 +78\.8 % +98\.6 % +0\.872 +absent +–$"#),
                    "\(text.stdout)")

            // The three JSON shapes against their schemas.
            let roundsFile = try folder.write("rounds.json", result.stdoutData)
            let teamFile = try folder.write("team.json", try gloss("compare", project.path, "--coders", "anouk", "bram", "carla", "--format", "json").stdoutData)
            let pairFile = try folder.write("pair.json", try gloss("compare", project.path, "--coders", "anouk", "bram", "--chats", "chat-01", "--format", "json").stdoutData)
            let script = try folder.write("validate.py", CompareCLITests.validator)
            func validate(_ file: URL, _ schema: String) throws -> RunResult {
                try ComparePython.run([script.path, PackagePaths.root.appendingPathComponent("docs/\(schema).schema.json").path, file.path])
            }
            for (file, schema) in [(roundsFile, "compare-rounds"), (teamFile, "compare-team"), (pairFile, "compare")] {
                let validation = try validate(file, schema)
                #expect(validation.status == 0 && validation.stdout.contains("VALID"), "\(schema): \(validation)")
            }
            // The schemas have teeth: a team report without the reason Fleiss is absent, a round with a kappa of
            // another kind, a round whose alpha is a percentage.
            var brokenTeam = try CompareJSON.object(try Data(contentsOf: teamFile))
            brokenTeam["fleiss_kappa_absent"] = nil
            var kinds = object, percent = object
            var rows = try #require(kinds["rounds"] as? [[String: Any]])
            rows[0]["kappa_measure"] = "scott"
            kinds["rounds"] = rows
            rows = try #require(percent["rounds"] as? [[String: Any]])
            rows[1]["alpha"] = 87.9
            percent["rounds"] = rows
            for (name, value, schema) in [("team-broken.json", brokenTeam, "compare-team"), ("kinds.json", kinds, "compare-rounds"),
                                          ("percent.json", percent, "compare-rounds")] {
                let file = try folder.write(name, try JSONSerialization.data(withJSONObject: value))
                let validation = try validate(file, schema)
                #expect(validation.status == 1 && validation.stdout.contains("INVALID"), "\(name) should be rejected: \(validation)")
            }

            // The report document's rounds table: the three-coder rounds too, their kappa named Fleiss'.
            let report = folder.url.appendingPathComponent("report.md")
            let made = try gloss("report", project.path, "--coder", "anouk", "--md", report.path)
            try #require(made.status == 0, "\(made)")
            let document = try read(report)
            #expect(document.contains("| r2 | anouk / bram / carla | 8 | 79.6 % | 98.7 % | 0.879 | 0.879 (Fleiss) | – |"), "\(document)")
            #expect(document.contains("| r3 | anouk / bram / carla | 11 | 78.8 % | 98.6 % | 0.872 | absent (Fleiss) | – |"), "\(document)")

            // A round.json whose chat list holds something that is not a chat id is refused, naming the file and entry.
            let manifestURL = project.appendingPathComponent("rounds/r2/round.json")
            var manifest = try CompareJSON.object(try Data(contentsOf: manifestURL))
            manifest["chats"] = ["chat-01", "../../etc/passwd"]
            try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
            let tampered = try gloss("compare", project.path, "--rounds")
            #expect(tampered.status != 0, "\(tampered)")
            #expect(tampered.stderr.contains("rounds/r2/round.json") && tampered.stderr.contains("chats[1]"), "\(tampered)")
        }
    }

    // MARK: Chat lists: untrusted input

    @Test("--chats-from: unknown ids refused by name with file and line, duplicates, bad ids, too large, empty; nothing saved")
    func chatListErrors() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder)
            for coder in ["ann", "ben"] {
                let csv = try folder.write("\(coder).csv", Fixtures.csvHeader + "chat-01,,,,,,,\nchat-02,,,,,,,\n")
                let imported = try gloss("codings", "import", folder.project.path, "--coder", coder, csv.path)
                try #require(imported.status == 0, "\(imported)")
            }
            let before = try FolderSnapshot(folder.project)
            func refused(_ extra: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
                let result = try gloss(["compare", folder.project.path, "--coders", "ann", "ben", "--save-round", "r1"] + extra)
                #expect(result.status != 0, "\(result)", sourceLocation: sourceLocation)
                #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
                for text in expected { #expect(result.stderr.contains(text), "\(text) not in:\n\(result.stderr)", sourceLocation: sourceLocation) }
            }
            let unknown = try folder.write("unknown.txt", "chat-01\n\nchat-99\n")
            try refused(["--chats-from", unknown.path], ["unknown.txt", "line 3", "no chat \"chat-99\" in the project"])
            let twice = try folder.write("twice.txt", "chat-01\nchat-02\nchat-01\n")
            try refused(["--chats-from", twice.path], ["twice.txt", "line 3", "listed twice (first at line 1)"])
            let bad = try folder.write("bad.txt", "chat-01\n../etc/passwd\n")
            try refused(["--chats-from", bad.path], ["bad.txt", "line 2", "is not a chat id"])
            let empty = try folder.write("empty.txt", "# nothing\n\n")
            try refused(["--chats-from", empty.path], ["empty.txt", "names no chat"])
            let big = try folder.write("big.txt", String(repeating: "chat-01\n", count: 140_000))
            try refused(["--chats-from", big.path], ["big.txt", "larger than 1 MiB"])
            let binary = try folder.write("binary.txt", Data([0x63, 0x00, 0xFF, 0x0A]))
            try refused(["--chats-from", binary.path], ["binary.txt"])
            try refused(["--chats-from", folder.url.appendingPathComponent("absent.txt").path], ["absent.txt"])
            // A pipe is refused, not waited on.
            let fifo = folder.url.appendingPathComponent("list.fifo")
            try #require(mkfifo(fifo.path, 0o600) == 0)
            try refused(["--chats-from", fifo.path], ["list.fifo", "not a regular file"])
            try refused(["--chats", "chat-01,chat-98,chat-97"], ["--chats, item 2: no chat \"chat-98\"", "--chats, item 3: no chat \"chat-97\""])
            try refused(["--chats", " , "], ["--chats names no chat"])
            try refused(["--chats", "chat-01", "--chats-from", unknown.path], ["give --chats or --chats-from, not both"])
            try refused(["--chats", "chat-01\u{1B}[31m"], ["is not a chat id", "\\u{1B}"])
            let rounds = try gloss("compare", folder.project.path, "--rounds", "--chats", "chat-01")
            #expect(rounds.status != 0 && rounds.stderr.contains("--rounds shows each round on the chats it was saved with"), "\(rounds)")
            // A round name that is taken is refused too; and every refusal above left the project as it was.
            expectUnchanged(before, try FolderSnapshot(folder.project))
            #expect(!exists(folder.project.appendingPathComponent("rounds/r1")))
        }
    }

    @Test("--coders: a coder named twice is refused; --pair must name two of --coders and needs --tui")
    func codersAndPairErrors() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeCodedProject(in: folder)
            let twice = try gloss("compare", folder.project.path, "--coders", "ann", "ann")
            #expect(twice.status != 0 && twice.stderr.contains("coder ann is named twice"), "\(twice)")
            let one = try gloss("compare", folder.project.path, "--coders", "ann")
            #expect(one.status != 0 && one.stderr.contains("give two coders"), "\(one)")
            let csv = try folder.write("ben.csv", Fixtures.csvHeader + "chat-01,,,,,,,\n")
            let imported = try gloss("codings", "import", folder.project.path, "--coder", "ben", csv.path)
            try #require(imported.status == 0, "\(imported)")
            let notTUI = try gloss("compare", folder.project.path, "--coders", "ann", "ben", "--pair", "ben", "ann")
            #expect(notTUI.status != 0 && notTUI.stderr.contains("--pair chooses the two coders of --tui"), "\(notTUI)")
            let stranger = try gloss("compare", folder.project.path, "--coders", "ann", "ben", "--tui", "--pair", "ann", "carl")
            #expect(stranger.status != 0 && stranger.stderr.contains("--pair: carl is not one of --coders (ann, ben)"), "\(stranger)")
            let listed = try gloss("compare", folder.project.path, "--coders", "ann", "ben", "--tui", "--chats", "chat-01")
            #expect(listed.status != 0 && listed.stderr.contains("--tui shows every chat"), "\(listed)")
            let same = try gloss("compare", folder.project.path, "--coders", "ann", "ben", "--tui", "--pair", "ann", "ann")
            #expect(same.status != 0 && same.stderr.contains("--pair takes two different coders"), "\(same)")
        }
    }
}
