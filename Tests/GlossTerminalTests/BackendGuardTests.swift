#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import GlossTerminal

/// The signal guard, each case in a child process (exit tests), so the test runner keeps its own handlers.
@Suite struct BackendGuardTests {
    @Test func stopSignalSetsTheFlagAndCanBeReraised() async {
        await #expect(processExitsWith: .signal(SIGTERM)) {
            TerminalGuard.install()
            TerminalGuard.install()  // idempotent
            guard !TerminalGuard.stopRequested, TerminalGuard.isInstalled else { exit(3) }
            raise(SIGTERM)
            guard TerminalGuard.stopRequested, TerminalGuard.stopSignal == SIGTERM else { exit(4) }
            TerminalGuard.reraiseStopSignal()
            exit(5)
        }
    }

    @Test func secondStopSignalEndsTheProcess() async {
        await #expect(processExitsWith: .signal(SIGHUP)) {
            TerminalGuard.install()
            raise(SIGHUP)
            guard TerminalGuard.stopRequested else { exit(3) }
            raise(SIGHUP)
            exit(4)
        }
    }

    @Test func ignoredStopSignalStaysIgnored() async {
        await #expect(processExitsWith: .success) {
            signal(SIGHUP, SIG_IGN)
            TerminalGuard.install()
            raise(SIGHUP)
            exit(TerminalGuard.stopRequested ? 3 : 0)
        }
    }

    @Test func fatalSignalIsReraised() async {
        await #expect(processExitsWith: .signal(SIGABRT)) {
            TerminalGuard.install()
            abort()
        }
    }

    @Test func fatalSignalRestoresAnOpenScreen() async {
        await #expect(processExitsWith: .signal(SIGSEGV)) {
            TerminalGuard.install()
            let backend = try? CursesBackend(theme: .fallback, devicePath: "/dev/null", terminalType: "xterm-256color")
            var buffer = ScreenBuffer(width: 4, height: 1)
            buffer.write("漢", x: 0, y: 0)
            backend?.draw(buffer)
            raise(SIGSEGV)
            exit(backend == nil ? 3 : 4)
        }
    }

    @Test func capturedStandardErrorIsWrittenOutOnRelease() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            guard TerminalGuard.captureStandardError() else { exit(3) }
            _ = "kept while the screen is open\n".withCString { write(2, $0, strlen($0)) }
            TerminalGuard.releaseStandardError()
            TerminalGuard.releaseStandardError()  // idempotent
            _ = "after release\n".withCString { write(2, $0, strlen($0)) }
            exit(0)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("kept while the screen is open\nafter release\n"))
    }

    @Test func crashShowsCapturedStandardError() async {
        let result = await #expect(processExitsWith: .signal(SIGABRT), observing: [\.standardErrorContent]) {
            TerminalGuard.install()
            guard TerminalGuard.captureStandardError() else { exit(3) }
            _ = "Fatal error: the message before the crash\n".withCString { write(2, $0, strlen($0)) }
            abort()
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("Fatal error: the message before the crash"))
    }
}
