import Foundation
import GlossCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place where `gloss` writes to standard output and standard error.
///
/// Every command writes through these functions, never through `print`: text from transcripts, codebooks, file
/// names and the command line can hold terminal commands (an OSC 52 clipboard write, a window title, a screen
/// clear) and bidi overrides, and a person reads this output in a terminal. `TerminalText` has the rule.
///
/// - `text`: human-readable output (the text and Markdown formats, messages): controls shown as `\u{…}`;
///   line feed and tab kept.
/// - `json`: JSON, with every control escaped as JSON escapes it (`\u009b`): the same value for a JSON reader.
/// - `table`: CSV and TSV. Written exactly when standard output is a file or a pipe (it is data, read back by
///   Gloss or a spreadsheet); when it is a terminal, a person is reading it, and it is shown like `text`.
/// - `error`: a message on standard error, each line after `gloss: `, shown like `text`.
enum Output {
    static func text(_ text: String, terminator: String = "\n") {
        emit(TerminalText.escaped(text + terminator), to: STDOUT_FILENO)
    }

    static func json(_ data: Data) {
        emit(TerminalText.escapedJSON(String(decoding: data, as: UTF8.self)), to: STDOUT_FILENO)
    }

    static func table(_ text: String) {
        emit(isatty(STDOUT_FILENO) == 1 ? TerminalText.escaped(text) : text, to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        let lines = TerminalText.escaped(text).split(separator: "\n", omittingEmptySubsequences: false)
        emit(lines.map { "\(prefix)\(withoutPrefix($0))\n" }.joined(), to: STDERR_FILENO)
    }

    /// Standard error without the `gloss: ` prefix: argument-parser's own messages, which have their shape.
    static func plainError(_ text: String) {
        emit(TerminalText.escaped(text), to: STDERR_FILENO)
    }

    /// What every error line begins with, exactly once.
    static let prefix = "gloss: "

    /// An argument-parser error message (`Error: Missing expected argument …`, then help and usage lines)
    /// with its first line beginning like every other error of Gloss: `gloss: Missing expected argument …`.
    static func parserError(_ message: String) -> String {
        message.hasPrefix("Error: ") ? prefix + message.dropFirst("Error: ".count) : message
    }

    /// A message line without a `gloss: ` it already begins with (a message passed on from elsewhere), so
    /// the line gets the prefix once.
    private static func withoutPrefix(_ line: Substring) -> Substring {
        var line = line
        while line.hasPrefix(prefix) { line = line.dropFirst(prefix.count) }
        return line
    }

    /// Straight to the file descriptor (no buffer to flush, so standard output and standard error stay in
    /// order); a closed pipe ends the program by SIGPIPE as it does any command-line tool.
    private static func emit(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
