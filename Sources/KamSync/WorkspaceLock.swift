import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a workspace (a `flock` on `.kam/sync.lock`), held by kam sync and kam import so that
/// two runs never interleave. Released when the value is deinitialised or the process ends (even by kill -9).
public final class WorkspaceLock {
    private let fd: Int32

    public enum Failure: Error, Sendable {
        /// Another kam run holds the lock.
        case busy(path: String)
        case cannotOpen(path: String)
    }

    /// Takes the lock, retrying for up to `wait` seconds. - Throws: `Failure.busy` when still held.
    public init(directory: URL, wait: TimeInterval = 3) throws {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("sync.lock").path
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw Failure.cannotOpen(path: path) }
        let deadline = Date().addingTimeInterval(wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(fd)
                throw Failure.busy(path: path)
            }
            usleep(100_000)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
