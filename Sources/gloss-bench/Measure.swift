import Foundation

/// Wall-clock measurements for the benchmark report (never used in tests).
enum Measure {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Best and median of `runs` timings, in milliseconds.
    static func repeated(_ runs: Int, _ body: () throws -> Void) rethrows -> (best: Double, median: Double) {
        var times: [Double] = []
        for _ in 0..<runs { times.append(try seconds(body) * 1000) }
        times.sort()
        return (times[0], times[times.count / 2])
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
        return sorted[max(0, index)]
    }

    static func format(_ ms: Double) -> String { String(format: "%8.2f ms", ms) }

    /// Peak resident memory of this process, from /proc (Linux), in MiB.
    static func peakMemoryMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return nil
    }
}
