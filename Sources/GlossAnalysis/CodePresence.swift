import GlossCore

/// Which codes one coder applied in each of a list of chats, as the digest's code numbers: the chat × code
/// presence agreement compares, built once in one pass over those chats' codings.
struct CodePresence {
    let digest: SessionDigest
    /// Per chat of the list, the digest code indexes applied there (sorted, each once).
    let perChat: [[Int32]]

    init(_ digest: SessionDigest, chats: [String]) {
        self.digest = digest
        var seen = [Bool](repeating: false, count: digest.codes.count)
        perChat = chats.map { chat in
            guard let index = digest.index(ofChat: chat) else { return [] }
            var present: [Int32] = []
            for i in digest.codings(inChat: index) {
                for code in digest.codeIndexes(ofCoding: i) where !seen[Int(code)] {
                    seen[Int(code)] = true
                    present.append(code)
                }
            }
            for code in present { seen[Int(code)] = false }
            return present.sorted()
        }
    }

    /// Every code applied in at least one of the chats.
    var applied: Set<CodeID> {
        var used = [Bool](repeating: false, count: digest.codes.count)
        for codes in perChat { for code in codes { used[Int(code)] = true } }
        return Set(digest.codes.indices.filter { used[$0] }.map { digest.codes[$0] })
    }

    /// Per chat, a bitset over `width` positions: bit `positions[code]` is set when the code was applied there.
    /// Codes without a position (not compared) are left out.
    func bitsets(positions: [CodeID: Int], width: Int) -> [[UInt64]] {
        let positionOfIndex = digest.codes.map { positions[$0] ?? -1 }
        let words = Bitset.words(for: width)
        return perChat.map { codes in
            var bits = [UInt64](repeating: 0, count: words)
            for code in codes {
                let position = positionOfIndex[Int(code)]
                if position >= 0 { bits[position >> 6] |= 1 << UInt64(position & 63) }
            }
            return bits
        }
    }
}

/// Fixed-width bitsets stored as `[UInt64]`, 64 positions a word.
enum Bitset {
    static func words(for width: Int) -> Int { (width + 63) / 64 }

    /// The positions (0–63) of the set bits of `word`, lowest first.
    static func members(_ word: UInt64) -> BitMembers { BitMembers(remaining: word) }

    struct BitMembers: Sequence, IteratorProtocol {
        var remaining: UInt64
        mutating func next() -> Int? {
            guard remaining != 0 else { return nil }
            let bit = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return bit
        }
    }
}
