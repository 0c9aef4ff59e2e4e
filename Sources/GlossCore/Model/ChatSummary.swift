/// What the chat catalog keeps of a transcript: everything but the message texts.
///
/// Counting (figures, the matrix, status, agreement) and checking spans need only this, so those paths
/// never read a transcript; `Project.chat(_:)` reads the text when something shows it.
public struct ChatSummary: ChatShape, Equatable, Sendable {
    public var id: String
    /// Key/value pairs from the file header, in file order.
    public var attributes: [(key: String, value: String)]
    /// Each message's length in code points, in order, packed (summaries of 10,000 chats stay small).
    public let lengths: PackedNumbers
    /// The speakers, in order of first appearance.
    public var speakers: [String]
    /// Each message's speaker, as an index into `speakers`, packed.
    public let speakerIndexes: PackedNumbers

    public init(id: String, attributes: [(key: String, value: String)], messageLengths: [UInt32], speakers: [String], messageSpeakers: [UInt32]) {
        self.init(id: id, attributes: attributes, lengths: PackedNumbers(messageLengths), speakers: speakers,
                  speakerIndexes: PackedNumbers(messageSpeakers))
    }

    /// From packed numbers; `lengths` and `speakerIndexes` have one entry per message.
    init(id: String, attributes: [(key: String, value: String)], lengths: PackedNumbers, speakers: [String], speakerIndexes: PackedNumbers) {
        precondition(lengths.count == speakerIndexes.count, "a chat summary needs a length and a speaker per message")
        self.id = id
        self.attributes = attributes
        self.lengths = lengths
        self.speakers = speakers
        self.speakerIndexes = speakerIndexes
    }

    public var messageLengths: [UInt32] { lengths.values }
    public var messageSpeakers: [UInt32] { speakerIndexes.values }

    public init(_ chat: Chat) {
        var index: [String: UInt32] = [:]
        var speakers: [String] = []
        var messageSpeakers: [UInt32] = []
        messageSpeakers.reserveCapacity(chat.messages.count)
        for message in chat.messages {
            if let known = index[message.speaker] {
                messageSpeakers.append(known)
            } else {
                index[message.speaker] = UInt32(speakers.count)
                messageSpeakers.append(UInt32(speakers.count))
                speakers.append(message.speaker)
            }
        }
        self.init(id: chat.id, attributes: chat.attributes, messageLengths: chat.messages.map { UInt32(clamping: $0.length) },
                  speakers: speakers, messageSpeakers: messageSpeakers)
    }

    public var messageCount: Int { lengths.count }
    public func length(ofMessage number: Int) -> Int { Int(lengths[number - 1]) }

    /// The speaker of message `number` (1-based); `number` is in `1...messageCount`.
    public func speaker(ofMessage number: Int) -> String { speakers[Int(speakerIndexes[number - 1])] }

    public func attribute(_ key: String) -> String? { attributes.first { $0.key == key }?.value }

    public static func == (a: ChatSummary, b: ChatSummary) -> Bool {
        a.id == b.id && a.lengths == b.lengths && a.speakers == b.speakers && a.speakerIndexes == b.speakerIndexes
            && a.attributes.map(\.key) == b.attributes.map(\.key) && a.attributes.map(\.value) == b.attributes.map(\.value)
    }
}
