import GRDB
internal import GRDBSQLite

/// A cached statement whose values are bound straight to SQLite, one after another, and then run.
///
/// Why not `execute(arguments:)`: GRDB boxes every argument into a `DatabaseValue`, validates the array and (above
/// 20 arguments) copies it again; for the customer insert that was twice the cost of SQLite's own work. Running
/// still goes through GRDB's `execute()`, so its transaction and error handling stay in charge.
struct BoundStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private var index: Int32 = 0
    private var failure: Int32 = SQLITE_OK

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        // Marks the statement's arguments as set (none) and clears old bindings; the values come below.
        statement.setUncheckedArguments(StatementArguments())
        handle = statement.sqliteStatement
    }

    /// Binds the next parameter to text, or NULL.
    mutating func bind(_ text: String?) {
        index += 1
        guard var text else { return note(sqlite3_bind_null(handle, index)) }
        let code = text.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return sqlite3_bind_text(handle, index, "", 0, nil) }
            return sqlite3_bind_text(handle, index, base, Int32(bytes.count), Self.transient)
        }
        note(code)
    }

    /// Binds the next parameter to UTF-8 text given as bytes.
    mutating func bind(utf8 bytes: [UInt8]) {
        index += 1
        let code = bytes.withUnsafeBufferPointer { b -> Int32 in
            guard let base = b.baseAddress, b.count > 0 else { return sqlite3_bind_text(handle, index, "", 0, nil) }
            return base.withMemoryRebound(to: CChar.self, capacity: b.count) {
                sqlite3_bind_text(handle, index, $0, Int32(b.count), Self.transient)
            }
        }
        note(code)
    }

    /// Binds the next parameter to a BLOB (an empty one for no bytes).
    mutating func bind(blob bytes: [UInt8]) {
        index += 1
        let code = bytes.withUnsafeBufferPointer { b -> Int32 in
            guard let base = b.baseAddress, b.count > 0 else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return sqlite3_bind_blob(handle, index, base, Int32(b.count), Self.transient)
        }
        note(code)
    }

    /// Binds the next parameter to an integer, or NULL.
    mutating func bind(_ value: Int?) {
        index += 1
        guard let value else { return note(sqlite3_bind_null(handle, index)) }
        note(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    /// Runs the statement with the values bound so far.
    func run() throws {
        guard failure == SQLITE_OK, index == sqlite3_bind_parameter_count(handle) else {
            throw DatabaseError(resultCode: ResultCode(rawValue: failure == SQLITE_OK ? SQLITE_RANGE : failure),
                                message: "bound \(index) of \(sqlite3_bind_parameter_count(handle)) values",
                                sql: statement.sql)
        }
        try statement.execute()
    }

    private mutating func note(_ code: Int32) {
        if code != SQLITE_OK, failure == SQLITE_OK { failure = code }
    }

    /// SQLite copies the bytes before the call returns (`SQLITE_TRANSIENT`), so no Swift buffer outlives it.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
