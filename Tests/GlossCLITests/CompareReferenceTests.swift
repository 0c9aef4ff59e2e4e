import Foundation
import Testing

// `gloss compare` against an independent computation: Tests/GlossAnalysisTests/reference/agreement_reference.py
// (standard-library Python, no Gloss code) reads the coders' codings as `gloss codings export` writes them,
// builds the chat × code table itself and computes the cells, positive agreement, agreement over all cells,
// Cohen's kappa and Krippendorff's alpha (from the coincidence matrix, the general way), per code and in total,
// and the disagreement events. The two must agree to 1e-4 here; CompareTeamCLITests checks every number of the
// JSON at full precision (1e-12) against committed reference outputs.

/// Finding and running python3 for the compare tests.
enum ComparePython {
    /// python3 on PATH, or nil.
    static let url: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    static let referenceScript = PackagePaths.root.appendingPathComponent("Tests/GlossAnalysisTests/reference/agreement_reference.py")

    /// python3, or a test failure that says it is missing.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(url != nil, "python3 is not on PATH (\(ProcessInfo.processInfo.environment["PATH"] ?? "")): these tests compare gloss with a Python reference and a JSON Schema validator; install python3",
                     sourceLocation: sourceLocation)
        return url!
    }

    static func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        try runProcess(try require(sourceLocation: sourceLocation), arguments)
    }
}

/// Reading numbers and nulls out of `JSONSerialization` results.
enum CompareJSON {
    static func object(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "not a JSON object: \(String(decoding: data, as: UTF8.self).prefix(500))",
                            sourceLocation: sourceLocation)
    }

    /// A number as a Double (nil for anything else, null included).
    static func number(_ value: Any?) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        return (value as? NSNumber)?.doubleValue
    }

    static func int(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }

    /// Both null, or both numbers within `tolerance`.
    static func expectClose(_ gloss: Any?, _ reference: Any?, _ label: String, tolerance: Double = 1e-4,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let glossIsNull = gloss is NSNull, referenceIsNull = reference is NSNull
        if glossIsNull || referenceIsNull {
            #expect(glossIsNull && referenceIsNull, "\(label): gloss \(String(describing: gloss)), reference \(String(describing: reference))",
                    sourceLocation: sourceLocation)
            return
        }
        guard let g = number(gloss), let r = number(reference), g.isFinite, r.isFinite else {
            Issue.record("\(label): not numbers: gloss \(String(describing: gloss)), reference \(String(describing: reference))",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(abs(g - r) <= tolerance, "\(label): gloss \(g), reference \(r)", sourceLocation: sourceLocation)
    }
}

/// A copy of Samples/demo at `folder.project` (`gloss demo --into … --no-open`).
func compareDemoCopy(in folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
    let result = try gloss("demo", "--into", folder.project.path, "--no-open")
    try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
    return folder.project
}

@Suite("compare against the Python reference")
struct CompareReferenceTests {
    static let demoAvailable = FileManager.default.fileExists(atPath: PackagePaths.demo.appendingPathComponent("project.json").path)

    @Test("the reference script reproduces the published examples it is checked against")
    func referenceSelfTest() throws {
        let result = try ComparePython.run([ComparePython.referenceScript.path, "--self-test"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("all reference checks pass"), "\(result)")
    }

    /// Pairable chats worked out from the session files themselves (chats both coders marked done), not from
    /// gloss: the CSV export cannot say which chats are in progress.
    static func pairableFromSessions(_ project: URL, _ a: String, _ b: String) throws -> [String] {
        func statuses(_ coder: String) throws -> [String: String] {
            let object = try CompareJSON.object(try Data(contentsOf: sessionFile(project, coder)))
            return (object["chats"] as? [String: String]) ?? [:]
        }
        let sa = try statuses(a), sb = try statuses(b)
        let chats = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("chats").path)
            .filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }.map { String($0.dropLast(4)) }.sorted()
        return chats.filter { sa[$0] == "done" && sb[$0] == "done" }
    }

    /// Exports both coders' codings, runs the reference on them, runs `gloss compare --format json`, and checks
    /// every figure.
    static func checkAgainstReference(_ project: URL, in folder: TemporaryFolder, coders: (String, String)) throws {
        let (a, b) = coders
        var csvs: [URL] = []
        for coder in [a, b] {
            let target = folder.url.appendingPathComponent("\(coder).csv")
            let export = try gloss("codings", "export", project.path, "--coder", coder, "--output", target.path)
            try #require(export.status == 0, "\(export)")
            csvs.append(target)
        }
        let pairable = try pairableFromSessions(project, a, b)
        try #require(!pairable.isEmpty)

        let compare = try gloss("compare", project.path, "--coders", a, b, "--format", "json")
        try #require(compare.status == 0, "\(compare)")
        let ours = try CompareJSON.object(compare.stdoutData)

        let reference = try ComparePython.run([ComparePython.referenceScript.path, csvs[0].path, csvs[1].path,
                                               "--pairable", pairable.joined(separator: ","),
                                               "--codebook", project.appendingPathComponent("codebook.json").path])
        try #require(reference.status == 0, "\(reference)")
        let theirs = try CompareJSON.object(reference.stdoutData)

        // Which chats, which codes.
        let chats = try #require(ours["chats"] as? [String: Any])
        #expect(Set((chats["pairable_chats"] as? [String]) ?? []) == Set(pairable))
        #expect(CompareJSON.int(chats["pairable"]) == pairable.count)
        let ourRows = try #require(ours["per_code"] as? [[String: Any]])
        let theirRows = try #require(theirs["per_code"] as? [[String: Any]])
        #expect(ourRows.map { $0["code"] as? String ?? "?" } == (theirs["codes"] as? [String] ?? []),
                "the compared codes (leaves + codes with sub-codes applied directly), in codebook order")

        // Totals.
        let cells = try #require(ours["cells"] as? [String: Any])
        for key in ["n11", "n10", "n01", "n00"] {
            #expect(CompareJSON.int(cells[key]) == CompareJSON.int(theirs[key]), "\(key)")
        }
        let agreement = try #require(ours["agreement"] as? [String: Any])
        CompareJSON.expectClose(agreement["positive"], theirs["positive"], "positive agreement")
        CompareJSON.expectClose(agreement["all"], theirs["all"], "agreement over all cells")
        CompareJSON.expectClose(ours["kappa"], theirs["kappa"], "Cohen's kappa")
        CompareJSON.expectClose(ours["alpha"], theirs["alpha"], "Krippendorff's alpha")

        // Means over the codes.
        let means = try #require(ours["mean_per_code"] as? [String: Any])
        CompareJSON.expectClose(means["kappa"], theirs["mean_kappa"], "mean kappa")
        CompareJSON.expectClose(means["alpha"], theirs["mean_alpha"], "mean alpha")
        #expect(CompareJSON.int(means["undefined_kappa"]) == CompareJSON.int(theirs["undefined_kappa"]))
        #expect(CompareJSON.int(means["undefined_alpha"]) == CompareJSON.int(theirs["undefined_alpha"]))

        // Per code.
        for (mine, other) in zip(ourRows, theirRows) {
            let code = mine["code"] as? String ?? "?"
            for key in ["n11", "n10", "n01", "n00"] {
                #expect(CompareJSON.int(mine[key]) == CompareJSON.int(other[key]), "\(code): \(key)")
            }
            CompareJSON.expectClose(mine["agreement"], other["all"], "\(code): agreement")
            CompareJSON.expectClose(mine["kappa"], other["kappa"], "\(code): kappa")
            CompareJSON.expectClose(mine["alpha"], other["alpha"], "\(code): alpha")
        }

        // Disagreement events.
        let events = try #require(ours["disagreements"] as? [String: Any])
        let theirEvents = try #require(theirs["disagreements"] as? [String: Any])
        #expect(CompareJSON.int(events["forgotten"]) == CompareJSON.int(theirEvents["forgotten"]))
        #expect(CompareJSON.int(events["different"]) == CompareJSON.int(theirEvents["different"]))
        func line(_ item: [String: Any], only: (String) -> String) -> String {
            "\(item["chat"] as? String ?? "?") \(item["kind"] as? String ?? "?") \(item["code"] as? String ?? "?") only \(only(item["only"] as? String ?? "?")) vs \(item["other_code"] as? String ?? "-")"
        }
        let ourItems = ((events["items"] as? [[String: Any]]) ?? []).map { line($0) { $0 } }
        let theirItems = ((theirEvents["items"] as? [[String: Any]]) ?? []).map { line($0) { $0 == "A" ? a : b } }
        #expect(ourItems == theirItems)
    }

    @Test("gloss compare on the demo project (anouk, bram) equals the independent Python computation to 1e-4",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func demoAgainstReference() throws {
        _ = try ComparePython.require()
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            try Self.checkAgainstReference(project, in: folder, coders: ("anouk", "bram"))
            // The coders the other way round: the same figures with A and B swapped.
            try Self.checkAgainstReference(project, in: folder, coders: ("bram", "anouk"))
        }
    }

    /// A harder case than the demo: bram has chat-07 in progress (so it is left out, with anouk's codes in it),
    /// and bram's session gains codes with sub-codes applied directly: two top-level categories and a
    /// mid-level one (new compared codes, and top-level codes that must not pair with each other).
    @Test("with an in-progress chat and category codes applied directly, gloss still equals the reference",
          .enabled(if: demoAvailable, "Samples/demo/project.json does not exist in this checkout"))
    func changedDemoAgainstReference() throws {
        _ = try ComparePython.require()
        try withTemporaryFolder { folder in
            let project = try compareDemoCopy(in: folder)
            // chat-07 back to "in progress" for bram, in the session file (no command sets a status).
            let bramURL = sessionFile(project, "bram")
            var bram = try CompareJSON.object(try Data(contentsOf: bramURL))
            var statuses = try #require(bram["chats"] as? [String: String])
            try #require(statuses["chat-07"] == "done")
            statuses["chat-07"] = "in_progress"
            bram["chats"] = statuses
            try JSONSerialization.data(withJSONObject: bram, options: [.prettyPrinted, .sortedKeys]).write(to: bramURL)
            let csv = try folder.write("bram-extra.csv", """
                chat,from_message,from_offset,to_message,to_offset,code,memo,relation
                chat-02,1,,1,,Pleger,,
                chat-03,1,,1,,Dwangmiddel,,
                chat-05,1,,1,,Risicofactoren > Problemen in opvoeding,,

                """)
            let merge = try gloss("codings", "import", project.path, "--coder", "bram", "--merge", csv.path)
            try #require(merge.status == 0, "\(merge)")
            // anouk applies another top-level category in chat-03, where bram applied Dwangmiddel.
            let anoukCSV = try folder.write("anouk-extra.csv", """
                chat,from_message,from_offset,to_message,to_offset,code,memo,relation
                chat-03,1,,1,,Pleger,,

                """)
            let anoukMerge = try gloss("codings", "import", project.path, "--coder", "anouk", "--merge", anoukCSV.path)
            try #require(anoukMerge.status == 0, "\(anoukMerge)")
            let pairable = try Self.pairableFromSessions(project, "anouk", "bram")
            #expect(!pairable.contains("chat-07"))
            #expect(!pairable.contains("chat-11"))
            try Self.checkAgainstReference(project, in: folder, coders: ("anouk", "bram"))
        }
    }
}
