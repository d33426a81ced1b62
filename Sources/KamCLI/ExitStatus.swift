import ArgumentParser
import Foundation
import KamContracts
import KamSheets

/// The one place that turns a command's outcome into words on stderr and an exit code (0, 1, 2).
public enum ExitStatus {
    /// Runs `kam` with `arguments` and exits with the contract's code; never returns.
    public static func main(_ arguments: [String]? = nil) -> Never {
        let code: Int32
        do {
            var command = try KamCommand.parseAsRoot(arguments)
            try command.run()
            code = ExitStatusCode.ok.rawValue
        } catch let exit as FindingsExit {
            code = exit.code.rawValue
        } catch {
            code = report(error)
        }
        exit(code)
    }

    /// Writes the one-line reason for `error` and returns its exit code.
    static func report(_ error: any Error) -> Int32 {
        let lang = Language.fromArguments(CommandLine.arguments)
        switch error {
        case is KamError, is SpreadsheetError:
            FileHandle.standardError.write(Data(("kam: " + Messages.render(error, lang) + "\n").utf8))
            return ExitStatusCode.failure.rawValue
        case let e as ExitCode:
            return e.rawValue
        default:
            // ArgumentParser's own errors: help and version print and succeed; usage errors exit 2, not 64.
            if KamCommand.exitCode(for: error) == .success {
                print(KamCommand.fullMessage(for: error))
                return ExitStatusCode.ok.rawValue
            }
            let text = KamCommand.message(for: error)
            FileHandle.standardError.write(Data(("kam: " + text + "\n").utf8))
            return ExitStatusCode.failure.rawValue
        }
    }
}

/// Thrown by a command that ran to the end but found errors: exit code 1, nothing more to print.
public struct FindingsExit: Error {
    public var code: ExitStatusCode
    public init(_ code: ExitStatusCode = .findings) { self.code = code }
}

extension Language {
    /// The `--lang` given on a command line, before parsing (for errors raised while parsing).
    static func fromArguments(_ args: [String]) -> Language {
        if let i = args.firstIndex(of: "--lang"), i + 1 < args.count, let l = Language(rawValue: args[i + 1]) { return l }
        if let a = args.first(where: { $0.hasPrefix("--lang=") }), let l = Language(rawValue: String(a.dropFirst(7))) { return l }
        return fromEnvironment()
    }
}
