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

/// The shared conformance corpus (`$KAM_CORPUS` or `../shared/corpus`).
public enum Corpus {
    /// The corpus folder, if present.
    public static var root: String? {
        if let s = ProcessInfo.processInfo.environment["KAM_CORPUS"], !s.isEmpty,
           FileManager.default.fileExists(atPath: s) { return s }
        guard let shared = Fixtures.shared else { return nil }
        let p = shared + "/corpus"
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// File names in `xlsx/` or `ods/`, sorted; empty when the corpus is absent.
    public static func files(_ sub: String) -> [String] {
        guard let root else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + sub)) ?? []).sorted()
    }

    /// The path of a corpus file.
    public static func path(_ sub: String, _ name: String) -> String { (root ?? "") + "/" + sub + "/" + name }

    /// The expected JSON of a corpus file.
    public static func expectedPath(_ name: String) -> String { (root ?? "") + "/expected/" + name + ".json" }
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

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
