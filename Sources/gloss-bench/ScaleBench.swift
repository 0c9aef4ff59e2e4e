import Foundation
import GlossCore

/// Issue 9 "Scale": every figure through the real command path. The project is built as a user builds it
/// (`gloss init`, `gloss import` of the chats folder, `gloss codings import` of two coders' CSVs, so the
/// sessions have their journals), then each command runs as a new `gloss` process, as a shell runs it:
/// wall time from spawn to exit and the child's peak RSS from `wait4`. Whatever caches later versions of
/// Gloss build, the first run after the import is shown apart from the median of the runs after it.
enum ScaleBench {
    /// One measured piece of work: the first run, the median of the later runs, the largest peak RSS.
    struct Figure {
        var work: String
        var first: Double?
        var median: Double
        var runs: Int
        var peakMiB: Double
        var target: String
        var before: String
    }

    struct Size {
        var chats: Int
        var codings: Int
        var figures: [Figure] = []
        var disk: [(String, Double)] = []
    }

    static let figureDefinitions = [
        FigureDefinition(number: 4, title: "Dwangmiddelen", category: "Dwangmiddel"),
        FigureDefinition(number: 5, title: "Pleger", category: "Pleger"),
        FigureDefinition(number: 6, title: "Sleutelfiguren", category: "Betrokkenheid sleutelfiguren in faciliteren van de uitbuiting"),
    ]

    /// This gloss-bench executable.
    static func benchExecutable() -> URL {
        URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
    }

    /// The `gloss` executable built beside this one (same build folder and configuration).
    static func glossExecutable() throws -> URL {
        let me = benchExecutable()
        let gloss = me.deletingLastPathComponent().appendingPathComponent("gloss")
        guard FileManager.default.isExecutableFile(atPath: gloss.path) else {
            throw BenchError("no gloss executable at \(gloss.path): build it first (swift build -c release)")
        }
        let date = { (url: URL) in (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast }
        if date(gloss) < date(me) { print("note: \(gloss.path) is older than gloss-bench; run swift build -c release so both are current") }
        return gloss
    }

    static func run(root: URL, sizes: [(chats: Int, codings: Int)], runs: Int, codebookURL: URL, codebook: Codebook) throws {
        let gloss = try glossExecutable()
        print("\n## Scale — the real command path (`gloss` in a new process; median of \(runs) runs after the first; peak RSS from wait4)")
        print("gloss: \(gloss.path)")
        var done: [Size] = []
        for size in sizes {
            let folder = root.appendingPathComponent("scale-\(size.chats)")
            defer { try? FileManager.default.removeItem(at: folder) }
            done.append(try measure(Size(chats: size.chats, codings: size.codings), in: folder, gloss: gloss, runs: runs,
                                    codebookURL: codebookURL, codebook: codebook))
        }
        if done.count >= 2, let small = done.first, let large = done.last {
            print("\n### Ratio \(large.chats.formatted()) / \(small.chats.formatted()) chats (median time, peak RSS)")
            for (a, b) in zip(small.figures, large.figures) where a.work == b.work {
                print("\(pad(a.work, 34)) time × \(String(format: "%5.1f", b.median / max(a.median, 1e-9)))   memory × \(String(format: "%4.1f", b.peakMiB / max(a.peakMiB, 1e-9)))")
            }
        }
    }

    static func measure(_ size: Size, in folder: URL, gloss: URL, runs: Int, codebookURL: URL, codebook: Codebook) throws -> Size {
        var size = size
        let large = size.chats >= 5000
        print("\n### \(size.chats.formatted()) chats, \(size.codings.formatted()) codings per coder (two coders)")
        var corpus: ScaleCorpus!
        let made = try Measure.seconds {
            corpus = try ScaleCorpus.make(in: folder, chats: size.chats, codings: size.codings, codebook: codebook)
        }
        print(String(format: "generated %d transcripts (%.0f MB) and CSVs of %d + %d rows in %.1f s",
                     corpus.chatCount, Double(corpus.bytes) / 1e6, corpus.rowsA, corpus.rowsB, made))

        // gloss import of the one folder, into a fresh project each run (the last one is kept).
        var project = folder.appendingPathComponent("project")
        var importRuns: [ChildRun] = []
        for run in 1...runs {
            project = folder.appendingPathComponent("project-\(run)")
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("project-\(run - 1)"))
            _ = try ChildRun.run(gloss, ["init", project.path, "--codebook", codebookURL.path, "--name", "scale"])
            try addFigures(project)
            importRuns.append(try ChildRun.run(gloss, ["import", project.path, corpus.export.path]))
        }
        size.figures.append(figure("gloss import (one folder argument)", importRuns, firstApart: false,
                                   target: large ? "< 5 s" : "", before: large ? "4.4 s in the argument parser alone" : "0.1 s in the argument parser"))

        // gloss codings import of A's CSV into a new session each run (the last one is kept), then B's once.
        var codingsRuns: [ChildRun] = []
        for _ in 1...runs {
            removeSession(project, "a")
            codingsRuns.append(try ChildRun.run(gloss, ["codings", "import", project.path, "--coder", "a", corpus.csvA.path]))
        }
        size.figures.append(figure("gloss codings import (\(corpus.rowsA.formatted()) rows)", codingsRuns, firstApart: false,
                                   target: large ? "< 5 s, ≤ 300 MB" : "", before: ""))
        _ = try ChildRun.run(gloss, ["codings", "import", project.path, "--coder", "b", corpus.csvB.path])
        size.disk.append(contentsOf: disk(project, when: "after import"))

        let p = project.path
        let commands: [(String, [String], String, String)] = [
            ("gloss report --matrix", ["report", p, "--coder", "a", "--matrix"], large ? "< 200 ms, ≤ 100 MB" : "< 50 ms",
             large ? "8.5 s, 0.7–1.2 GB" : "1.02 s"),
            ("gloss report (3 figures)", ["report", p, "--coder", "a"], large ? "< 200 ms, ≤ 100 MB" : "< 50 ms", ""),
            ("gloss status", ["status", p], large ? "< 200 ms, ≤ 100 MB" : "", ""),
            ("gloss compare --coders a b", ["compare", p, "--coders", "a", "b"], large ? "< 1 s, ≤ 100 MB" : "", large ? "12–15 s" : ""),
            ("gloss compare … --format json", ["compare", p, "--coders", "a", "b", "--format", "json"], large ? "< 1 s, ≤ 100 MB" : "", large ? "12–15 s" : ""),
        ]
        for (work, arguments, target, before) in commands {
            var results: [ChildRun] = []
            for _ in 0...runs { results.append(try ChildRun.run(gloss, arguments)) }
            size.figures.append(figure(work, results, firstApart: true, target: target, before: before))
        }

        // The workbench: the code `gloss open` runs (AppDriver + first frame), in a child gloss-bench process
        // so its peak RSS is its own. Each open closes the session (a checkpoint and journal compaction).
        var opens: [ChildRun] = []
        var toFrame: [Double] = []
        for _ in 0...runs {
            let result = try ChildRun.run(benchExecutable(), ["open-probe", p, "a"], keepOutput: true)
            opens.append(result)
            toFrame.append((Double(String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan) / 1000)
        }
        var frame = figure("open the workbench to first frame", opens, firstApart: true,
                           target: large ? "< 300 ms, ≤ 150 MB" : "", before: large ? "6.7 s" : "")
        frame.first = toFrame.first
        frame.median = median(Array(toFrame.dropFirst()))
        size.figures.append(frame)
        size.figures.append(figure("  … whole process (start, open, close)", opens, firstApart: true, target: "", before: ""))
        size.disk.append(contentsOf: disk(project, when: "after a close"))

        print("\(pad("work", 40)) \(pad("first", 10)) \(pad("median", 10)) \(pad("peak RSS", 10)) \(pad("target", 20)) issue 9 before (peers: qc, Taguette ≈ 100 MB)")
        for f in size.figures {
            defer { fflush(nil) }
            print("\(pad(f.work, 40)) \(pad(f.first.map(time) ?? "—", 10)) \(pad(time(f.median), 10)) \(pad(String(format: "%.0f MiB", f.peakMiB), 10)) \(pad(f.target, 20)) \(f.before)")
        }
        print("disk (MB)")
        for (what, megabytes) in size.disk { print("    \(pad(what, 60)) \(String(format: "%8.1f", megabytes))") }
        return size
    }

    /// Adds the report's figures to project.json, as a user edits it after `gloss init`.
    static func addFigures(_ project: URL) throws {
        let url = project.appendingPathComponent("project.json")
        var config = try JSONFormat.decode(ProjectConfig.self, from: try SecureFiles.read(url), file: url.path)
        config.figures = figureDefinitions
        try SecureFiles.writeAtomically(try JSONFormat.encode(config), to: url)
    }

    static func removeSession(_ project: URL, _ coder: String) {
        for ext in ["json", "journal", "lock"] {
            try? FileManager.default.removeItem(at: project.appendingPathComponent("sessions/\(coder).\(ext)"))
        }
    }

    /// Megabytes in the chats folder, and per coder the snapshot, the journal and their ratio to the snapshot.
    static func disk(_ project: URL, when: String) -> [(String, Double)] {
        func bytes(_ url: URL) -> Int { (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0 }
        let chats = Project.transcriptFiles(in: project.appendingPathComponent("chats")).reduce(0) { $0 + bytes($1) }
        var lines: [(String, Double)] = [("chats/ \(when)", Double(chats) / 1e6)]
        for coder in ["a", "b"] {
            let snapshot = bytes(project.appendingPathComponent("sessions/\(coder).json"))
            let journal = bytes(project.appendingPathComponent("sessions/\(coder).journal"))
            lines.append(("sessions/\(coder).json + .journal \(when) (× snapshot: \(String(format: "%.2f", Double(snapshot + journal) / Double(max(snapshot, 1)))); target ≤ 1.2)",
                          Double(snapshot + journal) / 1e6))
            lines.append(("    of which the journal (\(journal.formatted()) bytes)", Double(journal) / 1e6))
        }
        let cache = project.appendingPathComponent("cache")
        let cached = (FileManager.default.enumerator(atPath: cache.path)?.allObjects as? [String] ?? []).reduce(0) { $0 + bytes(cache.appendingPathComponent($1)) }
        if cached > 0 { lines.append(("cache/ \(when)", Double(cached) / 1e6)) }
        return lines
    }

    static func figure(_ work: String, _ runs: [ChildRun], firstApart: Bool, target: String, before: String) -> Figure {
        let later = firstApart && runs.count > 1 ? Array(runs.dropFirst()) : runs
        return Figure(work: work, first: firstApart ? runs.first?.seconds : nil, median: median(later.map(\.seconds)), runs: later.count,
                      peakMiB: runs.map(\.peakMiB).max() ?? 0, target: target, before: before)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    static func time(_ seconds: Double) -> String {
        seconds >= 1 ? String(format: "%.2f s", seconds) : String(format: "%.0f ms", seconds * 1000)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
