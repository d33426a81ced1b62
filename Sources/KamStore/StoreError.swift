/// Why the store could not do what was asked, and where (the database file, the table).
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The database file could not be opened or created.
        case cannotOpen(String)
        /// A migration failed; the store is left at the last good version.
        case migrationFailed(String)
        /// The database has migrations this version of kam does not know (made by a newer kam).
        case unknownMigrations([String])
        /// A NOT NULL, CHECK, UNIQUE or FOREIGN KEY constraint refused a change.
        case constraintViolated(String)
        /// A stored value cannot be read back as its type (a damaged or hand-edited database).
        case corruptValue(table: String, column: String, value: String)
        /// A key lacks the parts it needs (e.g. a sync base with neither cell nor record and field).
        case invalidKey(String)
        /// Any other SQLite error: its result code and message.
        case database(code: Int32, message: String)
    }

    public var reason: Reason
    /// The database file.
    public var path: String

    public init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    /// A stable kebab-case code for messages.
    public var code: String {
        switch reason {
        case .cannotOpen: "store-cannot-open"
        case .migrationFailed: "store-migration-failed"
        case .unknownMigrations: "store-too-new"
        case .constraintViolated: "store-constraint"
        case .corruptValue: "store-corrupt-value"
        case .invalidKey: "store-invalid-key"
        case .database: "store-error"
        }
    }

    public var description: String {
        let detail: String = switch reason {
        case .cannotOpen(let m): "cannot open: \(m)"
        case .migrationFailed(let m): "migration failed: \(m)"
        case .unknownMigrations(let names): "made by a newer kam (unknown migrations \(names.joined(separator: ", ")))"
        case .constraintViolated(let m): "constraint violated: \(m)"
        case .corruptValue(let t, let c, let v): "cannot read \(t).\(c) value \(v)"
        case .invalidKey(let m): "invalid key: \(m)"
        case .database(let code, let m): "SQLite error \(code): \(m)"
        }
        return "\(path): \(detail)"
    }
}
