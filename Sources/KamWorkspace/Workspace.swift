import Foundation
import KamModel
import KamStore

/// A kam workspace: a folder holding `kam.yaml` (its configuration) and the store it names.
///
/// Commands find it from the current directory upward, or take it from `--workspace PATH`.
public struct Workspace: Sendable {
    /// The name of the file that marks a workspace folder.
    public static let configurationFileName = "kam.yaml"

    /// The workspace folder (absolute, standardised).
    public let root: URL
    public let configuration: WorkspaceConfiguration

    /// kam.yaml's location.
    public var configurationURL: URL { root.appendingPathComponent(Self.configurationFileName) }

    /// The store file's location.
    public var storeURL: URL {
        configuration.store.hasPrefix("/") ? URL(fileURLWithPath: configuration.store)
            : root.appendingPathComponent(configuration.store)
    }

    /// Opens the workspace whose folder is `root` (which must hold kam.yaml).
    /// - Throws: `WorkspaceError` `.notAWorkspace`, `.invalidConfiguration`, `.io`.
    public init(root: URL) throws {
        // One spelling per folder (no trailing-slash variants), so roots compare equal.
        let root = URL(fileURLWithPath: root.standardizedFileURL.path, isDirectory: true)
        let file = root.appendingPathComponent(Self.configurationFileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw WorkspaceError(.notAWorkspace, path: root.path)
        }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw WorkspaceError(.io("cannot read: \(error.localizedDescription)"), path: file.path)
        }
        self.root = root
        configuration = try WorkspaceConfiguration.parse(text, file: file.path)
    }

    /// Creates a workspace in `folder` (made if missing): kam.yaml with the defaults, and an empty store. Either
    /// the whole workspace appears or nothing does (`WorkspaceCreation`).
    /// - Throws: `WorkspaceError` `.alreadyExists` when kam.yaml is already there, `.io` (naming `folder`) when it
    ///   cannot be made; `StoreError` for a store of a newer kam already in the folder.
    @discardableResult
    public static func create(at folder: URL) throws -> Workspace {
        let folder = folder.standardizedFileURL
        let file = folder.appendingPathComponent(configurationFileName)
        if FileManager.default.fileExists(atPath: file.path) {
            throw WorkspaceError(.alreadyExists, path: folder.path)
        }
        // Staged and moved into place: a failure (a full disk) leaves no half-made workspace behind.
        try WorkspaceCreation.create(at: folder)
        return try Workspace(root: folder)
    }

    /// Finds the workspace: `explicit` (a folder or its kam.yaml) when given, else the nearest folder from
    /// `start` upward that holds kam.yaml.
    /// - Throws: `WorkspaceError` `.notFound`, `.notAWorkspace`, `.invalidConfiguration`.
    public static func locate(explicit: String? = nil, from start: URL? = nil) throws -> Workspace {
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath)
        if let explicit {
            var url = URL(fileURLWithPath: explicit, relativeTo: cwd).standardizedFileURL
            if url.lastPathComponent == configurationFileName { url.deleteLastPathComponent() }
            return try Workspace(root: url)
        }
        let origin = (start ?? cwd).standardizedFileURL
        var folder = origin
        while true {
            if fm.fileExists(atPath: folder.appendingPathComponent(configurationFileName).path) {
                return try Workspace(root: folder)
            }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { break }
            folder = parent
        }
        throw WorkspaceError(.notFound(searchedFrom: origin.path), path: origin.path)
    }

    /// Opens (creating and migrating if needed) the workspace's store.
    /// - Throws: `StoreError`, or `WorkspaceError.io` when its folder cannot be made.
    public func openStore() throws -> SQLiteCustomerStore {
        let folder = storeURL.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError(.io(error.localizedDescription), path: folder.path)
        }
        return try SQLiteCustomerStore(path: storeURL.path)
    }
}
