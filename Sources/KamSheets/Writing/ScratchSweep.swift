import Foundation

/// kam's scratch files and folders in the system's temporary folder name their writer —
/// `kam-write-HOST-PID-XXXXXX/`, `kam-ods-body-HOST-PID-UUID.xml` — so that the next writer can remove those a killed
/// kam left, by `TemporarySibling`'s rule (same host tag, writer gone). Anything else (another host's, a live
/// process's, names not of this form) is left alone.
enum ScratchSweep {
    /// `PREFIX` + `HOST-PID-`: the start of a scratch name of this process.
    static func stem(_ prefix: String) -> String { prefix + TemporarySibling.hostTag + "-" + String(getpid()) + "-" }

    /// Removes, in `folder`, the scratch entries starting with one of `prefixes` whose writer is gone.
    /// Best effort; nothing here throws. - Returns: the paths removed.
    @discardableResult
    static func removeStale(in folder: String, prefixes: [String]) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for entry in entries {
            guard let prefix = prefixes.first(where: { entry.hasPrefix($0) }) else { continue }
            let parts = entry.dropFirst(prefix.count).split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == Substring(TemporarySibling.hostTag), let pid = pid_t(parts[1]),
                  TemporarySibling.writerIsGone(pid) else { continue }
            let path = folder + "/" + entry
            var st = stat()
            // lstat: a planted symlink is removed as itself, never followed.
            guard lstat(path, &st) == 0 else { continue }
            let kind = st.st_mode & S_IFMT
            guard kind == S_IFREG || kind == S_IFDIR || kind == S_IFLNK else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }
}
