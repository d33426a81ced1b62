import Foundation
import KamSheets
import KamStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `kam init` makes a workspace without leaving half of one behind.
///
/// kam.yaml and the store are first made complete in a hidden staging folder on the same file system
/// (`.NAME.kam-init-PID-RANDOM` beside a new workspace folder, `.kam-init-PID-RANDOM` inside an existing one), then
/// moved into place with `rename(2)`/`link(2)`: a new folder appears whole, and in an existing folder the store is
/// placed first and kam.yaml — what marks the folder as a workspace — last, without overwriting. On any failure
/// (a full disk, a read-only folder) everything made is removed again and the error names the workspace folder.
enum WorkspaceCreation {
    /// Makes the workspace at `folder` (standardised) and returns nothing; `Workspace.create` opens it.
    /// - Throws: `WorkspaceError` `.alreadyExists`, `.io`; `StoreError` (`.unknownMigrations`) for a newer store
    ///   already in the folder.
    static func create(at folder: URL) throws {
        let fm = FileManager.default
        let path = folder.path
        var made = Undo()
        do {
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isFolder) {
                guard isFolder.boolValue else { throw WorkspaceError(.io("not a folder"), path: path) }
                try fill(existing: folder, undo: &made)
            } else {
                try makeNew(folder, undo: &made)
            }
        } catch {
            made.run()
            throw described(error, folder: path)
        }
    }

    /// A new folder: staged whole beside it, then renamed into place.
    private static func makeNew(_ folder: URL, undo: inout Undo) throws {
        let parent = folder.deletingLastPathComponent()
        try makeFolders(parent, undo: &undo)
        removeStaleStaging(in: parent.path)
        let staging = parent.appendingPathComponent("." + folder.lastPathComponent + stagingMarker())
        try makeFolder(staging.path, undo: &undo)
        try build(in: staging)
        // rename(2) onto a missing name; fails (EEXIST/ENOTEMPTY) if another process made the folder meanwhile.
        guard rename(staging.path, folder.path) == 0 else {
            throw WorkspaceError(.io("cannot move the new workspace into place: \(errnoText())"), path: folder.path)
        }
        undo.forget(staging.path)
        undo.removeTree(folder.path)
        syncFolder(parent.path)
    }

    /// An existing folder (often holding the customer lists already): staged inside it, then the store placed and
    /// kam.yaml linked in last.
    private static func fill(existing folder: URL, undo: inout Undo) throws {
        let config = folder.appendingPathComponent(Workspace.configurationFileName)
        if FileManager.default.fileExists(atPath: config.path) {
            throw WorkspaceError(.alreadyExists, path: folder.path)
        }
        removeStaleStaging(in: folder.path)
        let staging = folder.appendingPathComponent(stagingMarker())
        try makeFolder(staging.path, undo: &undo)
        let configuration = try build(in: staging)
        let relative = configuration.store
        let store = folder.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: store.path) {
            // A store without kam.yaml (kam.yaml deleted to reset the settings): kept and brought up to date,
            // as before; the staged empty store is dropped.
            _ = try SQLiteCustomerStore(path: store.path)
        } else {
            try makeFolders(store.deletingLastPathComponent(), undo: &undo)
            // link(2) never replaces: a store that appeared meanwhile is not overwritten.
            guard link(staging.appendingPathComponent(relative).path, store.path) == 0 else {
                throw WorkspaceError(.io("cannot place the store \(store.path): \(errnoText())"), path: folder.path)
            }
            undo.removeFile(store.path)
        }
        guard link(staging.appendingPathComponent(Workspace.configurationFileName).path, config.path) == 0 else {
            if errno == EEXIST { throw WorkspaceError(.alreadyExists, path: folder.path) }
            throw WorkspaceError(.io("cannot write kam.yaml: \(errnoText())"), path: folder.path)
        }
        undo.removeFile(config.path)
        try? FileManager.default.removeItem(at: staging)
        syncFolder(store.deletingLastPathComponent().path)
        syncFolder(folder.path)
    }

    /// Writes kam.yaml (the defaults) and an empty, migrated store into `staging`, both flushed and closed.
    @discardableResult
    private static func build(in staging: URL) throws -> WorkspaceConfiguration {
        let file = staging.appendingPathComponent(Workspace.configurationFileName)
        try writeSynced(Data(WorkspaceConfiguration.defaultYAML.utf8), to: file.path)
        let configuration = try WorkspaceConfiguration.parse(WorkspaceConfiguration.defaultYAML, file: file.path)
        guard !configuration.store.hasPrefix("/") else {
            throw WorkspaceError(.invalidConfiguration("the default store path must be relative"), path: file.path)
        }
        let store = staging.appendingPathComponent(configuration.store)
        try FileManager.default.createDirectory(at: store.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        // Opened and dropped in this scope: the pool's connections close, SQLite checkpoints and removes its
        // -wal/-shm files, so only the database file is moved.
        do { _ = try SQLiteCustomerStore(path: store.path) }
        return configuration
    }

    private static func writeSynced(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw WorkspaceError(.io("cannot write kam.yaml: \(errnoText())"), path: path) }
        defer { close(fd) }
        let written = data.withUnsafeBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var done = 0
            while done < buffer.count {
                let n = write(fd, base + done, buffer.count - done)
                if n < 0 { if errno == EINTR { continue } else { return -1 } }
                done += n
            }
            return done
        }
        guard written == data.count, fsync(fd) == 0 else {
            throw WorkspaceError(.io("cannot write kam.yaml: \(errnoText())"), path: path)
        }
    }

    // MARK: - Folders and undo

    /// Creates `folder` and any missing parents, remembering the topmost one made.
    private static func makeFolders(_ folder: URL, undo: inout Undo) throws {
        var missing: [String] = []
        var current = folder.standardizedFileURL
        while !FileManager.default.fileExists(atPath: current.path) {
            missing.append(current.path)
            let up = current.deletingLastPathComponent()
            if up.path == current.path { break }
            current = up
        }
        for path in missing.reversed() { try makeFolder(path, undo: &undo) }
    }

    private static func makeFolder(_ path: String, undo: inout Undo) throws {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw WorkspaceError(.io("cannot create the folder \(path): \(errnoText())"), path: path)
        }
        undo.removeTree(path)
    }

    /// What to remove, newest first, if creation fails.
    private struct Undo {
        private var steps: [(path: String, tree: Bool)] = []
        mutating func removeTree(_ path: String) { steps.append((path, true)) }
        mutating func removeFile(_ path: String) { steps.append((path, false)) }
        mutating func forget(_ path: String) { steps.removeAll { $0.path == path } }
        func run() {
            for step in steps.reversed() {
                if step.tree { try? FileManager.default.removeItem(atPath: step.path) } else { unlink(step.path) }
            }
        }
    }

    static let stagingPrefix = ".kam-init-"

    /// `.kam-init-HOST-PID-RANDOM`: the host tag and process id let a later `kam init` remove what a killed one
    /// left (`removeStaleStaging`).
    private static func stagingMarker() -> String {
        stagingPrefix + TemporarySibling.hostTag + "-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// Removes staging folders in `folder` whose `kam init` ran on this host and is gone (SIGKILL, power cut), by
    /// `TemporarySibling`'s rule.
    static func removeStaleStaging(in folder: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries {
            guard let r = entry.range(of: stagingPrefix), r.lowerBound == entry.startIndex || entry.first == "."
            else { continue }
            let parts = entry[r.upperBound...].split(separator: "-")
            guard parts.count == 3, parts[0] == TemporarySibling.hostTag, let pid = pid_t(parts[1]),
                  TemporarySibling.writerIsGone(pid) else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + entry)
        }
    }

    private static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    /// Errors name the workspace folder, never the hidden staging folder, and say nothing was left.
    private static func described(_ error: any Error, folder: String) -> any Error {
        switch error {
        case let e as WorkspaceError:
            if case .alreadyExists = e.reason { return e }
            if case .io(let m) = e.reason, e.path == folder {
                return WorkspaceError(.io("cannot create the workspace (nothing was left behind): \(m)"), path: folder)
            }
            return WorkspaceError(.io("cannot create the workspace (nothing was left behind): \(detail(of: e))"),
                                  path: folder)
        case let e as StoreError:
            if case .unknownMigrations = e.reason { return e }
            return WorkspaceError(.io("cannot create the workspace (nothing was left behind): the store: "
                                      + detail(of: e)), path: folder)
        default:
            let m = (error as NSError).localizedDescription
            return WorkspaceError(.io("cannot create the workspace (nothing was left behind): \(m)"), path: folder)
        }
    }

    /// An error's text without its leading `PATH: ` (a staging path means nothing to the user).
    private static func detail(of error: WorkspaceError) -> String {
        if case .io(let m) = error.reason { return m }
        return strip(error.description, path: error.path)
    }

    private static func detail(of error: StoreError) -> String { strip(error.description, path: error.path) }

    private static func strip(_ text: String, path: String) -> String {
        text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text
    }
}
