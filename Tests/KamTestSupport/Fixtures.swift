import Foundation

/// Where the package, its fixtures, the shared corpus and the built `kam` are.
public enum Fixtures {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `Tests/Fixtures/<relative>`.
    public static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative).path
    }

    /// `Examples/<relative>`.
    public static func example(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Examples").appendingPathComponent(relative).path
    }

    /// The shared folder beside the package (`../shared`), or `$KAM_SHARED`.
    public static var shared: String? {
        if let s = ProcessInfo.processInfo.environment["KAM_SHARED"], !s.isEmpty { return s }
        let p = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }
}

/// A temporary folder removed when the value is dropped.
public final class TemporaryDirectory: @unchecked Sendable {
    // @unchecked: immutable after init; only the path is read.
    public let path: String

    public init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kam-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    /// `path/name`.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Deletes the folder now (it is deleted anyway when the value goes away).
    public func remove() { try? FileManager.default.removeItem(atPath: path) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
