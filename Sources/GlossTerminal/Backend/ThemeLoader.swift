#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A theme file that cannot be used: which file, where in it (`styles.border.fg`), and what is wrong.
public struct ThemeError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    /// The key path in the file (`styles.border.fg`), or empty for the whole file.
    public var place: String
    public var message: String

    public init(file: String, place: String = "", message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    /// The place and message are cut after 200 characters each: a key path is made of keys from the file,
    /// and a key can be as long as the file (a message on a terminal or in a log should not be).
    public var description: String {
        place.isEmpty ? "\(file): \(Self.cut(message))" : "\(file): \(Self.cut(place)): \(Self.cut(message))"
    }

    private static func cut(_ text: String, limit: Int = 200) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        var head = String.UnicodeScalarView()
        head.append(contentsOf: scalars.prefix(limit))
        return String(head) + "… (\(scalars.count - limit) more characters)"
    }
}

/// Reads theme files (`Themes/<name>.json`, format in `Themes/README.md`):
///
/// ```json
/// {"name": "default", "color": true,
///  "styles": {"border": {"fg": 240}, "status.key": {"fg": "#ffd75f", "bg": 236, "bold": true}}}
/// ```
///
/// Style keys are `Theme.Role` raw values; `fg`/`bg` are `"#RRGGBB"`, an xterm colour number 0–255, or
/// null / `"default"` for the terminal's own colour; `bold`, `dim`, `reverse`, `underline`, `italic` are
/// booleans (default false). Roles a file leaves out take `Theme.fallback`'s style. Unknown keys and bad
/// values are errors naming the file and the key.
public enum ThemeLoader {
    /// Loads `<name>.json` from the first of `searchPaths` (directories) that has it. The theme's name is
    /// `name` (the file name), whatever the file's informational `"name"` says.
    public static func load(name: String, searchPaths: [URL]) throws -> Theme {
        let fileName = "\(name).json"
        guard isValidName(name) else {
            throw ThemeError(file: fileName, message: "not a theme name (use letters, digits, '-', '_' or '.')")
        }
        if let url = locate(name: name, searchPaths: searchPaths) {
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw ThemeError(file: url.path, message: "cannot be read: \(error)")
            }
            return try parse(data, name: name, file: url.path)
        }
        let available = availableThemes(in: searchPaths)
        var seen = Set<String>()
        let looked = searchPaths.map(\.path).filter { seen.insert($0).inserted }.joined(separator: ", ")
        throw ThemeError(
            file: fileName,
            message: "no theme named '\(name)'; available: \(available.isEmpty ? "none" : available.joined(separator: ", "))"
                + " (looked in: \(looked.isEmpty ? "no directories" : looked))")
    }

    /// The file `load` would read for `name`: `<name>.json` in the first of `searchPaths` that has it.
    public static func locate(name: String, searchPaths: [URL]) -> URL? {
        guard isValidName(name) else { return nil }
        return searchPaths.lazy.map { $0.appendingPathComponent("\(name).json") }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Parses the contents of a theme file. `file` is only used in error messages.
    public static func parse(_ data: Data, name: String, file: String) throws -> Theme {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            // A value the decoder cannot read (JSONValue's own error): name the key path, not Swift's text.
            throw ThemeError(file: file, place: context.codingPath.map(\.stringValue).joined(separator: "."),
                             message: context.debugDescription)
        } catch {
            throw ThemeError(file: file, message: "not valid JSON (\(describe(error)))")
        }
        guard case .object(let top) = root else {
            throw ThemeError(file: file, message: "expected a JSON object at the top")
        }
        var useColor = true
        var styles = Theme.fallback.styles
        for key in top.keys.sorted() {
            let value = top[key]!
            switch key {
            case "name", "description":
                guard case .string = value else {
                    throw ThemeError(file: file, place: key, message: "expected a string")
                }
            case "color":
                guard case .bool(let flag) = value else {
                    throw ThemeError(file: file, place: key, message: "expected true or false")
                }
                useColor = flag
            case "styles":
                guard case .object(let entries) = value else {
                    throw ThemeError(file: file, place: key, message: "expected an object of roles")
                }
                for roleName in entries.keys.sorted() {
                    let place = "styles.\(roleName)"
                    guard let role = Theme.Role(rawValue: roleName) else {
                        let known = Theme.Role.allCases.map(\.rawValue).joined(separator: ", ")
                        throw ThemeError(file: file, place: place, message: "unknown role '\(roleName)' (roles: \(known))")
                    }
                    styles[role] = try style(entries[roleName]!, file: file, place: place)
                }
            default:
                throw ThemeError(
                    file: file, place: key,
                    message: "unknown key '\(key)' (expected name, description, color, styles)")
            }
        }
        return Theme(name: name, useColor: useColor, styles: styles)
    }

    /// The theme names (`.json` files, without the extension) in `directories`, sorted, without duplicates.
    public static func availableThemes(in directories: [URL]) -> [String] {
        var names = Set<String>()
        for directory in directories {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for file in files where file.hasSuffix(".json") {
                let name = String(file.dropLast(5))
                if isValidName(name) { names.insert(name) }
            }
        }
        return names.sorted()
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
        }
    }

    private static let attributeKeys: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline), ("italic", .italic),
    ]

    private static func style(_ value: JSONValue, file: String, place: String) throws -> Style {
        guard case .object(let fields) = value else {
            throw ThemeError(file: file, place: place, message: "expected an object like {\"fg\": \"#5f5f5f\", \"bold\": true}")
        }
        var style = Style()
        for key in fields.keys.sorted() {
            let field = fields[key]!
            let fieldPlace = "\(place).\(key)"
            switch key {
            case "fg": style.foreground = try color(field, file: file, place: fieldPlace)
            case "bg": style.background = try color(field, file: file, place: fieldPlace)
            default:
                guard let attribute = attributeKeys.first(where: { $0.0 == key })?.1 else {
                    throw ThemeError(
                        file: file, place: fieldPlace,
                        message: "unknown style key '\(key)' (expected fg, bg, bold, dim, reverse, underline, italic)")
                }
                guard case .bool(let on) = field else {
                    throw ThemeError(file: file, place: fieldPlace, message: "expected true or false")
                }
                if on { style.attributes.insert(attribute) }
            }
        }
        return style
    }

    private static func color(_ value: JSONValue, file: String, place: String) throws -> Color {
        switch value {
        case .null:
            return .default
        case .string("default"):
            return .default
        case .string(let text) where text.hasPrefix("#"):
            // Exactly six hex digits: `Color(hex:)` alone would take "#+12345" (UInt32 parsing allows a sign).
            let digits = text.utf8.dropFirst()
            let isHex = digits.count == 6 && digits.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }
            if isHex, let color = Color(hex: text) { return color }
        case .number(let number):
            if number.rounded() == number, number >= 0, number <= 255 { return .indexed(UInt8(number)) }
        default:
            break
        }
        throw ThemeError(
            file: file, place: place,
            message: "not a colour: \(value) (use \"#RRGGBB\", a colour number 0–255, or null for the terminal's default)")
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            if let underlying = context.underlyingError { return "\(underlying)" }
            return context.debugDescription
        }
        return "\(error)"
    }
}

/// Any JSON value, decoded without a schema so errors can name the offending key.
enum JSONValue: Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Lists and objects are read element by element, so a value inside that cannot be read (a number out
    /// of range like `1e309`, a string that is not UTF-8) is reported at its own key path instead of as
    /// "expected a dictionary" at its parent's.
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a JSON value this loader can read (a number out of range, or text that is not UTF-8)")
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let value): return "\"\(value)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
