import Foundation
import Testing

/// `gloss codebook DIR --format json|text|tsv`, on the CKM codebook and on the small fixture.
@Suite("gloss codebook")
struct CodebookCommandTests {
    /// The rows of a codebook TSV (comment lines and header skipped): path → the row's cells by column name.
    static func tsvRows(_ text: String) -> [(path: String, cells: [String: String])] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.hasPrefix("#") || first.isEmpty { lines.removeFirst() }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var cells: [String: String] = [:]
            for (index, name) in header.enumerated() {
                cells[name] = index < fields.count ? fields[index].trimmingCharacters(in: .whitespaces) : ""
            }
            return (cells["code"]!, cells)
        }
    }

    @Test("--format json on the CKM codebook: 12 roots, 149 codes, paths joined with \" > \"")
    func ckmAsJSON() throws {
        try withTemporaryFolder { folder in
            let created = try gloss("init", folder.project.path, "--codebook", PackagePaths.ckmCodebook.path)
            try #require(created.status == 0, "\(created)")
            #expect(created.stdout.hasPrefix("Created \(folder.project.path) with 149 codes (12 main codes).\n"), "\(created)")

            let result = try gloss("codebook", folder.project.path, "--format", "json")
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr == "")
            let parsed = try JSONSerialization.jsonObject(with: result.stdoutData)
            let roots = try #require(parsed as? [[String: Any]], "not a JSON array of objects")
            #expect(roots.count == 12)

            let rows = Self.tsvRows(try read(PackagePaths.ckmCodebook))
            try #require(rows.count == 149)
            let rowByPath = Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0.cells) })
            let expectedRootNames = rows.map(\.path).filter { !$0.contains(" > ") }

            var seenPaths: [String] = []
            var ids = Set<String>()
            func walk(_ node: [String: Any], parentPath: String?, location: String) {
                for key in ["id", "name", "path", "operationalisation", "example", "color", "children"] {
                    #expect(node[key] != nil, "\(location) has no \"\(key)\"")
                }
                guard let id = node["id"] as? String, let name = node["name"] as? String, let path = node["path"] as? String,
                      let operationalisation = node["operationalisation"] as? String, let example = node["example"] as? String,
                      let color = node["color"] as? String, let children = node["children"] as? [[String: Any]] else {
                    Issue.record("\(location): a key has the wrong type: \(node)")
                    return
                }
                #expect(ids.insert(id).inserted, "\(location): id \(id) used twice")
                #expect(!id.isEmpty)
                #expect(path == (parentPath.map { $0 + " > " + name } ?? name), "\(location): path \(path)")
                #expect(matches(color, "^#[0-9A-F]{6}$"), "\(location): color \(color)")
                seenPaths.append(path)
                if let row = rowByPath[path] {
                    #expect(operationalisation == row["operationalisation"], "\(path): operationalisation")
                    #expect(example == row["example"], "\(path): example")
                    if let tsvColor = row["color"], !tsvColor.isEmpty { #expect(color == tsvColor.uppercased(), "\(path): color") }
                } else {
                    Issue.record("\(path) is not a row of ckm.tsv")
                }
                for (index, child) in children.enumerated() {
                    walk(child, parentPath: path, location: "\(location).children[\(index)]")
                }
            }
            for (index, root) in roots.enumerated() { walk(root, parentPath: nil, location: "[\(index)]") }

            #expect(seenPaths.count == 149)
            #expect(Set(seenPaths) == Set(rows.map(\.path)))
            // Tree order is the file's order: roots in file order, each followed by its subtree.
            #expect(roots.compactMap { $0["name"] as? String } == expectedRootNames)
            #expect(seenPaths == rows.map(\.path))
        }
    }

    @Test("--format text prints the tree; --format tsv writes a table that makes the same codebook")
    func fixtureTextAndTSV() throws {
        try withTemporaryFolder { folder in
            try Fixtures.makeProject(in: folder, chats: [])
            let text = try gloss("codebook", folder.project.path)
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout == """
                codebook (7 codes)
                Onderwerp
                ├─ Thuis
                └─ School
                Toon
                ├─ Vriendelijk
                └─ Boos
                   └─ Schreeuwen

                """)

            let tsv = try gloss("codebook", folder.project.path, "--format", "tsv")
            #expect(tsv.status == 0, "\(tsv)")
            // Main codes without a colour get the palette's, in order; sub-codes their main code's; a given
            // colour is kept (in upper case).
            #expect(tsv.stdout == """
                # name: codebook
                # Testcodeboek voor Gloss (synthetisch)
                code\toperationalisation\texample\trules\tcolor
                Onderwerp\tWaar gaat het gesprek over?\t\t\t#D9534F
                Onderwerp > Thuis\tHet gesprek gaat over thuis.\thet gaat over thuis\t\t#D9534F
                Onderwerp > School\tHet gesprek gaat over school.\tSchool is hard\t\t#D9534F
                Toon\tHoe wordt het gezegd?\t\t\t#E8883A
                Toon > Vriendelijk\tEen vriendelijke toon.\tHoi!\tOok emoji tellen mee\t#E8883A
                Toon > Boos\tEen boze toon.\t\t\t#AA0000
                Toon > Boos > Schreeuwen\tIn hoofdletters.\tNEE\t\t#E8883A

                """)

            // The TSV makes a new project with the same tree and definitions.
            let table = try folder.write("again.tsv", tsv.stdoutData)
            let second = folder.url.appendingPathComponent("second")
            let created = try gloss("init", second.path, "--codebook", table.path)
            #expect(created.status == 0, "\(created)")
            let tsvAgain = try gloss("codebook", second.path, "--format", "tsv")
            #expect(tsvAgain.stdout == tsv.stdout)
        }
    }

    @Test("a sub-code without a colour takes its main code's colour, also when the main code's colour is given")
    func subCodeTakesMainColour() throws {
        try withTemporaryFolder { folder in
            // CodebookTSV documents: "sub-codes take their main code's colour".
            let tsv = try folder.write("kleuren.tsv", """
                code\toperationalisation\texample\tcolor
                Hoofd\t\t\t#3A87D9
                Hoofd > Sub\t\t\t
                Ander\t\t\t
                Ander > Sub\t\t\t

                """)
            let created = try gloss("init", folder.project.path, "--codebook", tsv.path)
            try #require(created.status == 0, "\(created)")
            let result = try gloss("codebook", folder.project.path, "--format", "tsv")
            #expect(result.status == 0, "\(result)")
            let colours = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
                .map { line in (line.split(separator: "\t", omittingEmptySubsequences: false).first!, line.split(separator: "\t").last!) }
            #expect(colours.map { "\($0.0) \($0.1)" } == ["Hoofd #3A87D9", "Hoofd > Sub #3A87D9", "Ander #E8883A", "Ander > Sub #E8883A"])
        }
    }
}
