import Foundation

/// A JSON value Gloss does not interpret but must not lose: a key in `project.json` that a newer Gloss (or a
/// colleague's tool) wrote. Read as-is and written back as-is, so a rewrite by this Gloss never drops it.
indirect enum OpaqueJSON: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([OpaqueJSON])
    case object([String: OpaqueJSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        // Whole numbers stay whole (a Double would write 3 as 3 too, but not 2^60 exactly).
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if var list = try? decoder.unkeyedContainer() {
            var items: [OpaqueJSON] = []
            while !list.isAtEnd { items.append(try list.decode(OpaqueJSON.self)) }
            self = .array(items)
        } else {
            let object = try decoder.container(keyedBy: AnyCodingKey.self)
            var members: [String: OpaqueJSON] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(OpaqueJSON.self, forKey: key) }
            self = .object(members)
        }
    }

    func encode(to encoder: Encoder) throws {
        switch self {
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        case .bool(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .integer(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .number(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .string(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .array(let items): var c = encoder.unkeyedContainer(); for item in items { try c.encode(item) }
        case .object(let members):
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            for (key, value) in members { try c.encode(value, forKey: AnyCodingKey(key)) }
        }
    }
}

/// Any string as a coding key: for reading keys a type does not declare.
struct AnyCodingKey: CodingKey, Hashable, Sendable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
