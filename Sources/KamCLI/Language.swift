import ArgumentParser
import Foundation

/// The languages kam speaks.
public enum Language: String, ExpressibleByArgument, Sendable, CaseIterable {
    case zh
    case en

    /// The system locale's language: English when LANG/LC_ALL/LC_MESSAGES says so, else Chinese.
    public static func fromEnvironment() -> Language {
        let env = ProcessInfo.processInfo.environment
        for key in ["KAM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = env[key], !v.isEmpty {
                if v.hasPrefix("zh") { return .zh }
                if v.hasPrefix("en") { return .en }
                if v == "C" || v == "POSIX" || v.hasPrefix("C.") { continue }
            }
        }
        return .zh
    }

    /// Picks the text for this language.
    public func pick(zh: String, en: String) -> String { self == .zh ? zh : en }
}
