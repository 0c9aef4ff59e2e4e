import Foundation

/// The one JSON dialect of Gloss files: pretty-printed, sorted keys, ISO 8601 times, a final newline.
/// Stable output is what makes sessions diff and merge cleanly in git.
public enum JSONFormat {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// One compact line (for journal records).
    public static func encodeLine<T: Encodable>(_ value: T) throws -> Data {
        try lineEncoder.encode(value)
    }

    /// Decodes `data` and turns any failure into a `GlossError` naming the file and the place.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: file, data: data)
        } catch let error as GlossError {
            throw error
        } catch {
            throw GlossError(file: file, "\(error)")
        }
    }

    private static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = dateEncoding
        return e
    }

    private static let dateEncoding = JSONEncoder.DateEncodingStrategy.custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(ISOTime.format(date))
    }

    private static var lineEncoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = dateEncoding
        return e
    }

    private static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISOTime.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(GlossError.quoted(text)) is not a time like 2024-05-01T12:00:00Z")
            }
            return date
        }
        return d
    }

    static func describe(_ error: DecodingError, file: String, data: Data) -> GlossError {
        func path(_ keys: [CodingKey]) -> String {
            var result = ""
            for key in keys {
                // Foundation gives a numeric object key (a chat named "12") an intValue too; a list index is
                // the key whose stringValue is not just that number ("Index 3").
                if let index = key.intValue, key.stringValue != String(index) {
                    result += "[\(index)]"
                } else {
                    result += (result.isEmpty ? "" : ".") + GlossError.shortened(key.stringValue)
                }
            }
            return result.isEmpty ? "top level" : result
        }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                // Syntax error: Foundation names the place in the underlying error's text.
                var detail = (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
                if context.underlyingError == nil {
                    // The decoder on Linux does not say where; the serialization parser does ("around character 38").
                    do { _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch { detail = "\(error)" }
                }
                // Shortened: the reason can quote a whole literal (a number of 5,000 digits).
                return GlossError(file: file, place: syntaxPlace(in: detail, data: data), "not valid JSON (\(GlossError.shortened(syntaxReason(detail), limit: 200)))")
            }
            // Foundation's description can hold the whole bad value ("… from invalid String value …").
            return GlossError(file: file, place: path(context.codingPath), GlossError.shortened(context.debugDescription, limit: 200))
        case .keyNotFound(let key, let context):
            return GlossError(file: file, place: path(context.codingPath), "the key \(GlossError.quoted(key.stringValue)) is missing")
        case .typeMismatch(let type, let context):
            return GlossError(file: file, place: path(context.codingPath), "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return GlossError(file: file, place: path(context.codingPath), "expected \(describe(type)), found null")
        @unknown default:
            return GlossError(file: file, "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is Date.Type: return "a time like 2024-05-01T12:00:00Z"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a value of type \(name)"
        }
    }

    /// Finds "line L, column C" in Foundation's message, or computes it from a byte offset.
    private static func syntaxPlace(in detail: String, data: Data) -> String? {
        if let range = detail.range(of: #"line \d+, column \d+"#, options: .regularExpression) {
            return String(detail[range])
        }
        if let range = detail.range(of: #"(character|offset) \d+"#, options: .regularExpression) {
            let digits = detail[range].split(separator: " ").last.flatMap { Int($0) } ?? 0
            return lineColumn(ofByte: digits, in: data)
        }
        // A file cut short (Foundation says "Unexpected end of file", with no position): the problem is
        // at the end, and the user still needs a place to look.
        if data.isEmpty || detail.contains("end of file") { return lineColumn(ofByte: data.count, in: data) }
        return nil
    }

    private static func syntaxReason(_ detail: String) -> String {
        if let range = detail.range(of: #"NSDebugDescription=[^}]*"#, options: .regularExpression) {
            let text = detail[range].dropFirst("NSDebugDescription=".count)
                .replacingOccurrences(of: #"\s*around (line \d+, column \d+|character \d+)"#, with: "", options: .regularExpression)
                .trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
        if let range = detail.range(of: #"around line \d+, column \d+"#, options: .regularExpression) {
            var text = detail
            text.removeSubrange(range)
            return text.replacingOccurrences(of: #"Error Domain=.*\"(.*)\".*"#, with: "$1", options: .regularExpression)
                .trimmingCharacters(in: CharacterSet(charactersIn: " .")).replacingOccurrences(of: "  ", with: " ")
        }
        return detail.count > 160 ? String(detail.prefix(160)) + "…" : detail
    }

    /// "line L, column C" of a byte offset; columns count code points.
    public static func lineColumn(ofByte offset: Int, in data: Data) -> String {
        let bytes = [UInt8](data)
        return TextDecoding.place(ofByte: min(max(0, offset), bytes.count), in: bytes)
    }
}
