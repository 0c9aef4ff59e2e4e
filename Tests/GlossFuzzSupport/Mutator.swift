import Foundation

/// The kind of file a mutator makes inputs for; it decides which structure-aware mutations apply.
public enum FuzzFormat: Sendable {
    /// A chat transcript: lines, timestamps, `Speaker:` prefixes, `# key: value` headers.
    case transcript
    case json
    case csv
    case tsv
}

/// One generated input and how it was made (for the failure message).
public struct Mutant: Sendable {
    public let bytes: [UInt8]
    /// The seed file it started from and the mutations applied, in order.
    public let recipe: String

    public var data: Data { Data(bytes) }
}

/// A deterministic mutation fuzzer over real sample files.
///
/// Each case starts from one seed file and applies one to four mutations: byte flips, inserting, deleting
/// or duplicating byte ranges, splicing two seeds, truncation, inserting interesting tokens (control
/// bytes, delimiters, overflowing numbers, invalid UTF-8, a byte-order mark, deep nesting, a 100,000-
/// character line), and mutations that know the format: replacing a JSON value with one of another type,
/// adding or removing members, adding or removing CSV/TSV columns and quotes, reordering transcript lines.
/// Case `n` of seed `s` is the same input on every machine (see `SplitMix64.forCase`).
public struct Mutator: Sendable {
    public let format: FuzzFormat
    private let seeds: [(name: String, bytes: [UInt8])]
    private let trees: [JSONTree?]

    public init(format: FuzzFormat, seeds: [(name: String, bytes: [UInt8])]) {
        precondition(!seeds.isEmpty, "a mutator needs at least one seed file")
        self.format = format
        self.seeds = seeds
        self.trees = format == .json ? seeds.map { JSONTree.parse($0.bytes) } : seeds.map { _ in nil }
    }

    /// Reads seed files (absolute paths); the name in recipes is the file name.
    public init(format: FuzzFormat, files: [URL]) throws {
        self.init(format: format, seeds: try files.map { ($0.lastPathComponent, [UInt8](try Data(contentsOf: $0))) })
    }

    public func mutant(case index: Int, seed: UInt64) -> Mutant {
        var rng = SplitMix64.forCase(index, seed: seed)
        let pick = Int.random(in: 0..<seeds.count, using: &rng)
        var bytes = seeds[pick].bytes
        var steps: [String] = []
        var remaining = Int.random(in: 1...4, using: &rng)
        // A structural JSON edit works on the seed's tree, so it comes first.
        if format == .json, let tree = trees[pick], Int.random(in: 0..<10, using: &rng) < 6 {
            var edited = tree
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                edited = JSONMutations.edit(edited, rng: &rng, steps: &steps)
            }
            bytes = Array(edited.text.utf8)
            remaining -= 1
        }
        while remaining > 0 {
            remaining -= 1
            mutateOnce(&bytes, rng: &rng, steps: &steps)
        }
        return Mutant(bytes: bytes, recipe: "\(seeds[pick].name): " + steps.joined(separator: ", "))
    }

    private func mutateOnce(_ bytes: inout [UInt8], rng: inout SplitMix64, steps: inout [String]) {
        let roll = Int.random(in: 0..<100, using: &rng)
        switch roll {
        case 0..<30 where format != .json:
            TextMutations.structural(&bytes, format: format, rng: &rng, steps: &steps)
        case 0..<30:
            insertToken(&bytes, rng: &rng, steps: &steps)
        case 30..<50:
            insertToken(&bytes, rng: &rng, steps: &steps)
        case 50..<56:
            let token = FuzzTokens.invalidUTF8.randomElement(using: &rng)!
            insert(token, into: &bytes, rng: &rng)
            steps.append("invalid UTF-8 " + token.map { String(format: "%02X", $0) }.joined(separator: " "))
        case 56..<59:
            insert(FuzzTokens.byteOrderMark, into: &bytes, rng: &rng)
            steps.append("BOM in the middle")
        case 59..<63:
            let large = FuzzTokens.large.randomElement(using: &rng)!
            insert(large.bytes, into: &bytes, rng: &rng)
            steps.append(large.name)
        default:
            ByteMutations.apply(&bytes, seeds: seeds.map(\.bytes), rng: &rng, steps: &steps)
        }
    }

    private func insertToken(_ bytes: inout [UInt8], rng: inout SplitMix64, steps: inout [String]) {
        let token = FuzzTokens.anywhere.randomElement(using: &rng)!
        insert(token, into: &bytes, rng: &rng)
        steps.append("insert \(String(decoding: token, as: UTF8.self).debugDescription)")
    }

    /// Inserts at a random place, half the time just after a delimiter (where parsers make decisions).
    private func insert(_ token: [UInt8], into bytes: inout [UInt8], rng: inout SplitMix64) {
        bytes.insert(contentsOf: token, at: ByteMutations.interestingPosition(in: bytes, rng: &rng))
    }
}

/// Mutations that know nothing of the format.
enum ByteMutations {
    static func apply(_ bytes: inout [UInt8], seeds: [[UInt8]], rng: inout SplitMix64, steps: inout [String]) {
        let choice = Int.random(in: 0..<7, using: &rng)
        if bytes.isEmpty && choice != 5 {
            bytes = [UInt8.random(in: 0...255, using: &rng)]
            steps.append("one random byte")
            return
        }
        switch choice {
        case 0:
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            let bit = Int.random(in: 0..<8, using: &rng)
            bytes[at] ^= UInt8(1 << bit)
            steps.append("flip bit \(bit) of byte \(at)")
        case 1:
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            let value: UInt8 = [0x00, 0xFF, 0x7F, 0x80, 0x0A, 0x0D, 0x22, 0x2C, 0x09, 0x5C, 0x7B, 0x5B].randomElement(using: &rng)!
            bytes[at] = value
            steps.append(String(format: "set byte %d to %02X", at, value))
        case 2:
            let at = Int.random(in: 0...bytes.count, using: &rng)
            let count = Int.random(in: 1...8, using: &rng)
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            steps.append("insert \(count) random bytes at \(at)")
        case 3:
            let range = randomRange(in: bytes.count, rng: &rng)
            bytes.removeSubrange(range)
            steps.append("delete bytes \(range)")
        case 4:
            let range = randomRange(in: bytes.count, rng: &rng)
            let at = Int.random(in: 0...bytes.count, using: &rng)
            bytes.insert(contentsOf: bytes[range], at: at)
            steps.append("duplicate bytes \(range) at \(at)")
        case 5:
            let other = seeds.randomElement(using: &rng)!
            let cut = Int.random(in: 0...bytes.count, using: &rng)
            let from = Int.random(in: 0...other.count, using: &rng)
            bytes = Array(bytes[..<cut]) + Array(other[from...])
            steps.append("splice at \(cut) with another seed from \(from)")
        default:
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            bytes.removeSubrange(at...)
            steps.append("truncate at \(at)")
        }
    }

    /// A range of up to 64 bytes (or a quarter of the input).
    static func randomRange(in count: Int, rng: inout SplitMix64) -> Range<Int> {
        let start = Int.random(in: 0..<count, using: &rng)
        let length = Int.random(in: 1...max(1, min(64, count / 4)), using: &rng)
        return start..<min(count, start + length)
    }

    /// A random place, half the time just after a delimiter byte.
    static func interestingPosition(in bytes: [UInt8], rng: inout SplitMix64) -> Int {
        let at = Int.random(in: 0...bytes.count, using: &rng)
        guard Bool.random(using: &rng) else { return at }
        let delimiters: Set<UInt8> = [0x0A, 0x2C, 0x09, 0x3A, 0x22, 0x5B, 0x7B, 0x20, 0x3E, 0x7C]
        var i = at
        while i < bytes.count {
            if delimiters.contains(bytes[i]) { return i + 1 }
            i += 1
        }
        return at
    }
}

/// Line- and field-level mutations for transcripts, CSV and TSV.
enum TextMutations {
    static func structural(_ bytes: inout [UInt8], format: FuzzFormat, rng: inout SplitMix64, steps: inout [String]) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.isEmpty { lines = [[]] }
        let line = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<(format == .transcript ? 7 : 12), using: &rng) {
        case 0:
            lines.insert(lines[line], at: Int.random(in: 0...lines.count, using: &rng))
            steps.append("duplicate line \(line + 1)")
        case 1:
            lines.remove(at: line)
            steps.append("delete line \(line + 1)")
        case 2:
            let other = Int.random(in: 0..<lines.count, using: &rng)
            lines.swapAt(line, other)
            steps.append("swap lines \(line + 1) and \(other + 1)")
        case 3:
            let at = Int.random(in: 0...lines[line].count, using: &rng)
            let rest = Array(lines[line][at...])
            lines[line].removeSubrange(at...)
            lines.insert(rest, at: line + 1)
            steps.append("break line \(line + 1) at \(at)")
        case 4:
            lines = [lines.joined(separator: [format == .tsv ? 0x09 : 0x2C]).map { $0 }]
            steps.append("join all lines")
        case 5:
            let ending: [UInt8] = Bool.random(using: &rng) ? [0x0D] : [0x0D, 0x0A]
            bytes = Array(lines.joined(separator: ending))
            steps.append(ending.count == 1 ? "CR line ends" : "CRLF line ends")
            return
        case 6 where format == .transcript:
            let start = FuzzTokens.lineStarts.randomElement(using: &rng)!
            lines.insert(Array(start.utf8) + (Bool.random(using: &rng) ? lines[line] : []), at: line)
            steps.append("line start \(start.debugDescription) at line \(line + 1)")
        default:
            fieldMutation(&lines, line: line, separator: format == .tsv ? 0x09 : 0x2C, rng: &rng, steps: &steps)
        }
        bytes = Array(lines.joined(separator: [0x0A]))
    }

    /// Adds or removes a column (in one row or all), replaces or quotes a cell, or changes the separator.
    /// Fields are split on the separator without regard to quotes: a mutator may break quoting.
    private static func fieldMutation(_ lines: inout [[UInt8]], line: Int, separator: UInt8, rng: inout SplitMix64, steps: inout [String]) {
        func fields(_ row: [UInt8]) -> [[UInt8]] { row.split(separator: separator, omittingEmptySubsequences: false).map(Array.init) }
        func join(_ cells: [[UInt8]]) -> [UInt8] { Array(cells.joined(separator: [separator])) }
        let token = Array(FuzzTokens.fields.randomElement(using: &rng)!.utf8)
        var row = fields(lines[line])
        let column = Int.random(in: 0..<row.count, using: &rng)
        switch Int.random(in: 0..<7, using: &rng) {
        case 0:
            let all = Bool.random(using: &rng)
            for n in lines.indices where all || n == line {
                var cells = fields(lines[n])
                cells.insert(token, at: min(column, cells.count))
                lines[n] = join(cells)
            }
            steps.append("add column \(column + 1) in \(all ? "every row" : "line \(line + 1)")")
            return
        case 1:
            let all = Bool.random(using: &rng)
            for n in lines.indices where all || n == line {
                var cells = fields(lines[n])
                if column < cells.count { cells.remove(at: column) }
                lines[n] = join(cells)
            }
            steps.append("remove column \(column + 1) in \(all ? "every row" : "line \(line + 1)")")
            return
        case 2:
            row[column] = token
            steps.append("cell \(line + 1):\(column + 1) = \(String(decoding: token.prefix(40), as: UTF8.self).debugDescription)\(token.count > 40 ? "… (\(token.count) bytes)" : "")")
        case 3:
            row[column] = [0x22] + row[column].flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
            steps.append("quote cell \(line + 1):\(column + 1)")
        case 4:
            row[column].insert(0x22, at: Int.random(in: 0...row[column].count, using: &rng))
            steps.append("stray quote in cell \(line + 1):\(column + 1)")
        case 5:
            let other: UInt8 = separator == 0x09 ? 0x2C : 0x09
            lines = lines.map { $0.map { $0 == separator ? other : $0 } }
            steps.append("change the separator")
            return
        default:
            row = row.map { _ in [] }
            steps.append("empty every cell of line \(line + 1)")
        }
        lines[line] = join(row)
    }
}

/// Edits of a JSON tree: a value of another type, removed or added members, duplicated elements.
enum JSONMutations {
    static func edit(_ tree: JSONTree, rng: inout SplitMix64, steps: inout [String]) -> JSONTree {
        var paths: [[Int]] = []
        collect(tree, path: [], into: &paths)
        let path = paths.randomElement(using: &rng)!
        let place = path.isEmpty ? "the top" : "node " + path.map(String.init).joined(separator: ".")
        let choice = Int.random(in: 0..<6, using: &rng)
        let value = JSONTree.raw(FuzzTokens.jsonValues.randomElement(using: &rng)!)
        let key = FuzzTokens.jsonKeys.randomElement(using: &rng)!
        return modify(tree, at: path[...]) { node in
            switch (choice, node) {
            case (1, _) where !path.isEmpty:
                steps.append("remove \(place)")
                return []
            case (2, .object(var members)):
                let at = Int.random(in: 0...members.count, using: &rng)
                members.insert((key, value), at: at)
                steps.append("add key \(String(key.prefix(20)).debugDescription) = \(value.text.prefix(30)) to \(place)")
                return [.object(members)]
            case (3, .object(var members)) where !members.isEmpty:
                let n = Int.random(in: 0..<members.count, using: &rng)
                members.append(members[n])
                steps.append("duplicate key \(members[n].key.debugDescription) in \(place)")
                return [.object(members)]
            case (3, .array(var items)) where !items.isEmpty:
                let n = Int.random(in: 0..<items.count, using: &rng)
                items.insert(items[n], at: Int.random(in: 0...items.count, using: &rng))
                steps.append("duplicate element \(n) of \(place)")
                return [.array(items)]
            case (4, _):
                steps.append("wrap \(place) in a list")
                return [.array([node])]
            default:
                steps.append("replace \(place) with \(value.text.prefix(30))\(value.text.count > 30 ? "… (\(value.text.count) bytes)" : "")")
                return [value]
            }
        }
    }

    static func collect(_ tree: JSONTree, path: [Int], into paths: inout [[Int]]) {
        paths.append(path)
        switch tree {
        case .array(let items): for (n, item) in items.enumerated() { collect(item, path: path + [n], into: &paths) }
        case .object(let members): for (n, member) in members.enumerated() { collect(member.value, path: path + [n], into: &paths) }
        default: break
        }
    }

    /// Replaces the node at `path` by what `change` returns (none removes it; at the top, none is `null`).
    static func modify(_ tree: JSONTree, at path: ArraySlice<Int>, _ change: (JSONTree) -> [JSONTree]) -> JSONTree {
        guard let first = path.first else { return change(tree).first ?? .null }
        let rest = path.dropFirst()
        switch tree {
        case .array(var items):
            if rest.isEmpty {
                items.replaceSubrange(first...first, with: change(items[first]))
            } else {
                items[first] = modify(items[first], at: rest, change)
            }
            return .array(items)
        case .object(var members):
            if rest.isEmpty {
                members.replaceSubrange(first...first, with: change(members[first].value).map { (members[first].key, $0) })
            } else {
                members[first].value = modify(members[first].value, at: rest, change)
            }
            return .object(members)
        default:
            return tree
        }
    }
}
