import Foundation
import Testing
@testable import GlossCore

/// The helpers that make large imports fast must say exactly what the slow ones said.
@Suite("Batch writes, times, trimming and CRC at scale")
struct ScaleHelpersTests {
    @Test func batchWriteCreatesEveryFileOwnerOnlyAndLeavesNoTemporary() throws {
        try withTemporaryDirectory { folder in
            let files = (1...50).map { (data: bytes("chat \($0)\n"), url: folder.appendingPathComponent("c\($0).txt")) }
            try SecureFiles.writeAtomically(files)
            for file in files {
                #expect(try Data(contentsOf: file.url) == file.data)
                #expect(try permissions(file.url) & 0o777 == 0o600)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 50)
        }
    }

    @Test func batchWriteFailureLeavesNoTemporary() throws {
        try withTemporaryDirectory { folder in
            let blocked = folder.appendingPathComponent("taken")
            try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
            // Renaming a file onto a non-empty folder fails after the first file is in place.
            #expect(throws: GlossError.self) {
                try SecureFiles.writeAtomically([(data: bytes("a"), url: folder.appendingPathComponent("a.txt")),
                                                 (data: bytes("b"), url: blocked)])
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(names == ["a.txt", "taken"])
        }
    }

    @Test func isoTimeFormatsAsBefore() {
        for seconds in [0, 1, 59, 951_782_400, 1_700_000_000, 4_102_444_799, 253_402_300_799] {
            let date = Date(timeIntervalSince1970: Double(seconds))
            let formatter = ISO8601DateFormatter()
            #expect(ISOTime.format(date) == formatter.string(from: date))
            #expect(ISOTime.parse(ISOTime.format(date)) == date)
        }
    }

    @Test func trimmedSpacesMatchesFoundation() {
        for text in ["", " ", "\t", "a", " a ", "\ta b\t", "\u{00A0}x\u{3000}", " \u{301}", "é ", "\n a \n", "  Main > Sub  "] {
            #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test func crcOfDataMatchesTheSequenceForm() {
        let data = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        #expect(CRC32.checksum(data) == CRC32.checksum(Array(data)))
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
    }

    /// Eight bytes a step must give the byte-at-a-time CRC for every length and start (the tail, slices).
    @Test func crcEightBytesAStepMatchesTheBytewiseCRC() {
        func bytewise(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = (crc & 1) != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
            }
            return crc ^ 0xFFFF_FFFF
        }
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ ($0 >> 3)) }
        for start in 0..<9 {
            for end in start...min(bytes.count, start + 40) + (start == 0 ? 250 : 0) where end <= bytes.count {
                let piece = Array(bytes[start..<end])
                let expected = bytewise(piece)
                #expect(CRC32.checksum(piece) == expected, "\(start)..<\(end)")
                #expect(CRC32.checksum(bytes[start..<end]) == expected, "slice \(start)..<\(end)")
                #expect(CRC32.checksum(Data(bytes)[start..<end]) == expected, "data slice \(start)..<\(end)")
                #expect(CRC32.checksum(AnySequence(piece)) == expected, "non-contiguous \(start)..<\(end)")
            }
        }
    }
}
