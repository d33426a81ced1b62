import Foundation

/// A program started in the background (the built `kam`, usually), to be stopped, resumed and collected by a
/// test that needs to act while it runs; `KamProcess.run` is one started and collected at once.
public final class LaunchedProcess {
    private let process = Process()
    private let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("kam-out-\(UUID().uuidString)")
    private let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("kam-err-\(UUID().uuidString)")
    private let out: FileHandle
    private let err: FileHandle

    /// Starts `program` (an absolute path, or a name found on PATH) with `args` in `directory`, with `environment`
    /// added to this one's.
    public init(_ program: String, _ args: [String], in directory: String? = nil,
                environment: [String: String] = [:]) throws {
        if program.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = args
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + args
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        out = try FileHandle(forWritingTo: outURL)
        err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
            throw error
        }
    }

    /// Starts the built `kam`.
    public static func kam(_ args: [String], in directory: String, environment: [String: String] = [:]) throws -> LaunchedProcess {
        try LaunchedProcess(KamProcess.binary, args, in: directory, environment: environment)
    }

    public var pid: Int32 { process.processIdentifier }

    /// Waits until the process has stopped itself (SIGSTOP; state `T` in /proc) or ended; true when stopped.
    /// Gives up (false) after `limit` seconds, so that a test never hangs on a process that never gets there.
    public func waitUntilStopped(limit: TimeInterval = 120) -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning, Date() < deadline {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               let close = stat.lastIndex(of: ")") {
                let state = stat[stat.index(after: close)...].split(separator: " ").first
                if state == "T" || state == "t" { return true }
            }
            usleep(2_000)
        }
        return false
    }

    /// Resumes a stopped process.
    public func resume() { kill(pid, SIGCONT) }

    /// Waits for the end (killing it after `timeout` seconds) and returns what it printed.
    public func finish(timeout: TimeInterval = 300) -> ProcessResult {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { kill(pid, SIGCONT); process.terminate(); break }
            usleep(5_000)
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let o = (try? Data(contentsOf: outURL)) ?? Data()
        let e = (try? Data(contentsOf: errURL)) ?? Data()
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                             stderr: String(decoding: e, as: UTF8.self), stdoutData: o)
    }
}
