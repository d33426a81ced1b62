import Foundation

/// Checks a workspace store from outside kam, the way an operator would: with the sqlite3 shell or Python's sqlite3.
public enum StoreCheck {
    /// `PRAGMA integrity_check` on the store: "ok" when sound, else what SQLite reports.
    public static func integrity(_ store: String) throws -> String {
        try query(store, "PRAGMA integrity_check").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs one read-only query and returns its output (rows on lines, columns separated by `|`).
    public static func query(_ store: String, _ sql: String) throws -> String {
        if KamProcess.has("sqlite3") {
            let r = try KamProcess.run("sqlite3", ["-readonly", store, sql])
            return r.status == 0 ? r.stdout : "sqlite3 failed: \(r.stderr)"
        }
        let script = """
        import sqlite3, sys
        c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
        for row in c.execute(sys.argv[2]): print('|'.join('' if v is None else str(v) for v in row))
        """
        let r = try KamProcess.run("python3", ["-c", script, store, sql])
        return r.status == 0 ? r.stdout : "python3 sqlite3 failed: \(r.stderr)"
    }
}
