import Foundation
import GRDB
@testable import KamStore
import KamModel
import Testing

@Suite("Store migrations")
struct MigrationTests {
    /// The shipped migrations. Append new names at the end; never edit, rename or reorder these.
    static let frozen = ["v1-customers", "v1-plans", "v1-imports-and-sync", "v2-provenance-in-customer",
                         "v3-checks-without-in-lists", "v4-record-sync-bases"]

    @Test("migrations are append-only: the shipped names come first, in order")
    func appendOnly() {
        let names = SQLiteCustomerStore.migrationNames
        #expect(Array(names.prefix(Self.frozen.count)) == Self.frozen)
        #expect(Set(names).count == names.count)
    }

    @Test("a new store has every migration applied and runs in WAL mode")
    func applied() throws {
        let t = try TemporaryStore()
        #expect(try t.store.appliedMigrations() == SQLiteCustomerStore.migrationNames)
        #expect(try t.store.journalMode() == "wal")
    }

    /// A store file beside `t`'s made by an older kam: migrated up to `last` only, then filled by `fill`.
    static func olderStore(_ t: TemporaryStore, upTo last: String, fill: (Database) throws -> Void) throws -> String {
        let path = t.path + "." + last + ".sqlite"
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: last)
        try queue.write(fill)
        try queue.close()
        return path
    }

    @Test("reopening a store keeps its data and migrates nothing twice")
    func reopen() throws {
        let t = try TemporaryStore()
        try t.store.write { try $0.upsertCustomer(StoreFixtures.everything()) }
        let again = try SQLiteCustomerStore(path: t.path)
        #expect(try again.fetchCustomer("K-7") == StoreFixtures.everything())
    }

    @Test("v2 moves provenance rows of a v1 store into the customer column, nothing lost")
    func provenanceMoves() throws {
        let t = try TemporaryStore()
        let path = try Self.olderStore(t, upTo: "v1-imports-and-sync") { db in
            try db.execute(sql: "INSERT INTO customer (id, name) VALUES ('K-1', '甲'), ('K-2', '乙')")
            try db.execute(sql: """
                INSERT INTO provenance (customer_id, field, file, sheet, cell) VALUES
                ('K-1', 'name', '台账.xlsx', '客户', 'B2'), ('K-1', 'contacts[0].phone', '台账.xlsx', '联系人', 'F7')
                """)
        }
        let store = try SQLiteCustomerStore(path: path)
        #expect(try store.appliedMigrations() == SQLiteCustomerStore.migrationNames)
        let k1 = try #require(try store.fetchCustomer("K-1"))
        #expect(k1.provenance == ["name": SourceLocation(file: "台账.xlsx", sheet: "客户", cell: "B2"),
                                  "contacts[0].phone": SourceLocation(file: "台账.xlsx", sheet: "联系人", cell: "F7")])
        #expect(try store.fetchCustomer("K-2")?.provenance == [:])
    }

    @Test("v4 moves bases keyed by record into one row per record; bases keyed by cell stay; nothing lost")
    func recordBasesMove() throws {
        let t = try TemporaryStore()
        let path = try Self.olderStore(t, upTo: "v3-checks-without-in-lists") { db in
            try db.execute(sql: "INSERT INTO file_binding (path, kind) VALUES ('/w/a.xlsx', 'key-accounts')")
            try db.execute(sql: """
                INSERT INTO sync_base (file, sheet, cell, record_id, field, value, synced_at) VALUES
                ('/w/a.xlsx', '重点客户', '', 'C1', '#row', NULL, '2024-01-01T09:00:00'),
                ('/w/a.xlsx', '重点客户', '', 'C1', 'owner', '张三', '2024-02-01T09:00:00'),
                ('/w/a.xlsx', '重点客户', '', 'C1', 'extra.备注', '', '2024-01-01T09:00:00'),
                ('/w/a.xlsx', '联系人', '', 'C1-P1', '#index', '0', NULL),
                ('/w/a.xlsx', '重点客户', 'F7', '', '', 'x', NULL)
                """)
        }
        let store = try SQLiteCustomerStore(path: path)
        #expect(try store.appliedMigrations() == SQLiteCustomerStore.migrationNames)
        let records = try store.read { try $0.recordBases(file: "/w/a.xlsx") }
        #expect(records.count == 2)
        let c1 = try #require(records.first { $0.record == "C1" })
        #expect(c1.sheet == "重点客户")
        #expect(c1.fields == ["#row": nil, "owner": "张三", "extra.备注": ""])
        #expect(c1.syncedAt == LocalDateTime(iso: "2024-02-01T09:00:00"))
        #expect(records.first { $0.record == "C1-P1" }?.fields == ["#index": "0"])
        // The per-field view of the same bases, and the cell-keyed one, as before.
        let all = try store.read { try $0.syncBases(file: "/w/a.xlsx") }
        #expect(all.count == 5)
        #expect(try store.read { try $0.syncBase(SyncBaseKey(file: "/w/a.xlsx", sheet: "重点客户", cell: "F7")) }?.value == "x")
        #expect(try store.read {
            try $0.syncBase(SyncBaseKey(file: "/w/a.xlsx", sheet: "重点客户", record: "C1", field: "owner"))
        }?.value == "张三")
    }

    @Test("v3 rewrites vocabulary CHECKs without IN lists: data, children, indexes and refusals all kept")
    func checksWithoutInLists() throws {
        let t = try TemporaryStore()
        let path = try Self.olderStore(t, upTo: "v2-provenance-in-customer") { db in
            try db.execute(sql: "INSERT INTO customer (id, name, segment, gender) VALUES ('K-1', '甲', 'low_value', 'female')")
            try db.execute(sql: "INSERT INTO contact (customer_id, position, name, preferred_channel) VALUES ('K-1', 0, '张', 'wechat')")
        }
        let store = try SQLiteCustomerStore(path: path)
        let k1 = try #require(try store.fetchCustomer("K-1"))
        #expect(k1.segment == .lowValue && k1.gender == .female && k1.contacts.first?.preferredChannel == .wechat)
        let raw = try DatabaseQueue(path: path)
        let schema = try raw.read { try String.fetchAll($0, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL") }
        #expect(!schema.contains { $0.contains(" IN (") })
        #expect(schema.contains { $0.contains("CREATE INDEX contact_phone") })
        #expect(try raw.read { try String.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        #expect(throws: DatabaseError.self) {
            try raw.write { try $0.execute(sql: "INSERT INTO customer (id, name, segment) VALUES ('X', 'x', 'super')") }
        }
        try raw.write { try $0.execute(sql: "INSERT INTO customer (id, name, segment) VALUES ('Y', 'y', NULL)") }
        try raw.close()
        #expect(StoreMigrations.checksWithoutInLists("a TEXT CHECK (a IN ('x','y')), b INTEGER CHECK (b IN (0, 1))")
                == "a TEXT CHECK (a = 'x' OR a = 'y'), b INTEGER CHECK (b = 0 OR b = 1)")
    }

    @Test("a store made by a newer kam (unknown migrations) is refused")
    func newerStore() throws {
        let t = try TemporaryStore()
        let queue = try DatabaseQueue(path: t.path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        try queue.close()
        let error = #expect(throws: StoreError.self) { _ = try SQLiteCustomerStore(path: t.path) }
        #expect(error?.reason == .unknownMigrations(["v99-future"]))
    }

    @Test("the schema refuses a value outside a vocabulary, a missing name, and a list row without its customer")
    func checks() throws {
        let t = try TemporaryStore()
        let queue = try DatabaseQueue(path: t.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "INSERT INTO customer (id, name, segment) VALUES ('X', 'x', 'super')") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "INSERT INTO customer (id, name) VALUES ('X', NULL)") }
        }
        #expect(throws: DatabaseError.self) {
            // Foreign keys are a per-connection setting; the store turns them on, this raw connection does too.
            try queue.write { db in
                try db.execute(sql: "PRAGMA foreign_keys = ON")
                try db.execute(sql: "INSERT INTO sale (customer_id, position, amount) VALUES ('nobody', 0, '1')")
            }
        }
        try queue.close()
    }
}
