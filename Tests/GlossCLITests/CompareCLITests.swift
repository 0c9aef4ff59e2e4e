import Foundation
import Testing

/// `gloss compare`: the JSON output against docs/compare.schema.json (validated with python3's `jsonschema`),
/// the wording of the text and Markdown formats, and frozen rounds (`--save-round`, `--rounds`).
@Suite("compare on the command line")
struct CompareCLITests {
    static let demoAvailable = FileManager.default.fileExists(atPath: PackagePaths.demo.appendingPathComponent("project.json").path)
    static let schema = PackagePaths.root.appendingPathComponent("docs/compare.schema.json")

    // MARK: JSON Schema

    /// The validator: checks the schema itself (draft 2020-12), then each instance; prints every error.
    static let validator = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("MISSING-JSONSCHEMA: python3 has no jsonschema module (pip install jsonschema)")
            sys.exit(3)
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        failed = 0
        for path in sys.argv[2:]:
            instance = json.load(open(path, encoding="utf-8"))
            errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
            for error in errors:
                print(f"{path}: {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}")
            print(f"{path}: {'INVALID' if errors else 'VALID'}")
            failed += bool(errors)
        sys.exit(1 if failed else 0)
        """

    /// Validates each JSON file; returns the validator's output. Fails clearly without python3 or jsonschema.
    static func validate(_ files: [URL], in folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let script = try folder.write("validate.py", validator)
        let result = try ComparePython.run([script.path, schema.path] + files.map(\.path), sourceLocation: sourceLocation)
        try #require(!result.stdout.contains("MISSING-JSONSCHEMA"),
                     "python3's jsonschema module is not installed; it is needed to check gloss compare --format json against docs/compare.schema.json",
                     sourceLocation: sourceLocation)
        return result
    }

    /// A project of the three fixture chats where `ann` and `ben` marked every chat done with no codes: every
    /// coefficient is undefined.
    static func emptyPairProject(in folder: TemporaryFolder) throws -> URL {
        try Fixtures.makeProject(in: folder)
        let csv = try folder.write("done.csv", Fixtures.csvHeader + "chat-01,,,,,,,\nchat-02,,,,,,,\nchat-03,,,,,,,\n")
        for coder in ["ann", "ben"] {
            let result = try gloss("codings", "import", folder.project.path, "--coder", coder, csv.path)
            try #require(result.status == 0, "\(result)")
        }
        return folder.project
    }

    @Test("the demo's JSON (and a JSON full of nulls) validate against docs/compare.schema.json; broken ones do not",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func jsonMatchesTheSchema() throws {
        _ = try ComparePython.require()
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let result = try gloss("compare", project.path, "--coders", "anouk", "bram", "--format", "json")
            try #require(result.status == 0, "\(result)")
            let demo = try folder.write("demo.json", result.stdoutData)

            // Undefined everywhere: nulls must validate too.
            let empty = try Self.emptyPairProject(in: try compareSubfolder(folder, "empty"))
            let nulls = try gloss("compare", empty.path, "--coders", "ann", "ben", "--format", "json")
            try #require(nulls.status == 0, "\(nulls)")
            let object = try CompareJSON.object(nulls.stdoutData)
            #expect(object["alpha"] is NSNull)
            #expect(object["kappa"] is NSNull)
            #expect((object["agreement"] as? [String: Any])?["positive"] is NSNull)
            #expect((object["segments"] as? [String: Any])?["agreement"] is NSNull)
            let nullsFile = try folder.write("nulls.json", nulls.stdoutData)

            let validation = try Self.validate([demo, nullsFile], in: folder)
            #expect(validation.status == 0, "\(validation)")
            #expect(validation.stdout.contains("demo.json: VALID"), "\(validation)")
            #expect(validation.stdout.contains("nulls.json: VALID"), "\(validation)")

            // The schema has teeth: a percentage where a fraction belongs, a missing key, an extra key, a
            // 'different' event without its other code.
            var mutated = try CompareJSON.object(result.stdoutData)
            var agreement = try #require(mutated["agreement"] as? [String: Any])
            agreement["positive"] = 74.19
            mutated["agreement"] = agreement
            let percent = try folder.write("percent.json", try JSONSerialization.data(withJSONObject: mutated))
            var missing = try CompareJSON.object(result.stdoutData)
            missing["kappa"] = nil
            let missingFile = try folder.write("missing.json", try JSONSerialization.data(withJSONObject: missing))
            var extra = try CompareJSON.object(result.stdoutData)
            extra["reliability"] = 0.9
            let extraFile = try folder.write("extra.json", try JSONSerialization.data(withJSONObject: extra))
            var event = try CompareJSON.object(result.stdoutData)
            var disagreements = try #require(event["disagreements"] as? [String: Any])
            var items = try #require(disagreements["items"] as? [[String: Any]])
            let different = try #require(items.firstIndex { $0["kind"] as? String == "different" })
            items[different]["other_code"] = NSNull()
            disagreements["items"] = items
            event["disagreements"] = disagreements
            let eventFile = try folder.write("event.json", try JSONSerialization.data(withJSONObject: event))
            let broken = try Self.validate([percent, missingFile, extraFile, eventFile], in: folder)
            #expect(broken.status == 1, "\(broken)")
            for name in ["percent.json", "missing.json", "extra.json", "event.json"] {
                #expect(broken.stdout.contains("\(name): INVALID"), "\(name) should be rejected:\n\(broken)")
            }
        }
    }

    // MARK: Text and Markdown wording

    /// Lines that mention reliability talk about alpha; Krippendorff's thresholds (.800, .667) appear only on
    /// alpha's line; no line calls a percentage "reliability"; there is never a NaN.
    static func expectHonestWording(_ output: String, alpha: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in output.split(separator: "\n").map(String.init) {
            let lower = line.lowercased()
            if lower.contains("reliab") {
                #expect(line.contains(alpha), "only alpha may be called reliable: \(line)", sourceLocation: sourceLocation)
                #expect(!matches(line, "[0-9] ?%") || lower.contains("not reliability"),
                        "a percentage next to 'reliability': \(line)", sourceLocation: sourceLocation)
            }
            // A threshold is ".800" / ".667" with no digit before it (a per-code alpha of 0.800 is a value).
            let threshold = matches(line, #"(^|[^0-9])\.(800|667)"#)
            if threshold {
                #expect(line.contains(alpha), "Krippendorff's thresholds away from alpha: \(line)", sourceLocation: sourceLocation)
            }
            if lower.hasPrefix("cohen") || line.hasPrefix("| Cohen") {
                #expect(!threshold, "thresholds next to kappa: \(line)", sourceLocation: sourceLocation)
            }
            #expect(!matches(lower, #"\bnan\b"#), "NaN in the output: \(line)", sourceLocation: sourceLocation)
        }
    }

    static func line(_ output: String, startingWith prefix: String) -> String? {
        output.split(separator: "\n").map(String.init).first { $0.hasPrefix(prefix) }
    }

    @Test("text: names the unit, % on agreement figures, thresholds only next to alpha, no 'reliability' for percentages",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func textWording() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let result = try gloss("compare", project.path, "--coders", "anouk", "bram")
            try #require(result.status == 0, "\(result)")
            let text = result.stdout
            #expect(text.contains("Unit: chat × code presence"), "\(text)")
            #expect(text.contains("over 11 chat(s) both coders marked done"), "\(text)")
            // The agreement figures carry % (69 / 93 = 74.19 %; 1406 / 1430 = 98.32 %; segments 72 / 163 = 44.17 %).
            let positive = try #require(Self.line(text, startingWith: "Positive agreement"))
            #expect(positive.contains("74.2 %"), "\(positive)")
            let all = try #require(Self.line(text, startingWith: "Agreement over all"))
            #expect(all.contains("98.3 %"), "\(all)")
            let segments = try #require(Self.line(text, startingWith: "Segment agreement"))
            #expect(segments.contains("44.2 %"), "\(segments)")
            // Coefficients are not percentages; alpha carries Krippendorff's reading, kappa none.
            let alpha = try #require(Self.line(text, startingWith: "Krippendorff's alpha"))
            #expect(alpha.contains("0.843") && alpha.contains("≥ .800"), "\(alpha)")
            #expect(!matches(alpha, "[0-9] ?%"), "\(alpha)")
            let kappa = try #require(Self.line(text, startingWith: "Cohen's kappa"))
            #expect(kappa.contains("0.843") && !matches(kappa, "[0-9] ?%"), "\(kappa)")
            Self.expectHonestWording(text, alpha: "alpha")

            let md = try gloss("compare", project.path, "--coders", "anouk", "bram", "--format", "md")
            try #require(md.status == 0, "\(md)")
            #expect(md.stdout.contains("Unit: chat × code presence"), "\(md)")
            #expect(md.stdout.contains("| positive agreement (codes either coder used) | 74.2 % |"), "\(md)")
            Self.expectHonestWording(md.stdout, alpha: "α")
        }
    }

    @Test("text: undefined coefficients print 'undefined', with no threshold note")
    func undefinedInText() throws {
        try withTemporaryFolder { folder in
            let project = try Self.emptyPairProject(in: folder)
            let result = try gloss("compare", project.path, "--coders", "ann", "ben")
            try #require(result.status == 0, "\(result)")
            let text = result.stdout
            let alpha = try #require(Self.line(text, startingWith: "Krippendorff's alpha"))
            #expect(alpha.hasSuffix("undefined"), "\(alpha)")
            let kappa = try #require(Self.line(text, startingWith: "Cohen's kappa"))
            #expect(kappa.hasSuffix("undefined"), "\(kappa)")
            let positive = try #require(Self.line(text, startingWith: "Positive agreement"))
            #expect(positive.contains("undefined"), "\(positive)")
            let segments = try #require(Self.line(text, startingWith: "Segment agreement"))
            #expect(segments.contains("undefined"), "\(segments)")
            #expect(!text.contains(".800") && !text.contains(".667"), "\(text)")
            // Every cell is n00 (3 chats × 4 leaves: Thuis, School, Vriendelijk, Schreeuwen): all-cells
            // agreement is defined, 100 %.
            let all = try #require(Self.line(text, startingWith: "Agreement over all"))
            #expect(all.contains("100.0 %"), "\(all)")
            #expect(text.contains("Mean per code: kappa undefined (4 code(s) undefined, left out), alpha undefined (4 undefined)"), "\(text)")
            Self.expectHonestWording(text, alpha: "alpha")

            let md = try gloss("compare", project.path, "--coders", "ann", "ben", "--format", "md")
            #expect(md.stdout.contains("| Krippendorff's α (nominal) | undefined |"), "\(md)")
            #expect(md.stdout.contains("| Cohen's κ | undefined |"), "\(md)")
        }
    }

    // MARK: Rounds

    /// The figures of one `--rounds` row: the round's line of the table.
    static func roundLine(_ output: String, _ name: String) -> String? {
        output.split(separator: "\n").map(String.init).first { $0.hasPrefix(name + " ") }
    }

    static func jsonObject(_ url: URL) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? NSDictionary)
    }

    @Test("--save-round freezes both sessions and the codebook; a name is never reused; --rounds keeps r1's figures after a change",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func rounds() throws {
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            let noRounds = try gloss("compare", project.path, "--rounds")
            #expect(noRounds.status == 0, "\(noRounds)")
            #expect(noRounds.stdout.hasPrefix("No rounds saved yet"), "\(noRounds)")

            // Round 1.
            let save = try gloss("compare", project.path, "--coders", "anouk", "bram", "--save-round", "r1")
            try #require(save.status == 0, "\(save)")
            #expect(save.stderr.contains("saved round r1"), "\(save)")
            #expect(save.stdout.contains("Positive agreement (chat × code, codes either coder used): 74.2 %"), "\(save)")
            let r1 = project.appendingPathComponent("rounds/r1")
            for file in ["sessions/anouk.json", "sessions/bram.json", "codebook.json", "round.json"] {
                #expect(exists(r1.appendingPathComponent(file)), "rounds/r1/\(file)")
            }
            #expect(try Self.jsonObject(r1.appendingPathComponent("sessions/anouk.json")) == Self.jsonObject(sessionFile(project, "anouk")))
            #expect(try Self.jsonObject(r1.appendingPathComponent("sessions/bram.json")) == Self.jsonObject(sessionFile(project, "bram")))
            #expect(try Self.jsonObject(r1.appendingPathComponent("codebook.json")) == Self.jsonObject(project.appendingPathComponent("codebook.json")))
            let manifest = try Self.jsonObject(r1.appendingPathComponent("round.json"))
            #expect(manifest["coders"] as? [String] == ["anouk", "bram"])
            #expect((manifest["threshold"] as? NSNumber)?.intValue == 90)

            let before = try gloss("compare", project.path, "--rounds")
            try #require(before.status == 0, "\(before)")
            let r1Before = try #require(Self.roundLine(before.stdout, "r1"), "\(before)")
            // 11 chats, 69 / 93 = 74.2 %, 1406 / 1430 = 98.3 %, alpha 0.843, kappa 0.843, 12 forgotten / 6 different.
            #expect(matches(r1Before, #"^r1 +anouk / bram +11 +74\.2 % +98\.3 % +0\.843 +0\.843 +12/6$"#), "\(r1Before)")
            Self.expectHonestWording(before.stdout, alpha: "alpha")

            // The same name again is refused and changes nothing.
            let frozen = try FolderSnapshot(r1)
            let again = try gloss("compare", project.path, "--coders", "anouk", "bram", "--save-round", "r1")
            #expect(again.status != 0, "\(again)")
            #expect(again.stderr.contains("round r1 already exists"), "\(again)")
            #expect(again.stdout.isEmpty, "a refused round must not print a report as if it had worked:\n\(again)")
            expectUnchanged(frozen, try FolderSnapshot(r1), "rounds/r1 after a second --save-round r1")

            // bram adds the code he forgot in chat-01 (anouk's quote: message 13, code points 74–139).
            let csv = try folder.write("fix.csv", Fixtures.csvHeader
                + "chat-01,13,74,13,139,Belemmeringen om hulp te vragen > Geheim > Gevaar vrezen,,\n")
            let merge = try gloss("codings", "import", project.path, "--coder", "bram", "--merge", csv.path)
            try #require(merge.status == 0, "\(merge)")
            let now = try gloss("compare", project.path, "--coders", "anouk", "bram", "--format", "json")
            try #require(now.status == 0, "\(now)")
            let current = try CompareJSON.object(now.stdoutData)
            let cells = try #require(current["cells"] as? [String: Any])
            // One "forgotten" became "both": n11 70, n10 11, n01 12; positive 70 / 93 = 75.27 %.
            #expect([cells["n11"], cells["n10"], cells["n01"], cells["n00"]].map(CompareJSON.int) == [70, 11, 12, 1337])
            let positive = try #require(CompareJSON.number((current["agreement"] as? [String: Any])?["positive"]))
            #expect(abs(positive - 70.0 / 93.0) < 1e-4)

            let save2 = try gloss("compare", project.path, "--coders", "anouk", "bram", "--save-round", "r2")
            try #require(save2.status == 0, "\(save2)")
            expectUnchanged(frozen, try FolderSnapshot(r1), "rounds/r1 after saving r2")

            let after = try gloss("compare", project.path, "--rounds")
            try #require(after.status == 0, "\(after)")
            #expect(Self.roundLine(after.stdout, "r1") == r1Before, "r1's figures changed:\n\(after.stdout)")
            let r2 = try #require(Self.roundLine(after.stdout, "r2"), "\(after)")
            let alpha = try #require(CompareJSON.number(current["alpha"]))
            let kappa = try #require(CompareJSON.number(current["kappa"]))
            let expected = #"^r2 +anouk / bram +11 +75\.3 % +98\.4 % +"# + escapedForRegex(String(format: "%.3f", alpha))
                + " +" + escapedForRegex(String(format: "%.3f", kappa)) + " +11/6$"
            #expect(matches(r2, expected), "\(r2) does not match \(expected)")
            // r1 before r2 in the table.
            let lines = after.stdout.split(separator: "\n").map(String.init)
            #expect((lines.firstIndex { $0.hasPrefix("r1 ") } ?? .max) < (lines.firstIndex { $0.hasPrefix("r2 ") } ?? .min))
        }
    }
}

/// A second temporary folder inside `folder` (its own `project` and `sources`).
func compareSubfolder(_ folder: TemporaryFolder, _ name: String) throws -> TemporaryFolder {
    let url = folder.url.appendingPathComponent(name, isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return TemporaryFolder(url: url)
}
