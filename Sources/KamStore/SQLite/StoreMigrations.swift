import GRDB
import KamModel

/// The SQLite schema as named, append-only migrations (ARCHITECTURE.md house rule 10).
///
/// Never edit or reorder a migration that has shipped: add a new one at the end. `KamStoreTests` freezes
/// the list of names. Vocabulary CHECKs are spelled out literally (not generated from the Swift enums) so
/// that a shipped migration's SQL never changes; a test checks every enum value is accepted.
///
/// Layout: scalar customer fields are columns; each list of a customer is a child table keyed by
/// (customer_id, position) with `ON DELETE CASCADE`, so queries over transactions, contacts or feedback
/// stay plain SQL; `preferences` and `extra` (ordered header/value pairs) are JSON text; a plan is its
/// canonical JSON in `body` plus a few columns for lookups. Money and other decimals are TEXT holding the
/// exact decimal (never REAL); dates are `YYYY-MM-DD` text, date-times `YYYY-MM-DDTHH:MM:SS`.
enum StoreMigrations {
    /// The migration names, in order.
    static var names: [String] { migrator.migrations }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-customers") { db in try db.execute(sql: v1Customers) }
        m.registerMigration("v1-plans") { db in try db.execute(sql: v1Plans) }
        m.registerMigration("v1-imports-and-sync") { db in try db.execute(sql: v1ImportsAndSync) }
        m.registerMigration("v2-provenance-in-customer") { db in try db.execute(sql: v2ProvenanceInCustomer) }
        m.registerMigration("v3-checks-without-in-lists", foreignKeyChecks: .deferred) { db in
            try rebuildWithoutInLists(db)
        }
        m.registerMigration("v4-record-sync-bases") { db in try moveRecordBases(db) }
        return m
    }

    private static let date = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
    private static let dateTime = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'"
    private static let channels = "('phone','email','wechat','social','visit','meeting','sms','other')"

    private static let v1Customers = """
        CREATE TABLE customer (
            id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
            name TEXT NOT NULL,
            kind TEXT CHECK (kind IN ('company','individual')),
            industry TEXT,
            region TEXT,
            address TEXT,
            founded_on TEXT CHECK (founded_on \(date)),
            main_business TEXT,
            owner TEXT,
            segment TEXT CHECK (segment IN ('important_value','important_development','general_value','low_value',
                'important_retention','important_recovery','general_development','general_retention','general_recovery')),
            key_account INTEGER CHECK (key_account IN (0, 1)),
            lifecycle TEXT CHECK (lifecycle IN ('prospect','new','active','churned')),
            membership TEXT CHECK (membership IN ('regular','silver','gold','platinum')),
            points INTEGER,
            annual_revenue TEXT,
            revenue_share TEXT,
            satisfaction TEXT,
            gender TEXT CHECK (gender IN ('female','male','other')),
            birth_date TEXT CHECK (birth_date \(date)),
            occupation TEXT,
            preferences TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preferences)),
            purchase_habits TEXT,
            notes TEXT,
            extra TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(extra))
        ) STRICT;
        CREATE TABLE contact (
            customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            name TEXT, title TEXT, phone TEXT, mobile TEXT, email TEXT, wechat TEXT,
            preferred_channel TEXT CHECK (preferred_channel IN \(channels)),
            birthday TEXT CHECK (birthday \(date)),
            is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
            PRIMARY KEY (customer_id, position)
        ) STRICT;
        CREATE INDEX contact_phone ON contact(phone);
        CREATE INDEX contact_email ON contact(email);
        CREATE TABLE sale (
            customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            date TEXT CHECK (date \(date)),
            product TEXT, category TEXT,
            quantity TEXT, unit_price TEXT, amount TEXT,
            currency TEXT, contract_no TEXT,
            PRIMARY KEY (customer_id, position)
        ) STRICT;
        CREATE INDEX sale_date ON sale(date);
        CREATE TABLE contract (
            customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            number TEXT, title TEXT,
            signed_on TEXT CHECK (signed_on \(date)),
            starts_on TEXT CHECK (starts_on \(date)),
            ends_on TEXT CHECK (ends_on \(date)),
            value TEXT,
            PRIMARY KEY (customer_id, position)
        ) STRICT;
        CREATE TABLE interaction (
            customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            date TEXT CHECK (date \(date)),
            channel TEXT CHECK (channel IN \(channels)),
            kind TEXT CHECK (kind IN ('consultation','complaint','feedback','visit','callback','care','meeting')),
            summary TEXT, owner TEXT, next_step TEXT,
            next_date TEXT CHECK (next_date \(date)),
            PRIMARY KEY (customer_id, position)
        ) STRICT;
        CREATE TABLE feedback (
            customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            received_at TEXT CHECK (received_at \(dateTime)),
            category TEXT CHECK (category IN ('product_quality','service_attitude','delivery','price','other')),
            severity TEXT CHECK (severity IN ('low','medium','high','critical')),
            description TEXT,
            first_response_at TEXT CHECK (first_response_at \(dateTime)),
            resolved_at TEXT CHECK (resolved_at \(dateTime)),
            resolution TEXT,
            status TEXT CHECK (status IN ('open','in_progress','resolved','closed')),
            satisfaction_after TEXT,
            PRIMARY KEY (customer_id, position)
        ) STRICT;
        CREATE TABLE survey (
            customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            date TEXT CHECK (date \(date)),
            method TEXT CHECK (method IN ('questionnaire','phone','interview','online')),
            score TEXT, recommend INTEGER, comments TEXT,
            PRIMARY KEY (customer_id, position)
        ) STRICT;
        CREATE TABLE service_action (
            customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            title TEXT,
            cadence TEXT CHECK (cadence IN ('once','weekly','monthly','quarterly','yearly')),
            due_on TEXT CHECK (due_on \(date)),
            done_on TEXT CHECK (done_on \(date)),
            status TEXT CHECK (status IN ('planned','done','overdue','cancelled')),
            owner TEXT,
            channel TEXT CHECK (channel IN \(channels)),
            PRIMARY KEY (customer_id, position)
        ) STRICT;
        CREATE TABLE provenance (
            customer_id TEXT NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
            field TEXT NOT NULL CHECK (field <> ''),
            file TEXT NOT NULL, sheet TEXT NOT NULL, cell TEXT NOT NULL,
            PRIMARY KEY (customer_id, field)
        ) STRICT;
        """

    private static let v1Plans = """
        CREATE TABLE plan (
            id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
            kind TEXT CHECK (kind IN ('summary','annual','maintenance','report','key_account')),
            title TEXT NOT NULL,
            customer_id TEXT,
            owner TEXT,
            period_start TEXT CHECK (period_start \(date)),
            period_end TEXT CHECK (period_end \(date)),
            body TEXT NOT NULL CHECK (json_valid(body))
        ) STRICT;
        CREATE INDEX plan_customer ON plan(customer_id);
        """

    private static let v1ImportsAndSync = """
        CREATE TABLE import_run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            started_at TEXT NOT NULL CHECK (started_at \(dateTime)),
            finished_at TEXT CHECK (finished_at \(dateTime)),
            status TEXT NOT NULL CHECK (status IN ('running','succeeded','failed')),
            customers_added INTEGER NOT NULL DEFAULT 0 CHECK (customers_added >= 0),
            customers_updated INTEGER NOT NULL DEFAULT 0 CHECK (customers_updated >= 0),
            plans_written INTEGER NOT NULL DEFAULT 0 CHECK (plans_written >= 0)
        ) STRICT;
        CREATE TABLE import_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
            level TEXT NOT NULL CHECK (level IN ('info','warning','error')),
            code TEXT NOT NULL CHECK (code <> ''),
            message TEXT NOT NULL,
            file TEXT, sheet TEXT, cell TEXT,
            record_id TEXT, field TEXT,
            CHECK ((file IS NULL) = (sheet IS NULL) AND (sheet IS NULL) = (cell IS NULL))
        ) STRICT;
        CREATE INDEX import_log_run ON import_log(run_id);
        CREATE TABLE file_binding (
            path TEXT NOT NULL PRIMARY KEY CHECK (path <> ''),
            kind TEXT NOT NULL,
            profile TEXT,
            fingerprint TEXT,
            synced_at TEXT CHECK (synced_at \(dateTime))
        ) STRICT;
        CREATE TABLE sync_base (
            file TEXT NOT NULL REFERENCES file_binding(path) ON DELETE CASCADE ON UPDATE CASCADE,
            sheet TEXT NOT NULL,
            cell TEXT NOT NULL DEFAULT '',
            record_id TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '',
            value TEXT,
            synced_at TEXT CHECK (synced_at \(dateTime)),
            CHECK (cell <> '' OR (record_id <> '' AND field <> '')),
            PRIMARY KEY (file, sheet, cell, record_id, field)
        ) STRICT;
        """

    /// Provenance moves into one text column of `customer` (`ProvenanceCodec`): a row per field (a dozen per
    /// customer) made writing a large import several times slower than reading its workbook.
    private static let v2ProvenanceInCustomer = """
        ALTER TABLE customer ADD COLUMN provenance TEXT NOT NULL DEFAULT '';
        UPDATE customer SET provenance = coalesce((
            SELECT group_concat(p.field || char(31) || p.file || char(31) || p.sheet || char(31) || p.cell, char(30))
            FROM provenance p WHERE p.customer_id = customer.id), '');
        DROP TABLE provenance;
        """

    /// Vocabulary CHECKs become chains of `=` comparisons (same meaning, NULL included): SQLite evaluates
    /// `x IN ('a','b','c')` by building a temporary b-tree of the list for every row written, which doubled the
    /// cost of each customer insert. Tables are rebuilt the way SQLite documents (new table, copy, drop, rename),
    /// with foreign keys checked after the migration rather than cascading the drop.
    static func rebuildWithoutInLists(_ db: Database) throws {
        let tables = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
            """)
        for table in tables {
            let name: String = table["name"], sql: String = table["sql"]
            let rewritten = checksWithoutInLists(sql)
            guard rewritten != sql else { continue }
            let indexes = try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
                """, arguments: [name])
            let temporary = "\(name)_v3"
            guard let open = rewritten.range(of: "(") else { continue }
            try db.execute(sql: "CREATE TABLE \(temporary) " + rewritten[open.lowerBound...])
            try db.execute(sql: "INSERT INTO \(temporary) SELECT * FROM \(name)")
            try db.execute(sql: "DROP TABLE \(name)")
            try db.execute(sql: "ALTER TABLE \(temporary) RENAME TO \(name)")
            for index in indexes { try db.execute(sql: index) }
        }
    }

    /// `CHECK (col IN (a, b, …))` → `CHECK (col = a OR col = b OR …)`; other text is kept.
    static func checksWithoutInLists(_ sql: String) -> String {
        var out = ""
        var rest = Substring(sql)
        while let start = rest.range(of: "CHECK (") {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            let column = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let afterColumn = rest.dropFirst(column.count)
            guard !column.isEmpty, afterColumn.hasPrefix(" IN ("),
                  let close = afterColumn.dropFirst(5).firstIndex(of: ")") else { continue }
            let items = afterColumn[afterColumn.index(afterColumn.startIndex, offsetBy: 5)..<close]
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            out += items.map { "\(column) = \($0)" }.joined(separator: " OR ")
            rest = afterColumn[afterColumn.index(after: close)...]
        }
        return out + rest
    }

    /// Bases keyed by record move to one row per record (`RecordBaseRows`): a row per field, with the file's path
    /// repeated in each and a second B-tree for the key, made the bases of a large workbook slower to write than
    /// the workbook itself. Bases keyed by cell stay in `sync_base`.
    private static func moveRecordBases(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_record_base (
                file TEXT NOT NULL REFERENCES file_binding(path) ON DELETE CASCADE ON UPDATE CASCADE,
                sheet TEXT NOT NULL,
                record_id TEXT NOT NULL CHECK (record_id <> ''),
                fields BLOB NOT NULL,
                synced_at TEXT CHECK (synced_at \(dateTime)),
                PRIMARY KEY (file, sheet, record_id)
            ) STRICT, WITHOUT ROWID;
            """)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT file, sheet, record_id, field, value, synced_at FROM sync_base WHERE cell = ''
            ORDER BY file, sheet, record_id
            """)
        var current: RecordBase?
        var latest: String?
        func flush() throws {
            guard var r = current else { return }
            r.syncedAt = latest.flatMap { LocalDateTime(iso: $0) }
            try RecordBaseRows.store(r, into: db)
        }
        while let row = try rows.next() {
            let file: String = row[0], sheet: String = row[1], record: String = row[2], field: String = row[3]
            let value: String? = row[4], stamp: String? = row[5]
            if current?.file != file || current?.sheet != sheet || current?.record.rawValue != record {
                try flush()
                current = RecordBase(file: file, sheet: sheet, record: CustomerID(record), fields: [:])
                latest = nil
            }
            current?.fields[field] = .some(value)
            // ISO text orders as the times do: the record keeps its latest.
            if let stamp, stamp > (latest ?? "") { latest = stamp }
        }
        try flush()
        try db.execute(sql: "DELETE FROM sync_base WHERE cell = ''")
    }
}
