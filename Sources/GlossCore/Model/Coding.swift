import Foundation

/// A quote (a span of one chat) with the codes applied to it.
///
/// Two or more codes on one quote is double coding; `relation` names the relation between them (the
/// study marks a "relevant verband"). `text` is a copy of the quoted text when the coding was made, so a
/// transcript that changed under the coding is detected (compared by code points, see `ScalarText`).
public struct Coding: Equatable, Sendable, Identifiable, Codable {
    public var id: CodingID
    public var chat: String
    public var span: Span
    /// The codes, in the order they were applied; never empty, never repeated.
    public var codes: [CodeID]
    public var relation: String?
    public var memo: String?
    public var text: String
    public var coder: String
    public var created: Date
    public var modified: Date

    public init(id: CodingID = .generate(), chat: String, span: Span, codes: [CodeID], relation: String? = nil,
                memo: String? = nil, text: String, coder: String, created: Date, modified: Date? = nil) {
        self.id = id
        self.chat = chat
        self.span = span
        self.codes = codes
        self.relation = relation
        self.memo = memo
        self.text = text
        self.coder = coder
        self.created = created
        self.modified = modified ?? created
    }

    enum CodingKeys: String, CodingKey {
        case id, chat, from, to, codes, relation, memo, text, coder, created, modified
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(CodingID.self, forKey: .id)
        chat = try c.decode(String.self, forKey: .chat)
        span = Span(from: try c.decode(TextPosition.self, forKey: .from), to: try c.decode(TextPosition.self, forKey: .to))
        codes = try c.decode([CodeID].self, forKey: .codes)
        relation = try c.decodeIfPresent(String.self, forKey: .relation)
        memo = try c.decodeIfPresent(String.self, forKey: .memo)
        text = try c.decode(String.self, forKey: .text)
        coder = try c.decode(String.self, forKey: .coder)
        created = try c.decode(Date.self, forKey: .created)
        modified = try c.decodeIfPresent(Date.self, forKey: .modified) ?? created
        if codes.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .codes, in: c, debugDescription: "a coding needs at least one code")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(chat, forKey: .chat)
        try c.encode(span.from, forKey: .from)
        try c.encode(span.to, forKey: .to)
        try c.encode(codes, forKey: .codes)
        try c.encodeIfPresent(relation, forKey: .relation)
        try c.encodeIfPresent(memo, forKey: .memo)
        try c.encode(text, forKey: .text)
        try c.encode(coder, forKey: .coder)
        try c.encode(created, forKey: .created)
        try c.encode(modified, forKey: .modified)
    }

    /// The stable order of codings in a session file: by chat, then span, then id.
    public static func fileOrder(_ a: Coding, _ b: Coding) -> Bool {
        if a.chat != b.chat { return a.chat < b.chat }
        if a.span != b.span { return a.span < b.span }
        return a.id < b.id
    }
}
