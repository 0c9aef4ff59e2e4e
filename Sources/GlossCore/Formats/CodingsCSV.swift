import Foundation

/// The per-coder codings CSV: `chat,from_message,from_offset,to_message,to_offset,code,memo,relation,text`.
///
/// Messages are numbered from 1, `to_message` inclusive; offsets are code points, `to_offset`
/// end-exclusive; empty offsets mean whole messages. Rows with the same span are one quote with several
/// codes; a row with only `chat` marks that chat done with no codes; every chat named is done. `text` is the
/// quote's text, written by export for the reader and ignored by import (the text is always cut from the
/// transcript), so an edited or missing text column changes nothing.
/// See `docs/formats.md` for the full rules and what the CSV cannot hold.
public enum CodingsCSV {
    /// The most quotes an import reserves room for before it reads them (a million: five times the largest
    /// corpus measured; a larger file simply grows the table as it goes).
    static let reservedQuotesAtMost = 1_000_000

    /// How many quotes to reserve room for: one per line, but never more than the bytes could hold (a row
    /// that names a quote has at least a chat, a code and seven commas) nor `reservedQuotesAtMost`.
    static func reservation(_ bytes: [UInt8]) -> Int {
        let lines = bytes.withUnsafeBufferPointer { b in b.reduce(into: 0) { count, byte in if byte == 0x0A { count += 1 } } }
        return min(lines, bytes.count / 12, reservedQuotesAtMost)
    }

    public static let columns = ["chat", "from_message", "from_offset", "to_message", "to_offset", "code", "memo", "relation", "text"]
    static let required = Array(columns.prefix(6))

    /// What makes rows one quote: the chat and the span.
    private struct QuoteKey: Hashable { var chat: String; var span: Span }

    /// A quote while its rows are read.
    private struct Quote { var span: Span; var chat: String; var codes: [CodeID]; var memo: String; var relation: String; var firstRow: Int }

    /// What a CSV file says: quotes with their codes, and the chats it marks done.
    public struct Contents: Equatable, Sendable {
        public var codings: [Coding]
        public var doneChats: Set<String>
        /// Rows that repeat an earlier row exactly (same chat, span, code, memo and relation): merged into it, as
        /// ATLAS.ti and MAXQDA do on import, and counted so the command can say so.
        public var duplicateRows = 0
    }

    /// Reads and checks a whole file; any bad row makes the whole import fail, with every bad row named.
    /// `proposed`: the coder's proposed codes, which export writes by id, so they come back on import.
    /// `cells`: undo the spreadsheet escaping of `write` (the default) or read cells raw (see `SpreadsheetSafe`).
    /// Messages name rows and quote only names (chat, code, column), cut to about 100 characters.
    public static func read(_ text: String, file: String, chats: [String: Chat], codebook: Codebook,
                            coder: String, proposed: [CodeID: Code] = [:], now: Date = Timestamp.now(),
                            cells: SpreadsheetSafe.Cells = .spreadsheetSafe) throws -> Contents {
        try read(text, file: file, chats: chats, codebook: codebook, coder: coder, proposed: proposed, now: now, cells: cells,
                 loadChat: { chats[$0]! })
    }

    /// The CSV file at `url` (any file the user names; UTF-8, a BOM and CRLF line ends are fine), read as
    /// `read(_:file:…)` reads text.
    public static func read<C: ChatShape>(file url: URL, chats: [String: C], codebook: Codebook,
                                          coder: String, proposed: [CodeID: Code] = [:], now: Date = Timestamp.now(),
                                          cells: SpreadsheetSafe.Cells = .spreadsheetSafe,
                                          loadChat: @escaping @Sendable (String) throws -> Chat) throws -> Contents {
        try read(file: url, chats: chats, codebook: codebook, coder: coder, proposed: proposed, now: now, cells: cells,
                 quoteTexts: { id, spans in
            let chat = try loadChat(id)
            return spans.map(chat.text(of:))
        })
    }

    /// As above, with each quoted chat's quote texts from `quoteTexts` (chat id, its spans in order → their texts;
    /// `Project.quoteTexts` cuts them from the transcript's bytes), called for the chats on all cores.
    public static func read<C: ChatShape>(file url: URL, chats: [String: C], codebook: Codebook,
                                          coder: String, proposed: [CodeID: Code] = [:], now: Date = Timestamp.now(),
                                          cells: SpreadsheetSafe.Cells = .spreadsheetSafe,
                                          quoteTexts: @escaping @Sendable (String, [Span]) throws -> [String]) throws -> Contents {
        let bytes = try TextDecoding.decode(try SecureFiles.readNamedFile(url), file: url.path)
        return try read(bytes: bytes, file: url.path, chats: chats, codebook: codebook, coder: coder, proposed: proposed,
                        now: now, cells: cells, quoteTexts: { groups in
            // The chats on all cores (each transcript read once, then dropped): reading them was a third of a
            // 200,000-row import.
            let results = UnsafeResults<Result<[String], Error>>(count: groups.count)
            DispatchQueue.concurrentPerform(iterations: groups.count) { index in
                results[index] = Result { try quoteTexts(groups[index].chat, groups[index].spans) }
            }
            return try results.values.map { try $0!.get() }
        })
    }

    /// As above, with spans checked against `chats` (summaries are enough) and each quoted chat's text read
    /// once from `loadChat`, chat after chat, for the quote text stored with each coding.
    public static func read<C: ChatShape>(_ text: String, file: String, chats: [String: C], codebook: Codebook,
                                          coder: String, proposed: [CodeID: Code] = [:], now: Date = Timestamp.now(),
                                          cells: SpreadsheetSafe.Cells = .spreadsheetSafe,
                                          loadChat: (String) throws -> Chat) throws -> Contents {
        try read(bytes: Array(text.utf8), file: file, chats: chats, codebook: codebook, coder: coder, proposed: proposed,
                 now: now, cells: cells, quoteTexts: { groups in
            try groups.map { group in
                let chat = try loadChat(group.chat)
                return group.spans.map(chat.text(of:))
            }
        })
    }

    /// The one reader: rows are checked as the parser hands them over (no list of all records is built).
    /// `quoteTexts` gives the text of each span, chat by chat (in the order of the groups it is given).
    static func read<C: ChatShape>(bytes: [UInt8], file: String, chats: [String: C], codebook: Codebook,
                                   coder: String, proposed: [CodeID: Code], now: Date, cells: SpreadsheetSafe.Cells,
                                   quoteTexts: ([(chat: String, spans: [Span])]) throws -> [[String]]) throws -> Contents {
        var names: [String]?
        var column: [String: Int] = [:]
        var errors: [GlossError] = []
        var done = Set<String>()
        var quotes: [QuoteKey: Quote] = [:]
        var duplicateRows = 0
        var order: [QuoteKey] = []
        // At most one quote per line: reserved once, as growing the table step by step cost a twentieth of a
        // 200,000-row import. Bounded, so a file of nothing but line feeds (or line feeds in quoted cells) never
        // asks for gigabytes: a row that names a quote has at least a chat, a code and seven commas.
        let room = reservation(bytes)
        quotes.reserveCapacity(room)
        order.reserveCapacity(room)
        var row = 0
        // Codes by the exact cell that named them: a large file names the same few hundred codes again and again.
        var resolved: [String: Code] = [:]

        // Where each of `columns` is in a record (nil: absent), by the column's place in `columns`: one array
        // lookup per cell instead of hashing its name, on every row.
        var at: [Int?] = []
        let (chatColumn, fromMessageColumn, fromOffsetColumn, toMessageColumn, toOffsetColumn) = (0, 1, 2, 3, 4)
        let (codeColumn, memoColumn, relationColumn) = (5, 6, 7)

        try CSV.forEachRecord(bytes, file: file, cells: cells) { record in
            guard let names else {
                let header = record.fields.map { $0.trimmedSpaces.lowercased() }
                for (index, name) in header.enumerated() {
                    guard columns.contains(name) else {
                        throw GlossError(file: file, place: "line \(record.line)", "unknown column \(GlossError.quoted(name)); the columns are \(columns.joined(separator: ","))")
                    }
                    guard column[name] == nil else { throw GlossError(file: file, place: "line \(record.line)", "the column \(GlossError.quoted(name)) appears twice") }
                    column[name] = index
                }
                let missing = required.filter { column[$0] == nil }
                guard missing.isEmpty else {
                    throw GlossError(file: file, place: "line \(record.line)", "missing column(s): \(missing.joined(separator: ", "))")
                }
                names = header
                at = columns.map { column[$0] }
                return
            }
            row += 1
            let place = "row \(row) (line \(record.line))"
            func field(_ index: Int) -> String {
                guard let i = at[index], i < record.fields.count else { return "" }
                return record.fields[i]
            }
            func fail(_ message: String) { errors.append(GlossError(file: file, place: place, message)) }
            if record.fields.count == 1 && record.fields[0].isEmpty { return }  // a blank line
            if record.fields.count > names.count { fail("has \(record.fields.count) fields; the header names \(names.count)"); return }

            let chatID = field(chatColumn).trimmedSpaces
            guard !chatID.isEmpty else { fail("the chat is empty"); return }
            guard let chat = chats[chatID] else { fail("no chat \(GlossError.quoted(chatID)) in the project"); return }
            done.insert(chatID)
            // Done, no codes: every column but the chat (and the quote text, which import ignores) is empty.
            if (fromMessageColumn...relationColumn).allSatisfy({ field($0).trimmedSpaces.isEmpty }) { return }

            func number(_ index: Int) -> Int? {
                let value = field(index).trimmedSpaces
                return value.isEmpty ? nil : Int(value)
            }
            guard let fromMessage = number(fromMessageColumn), let toMessage = number(toMessageColumn) else {
                fail("from_message and to_message must be whole numbers (messages are numbered from 1)"); return
            }
            let fromOffsetText = field(fromOffsetColumn).trimmedSpaces
            let toOffsetText = field(toOffsetColumn).trimmedSpaces
            guard fromOffsetText.isEmpty || Int(fromOffsetText) != nil, toOffsetText.isEmpty || Int(toOffsetText) != nil else {
                fail("offsets must be whole numbers or empty"); return
            }
            guard chat.hasMessage(toMessage), chat.hasMessage(fromMessage) else {
                fail("chat \(chatID) has messages 1–\(chat.messageCount); the row names \(fromMessage)–\(toMessage)"); return
            }
            let span = Span(from: TextPosition(message: fromMessage, offset: Int(fromOffsetText) ?? 0),
                            to: TextPosition(message: toMessage, offset: Int(toOffsetText) ?? chat.length(ofMessage: toMessage)))
            if let problem = chat.problem(with: span) { fail("in chat \(chatID): \(problem)"); return }

            let reference = field(codeColumn)
            let trimmedReference = reference.trimmedSpaces
            guard let code = resolved[reference] ?? codebook.resolve(reference) ?? proposed[CodeID(trimmedReference)] else {
                fail(reference.trimmedSpaces.isEmpty ? "the code is empty" : "unknown code \(GlossError.quoted(reference)) (give a path like 'Main > Sub' or an id)")
                return
            }
            resolved[reference] = code
            let memo = field(memoColumn)
            let relation = field(relationColumn).trimmedSpaces
            let key = QuoteKey(chat: chatID, span: span)
            if var quote = quotes[key] {
                if quote.memo != memo {
                    fail("the memo differs from row \(quote.firstRow), which has the same span; rows of one quote must agree"); return
                }
                if quote.relation != relation {
                    fail("the relation differs from row \(quote.firstRow), which has the same span; rows of one quote must agree"); return
                }
                // Memo and relation agree (checked above), so a repeated code is an exact duplicate row: merged.
                if quote.codes.contains(code.id) { duplicateRows += 1; return }
                quote.codes.append(code.id)
                quotes[key] = quote
            } else {
                quotes[key] = Quote(span: span, chat: chatID, codes: [code.id], memo: memo, relation: relation, firstRow: row)
                order.append(key)
            }
        }
        guard names != nil else { throw GlossError(file: file, "the file is empty; the first line must name the columns") }
        if !errors.isEmpty { throw GlossErrors(errors) }
        // The quote texts chat by chat: a transcript is read once, and dropped when its quotes have their text.
        let groups = Dictionary(grouping: order.indices, by: { order[$0].chat }).sorted(by: { $0.key < $1.key })
        let texts = try quoteTexts(groups.map { (chat: $0.key, spans: $0.value.map { order[$0].span }) })
        // Where each quote's text is (group, place in it), so the codings are made once, in file order.
        var place = [(group: Int32, index: Int32)](repeating: (0, 0), count: order.count)
        for (group, entry) in groups.enumerated() {
            for (index, position) in entry.value.enumerated() { place[position] = (Int32(group), Int32(index)) }
        }
        let ids = CodingID.generate(count: order.count)
        let codings = order.indices.map { position -> Coding in
            let q = quotes[order[position]]!
            let text = texts[Int(place[position].group)][Int(place[position].index)]
            return Coding(id: ids[position], chat: q.chat, span: q.span, codes: q.codes, relation: q.relation.isEmpty ? nil : q.relation,
                          memo: q.memo.isEmpty ? nil : q.memo, text: text, coder: coder, created: now)
        }
        return Contents(codings: codings, doneChats: done, duplicateRows: duplicateRows)
    }

    /// Writes a session as CSV: chats in order, quotes in text order, one row per code (codes as paths),
    /// memo, relation and the quote's stored text repeated on every row of a quote, and a chat-only row for
    /// each chat done with no codes.
    /// Cells are spreadsheet-safe unless `cells` is `.raw`; `read` undoes it, so the round trip is exact.
    /// `withText: false` leaves out the `text` column (the transcript's words), for an export that must carry
    /// only spans, codes and memos; it imports the same, since import ignores the column.
    public static func write<C: ChatShape>(_ session: Session, codebook: Codebook, chats: [String: C],
                             cells: SpreadsheetSafe.Cells = .spreadsheetSafe, withText: Bool = true) -> String {
        let width = withText ? columns.count : columns.count - 1
        var out = CSV.line(Array(columns.prefix(width)), cells: cells)
        let coded = Set(session.chatsWithCodings)
        let chatIDs = Set(coded).union(session.chatStatuses.filter { $0.value == .done }.map(\.key)).sorted()
        for chatID in chatIDs {
            let codings = session.codings(in: chatID)
            if codings.isEmpty {
                out += CSV.line([chatID] + Array(repeating: "", count: width - 1), cells: cells)
                continue
            }
            for coding in codings {
                let whole = chats[chatID]?.coversWholeMessages(coding.span) ?? false
                for code in coding.codes {
                    out += CSV.line(Array([
                        chatID, String(coding.span.from.message), whole ? "" : String(coding.span.from.offset),
                        String(coding.span.to.message), whole ? "" : String(coding.span.to.offset),
                        codebook.path(of: code) ?? code.rawValue, coding.memo ?? "", coding.relation ?? "", coding.text,
                    ].prefix(width)), cells: cells)
                }
            }
        }
        return out
    }

    /// The changes that make `session` hold what `contents` says.
    /// - `replace`: the CSV becomes the session (every other coding and status is removed).
    /// - otherwise (merge): quotes not yet present are added; codes missing from an existing quote with
    ///   the same span are added to it; the chats named are marked done.
    public static func changes(toImport contents: Contents, into session: Session, replace: Bool) -> [SessionChange] {
        var working = session
        return apply(contents, to: &working, replace: replace, recording: true)
    }

    /// `changes(toImport:into:replace:)` applied to `working` in place; the changes are listed only when
    /// `recording` (a large import starts a new history instead of journalling them: `SessionStore.startNewHistory`).
    @discardableResult
    public static func apply(_ contents: Contents, to working: inout Session, replace: Bool, recording: Bool) -> [SessionChange] {
        var changes: [SessionChange] = []
        let session = working
        working.reserveCapacity(codings: (replace ? 0 : session.codingCount) + contents.codings.count)
        // The quotes already in the session, by chat and span: one lookup per imported quote, so a chat with
        // 100,000 quotes merges in linear time (a scan of the chat's quotes per row made it quadratic).
        var idBySpan: [String: [Span: CodingID]] = [:]
        for coding in session.orderedCodings where idBySpan[coding.chat]?[coding.span] == nil {
            idBySpan[coding.chat, default: [:]][coding.span] = coding.id
        }
        func record(_ change: SessionChange) {
            if recording { changes.append(change) }
            working.apply(change)
            if case .coding(let id, let before, let after) = change {
                if let before, idBySpan[before.chat]?[before.span] == id { idBySpan[before.chat]?[before.span] = nil }
                if let after, idBySpan[after.chat]?[after.span] == nil { idBySpan[after.chat, default: [:]][after.span] = id }
            }
        }
        if replace {
            for coding in session.orderedCodings { record(.coding(id: coding.id, before: coding, after: nil)) }
            for (chat, status) in session.chatStatuses.sorted(by: { $0.key < $1.key }) {
                record(.status(chat: chat, before: status, after: .notStarted))
            }
        }
        for coding in contents.codings {
            if let id = idBySpan[coding.chat]?[coding.span], let existing = working.coding(id) {
                var merged = existing
                for code in coding.codes where !merged.codes.contains(code) { merged.codes.append(code) }
                if merged.memo == nil { merged.memo = coding.memo }
                if merged.relation == nil { merged.relation = coding.relation }
                if merged != existing {
                    merged.modified = coding.created
                    record(.coding(id: existing.id, before: existing, after: merged))
                }
            } else {
                record(.coding(id: coding.id, before: nil, after: coding))
            }
        }
        for chat in contents.doneChats.sorted() where working.status(of: chat) != .done {
            record(.status(chat: chat, before: working.status(of: chat), after: .done))
        }
        return changes
    }
}

extension CodingsCSV {
    /// About how many bytes the journal record of importing `contents` would take (replacing `replacing`, whose
    /// codings it removes): text, memo and relation plus the fixed keys, ids and times of each coding. Only
    /// compared with the undo window (`SessionStore.undoWindow`) to choose between a journalled import and a new
    /// history, so it errs on the large side.
    public static func estimatedJournalBytes(_ contents: Contents, replacing: Session?) -> Int {
        func bytes(_ coding: Coding) -> Int {
            coding.text.utf8.count + (coding.memo?.utf8.count ?? 0) + (coding.relation?.utf8.count ?? 0) + 320 + 40 * coding.codes.count
        }
        var total = contents.codings.reduce(0) { $0 + bytes($1) } + 80 * contents.doneChats.count
        if let replacing {
            replacing.forEachCoding { total += bytes($0) }
            total += 80 * replacing.chatStatuses.count
        }
        return total
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)` (tab and the Unicode space separators, scalar by scalar) without
    /// Foundation's cost, which was a tenth of a large codings import: most cells have nothing to trim.
    var trimmedSpaces: String {
        // Most cells begin and end with a visible ASCII character: nothing to trim, no scalar decoded.
        var probe = self
        let plain = probe.withUTF8 { bytes in
            bytes.isEmpty || ((0x21...0x7E).contains(bytes[0]) && (0x21...0x7E).contains(bytes[bytes.count - 1]))
        }
        if plain { return self }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return start == scalars.startIndex && end == scalars.endIndex ? self : String(scalars[start..<end])
    }
}
