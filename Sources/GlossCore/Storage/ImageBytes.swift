import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only bytes that stay valid as long as this object lives: a file mapped into memory (a session image the
/// workbench decodes a chat at a time while it runs) or a private copy of some `Data` (tests).
///
/// A mapping keeps the image out of resident memory except for the pages being read; `release` gives pages
/// back once read. Gloss only ever replaces an image by a rename, which leaves a mapping of the old file valid;
/// another process that truncates the file under a running workbench makes a later read fault (SIGBUS). That
/// takes write access to the project, which could as well change the session itself (docs/security.md); the
/// journal was flushed before the last action returned, so at most that action's screen is lost.
final class ImageBytes: @unchecked Sendable {
    // @unchecked: the bytes are never written after `init`, and the pointer is freed only in `deinit`.
    let buffer: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Maps the regular file open at `fd` (size `size`, already checked by the caller).
    init?(mapping fd: Int32, size: Int) {
        guard size > 0, let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        buffer = UnsafeRawBufferPointer(start: base, count: size)
        mapped = true
    }

    /// A private copy of `data`.
    init(copying data: Data) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 16)
        data.withUnsafeBytes { source in
            if let base = source.baseAddress, !source.isEmpty { copy.baseAddress!.copyMemory(from: base, byteCount: source.count) }
        }
        buffer = UnsafeRawBufferPointer(start: copy.baseAddress, count: data.count)
        mapped = false
    }

    /// Gives back the pages of `range` (already read; they are read from the file again if touched). Nothing
    /// for a copy.
    func release(_ range: Range<Int>) {
        guard mapped, let base = buffer.baseAddress, !range.isEmpty else { return }
        let page = max(4096, sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page, end = range.upperBound / page * page
        if end > start { _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, Int32(MADV_DONTNEED)) }
    }

    deinit {
        guard let base = buffer.baseAddress else { return }
        if mapped { munmap(UnsafeMutableRawPointer(mutating: base), buffer.count) } else { base.deallocate() }
    }
}
