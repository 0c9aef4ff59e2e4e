import Dispatch
import Foundation
import GlossCore

/// A private folder under `$TMPDIR` (or `/tmp`) for work on a copy of a project, removed when the work ends
/// and also when the process is stopped by SIGTERM, SIGINT or SIGHUP first: a copy holds transcripts, which
/// must not be left behind in a shared temporary folder.
///
/// While the folder exists those signals are caught by dispatch sources (never in a signal handler, where
/// removing a tree is not safe); the handler removes the folder and then ends the process by the same
/// signal, so the parent still sees "terminated by SIGTERM". A signal that was ignored at start (`nohup`)
/// stays ignored. Writers into the folder take `whileOpen` so a removal never races a half-written file.
final class ScratchFolder: @unchecked Sendable {
    static let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP]

    private let lock = NSLock()
    private var url: URL?
    private var sources: [DispatchSourceSignal] = []
    private var caught: [Int32] = []

    /// Catches the signals first, then makes the folder, so no moment exists in which a signal would leave it.
    init(prefix: String) throws {
        // A mask inherited from the parent (a test runner's threads block signals, and a spawned child
        // keeps the mask) would hold the signals pending for ever: unblock them on this thread.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for signalNumber in Self.signals { sigaddset(&wanted, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        for signalNumber in Self.signals {
            let previous = signal(signalNumber, SIG_IGN)
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            caught.append(signalNumber)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in stop(by: signalNumber) }
            source.resume()
            sources.append(source)
        }
        do {
            try lock.withLock { url = try SampleLocator.freshFolder(prefix: prefix) }
        } catch {
            remove()
            throw error
        }
    }

    /// The folder (valid until `remove`).
    var folder: URL { lock.withLock { url! } }

    /// Runs `body` with the folder held: a signal arriving meanwhile waits until `body` is done.
    func whileOpen<T>(_ body: (URL) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(url!)
    }

    /// Removes the folder and restores the signals' default handling.
    func remove() {
        lock.withLock {
            if let url { try? FileManager.default.removeItem(at: url) }
            url = nil
        }
        for source in sources { source.cancel() }
        sources = []
        for signalNumber in caught { signal(signalNumber, SIG_DFL) }
        caught = []
    }

    /// On a stop signal: remove the folder (the lock stays taken, so no writer starts again), then end by
    /// the same signal.
    private func stop(by signalNumber: Int32) {
        lock.lock()
        if let url { try? FileManager.default.removeItem(at: url) }
        url = nil
        signal(signalNumber, SIG_DFL)
        // kill, not raise: dispatch threads block signals, so a thread-directed one would wait for ever.
        kill(getpid(), signalNumber)
    }
}
