import Foundation

/// The committed scipy reference (reference/stats_reference.py, its inputs and outputs), read once.
/// The tests compare against these numbers; they never run Python.
enum StatisticsReference {
    /// Read-only after loading (JSON objects are not `Sendable`).
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("reference")

    nonisolated(unsafe) static let inputs: [String: Any] = load("stats_inputs.json")
    nonisolated(unsafe) static let outputs: [String: Any] = load("stats_outputs.json")

    private static func load(_ name: String) -> [String: Any] {
        let url = folder.appendingPathComponent(name)
        let data = try! Data(contentsOf: url)
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func numbers(_ key: String, in object: [String: Any] = outputs) -> [Double] {
        (object[key] as! [Any]).map(number)
    }

    static func tuples(_ key: String) -> [[Double]] {
        (inputs[key] as! [[Any]]).map { $0.map(number) }
    }

    static func number(_ value: Any) -> Double {
        (value as! NSNumber).doubleValue
    }

    /// Relative error of `value` against `reference`; where the reference underflows (below 1e-305, the
    /// region where the brief allows 0), the absolute difference counted in units of 1e-300 instead.
    static func error(_ value: Double, _ reference: Double) -> Double {
        if value.isNaN { return .infinity }
        if abs(reference) < 1e-305 { return abs(value - reference) / 1e-300 }
        return abs(value - reference) / abs(reference)
    }

    /// Tolerance of every comparison with scipy.
    static let tolerance = 1e-9
}
