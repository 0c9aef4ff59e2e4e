import Foundation

/// The JSON form of a codebook (`codebook.json`): a flat list of codes in tree order, each naming its
/// parent by id. See `docs/formats.md`.
public enum CodebookFile {
    public static let schemaVersion = 1

    public static func encode(_ codebook: Codebook) throws -> Data {
        var stored = Stored(schema: schemaVersion, name: codebook.name, source: codebook.source,
                            revision: codebook.revision, codes: codebook.codes)
        stored.memo = codebook.memo.isEmpty ? nil : codebook.memo
        return try JSONFormat.encode(stored)
    }

    public static func decode(_ data: Data, file: String) throws -> Codebook {
        let stored = try JSONFormat.decode(Stored.self, from: data, file: file)
        try SchemaVersion.check(data, file: file, current: schemaVersion, kind: "codebook")
        do {
            var codebook = try Codebook(name: stored.name, source: stored.source, revision: stored.revision, codes: stored.codes)
            codebook.memo = stored.memo ?? ""
            return codebook
        } catch let error as CodebookError {
            // Name the code's place in the file where the error is about one code.
            let index = error.codeID.flatMap { id in stored.codes.firstIndex { $0.id.rawValue == id } }
            throw GlossError(file: file, place: index.map { "codes[\($0)]" } ?? "codes", error.description)
        }
    }

    struct Stored: Codable {
        var schema: Int
        var name: String
        var source: String
        var revision: Int
        var codes: [Code]
        /// The project memo (absent when empty).
        var memo: String?

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
            memo = try c.decodeIfPresent(String.self, forKey: .memo)
        }
    }
}
