import Foundation
import GRDB
import KamModel

/// A store transaction on one GRDB connection; valid only inside the `read`/`write` closure.
struct SQLiteStoreSession: StoreWriting {
    let db: Database
    let path: String

    // MARK: Customers

    func customerIDs() throws -> [CustomerID] {
        try String.fetchAll(db, sql: "SELECT id FROM customer ORDER BY id").map(CustomerID.init(rawValue:))
    }

    func customerCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0
    }

    func fetchCustomers() throws -> [Customer] {
        try loadCustomers(where: "", arguments: [])
    }

    func fetchCustomer(_ id: CustomerID) throws -> Customer? {
        try loadCustomers(where: "WHERE customer_id = ?", arguments: [id.rawValue]).first
    }

    @discardableResult
    func upsertCustomer(_ c: Customer) throws -> Bool {
        let existed = try deleteCustomer(c.id)
        try CustomerRows.insert(c, into: db, codec: codec)
        return !existed
    }

    func insertCustomer(_ c: Customer) throws {
        try CustomerRows.insert(c, into: db, codec: codec)
    }

    /// Drops the secondary indexes of customer lists and builds them again afterwards: one sorted pass over a
    /// finished table costs a fraction of keeping phone and e-mail indexes in order across 100,000 inserts.
    func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
              AND tbl_name IN ('contact', 'sale', 'contract', 'interaction', 'feedback', 'survey', 'service_action')
            """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
        for index in indexes { try db.execute(sql: "DROP INDEX \"\(index.name)\"") }
        let result: T
        do {
            result = try body()
        } catch {
            // The caller's transaction rolls back and restores them; rebuild anyway for a caller that goes on.
            for index in indexes { try? db.execute(sql: index.sql) }
            throw error
        }
        for index in indexes { try db.execute(sql: index.sql) }
        return result
    }

    @discardableResult
    func deleteCustomer(_ id: CustomerID) throws -> Bool {
        try db.cachedStatement(sql: "DELETE FROM customer WHERE id = ?").execute(arguments: [id.rawValue])
        return db.changesCount > 0
    }

    func deleteAllCustomers() throws {
        try db.execute(sql: "DELETE FROM customer")
    }

    /// Customers and their lists; `filter` is a WHERE on `customer_id` applied to every table.
    private func loadCustomers(where filter: String, arguments: StatementArguments) throws -> [Customer] {
        let customerFilter = filter.replacingOccurrences(of: "customer_id", with: "id")
        return try CustomerRows.load(db, customerFilter: customerFilter, childFilter: filter,
                                     arguments: arguments, codec: codec)
    }

    private var codec: ValueCodec { ValueCodec(path: path) }

    // MARK: Plans

    func fetchPlans() throws -> [Plan] {
        try Row.fetchAll(db, sql: "SELECT id, body FROM plan ORDER BY id").map(decodePlan)
    }

    func fetchPlan(id: String) throws -> Plan? {
        try Row.fetchOne(db, sql: "SELECT id, body FROM plan WHERE id = ?", arguments: [id]).map(decodePlan)
    }

    @discardableResult
    func upsertPlan(_ plan: Plan) throws -> Bool {
        let existed = try deletePlan(id: plan.id)
        try db.execute(
            sql: """
                INSERT INTO plan (id, kind, title, customer_id, owner, period_start, period_end, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [plan.id, plan.kind?.rawValue, plan.title, plan.customerId?.rawValue, plan.owner,
                        plan.periodStart?.iso, plan.periodEnd?.iso, plan.canonicalJSON.serialized()])
        return !existed
    }

    @discardableResult
    func deletePlan(id: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM plan WHERE id = ?", arguments: [id])
        return db.changesCount > 0
    }

    func deleteAllPlans() throws {
        try db.execute(sql: "DELETE FROM plan")
    }

    private func decodePlan(_ row: Row) throws -> Plan {
        let body: String = row["body"]
        do {
            return try JSONDecoder().decode(Plan.self, from: Data(body.utf8))
        } catch {
            throw StoreError(.corruptValue(table: "plan", column: "body", value: row["id"] ?? ""), path: path)
        }
    }

    // MARK: Import runs

    func beginImportRun(source: String, kind: String, startedAt: LocalDateTime) throws -> ImportRun {
        try db.execute(
            sql: "INSERT INTO import_run (source, kind, started_at, status) VALUES (?, ?, ?, 'running')",
            arguments: [source, kind, startedAt.iso])
        return ImportRun(id: db.lastInsertedRowID, source: source, kind: kind, startedAt: startedAt)
    }

    func finishImportRun(_ run: ImportRun) throws {
        try db.execute(
            sql: """
                UPDATE import_run SET finished_at = ?, status = ?, customers_added = ?, customers_updated = ?,
                    plans_written = ? WHERE id = ?
                """,
            arguments: [run.finishedAt?.iso, run.status.rawValue, run.customersAdded, run.customersUpdated,
                        run.plansWritten, run.id])
    }

    func appendImportLog(_ e: ImportLogEntry) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO import_log (run_id, level, code, message, file, sheet, cell, record_id, field)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [e.runID, e.level.rawValue, e.code, e.message, e.location?.file, e.location?.sheet,
                        e.location?.cell, e.recordID?.rawValue, e.field])
    }

    func importRuns() throws -> [ImportRun] {
        try Row.fetchAll(db, sql: "SELECT * FROM import_run ORDER BY id").map { r in
            let status: String = r["status"]
            return ImportRun(
                id: r["id"], source: r["source"], kind: r["kind"],
                startedAt: try codec.dateTime(r["started_at"], "import_run.started_at") ?? LocalDateTime(date: .epoch),
                finishedAt: try codec.dateTime(r["finished_at"], "import_run.finished_at"),
                status: try codec.vocab(status, "import_run.status") ?? .failed,
                customersAdded: r["customers_added"], customersUpdated: r["customers_updated"],
                plansWritten: r["plans_written"])
        }
    }

    func importLog(runID: Int64) throws -> [ImportLogEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM import_log WHERE run_id = ? ORDER BY id", arguments: [runID]).map { r in
            let file: String? = r["file"], sheet: String? = r["sheet"], cell: String? = r["cell"]
            var location: SourceLocation?
            if let file, let sheet, let cell { location = SourceLocation(file: file, sheet: sheet, cell: cell) }
            let level: String = r["level"]
            return ImportLogEntry(
                runID: r["run_id"], level: try codec.vocab(level, "import_log.level") ?? .error, code: r["code"],
                message: r["message"], location: location, recordID: (r["record_id"] as String?).map { CustomerID(rawValue: $0) },
                field: r["field"])
        }
    }

    // MARK: Sync bases and file bindings

    /// A key by record and field without a cell: its base lives with the record's others (`sync_record_base`).
    private func recordKeyed(_ k: SyncBaseKey) -> (record: CustomerID, field: String)? {
        guard (k.cell ?? "").isEmpty, let record = k.recordID, !record.rawValue.isEmpty, let field = k.field,
              !field.isEmpty else { return nil }
        return (record, field)
    }

    func syncBase(_ key: SyncBaseKey) throws -> SyncBase? {
        if let (record, field) = recordKeyed(key) {
            guard let r = try RecordBaseRows.load(file: key.file, sheet: key.sheet, record: record, from: db, codec: codec),
                  let value = r.fields[field] else { return nil }
            return SyncBase(key: key, value: value, syncedAt: r.syncedAt)
        }
        return try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT * FROM sync_base WHERE file = ? AND sheet = ? AND cell = ? AND record_id = ? AND field = ?"),
            arguments: keyArguments(key)
        ).map(decodeSyncBase)
    }

    func syncBases(file: String) throws -> [SyncBase] {
        var out: [SyncBase] = []
        // Record-keyed bases have no cell, so they come first within each sheet (the order of the key's columns).
        var records: [String: [SyncBase]] = [:]
        for r in try RecordBaseRows.load(file: file, from: db, codec: codec) {
            for field in r.fields.keys.sorted(by: ProvenanceCodec.utf8Precedes) {
                records[r.sheet, default: []].append(
                    SyncBase(key: SyncBaseKey(file: file, sheet: r.sheet, record: r.record, field: field),
                             value: r.fields[field] ?? nil, syncedAt: r.syncedAt))
            }
        }
        var byCell: [String: [SyncBase]] = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM sync_base WHERE file = ? ORDER BY sheet, cell, record_id, field
            """, arguments: [file])
        for row in rows {
            let b = try decodeSyncBase(row)
            byCell[b.key.sheet, default: []].append(b)
        }
        for sheet in Set(records.keys).union(byCell.keys).sorted(by: ProvenanceCodec.utf8Precedes) {
            out += records[sheet] ?? []
            out += byCell[sheet] ?? []
        }
        return out
    }

    func recordBases(file: String) throws -> [RecordBase] {
        try RecordBaseRows.load(file: file, from: db, codec: codec)
    }

    func setSyncBase(_ base: SyncBase) throws {
        let k = base.key
        if let (record, field) = recordKeyed(k) {
            var r = try RecordBaseRows.load(file: k.file, sheet: k.sheet, record: record, from: db, codec: codec)
                ?? RecordBase(file: k.file, sheet: k.sheet, record: record, fields: [:])
            r.fields[field] = .some(base.value)
            r.syncedAt = base.syncedAt
            return try RecordBaseRows.store(r, into: db)
        }
        guard !(k.cell ?? "").isEmpty else {
            throw StoreError(.invalidKey("sync base \(k.file) \(k.sheet) needs a cell or a record and field"),
                             path: path)
        }
        var args = keyArguments(k)
        args += [base.value, base.syncedAt?.iso]
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO sync_base (file, sheet, cell, record_id, field, value, synced_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: args)
    }

    func deleteSyncBase(_ key: SyncBaseKey) throws {
        if let (record, field) = recordKeyed(key) {
            guard var r = try RecordBaseRows.load(file: key.file, sheet: key.sheet, record: record, from: db, codec: codec),
                  r.fields.removeValue(forKey: field) != nil else { return }
            return try RecordBaseRows.store(r, into: db)
        }
        try db.cachedStatement(
            sql: "DELETE FROM sync_base WHERE file = ? AND sheet = ? AND cell = ? AND record_id = ? AND field = ?"
        ).execute(arguments: keyArguments(key))
    }

    func deleteSyncBases(file: String) throws {
        try db.execute(sql: "DELETE FROM sync_base WHERE file = ?", arguments: [file])
        try db.execute(sql: "DELETE FROM sync_record_base WHERE file = ?", arguments: [file])
    }

    func setRecordBase(_ base: RecordBase) throws {
        guard !base.record.rawValue.isEmpty, !base.fields.keys.contains(where: \.isEmpty) else {
            throw StoreError(.invalidKey("record base \(base.file) \(base.sheet) needs a record and named fields"),
                             path: path)
        }
        try RecordBaseRows.store(base, into: db)
    }

    func deleteRecordBase(file: String, sheet: String, record: CustomerID) throws {
        try RecordBaseRows.delete(file: file, sheet: sheet, record: record, from: db)
    }

    func fileBinding(path file: String) throws -> FileBinding? {
        try Row.fetchOne(db, sql: "SELECT * FROM file_binding WHERE path = ?", arguments: [file]).map(decodeBinding)
    }

    func fileBindings() throws -> [FileBinding] {
        try Row.fetchAll(db, sql: "SELECT * FROM file_binding ORDER BY path").map(decodeBinding)
    }

    func setFileBinding(_ b: FileBinding) throws {
        // An UPSERT, not INSERT OR REPLACE: a REPLACE would delete the row and cascade to its sync bases.
        try db.execute(
            sql: """
                INSERT INTO file_binding (path, kind, profile, fingerprint, synced_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET kind = excluded.kind, profile = excluded.profile,
                    fingerprint = excluded.fingerprint, synced_at = excluded.synced_at
                """,
            arguments: [b.path, b.kind, b.profile, b.fingerprint, b.syncedAt?.iso])
    }

    @discardableResult
    func deleteFileBinding(path file: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM file_binding WHERE path = ?", arguments: [file])
        return db.changesCount > 0
    }

    private func keyArguments(_ k: SyncBaseKey) -> StatementArguments {
        [k.file, k.sheet, k.cell ?? "", k.recordID?.rawValue ?? "", k.field ?? ""]
    }

    private func decodeSyncBase(_ r: Row) throws -> SyncBase {
        let cell: String = r["cell"], record: String = r["record_id"], field: String = r["field"]
        let key = SyncBaseKey(file: r["file"], sheet: r["sheet"], cell: cell.isEmpty ? nil : cell,
                              recordID: record.isEmpty ? nil : CustomerID(record), field: field.isEmpty ? nil : field)
        return SyncBase(key: key, value: r["value"], syncedAt: try codec.dateTime(r["synced_at"], "sync_base.synced_at"))
    }

    private func decodeBinding(_ r: Row) throws -> FileBinding {
        FileBinding(path: r["path"], kind: r["kind"], profile: r["profile"], fingerprint: r["fingerprint"],
                    syncedAt: try codec.dateTime(r["synced_at"], "file_binding.synced_at"))
    }
}

@available(*, unavailable)
extension SQLiteStoreSession: Sendable {}

extension LocalDate {
    /// 1970-01-01, a fallback for a required date that a damaged database lacks.
    static let epoch = LocalDate(dayNumber: 0)
}
