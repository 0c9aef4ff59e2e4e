import Foundation
import Testing
import GlossCore
import GlossAnalysis

/// Shared in-memory fixtures for the GlossAnalysis tests. Every expected number in the tests is worked out
/// by hand from the tree and the sessions below; nothing here computes an expectation with the code under test.

/// A fixed time so codings compare equal across runs.
let fixedDate = Date(timeIntervalSince1970: 1_700_000_000)

/// The test codebook, with fixed ids. Tree order (= codebook order, the index in brackets):
///
/// ```
/// [0] Dwangmiddelen                  dwang            (category of figure "Dwangmiddelen")
/// [1]   Bedreiging                   bedreiging
/// [2]     Met geweld                 bedreigingGeweld (grandchild)
/// [3]     Met openbaarmaking         bedreigingOpenbaar
/// [4]   Fysiek geweld                fysiek
/// [5]   Chantage                     chantage
/// [6]   Isolatie                     isolatie
/// [7] Motieven                       motief           (category of figure "Motieven")
/// [8]   Financieel                   financieel
/// [9]   Wraak                        wraak
/// ```
///
/// Leaves, in codebook order: bedreigingGeweld, bedreigingOpenbaar, fysiek, chantage, isolatie, financieel, wraak.
/// The codes are given to `Codebook(codes:)` out of tree order on purpose: the codebook puts them in tree order.
enum Book {
    static let dwang = CodeID("code-dwang")
    static let bedreiging = CodeID("code-bedreiging")
    static let bedreigingGeweld = CodeID("code-bedreiging-geweld")
    static let bedreigingOpenbaar = CodeID("code-bedreiging-openbaar")
    static let fysiek = CodeID("code-fysiek")
    static let chantage = CodeID("code-chantage")
    static let isolatie = CodeID("code-isolatie")
    static let motief = CodeID("code-motief")
    static let financieel = CodeID("code-financieel")
    static let wraak = CodeID("code-wraak")

    static func codebook() throws -> Codebook {
        try Codebook(name: "Van kwaad tot erger (test)", codes: [
            Code(id: dwang, name: "Dwangmiddelen"),
            Code(id: bedreiging, name: "Bedreiging", parent: dwang),
            Code(id: motief, name: "Motieven"),
            Code(id: fysiek, name: "Fysiek geweld", parent: dwang),
            Code(id: bedreigingGeweld, name: "Met geweld", parent: bedreiging),
            Code(id: chantage, name: "Chantage", parent: dwang),
            Code(id: bedreigingOpenbaar, name: "Met openbaarmaking", parent: bedreiging),
            Code(id: isolatie, name: "Isolatie", parent: dwang),
            Code(id: financieel, name: "Financieel", parent: motief),
            Code(id: wraak, name: "Wraak", parent: motief),
        ])
    }

    static func hierarchy(proposed: [CodeID: Code] = [:]) throws -> CodeHierarchy {
        CodeHierarchy(codebook: try codebook(), proposed: proposed)
    }
}

/// Nine small chats, `chat-01` … `chat-09`, three messages each.
enum Chats {
    static func chat(_ number: Int) -> Chat {
        let id = String(format: "chat-%02d", number)
        return Chat(id: id, messages: [
            Message(speaker: "Chathulpverlener", text: "Hoi, waar wil je over praten? (\(id))"),
            Message(speaker: "Slachtoffer", text: "Hij zegt dat hij mijn foto's gaat delen."),
            Message(speaker: "Chathulpverlener", text: "Dat is niet jouw schuld."),
        ])
    }

    static let all: [Chat] = (1...9).map { chat($0) }

    static func id(_ number: Int) -> String { String(format: "chat-%02d", number) }
}

/// Builds a coding of `chat`: message `message`, offsets `from ..< to` (default: the whole message); the
/// quote text is read from the chat so the coding is one the validator would accept.
func quote(_ id: String, chat number: Int, message: Int = 1, from: Int = 0, to: Int? = nil, _ codes: [CodeID],
           relation: String? = nil) -> Coding {
    let chat = Chats.chat(number)
    let end = to ?? chat.messages[message - 1].length
    let span = Span(from: TextPosition(message: message, offset: from), to: TextPosition(message: message, offset: end))
    return Coding(id: CodingID(id), chat: chat.id, span: span, codes: codes, relation: relation, text: chat.text(of: span),
                  coder: "anna", created: fixedDate)
}

extension Session {
    /// Adds (or replaces) a coding through a `SessionChange`, as the app does.
    mutating func add(_ coding: Coding) {
        apply(.coding(id: coding.id, before: codings[coding.id], after: coding))
    }

    /// Sets a chat's status through a `SessionChange`.
    mutating func mark(_ chat: Int, _ status: ChatStatus) {
        apply(.status(chat: Chats.id(chat), before: self.status(of: Chats.id(chat)), after: status))
    }

    /// Adds a proposed code through a `SessionChange`.
    mutating func propose(_ code: Code) {
        apply(.proposal(id: code.id, before: proposedCodes[code.id], after: code))
    }

    static func anna() -> Session { Session(coder: "anna") }
}

/// Everything a figure needs, computed the way `gloss report` does (full recount of the session).
struct Analysis {
    let hierarchy: CodeHierarchy
    let index: FrequencyIndex

    init(_ session: Session, hierarchy: CodeHierarchy) {
        self.hierarchy = hierarchy
        self.index = FrequencyIndex(hierarchy: hierarchy, session: session)
    }

    /// The session with its own proposals in the tree, as the CLI builds it.
    init(_ session: Session) throws {
        self.init(session, hierarchy: try Book.hierarchy(proposed: session.proposedCodes))
    }

    func figure(_ category: CodeID, totalChats: Int = 9, hideEmpty: Bool = false) -> Figure {
        Figure(number: 4, title: "Dwangmiddelen", category: category, hierarchy: hierarchy, index: index,
               totalChats: totalChats, hideEmpty: hideEmpty)
    }
}

extension Figure {
    func bar(_ code: CodeID) -> Bar? { bars.first { $0.code == code } }
    var barCodes: [CodeID] { bars.map(\.code) }
}

/// `actual` is non-nil, finite and within 1e-9 of `expected`.
func approx(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual, actual.isFinite else { return false }
    return abs(actual - expected) < 1e-9
}

/// Status counts as a comparable triple; `StatusCounts` has no public memberwise initialiser.
struct Status: Equatable, CustomStringConvertible {
    var done: Int
    var inProgress: Int
    var notStarted: Int
    init(done: Int, inProgress: Int, notStarted: Int) { self.done = done; self.inProgress = inProgress; self.notStarted = notStarted }
    init(_ counts: StatusCounts) { self.init(done: counts.done, inProgress: counts.inProgress, notStarted: counts.notStarted) }
    var description: String { "done \(done), in progress \(inProgress), not started \(notStarted)" }
}

/// Co-occurrence as a comparable pair; `CodeStatistics.CoOccurrence` has no public initialiser.
struct Together: Equatable, CustomStringConvertible {
    var chats: Int
    var quotes: Int
    init(chats: Int, quotes: Int) { self.chats = chats; self.quotes = quotes }
    init(_ value: CodeStatistics.CoOccurrence) { self.init(chats: value.chats, quotes: value.quotes) }
    var description: String { "\(chats) chats, \(quotes) quotes" }
}
