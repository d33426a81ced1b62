import Dispatch

/// Work started on another thread now and waited for later, so that a sync reads its workbook while it reads the
/// store (the two take about as long, and a sync has the machine's cores to itself).
final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    // Written once on the worker before `done` is signalled, read only after waiting for it.
    private var result: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> T) {
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    /// The work's result (or its error), once it has finished.
    func value() throws -> T {
        done.wait()
        done.signal()
        switch result {
        case .some(let r): return try r.get()
        case .none: preconditionFailure("background work signalled without a result")
        }
    }

    deinit {
        // Never leave the worker running past its owner: a sync that failed reading the store still waits.
        done.wait()
    }
}
