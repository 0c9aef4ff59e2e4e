/// The inputs that break parsers: delimiters, control bytes, numbers that overflow, invalid UTF-8, and a
/// few large ones (deep nesting, a very long line).
enum FuzzTokens {
    /// Short tokens inserted anywhere.
    static let anywhere: [[UInt8]] = [
        "\0", "\u{1B}", "\u{1B}[2J", "\r", "\r\n", "\n", "\"", ",", "\t", "|", " | ", "{", "}", "[", "]", ":", "#", "\\",
        ">", " > ", "-1", "0", "1e309", "NaN", "-0", "99999999999999999999", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "\\ud800", "\\udc00", "\\u0000", "\u{FEFF}", "\u{202E}", "\u{0308}", "😀", "\u{85}", "\u{2028}",
        "null", "true", "\"\"",
    ].map { Array($0.utf8) }

    /// Byte sequences that are not UTF-8: a bad continuation, bytes never valid, an overlong form, an
    /// encoded surrogate, a code point above U+10FFFF and a cut-off sequence.
    static let invalidUTF8: [[UInt8]] = [
        [0xC3, 0x28], [0xFF], [0xFE], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
    ]

    /// A UTF-8 byte-order mark (in the middle of a file it is just an invisible character).
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The large inputs: 10,000 levels of nesting, a 100,000-character line, a 5,000-digit number.
    static let large: [(name: String, bytes: [UInt8])] = [
        ("nesting [×10000", Array(repeating: UInt8(ascii: "["), count: 10_000)),
        ("nesting {\"a\":×10000", Array(String(repeating: "{\"a\":", count: 10_000).utf8)),
        ("nesting [×10000 closed", Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8)),
        ("line of 100000", Array(repeating: UInt8(ascii: "x"), count: 100_000)),
        ("digits ×5000", Array(repeating: UInt8(ascii: "9"), count: 5_000)),
    ]

    /// Cell values for CSV and TSV files (numbers that overflow, paths, colours, quotes).
    static let fields: [String] = [
        "", " ", "-1", "0", "1", "+5", " 5 ", "0x10", "١٢", "1.5", "1e309", "NaN", "99999999999999999999",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "chat-01", "chat-99", "../chat-01",
        "A > > B", " > ", ">", "Aard Uitbuiting", "Dwangmiddel > Bedreiging", "#GGGGGG", "#fff", "#E0443A", "\"", "\"\"",
        "a\"b", "code", "color", "rules", "chat", "memo", "relation", "\u{1B}[31mred", "tab\there", "x\0y",
        String(repeating: "z", count: 100_000), String(repeating: "9", count: 2_000),
    ]

    /// Line starts for transcripts: timestamps in and out of range, header lines, speaker names.
    static let lineStarts: [String] = [
        "[25:00] ", "[23:59] ", "[2024-13-40 25:61] ", "[2024-02-30 23:59] ", "[99999-01-01 00:00] ", "[00:00]", "[0:00] ",
        "# speakers: ", "# speakers: ,", "# speakers: A, B", "# title: ", "#", "# :", "#key value", "Name:", "A B C D: ",
        ": ", "Slachtoffer: ", "Chathulpverlener: ", String(repeating: "x", count: 40) + ": ", "\u{1B}]0;title\u{7}: ",
    ]

    /// JSON values, written as is (several are not valid JSON on purpose).
    static let jsonValues: [String] = [
        "null", "true", "false", "0", "-1", "1", "1.5", "-0", "1e309", "-1e309", "NaN", "Infinity", "99999999999999999999",
        "-99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "01", "1e2",
        "\"\"", "\"x\"", "\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0000b\"", "\"\\u001b[2J\"", "\"\\u202e\"", "\"../../x\"",
        "\"" + String(repeating: "s", count: 100_000) + "\"", String(repeating: "7", count: 5_000),
        "[]", "{}", "[null]", "{\"\": null}", "[[[[[[[[[[]]]]]]]]]]",
        String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        "\"2024-05-01T12:00:00Z\"", "\"2024-13-45T99:99:99Z\"", "\"done\"", "\"in_progress\"", "\"chat-01\"", "\"#E0443A\"",
    ]

    /// Keys added to objects: unknown ones, empty, very long, and the file's own keys (a duplicate).
    static let jsonKeys: [String] = [
        "unknown", "", "schema", "codes", "codings", "chats", "name", "id", "parent", "styles", "fg", "bold",
        String(repeating: "k", count: 10_000), "\u{1B}[2J",
    ]
}

extension FuzzTokens {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
