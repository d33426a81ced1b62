import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file all at once: the new bytes go to a temporary file beside the target, which is flushed to
/// disk and renamed over the target, so readers see either the old file or the new one, never a mix.
///
/// Every writer uses it, and later the in-place editor and sync. Steps (ARCHITECTURE.md §3.4 "No partial
/// results"):
/// 0. temporaries of the same target that a killed kam left behind are removed (`TemporarySibling`);
/// 1. the caller writes `.<name>.kam-<host>-<pid>-<random>.tmp` in the target's folder (same file system, so
///    `rename(2)` is atomic);
/// 2. the temporary file is `fsync`ed and given the old file's permissions;
/// 3. if asked, the old file is kept as a backup (a hard link, or a copy where links are refused);
/// 4. `rename(2)` puts the new file in place and the folder is `fsync`ed so the rename itself is durable.
///
/// On any failure the temporary file is removed and the target is left as it was.
public enum AtomicReplacement {
    /// Whether and where to keep the file being replaced.
    public enum Backup: Sendable, Hashable {
        /// Keep nothing.
        case none
        /// Keep it as `FILE.bak` beside the target (replacing an older backup).
        case beside
        /// Keep it at this path.
        case at(String)
    }

    /// The backup path `.beside` uses: the target's path plus `.bak`.
    public static func defaultBackupPath(for target: String) -> String { target + ".bak" }

    /// Runs `body` with a temporary path beside `target`, then moves what it wrote over `target`.
    ///
    /// - Parameters:
    ///   - target: the file to create or replace.
    ///   - backup: whether to keep the replaced file.
    ///   - verify: runs last, after the new file is flushed and the backup kept, just before it takes the
    ///     target's name; it throws to write nothing (a file that another program saved meanwhile).
    ///   - body: writes the complete new file at the path it is given (and must not keep the path).
    /// - Throws: `SpreadsheetError.Reason.writeFailed` when the folder cannot be written, the temporary file is
    ///   missing after `body`, or a system call fails; whatever `body` throws, unchanged. Either way the
    ///   temporary file is removed and `target` is untouched.
    public static func replace(
        _ target: String, backup: Backup = .none, verify: () throws -> Void = {}, _ body: (String) throws -> Void
    ) throws {
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        // A SIGKILL between creating a temporary and renaming it leaves it behind: this write cleans up after it.
        TemporarySibling.removeStale(besides: target)
        if let backupPath = path(of: backup, for: target) { TemporarySibling.removeStale(besides: backupPath) }
        let temp = TemporarySibling.path(besides: target)
        do {
            try body(temp)
            try finish(temp: temp, target: target, folder: folder, backup: backup, verify: verify)
        } catch {
            unlink(temp)
            throw error
        }
    }

    private static func finish(temp: String, target: String, folder: String, backup: Backup,
                               verify: () throws -> Void) throws {
        func failure(_ what: String) -> SpreadsheetError {
            SpreadsheetError(.writeFailed("\(what): \(String(cString: strerror(errno)))"), file: target)
        }
        // fsync(2): "transfers all modified in-core data of the file … to the disk device" — before the
        // rename, or a crash could leave the new name pointing at an empty file.
        let fd = open(temp, O_RDONLY)
        guard fd >= 0 else { throw failure("cannot reopen the temporary file") }
        var old = stat()
        if stat(target, &old) == 0 {
            // Keep the replaced file's permissions (libzip creates its output with mode 0600 & umask).
            fchmod(fd, old.st_mode & 0o7777)
        }
        let synced = fsync(fd)
        close(fd)
        guard synced == 0 else { throw failure("cannot flush the temporary file") }

        if let backupPath = path(of: backup, for: target), access(target, F_OK) == 0 {
            try keepBackup(of: target, at: backupPath)
        }
        // As late as possible: flushing can take tens of milliseconds, and a save by another program in that
        // time would otherwise be replaced unseen.
        try verify()
        guard rename(temp, target) == 0 else { throw failure("cannot rename the temporary file") }
        // The rename lives in the folder's entries: flush the folder too (best effort; some file systems
        // refuse fsync on a directory, and the data is already safe).
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }

    private static func path(of backup: Backup, for target: String) -> String? {
        switch backup {
        case .none: return nil
        case .beside: return defaultBackupPath(for: target)
        case .at(let p): return p
        }
    }

    /// Links (or copies) `target` to `backupPath`, replacing an older backup only once the new one exists.
    private static func keepBackup(of target: String, at backupPath: String) throws {
        let staging = TemporarySibling.path(besides: backupPath)
        if link(target, staging) != 0 {
            // Hard links are refused on some file systems (FAT, some network shares): copy instead.
            do {
                try FileManager.default.copyItem(atPath: target, toPath: staging)
            } catch {
                unlink(staging)
                throw SpreadsheetError(.writeFailed("cannot keep a backup at \(backupPath)"), file: target)
            }
        }
        guard rename(staging, backupPath) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(staging)
            throw SpreadsheetError(.writeFailed("cannot keep a backup at \(backupPath): \(message)"), file: target)
        }
    }
}
