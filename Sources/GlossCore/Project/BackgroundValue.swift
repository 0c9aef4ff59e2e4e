import Dispatch

/// A value made on another thread while the caller does something else; `value` waits for it.
///
/// For two independent pieces of work that only read the same data (the session digest while the snapshot is
/// written): on two cores they overlap instead of following each other. If nobody asks for `value`, the work
/// still runs to its end on its own thread and is dropped.
final class BackgroundValue<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: T?
    private var waited = false  // touched only by the thread that asks for `value`

    init(_ make: @escaping @Sendable () -> T) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = make()
            done.signal()
        }
    }

    /// The value, once made (waits for it the first time).
    var value: T {
        if !waited {
            done.wait()
            waited = true
        }
        return result!
    }
}
