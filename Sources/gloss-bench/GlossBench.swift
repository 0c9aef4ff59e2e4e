import Foundation
import GlossCore

/// `swift run -c release gloss-bench [foundation|import|pair|workbench|analysis] [--keep]`: prints the performance figures recorded in
/// docs/performance.md. Figures, not pass/fail: targets are printed beside them.
@main
struct GlossBench {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gloss-bench-\(getpid())")
        defer { if !arguments.contains("--keep") { try? FileManager.default.removeItem(at: root) } }
        let codebookURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/codebooks/ckm.tsv")
        let codebook = try CodebookTSV.read(String(contentsOf: codebookURL, encoding: .utf8), file: codebookURL.path)

        print("Gloss benchmark — \(ProcessInfo.processInfo.processorCount) cores")
        var corpus: BenchCorpus!
        let made = try Measure.seconds { corpus = try BenchCorpus.make(at: root, chats: 1380, codings: 20_000, codebook: codebook) }
        let chatBytes = Project.transcriptFiles(in: root.appendingPathComponent("chats"))
            .reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        let sessionBytes = (try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("sessions/bench.json").path)[.size] as? Int) ?? 0
        print(String(format: "generated %d chats (%.1f MB of text), %d codings (session %.1f MB) in %.1f s",
                     corpus.chatCount, Double(chatBytes) / 1e6, corpus.codingCount, Double(sessionBytes) / 1e6, made))
        let only = arguments.first { !$0.hasPrefix("--") }
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
        if let peak = Measure.peakMemoryMiB() { print(String(format: "peak memory: %.0f MiB", peak)) }
    }
}
