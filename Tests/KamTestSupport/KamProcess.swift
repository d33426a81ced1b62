import Foundation

/// Runs a program (the built `kam`, python3, soffice) and collects what it printed.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var stdoutData: Data
}

/// Runs the built `kam` and other tools as processes.
public enum KamProcess {
    /// The built `kam` binary: `$KAM_BINARY`, else the newest `.build/**/debug/kam` or release.
    public static var binary: String {
        if let b = ProcessInfo.processInfo.environment["KAM_BINARY"], !b.isEmpty { return b }
        let root = Fixtures.packageRoot.path
        let candidates = [".build/debug/kam", ".build/release/kam"].map { root + "/" + $0 }
        let existing = candidates.filter { FileManager.default.isExecutableFile(atPath: $0) }
        func mtime(_ p: String) -> Date {
            ((try? FileManager.default.attributesOfItem(atPath: p))?[.modificationDate] as? Date) ?? .distantPast
        }
        return existing.max { mtime($0) < mtime($1) } ?? candidates[0]
    }

    /// Runs `kam` with arguments, in `directory` if given.
    public static func kam(_ args: [String], in directory: String? = nil, environment: [String: String] = [:],
                           timeout: TimeInterval = 300) throws -> ProcessResult {
        try run(binary, args, in: directory, environment: environment, timeout: timeout)
    }

    /// Runs a program found on PATH (or an absolute path).
    public static func run(_ program: String, _ args: [String], in directory: String? = nil,
                           environment: [String: String] = [:], timeout: TimeInterval = 300) throws -> ProcessResult {
        try LaunchedProcess(program, args, in: directory, environment: environment).finish(timeout: timeout)
    }

    /// Whether a program is on PATH.
    public static func has(_ program: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(program)"]))?.status == 0
    }
}
