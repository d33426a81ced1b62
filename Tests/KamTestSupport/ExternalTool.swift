import Foundation

/// Runs a program the tests need (python3, soffice) and fails with a clear message when it is missing.
public enum ExternalTool {
    /// What a run produced.
    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Why a tool could not be used.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// The full path of `name` on `PATH`, or nil.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `name` with `arguments` and waits.
    /// - Throws: `Missing` naming what to install when `name` is not on `PATH`.
    public static func run(_ name: String, _ arguments: [String], install hint: String,
                           in folder: String? = nil) throws -> Output {
        guard let executable = find(name) else {
            throw Missing(description: "\(name) is not installed; install \(hint) (CI installs it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A fresh folder removed when the value is dropped.
public final class ScratchFolder {
    public let path: String

    /// Creates a folder under the system's temporary folder.
    public init() throws {
        path = NSTemporaryDirectory() + "kam-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A path inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }
}

/// Paths inside the package, found from this file's location.
public enum PackagePaths {
    /// The package root (the folder holding Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `Tests/Fixtures/<relative>`.
    public static func fixture(_ relative: String) -> String { root + "/Tests/Fixtures/" + relative }
}
