import Foundation

/// Independent pieces of work run side by side on the machine's cores.
public enum Parallel {
    /// `body(0) … body(count - 1)`, run concurrently; the results in index order.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.store(body(i), at: i) }
        return slots.all
    }

    /// How many pieces to cut `items` units of work into: one per core, none smaller than `minimum`.
    public static func pieces(for items: Int, minimum: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, items / max(1, minimum)))
    }
}

private final class Slots<T: Sendable>: @unchecked Sendable {
    // Each slot is written once, by one worker, under the lock; read after every worker has finished.
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: T, at i: Int) {
        lock.lock()
        defer { lock.unlock() }
        slots[i] = value
    }

    var all: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
