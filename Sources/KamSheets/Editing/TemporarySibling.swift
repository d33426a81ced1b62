import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// kam's hidden temporary files beside a file it writes, and the sweep that removes those a killed kam left.
///
/// A temporary for `folder/NAME` is `folder/.NAME.kam-HOST-PID-RANDOM.tmp`: hidden, in the target's folder (same
/// file system, so the final `rename(2)` is atomic), and naming the process that writes it. libzip, asked to write
/// that path, builds it as `….tmp.XXXXXX` first, so that form is kam's too.
///
/// A SIGKILL (or a power cut) between creating the temporary and renaming it leaves it behind; the next write of
/// the same target removes it (`removeStale(besides:)`) when
/// - its writer was on this host (same HOST tag) and is gone (`kill(PID, 0)` fails with `ESRCH`), or
/// - it comes from another host or an older kam (no PID in the name) and was last modified more than a day ago —
///   no write takes that long, and a live writer on another machine sharing the folder is never disturbed.
public enum TemporarySibling {
    /// How old a temporary whose writer cannot be checked must be before it is removed.
    public static let foreignAge: TimeInterval = 24 * 60 * 60

    /// A fresh temporary path beside `target` (nothing is created).
    public static func path(besides target: String) -> String {
        let (folder, name) = split(target)
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return folder + "/." + name + marker + hostTag + "-" + String(getpid()) + "-" + random + ".tmp"
    }

    /// Removes the temporaries of `target` that a kam process no longer running left beside it (see the type's
    /// rules). Best effort: what cannot be listed or removed stays, and nothing here throws.
    /// - Returns: the paths removed.
    @discardableResult
    public static func removeStale(besides target: String, now: Date = Date()) -> [String] {
        let (folder, name) = split(target)
        let prefix = "." + name + marker
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for entry in entries where entry.hasPrefix(prefix) {
            guard let owner = parse(String(entry.dropFirst(prefix.count))) else { continue }
            let path = folder + "/" + entry
            var st = stat()
            // lstat: a symlink planted under the pattern is judged (and removed) as itself, never followed.
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG || (st.st_mode & S_IFMT) == S_IFLNK
            else { continue }
            let stale: Bool
            if case .process(let host, let pid) = owner, host == hostTag {
                stale = writerIsGone(pid)
            } else {
                stale = now.timeIntervalSince1970 - Double(st.st_mtim.tv_sec) > foreignAge
            }
            if stale && unlink(path) == 0 { removed.append(path) }
        }
        return removed
    }

    /// Whether the kam process `pid` of this host has ended (not this process; a live or unknown one is not).
    /// The rule for every leftover that names its writer (temporaries, scratch files, `kam init`'s staging).
    public static func writerIsGone(_ pid: pid_t) -> Bool {
        pid > 0 && pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }

    // MARK: - Names

    static let marker = ".kam-"

    /// Who wrote a temporary, as far as its name says.
    enum Owner: Equatable {
        /// kam on host tag `host`, process `pid`.
        case process(host: String, pid: pid_t)
        /// An older kam (`.NAME.kam-RANDOM.tmp`): no writer recorded.
        case unknown
    }

    /// Reads what follows `.NAME.kam-`: `HOST-PID-RANDOM.tmp` or `RANDOM.tmp`, each optionally followed by
    /// libzip's `.XXXXXX`. Anything else is not kam's and is left alone.
    static func parse(_ rest: String) -> Owner? {
        var stem = Substring(rest)
        if let dot = stem.range(of: ".tmp", options: .backwards) {
            let after = stem[dot.upperBound...]
            // libzip's mkstemp suffix: "." and six letters or digits.
            guard after.isEmpty || (after.count == 7 && after.first == "."
                                    && after.dropFirst().allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { return nil }
            stem = stem[..<dot.lowerBound]
        } else {
            return nil
        }
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        func isBase36(_ s: Substring) -> Bool {
            !s.isEmpty && s.count <= 13 && s.allSatisfy { $0.isASCII && ($0.isNumber || ($0.isLowercase && $0.isLetter)) }
        }
        switch parts.count {
        case 1 where isBase36(parts[0]):
            return .unknown
        case 3 where isBase36(parts[0]) && isBase36(parts[2]):
            guard let pid = pid_t(parts[1]), pid > 0 else { return nil }
            return .process(host: String(parts[0]), pid: pid)
        default:
            return nil
        }
    }

    /// This host's tag: a short hash of its name, so processes of other machines sharing a folder are not
    /// checked with this machine's process table.
    public static let hostTag: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let name = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        // FNV-1a, 32 bits: stable across runs and builds (Swift's Hasher is seeded per process).
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return String(hash, radix: 36)
    }()

    private static func split(_ target: String) -> (folder: String, name: String) {
        let url = URL(fileURLWithPath: target)
        return (url.deletingLastPathComponent().path, url.lastPathComponent)
    }
}
