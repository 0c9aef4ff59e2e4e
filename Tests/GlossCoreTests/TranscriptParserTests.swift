import Foundation
import Testing
@testable import GlossCore

@Suite("TranscriptParser")
struct TranscriptParserTests {
    private func parse(_ text: String, id: String = "chat", encoding: TextDecoding.Encoding = .utf8) throws -> Chat {
        try TranscriptParser(encoding: encoding).parse(bytes(text), id: id, file: "\(id).txt")
    }

    private func parse(raw: [UInt8], encoding: TextDecoding.Encoding = .utf8) throws -> Chat {
        try TranscriptParser(encoding: encoding).parse(Data(raw), id: "chat", file: "chat.txt")
    }

    private func refusal(_ text: String) throws -> GlossError {
        try #require(throws: GlossError.self) { try parse(text) }
    }

    private func speakers(_ chat: Chat) -> [String] { chat.messages.map(\.speaker) }
    private func texts(_ chat: Chat) -> [String] { chat.messages.map(\.text) }

    // MARK: Header

    @Test func headerFieldsInFileOrder() throws {
        let chat = try parse("""
            # title: Eerste gesprek
            #date:2021-03-14
            # start: 19:02
            # speakers: Jan, Piet
            Jan: hoi
            """)
        #expect(chat.attributes.map(\.key) == ["title", "date", "start", "speakers"])
        #expect(chat.attributes.map(\.value) == ["Eerste gesprek", "2021-03-14", "19:02", "Jan, Piet"])
        #expect(chat.attribute("title") == "Eerste gesprek")
        #expect(chat.attribute("date") == "2021-03-14")
        #expect(chat.attribute("missing") == nil)
    }

    @Test func headerLineWithoutKeyIsAnError() throws {
        let error = try refusal("# title: x\n# just a remark\nJan: hoi\n")
        #expect(error.place == "line 2")
        #expect(error.message.contains("# key: value"))
    }

    @Test func emptySpeakersListIsAnError() throws {
        let error = try refusal("# speakers: , \nJan: hoi\n")
        #expect(error.place == "line 1")
    }

    @Test func hashLineAfterTheHeaderIsText() throws {
        let chat = try parse("Jan: hoi\n# geen header meer\n")
        #expect(texts(chat) == ["hoi\n# geen header meer"])
    }

    @Test func chatIDComesFromTheFileName() throws {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("gesprek-07.txt")
            try bytes("Jan: hoi\n").write(to: url)
            let chat = try TranscriptParser().parse(fileAt: url)
            #expect(chat.id == "gesprek-07")
            #expect(texts(chat) == ["hoi"])
        }
    }

    @Test(arguments: ["a,b", "a\"b", ".hidden", ""])
    func invalidChatIDIsRefused(id: String) throws {
        #expect(throws: GlossError.self) { try TranscriptParser().parse(bytes("Jan: hoi\n"), id: id, file: "x.txt") }
    }

    // MARK: Mode 1: a speakers list

    @Test func speakersListMakesOtherNameLinesContinuations() throws {
        let chat = try parse("""
            # speakers: Slachtoffer, Chathulpverlener
            Chathulpverlener: Hoi
            Slachtoffer: het gaat over thuis
            Ik zei: nee
            Slachtoffer: echt
            """)
        #expect(speakers(chat) == ["Chathulpverlener", "Slachtoffer", "Slachtoffer"])
        #expect(texts(chat) == ["Hoi", "het gaat over thuis\nIk zei: nee", "echt"])
    }

    @Test func withoutSpeakersListTheSameLineIsAFalseSpeaker() throws {
        // Mode 3 (names): "Ik zei" is a valid speaker name (two words), so it starts a message. This is
        // exactly why the `# speakers:` header exists.
        let chat = try parse("""
            Chathulpverlener: Hoi
            Slachtoffer: het gaat over thuis
            Ik zei: nee
            """)
        #expect(speakers(chat) == ["Chathulpverlener", "Slachtoffer", "Ik zei"])
    }

    @Test func speakersListPrefersTheLongestName() throws {
        let chat = try parse("""
            # speakers: Hulpverlener, Hulpverlener 2
            Hulpverlener 2: ik neem het over
            Hulpverlener: dank je
            Hulpverlener 3: geen spreker
            """)
        #expect(speakers(chat) == ["Hulpverlener 2", "Hulpverlener"])
        #expect(texts(chat) == ["ik neem het over", "dank je\nHulpverlener 3: geen spreker"])
    }

    @Test func speakersListAcceptsTimestamps() throws {
        let chat = try parse("""
            # speakers: Jan, Piet
            [2021-03-14 19:02] Jan: hoi
            [19:03] Piet: hallo
            Piet: zonder tijd
            """)
        #expect(speakers(chat) == ["Jan", "Piet", "Piet"])
        #expect(chat.messages.map(\.timestamp) == ["2021-03-14 19:02", "19:03", nil])
        #expect(texts(chat) == ["hoi", "hallo", "zonder tijd"])
    }

    // MARK: Mode 2: the first message has a timestamp

    @Test func timestampedChatTreatsLinesWithoutTimestampAsContinuations() throws {
        let chat = try parse("""
            [19:02] Chathulpverlener: Hoi
            [19:03] Slachtoffer: het gaat over thuis
            Ik zei: nee
            Jan: ook geen nieuw bericht
            [19:05] Chathulpverlener: oké
            """)
        #expect(speakers(chat) == ["Chathulpverlener", "Slachtoffer", "Chathulpverlener"])
        #expect(texts(chat) == ["Hoi", "het gaat over thuis\nIk zei: nee\nJan: ook geen nieuw bericht", "oké"])
        #expect(chat.messages.map(\.timestamp) == ["19:02", "19:03", "19:05"])
    }

    @Test func timestampedChatNeedsASpeakerAfterTheTimestamp() throws {
        let chat = try parse("""
            [19:02] Jan: hoi
            [19:03] zie je dit: nee
            [19:04]Piet: geen spatie na de tijd
            """)
        // "zie je dit" is a valid name (three words), so it does start a message; the third line has no
        // space after the timestamp and continues it.
        #expect(speakers(chat) == ["Jan", "zie je dit"])
        #expect(texts(chat)[1] == "nee\n[19:04]Piet: geen spatie na de tijd")
    }

    @Test func bothTimestampFormsAreRead() throws {
        let chat = try parse("[2021-03-14 19:02] Jan: a\n[00:00] Piet: b\n[23:59] Jan: c\n[1999-12-31 23:59] Piet: d\n")
        #expect(chat.messages.map(\.timestamp) == ["2021-03-14 19:02", "00:00", "23:59", "1999-12-31 23:59"])
        #expect(texts(chat) == ["a", "b", "c", "d"])
    }

    @Test(arguments: ["[25:00]", "[24:00]", "[12:60]", "[9:05]", "[2021-13-01 10:00]", "[2021-00-01 10:00]",
                      "[2021-03-32 10:00]", "[2021-03-14 24:00]", "[2021-03-14 19:02", "[ab:cd]"])
    func invalidTimestampIsText(stamp: String) throws {
        // In a timestamped chat a line with an invalid stamp is not a message start, so it continues.
        let chat = try parse("[10:00] Jan: hoi\n\(stamp) Piet: nee\n")
        #expect(speakers(chat) == ["Jan"])
        #expect(texts(chat) == ["hoi\n\(stamp) Piet: nee"])
    }

    @Test func invalidTimestampOnTheFirstLineIsTextBeforeTheFirstMessage() throws {
        let error = try refusal("[25:00] Jan: hoi\n")
        #expect(error.place == "line 1")
        #expect(error.message.contains("before the first message"))
    }

    // MARK: Mode 3: names

    @Test func namedModeRecognisesSpeakerNames() throws {
        let chat = try parse("""
            Jan: hoi
            Anne-Marie: hallo
            Dr. O'Neil: goedenavond
            M_2: test
            Zoë: ja
            Let op:
            Dit zijn vier woorden: geen spreker
            http://example.com niet
            Om 10:30 zei hij: ja
            Een naam die veel te lang is voor een spreker: nee
            """)
        #expect(speakers(chat) == ["Jan", "Anne-Marie", "Dr. O'Neil", "M_2", "Zoë", "Let op"])
        #expect(texts(chat)[5] == "\nDit zijn vier woorden: geen spreker\nhttp://example.com niet\nOm 10:30 zei hij: ja\nEen naam die veel te lang is voor een spreker: nee")
    }

    @Test func namedModeNeedsASpaceOrLineEndAfterTheColon() throws {
        let chat = try parse("Jan: hoi\nPiet:geen spatie\nKees:\tmet tab\n")
        #expect(speakers(chat) == ["Jan", "Kees"])
        #expect(texts(chat) == ["hoi\nPiet:geen spatie", "met tab"])
    }

    @Test func namedModeAcceptsAnOptionalTimestamp() throws {
        let chat = try parse("Jan: hoi\n[19:03] Piet: hallo\n")
        #expect(speakers(chat) == ["Jan", "Piet"])
        #expect(chat.messages.map(\.timestamp) == [nil, "19:03"])
    }

    @Test func speakerNameRules() {
        #expect(TranscriptParser.isSpeakerName("Jan"))
        #expect(TranscriptParser.isSpeakerName("Hulpverlener 2"))
        #expect(TranscriptParser.isSpeakerName("Ik zei"))
        #expect(TranscriptParser.isSpeakerName(String(repeating: "a", count: 32)))
        #expect(!TranscriptParser.isSpeakerName(String(repeating: "a", count: 33)))
        #expect(!TranscriptParser.isSpeakerName("2Jan"))
        #expect(!TranscriptParser.isSpeakerName("een twee drie vier"))
        #expect(!TranscriptParser.isSpeakerName("twee  spaties"))
        #expect(!TranscriptParser.isSpeakerName("Jan!"))
        #expect(!TranscriptParser.isSpeakerName(""))
    }

    // MARK: Lines and blank lines

    @Test func continuationLinesAreJoinedWithNewline() throws {
        let chat = try parse("Jan: een\ntwee\n  drie met spaties\n")
        #expect(texts(chat) == ["een\ntwee\n  drie met spaties"])
    }

    @Test func blankLinesBetweenMessagesAreDroppedInsideKept() throws {
        let chat = try parse("Jan: een\n\ntwee\n \t\n\ndrie\n\n\nPiet: vier\n\n\n")
        // Inside Jan's message: one blank line, then a whitespace-only line and a blank line (both blank).
        #expect(texts(chat) == ["een\n\ntwee\n\n\ndrie", "vier"])
    }

    @Test func messageLineNumbersCountHeaderAndBlankLines() throws {
        let chat = try Sample.chat()
        #expect(chat.messages.map(\.line) == [3, 4, 7])
    }

    @Test func sampleTranscript() throws {
        let chat = try Sample.chat()
        #expect(chat.id == "chat-01")
        #expect(speakers(chat) == ["Chathulpverlener", "Slachtoffer", "Chathulpverlener"])
        #expect(texts(chat) == ["Hoi, waar wil je over praten?", "Hoi \u{1F614} ik ben Zoe\u{308}\nIk zei: nee", "Dat is moedig."])
        #expect(chat.messages.map(\.length) == [29, 29, 14])
    }

    // MARK: Errors

    @Test func textBeforeTheFirstMessageNamesTheLine() throws {
        let error = try refusal("# title: x\n\nhallo daar\nJan: hoi\n")
        #expect(error.file == "chat.txt")
        #expect(error.place == "line 3")
        #expect(error.message.contains("before the first message"))
    }

    @Test(arguments: ["", "\n\n", "   \n", "# title: leeg\n", "# title: leeg\n\n  \n"])
    func fileWithoutMessagesIsAnError(text: String) throws {
        let error = try refusal(text)
        #expect(error.message.contains("no messages"))
    }

    // MARK: Encodings

    @Test func crlfAndBOMGiveTheSameChatAsLF() throws {
        let lf = try Sample.chat()
        let crlf = Sample.transcript.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(crlf.utf8.contains(0x0D))
        let chat = try TranscriptParser().parse(Data([0xEF, 0xBB, 0xBF] + Array(crlf.utf8)), id: "chat-01", file: "chat-01.txt")
        #expect(chat == lf)
        #expect(chat.messages.allSatisfy { !$0.text.unicodeScalars.contains("\r") })
        // `==` on Chat compares strings canonically; check the scalars too.
        #expect(zip(chat.messages, lf.messages).allSatisfy { ScalarText.identical($0.text, $1.text) })
    }

    @Test func latin1ByteIsRefusedWithLineColumnAndByte() throws {
        let raw = Array("Jan: hoi\nPiet: caf".utf8) + [0xE9] + Array("\n".utf8)
        let error = try #require(throws: GlossError.self) { try parse(raw: raw) }
        #expect(error.place == "line 2, column 10")
        #expect(error.message.contains("0xE9"))
    }

    @Test func latin1IsAcceptedWithTheLatin1Encoding() throws {
        let raw = Array("Jan: hoi\nPiet: caf".utf8) + [0xE9] + Array("\n".utf8)
        let chat = try parse(raw: raw, encoding: .latin1)
        #expect(texts(chat) == ["hoi", "caf\u{E9}"])
        #expect(ScalarText.identical(chat.messages[1].text, "caf\u{E9}"))
        #expect(chat.messages[1].length == 4)
    }

    @Test func utf16IsRefused() throws {
        let raw: [UInt8] = [0xFF, 0xFE] + Array("Jan: hoi".utf8).flatMap { [$0, 0] }
        let error = try #require(throws: GlossError.self) { try parse(raw: raw) }
        #expect(error.message.contains("UTF-16"))
    }

    @Test func nulIsRefused() throws {
        let error = try #require(throws: GlossError.self) { try parse(raw: Array("Jan: h".utf8) + [0, 0x69]) }
        #expect(error.place == "line 1, column 7")
        #expect(error.message.contains("NUL"))
    }
}
