import Foundation
import KamContracts

/// The shared conformance corpus (`../shared/corpus` next to the package, or `$KAM_CORPUS`).
public enum Corpus {
    /// The corpus folder, or nil when it is not there.
    public static let directory: String? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["KAM_CORPUS"], !env.isEmpty {
            return fm.fileExists(atPath: env + "/expected") ? env : nil
        }
        let candidate = URL(fileURLWithPath: packageRoot).deletingLastPathComponent()
            .appendingPathComponent("shared/corpus").path
        return fm.fileExists(atPath: candidate + "/expected") ? candidate : nil
    }()

    /// Whether the corpus is available.
    public static var isAvailable: Bool { directory != nil }

    /// The package root, found from this file's path (`Tests/KamTestSupport/Corpus.swift`).
    public static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The corpus files of the given subfolders (`xlsx`, `ods`), as `sub/name`, sorted; empty without a corpus.
    public static func files(in subfolders: [String]) -> [String] {
        guard let directory else { return [] }
        var out: [String] = []
        for sub in subfolders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + sub)) ?? []
            out += names.filter { !$0.hasPrefix(".") }.sorted().map { sub + "/" + $0 }
        }
        return out
    }

    /// The full path of a corpus file given as `sub/name`.
    public static func path(_ file: String) -> String { (directory ?? "") + "/" + file }

    /// What the corpus expects of a file: its sheets, or that it is rejected.
    public enum Expectation {
        case sheets(InspectDocument)
        case error(String)
    }

    /// The expectation in `expected/<name>.json` for a file given as `sub/name`.
    /// - Throws: when the JSON is missing or unreadable.
    public static func expectation(_ file: String) throws -> Expectation {
        let name = (file as NSString).lastPathComponent
        let data = try Data(contentsOf: URL(fileURLWithPath: (directory ?? "") + "/expected/" + name + ".json"))
        if let object = try JSONSerialization.jsonObject(with: data) as? [String: Any], let e = object["expect_error"] {
            return .error(String(describing: e))
        }
        return .sheets(try JSONDecoder().decode(InspectDocument.self, from: data))
    }
}
