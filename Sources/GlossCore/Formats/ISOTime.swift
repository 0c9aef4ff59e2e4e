import Foundation

/// Fast conversion between `Date` and `YYYY-MM-DDTHH:MM:SSZ`, the time format of every Gloss file.
///
/// A session holds two times per coding; Foundation's ISO 8601 formatter made reading a 20,000-coding
/// session several times slower than the rest of parsing. Other ISO 8601 forms (offsets, fractions)
/// are still accepted through the formatter.
enum ISOTime {
    /// The seconds since 1970 a Gloss file can hold: years 0000 to 9999, as the four-digit form writes them (a
    /// time from a binary cache outside it is damage: it could not come from a session file).
    static let representableSeconds = -62_167_219_200...253_402_300_799

    static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        // Digits written directly: String(format:) was a tenth of a 200,000-row codings import.
        guard (0...9999).contains(y) else {
            return String(format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y, m, d, secondOfDay / 3600, (secondOfDay / 60) % 60, secondOfDay % 60)
        }
        var bytes = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int64, _ at: Int, _ width: Int) {
            var v = value
            for i in stride(from: at + width - 1, through: at, by: -1) { bytes[i] = UInt8(0x30 + v % 10); v /= 10 }
        }
        put(y, 0, 4); bytes[4] = 0x2D; put(m, 5, 2); bytes[7] = 0x2D; put(d, 8, 2); bytes[10] = 0x54
        put(secondOfDay / 3600, 11, 2); bytes[13] = 0x3A; put((secondOfDay / 60) % 60, 14, 2); bytes[16] = 0x3A
        put(secondOfDay % 60, 17, 2); bytes[19] = 0x5A
        return String(decoding: bytes, as: UTF8.self)
    }

    static func parse(_ text: String) -> Date? {
        var text = text
        if let date = text.withUTF8({ parse(bytes: $0) }) { return date }
        return ISO8601DateFormatter().date(from: text)
    }

    /// The fixed `YYYY-MM-DDTHH:MM:SSZ` form, read straight from the bytes.
    private static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        if b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A {
            func n(_ range: Range<Int>) -> Int64? {
                var v: Int64 = 0
                for i in range {
                    guard (0x30...0x39).contains(b[i]) else { return nil }
                    v = v * 10 + Int64(b[i] - 0x30)
                }
                return v
            }
            if let y = n(0..<4), let mo = n(5..<7), let d = n(8..<10), let h = n(11..<13), let mi = n(14..<16), let s = n(17..<19),
               (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 {
                let days = daysFromCivil(y, mo, d)
                return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3600 + mi * 60 + s))
            }
        }
        return nil
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }
}
