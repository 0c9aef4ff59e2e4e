import Foundation
import GlossFuzzSupport
import Testing
@testable import GlossTerminal

/// About 200 seeded mutations of the bundled themes. Each file is either accepted as what it says (the
/// mutated value shows in the theme) or refused with a `ThemeError` naming the file and the key; never
/// quietly turned into the default. (Fuzzing once found `"#+12345"` accepted as a colour.)
@Suite("Theme mutations: each kind of damage gives its own error")
struct ThemeMutationTests {
    static let themes = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    /// Writes a JSON value (the loader's own model, so `true` and `1` stay apart).
    static func write(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text):
            let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        case .array(let items): return "[" + items.map(write).joined(separator: ",") + "]"
        case .object(let fields): return "{" + fields.keys.sorted().map { write(.string($0)) + ":" + write(fields[$0]!) }.joined(separator: ",") + "}"
        }
    }

    /// Colour values and whether a theme may hold them.
    static let colours: [(JSONValue, Bool)] = [
        (.string("#12345g"), false), (.string("#+12345"), false), (.string("#FFF"), false), (.string("#abcdef"), true),
        (.string("#ABCDEF0"), false), (.number(256), false), (.number(-1), false), (.number(12.5), false), (.number(7), true),
        (.string("red"), false), (.null, true), (.string("default"), true), (.bool(true), false), (.string(""), false),
        (.string("#-12345"), false), (.string("#0x1234"), false), (.array([]), false),
    ]
    static let roles: [(String, Bool)] = [("border", true), ("borders", false), ("Border", false), ("status.keys", false),
                                          ("", false), ("speaker.3", false), ("match", true), ("quote.current", true)]
    static let styleKeys: [(String, JSONValue, Bool)] = [("blink", .bool(true), false), ("Bold", .bool(true), false),
                                                         ("bold", .bool(true), true), ("bold", .number(1), false),
                                                         ("italic", .string("true"), false), ("underline", .null, false),
                                                         ("dim", .bool(false), true)]
    static let topLevel: [(String, JSONValue, Bool)] = [("colour", .bool(true), false), ("color", .string("yes"), false),
                                                        ("color", .number(1), false), ("styles", .array([]), false),
                                                        ("name", .number(3), false), ("description", .string("x"), true)]

    @Test func twoHundredMutatedThemesAreEachAcceptedAsWrittenOrRefusedByKey() throws {
        var random = SplitMix64(seed: 20_250_801)
        let originals = try ["default", "light", "high-contrast", "monochrome"].map { name -> [String: JSONValue] in
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: Self.themes.appendingPathComponent("\(name).json")))
            guard case .object(let fields) = value else { throw ThemeError(file: name, message: "not an object") }
            return fields
        }
        var accepted = 0, refused = 0
        for round in 0..<200 {
            var top = originals[round % originals.count]
            let file = "fuzz/\(round).json"
            var styles: [String: JSONValue] = { if case .object(let s)? = top["styles"] { return s } else { return [:] } }()
            let role = Theme.Role.allCases.randomElement(using: &random)!.rawValue
            var style: [String: JSONValue] = { if case .object(let s)? = styles[role] { return s } else { return [:] } }()
            // What the mutation should lead to: nil for "accept", else the key the error must name.
            var expectedPlace: String?
            var check: (Theme) -> Bool = { _ in true }
            switch round % 5 {
            case 0:
                let (value, valid) = Self.colours.randomElement(using: &random)!
                let key = Bool.random(using: &random) ? "fg" : "bg"
                style[key] = value
                styles[role] = .object(style)
                expectedPlace = valid ? nil : "styles.\(role).\(key)"
                if valid, case .string(let hex) = value, hex.hasPrefix("#") {
                    check = { theme in
                        let color = key == "fg" ? theme.styles[Theme.Role(rawValue: role)!]?.foreground : theme.styles[Theme.Role(rawValue: role)!]?.background
                        return color == Color(hex: hex)
                    }
                }
            case 1:
                let (name, valid) = Self.roles.randomElement(using: &random)!
                styles[name] = .object(["fg": .number(42), "underline": .bool(true)])
                expectedPlace = valid ? nil : "styles.\(name)"
                if valid { check = { $0.styles[Theme.Role(rawValue: name)!]?.foreground == .indexed(42) } }
            case 2:
                let (key, value, valid) = Self.styleKeys.randomElement(using: &random)!
                style[key] = value
                styles[role] = .object(style)
                expectedPlace = valid ? nil : "styles.\(role).\(key)"
            case 3:
                let (key, value, valid) = Self.topLevel.randomElement(using: &random)!
                top[key] = value
                expectedPlace = valid ? nil : key
            default:
                break  // a text mutation below
            }
            if round % 5 != 3 { top["styles"] = .object(styles) }
            var text = Self.write(.object(top))
            var textMutation = false
            if round % 5 == 4 {
                textMutation = true
                var scalars = Array(text.unicodeScalars)
                let at = Int.random(in: 0..<scalars.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: scalars.removeSubrange(at...)                                    // truncated
                case 1: scalars.remove(at: at)                                            // a character lost
                default: scalars.insert("{}[]\",:x1#".unicodeScalars.randomElement(using: &random)!, at: at)  // one added
                }
                text = String(String.UnicodeScalarView(scalars))
            }
            do {
                let theme = try ThemeLoader.parse(Data(text.utf8), name: "fuzz", file: file)
                accepted += 1
                if !textMutation {
                    #expect(expectedPlace == nil, "round \(round): accepted, but \(expectedPlace ?? "") is wrong:\n\(text)")
                    #expect(check(theme), "round \(round): accepted, but the theme does not say what the file says:\n\(text)")
                } else {
                    #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "round \(round): invalid JSON accepted:\n\(text)")
                }
            } catch let error as ThemeError {
                refused += 1
                #expect(error.file == file, "round \(round): \(error)")
                if textMutation {
                    #expect(!error.place.isEmpty || error.message.contains("JSON") || error.message.contains("object"), "round \(round): \(error)")
                } else {
                    #expect(error.place == expectedPlace, "round \(round): \(error)\n\(text)")
                }
            }
        }
        #expect(accepted > 20 && refused > 20, "the mutations should both pass and fail: \(accepted) accepted, \(refused) refused")
    }
}
