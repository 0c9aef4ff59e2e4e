import Foundation

/// The JSON form of a codebook (`codebook.json`): a flat list of codes in tree order, each naming its
/// parent by id. See `docs/formats.md`.
public enum CodebookFile {
    public static let schemaVersion = 1

    public static func encode(_ codebook: Codebook) throws -> Data {
        try JSONFormat.encode(Stored(schema: schemaVersion, name: codebook.name, source: codebook.source,
                                     revision: codebook.revision, codes: codebook.codes))
    }

    public static func decode(_ data: Data, file: String) throws -> Codebook {
        let stored = try JSONFormat.decode(Stored.self, from: data, file: file)
        guard stored.schema <= schemaVersion else {
            throw GlossError(file: file, place: "schema", "this codebook was written by a newer Gloss (schema \(stored.schema))")
        }
        do {
            return try Codebook(name: stored.name, source: stored.source, revision: stored.revision, codes: stored.codes)
        } catch let error as CodebookError {
            throw GlossError(file: file, place: "codes", error.description)
        }
    }

    struct Stored: Codable {
        var schema: Int
        var name: String
        var source: String
        var revision: Int
        var codes: [Code]

        init(schema: Int, name: String, source: String, revision: Int, codes: [Code]) {
            self.schema = schema; self.name = name; self.source = source; self.revision = revision; self.codes = codes
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            schema = try c.decode(Int.self, forKey: .schema)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
            revision = try c.decodeIfPresent(Int.self, forKey: .revision) ?? 1
            codes = try c.decode([Code].self, forKey: .codes)
        }
    }
}
