import Foundation
import GRDB
import KamModel

/// The default store: one SQLite file, in WAL mode, with foreign keys on, migrated on open.
///
/// ```swift
/// let store = try SQLiteCustomerStore(path: "ws/.kam/store.sqlite")
/// try store.write { tx in try tx.upsertCustomer(customer) }
/// ```
public final class SQLiteCustomerStore: CustomerStore {
    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// The names of the schema's migrations, in order (frozen by a test: append only).
    public static var migrationNames: [String] { StoreMigrations.names }

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    ///
    /// - Throws: `StoreError` — `.cannotOpen`, `.migrationFailed`, or `.unknownMigrations` for a database
    ///   written by a newer kam.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.label = "kam.store"
        // A 32 MiB page cache (SQLite's default is 2 MiB): a 100,000-customer import or sync otherwise evicts and
        // re-reads pages of the tables it is writing.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -32768") }
        do {
            pool = try DatabasePool(path: path, configuration: config)  // DatabasePool runs in WAL mode.
        } catch {
            throw StoreError(.cannotOpen(Self.message(error)), path: path)
        }
        let migrator = StoreMigrations.migrator
        do {
            let unknown = try pool.read { db in
                try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
            }
            if !unknown.isEmpty { throw StoreError(.unknownMigrations(unknown.sorted()), path: path) }
            try migrator.migrate(pool)
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.migrationFailed(Self.message(error)), path: path)
        }
    }

    /// The migrations applied to this database, in order.
    public func appliedMigrations() throws -> [String] {
        try mapErrors { try pool.read { try StoreMigrations.migrator.appliedMigrations($0) } }
    }

    /// The journal mode SQLite reports (`wal`).
    public func journalMode() throws -> String {
        try mapErrors { try pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" } }
    }

    public func read<T>(_ body: (any StoreReading) throws -> T) throws -> T {
        try mapErrors { try pool.read { db in try body(SQLiteStoreSession(db: db, path: path)) } }
    }

    @discardableResult
    public func write<T>(_ body: (any StoreWriting) throws -> T) throws -> T {
        try mapErrors { try pool.write { db in try body(SQLiteStoreSession(db: db, path: path)) } }
    }

    /// GRDB's errors become `StoreError`; everything else passes through unchanged.
    private func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DatabaseError {
            throw Self.storeError(e, path: path)
        }
    }

    static func storeError(_ e: DatabaseError, path: String) -> StoreError {
        let message = e.message ?? "\(e.resultCode)"
        if e.resultCode == .SQLITE_CONSTRAINT {
            return StoreError(.constraintViolated(message), path: path)
        }
        return StoreError(.database(code: e.resultCode.rawValue, message: message), path: path)
    }

    private static func message(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        return "\(error)"
    }
}
