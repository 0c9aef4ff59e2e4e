import Foundation
import GlossCore

/// `swift run -c release gloss-bench [foundation|import|pair|workbench|analysis|scale|corpus DIR] [--chats N] [--codings N] [--runs N] [--keep]`:
/// prints the performance figures recorded in docs/performance.md. Figures, not pass/fail: targets are printed
/// beside them. `scale` runs the built `gloss` executable (build it first: `swift build -c release`); without
/// `--chats` it measures 1,380 and 10,000 chats, and the run of every section measures 1,380 only.
@main
struct GlossBench {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "open-probe", arguments.count == 3 || arguments.count == 4 {
            try OpenProbe.run(project: arguments[1], coder: arguments[2], keys: arguments.count == 4 ? Int(arguments[3]) ?? 0 : 0)
            return
        }
        func value(_ name: String) -> Int? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let number = Int(arguments[index + 1]) else { return nil }
            arguments.removeSubrange(index...(index + 1))
            return number
        }
        let chats = value("--chats"), codings = value("--codings"), runs = value("--runs") ?? 3
        let keep = arguments.contains("--keep")
        let only = arguments.first { !$0.hasPrefix("--") }
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gloss-bench-\(getpid())")
        defer { if !keep { try? FileManager.default.removeItem(at: root) } }
        let codebookURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/codebooks/ckm.tsv")
        let codebook = try CodebookTSV.read(String(contentsOf: codebookURL, encoding: .utf8), file: codebookURL.path)

        print("Gloss benchmark — \(ProcessInfo.processInfo.processorCount) cores")
        if only == "corpus", let folder = arguments.dropFirst().first(where: { !$0.hasPrefix("--") }) {
            // `gloss-bench corpus DIR --chats N`: only write the scale inputs (export/, codings-a.csv, codings-b.csv), for profiling.
            let n = chats ?? 1380
            let corpus = try ScaleCorpus.make(in: URL(fileURLWithPath: folder), chats: n, codings: codings ?? (n == 1380 ? 20_000 : n * 20), codebook: codebook)
            try JSONEncoder().encode(corpus).write(to: ScaleCorpus.description(in: URL(fileURLWithPath: folder)))
            print("\(corpus.export.path)  \(corpus.csvA.path) (\(corpus.rowsA) rows)  \(corpus.csvB.path) (\(corpus.rowsB) rows)")
            return
        }
        if only == "scale" {
            let sizes = chats.map { [($0, codings ?? ($0 == 1380 ? 20_000 : $0 * 20))] } ?? [(1380, 20_000), (10_000, 200_000)]
            try ScaleBench.run(root: root, sizes: sizes, runs: runs, codebookURL: codebookURL, codebook: codebook)
            return
        }
        if only == nil {
            // The end-to-end figures first, while this process is small: on Linux a child's peak RSS starts at
            // its parent's (ru_maxrss survives the spawn and exec), so the in-process sections would set a floor.
            try ScaleBench.run(root: root, sizes: [(chats ?? 1380, codings ?? 20_000)], runs: runs, codebookURL: codebookURL, codebook: codebook)
        }
        var corpus: BenchCorpus!
        let made = try Measure.seconds { corpus = try BenchCorpus.make(at: root, chats: 1380, codings: 20_000, codebook: codebook) }
        let chatBytes = Project.transcriptFiles(in: root.appendingPathComponent("chats"))
            .reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        let sessionBytes = (try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("sessions/bench.json").path)[.size] as? Int) ?? 0
        print(String(format: "generated %d chats (%.1f MB of text), %d codings (session %.1f MB) in %.1f s",
                     corpus.chatCount, Double(chatBytes) / 1e6, corpus.codingCount, Double(sessionBytes) / 1e6, made))
        if only == nil || only == "foundation" { try FoundationBench.run(root: root) }
        if only == nil || only == "foundation" || only == "import" { try ImportBench.run(codebook: codebook) }
        if only == nil || only == "pair" { try PairBench.run(root: root) }
        if only == nil || only == "workbench" {
            let demo = root.deletingLastPathComponent().appendingPathComponent("gloss-bench-demo-\(getpid())")
            defer { try? FileManager.default.removeItem(at: demo) }
            let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Samples/demo")
            try FileManager.default.copyItem(at: samples, to: demo)
            try WorkbenchBench.run(root: demo, coder: "benchcoder", label: "demo project (12 chats)", keys: 10_000)
            try WorkbenchBench.run(root: root, coder: "bench", label: "1,380 chats, 20,000 codings", keys: 10_000)
        }
        if only == nil || only == "analysis" {
            let analysisRoot = root.deletingLastPathComponent().appendingPathComponent("gloss-bench-analysis-\(getpid())")
            defer { try? FileManager.default.removeItem(at: analysisRoot) }
            try AnalysisBench.run(root: analysisRoot, codebook: codebook)
        }
        if let peak = Measure.peakMemoryMiB() { print(String(format: "peak memory of this process (the in-process sections): %.0f MiB", peak)) }
    }
}
