import Foundation
import GRDB
@testable import KamStore
import KamModel
import Testing

@Suite("Store migrations")
struct MigrationTests {
    /// The shipped migrations. Append new names at the end; never edit, rename or reorder these.
    static let frozen = ["v1-customers", "v1-plans", "v1-imports-and-sync", "v2-provenance-in-customer"]

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
        let path = t.path + ".v1.sqlite"
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "v1-imports-and-sync")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO customer (id, name) VALUES ('K-1', '甲'), ('K-2', '乙')")
            try db.execute(sql: """
                INSERT INTO provenance (customer_id, field, file, sheet, cell) VALUES
                ('K-1', 'name', '台账.xlsx', '客户', 'B2'), ('K-1', 'contacts[0].phone', '台账.xlsx', '联系人', 'F7')
                """)
        }
        try queue.close()
        let store = try SQLiteCustomerStore(path: path)
        #expect(try store.appliedMigrations() == SQLiteCustomerStore.migrationNames)
        let k1 = try #require(try store.fetchCustomer("K-1"))
        #expect(k1.provenance == ["name": SourceLocation(file: "台账.xlsx", sheet: "客户", cell: "B2"),
                                  "contacts[0].phone": SourceLocation(file: "台账.xlsx", sheet: "联系人", cell: "F7")])
        #expect(try store.fetchCustomer("K-2")?.provenance == [:])
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
