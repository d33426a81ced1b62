import Foundation
import GRDB
import KamModel
import KamStore
import Testing

@Suite("SQLite customer store")
struct CustomerStoreTests {
    @Test("a customer with every field stored and read back is equal, extra order and provenance included")
    func fullRoundTrip() throws {
        let t = try TemporaryStore()
        let c = StoreFixtures.everything()
        let added = try t.store.write { try $0.upsertCustomer(c) }
        #expect(added)
        let back = try #require(try t.store.fetchCustomer(c.id))
        #expect(back == c)
        #expect(back.extra.keys == ["z列", "a列", "中"])
        #expect(back.provenance == c.provenance)
        #expect(back.transactions[0].amount == Decimal(exactText: "12345678901234.56"))
        #expect(try t.store.fetchCustomers() == [c])
    }

    @Test("upsert replaces a customer whole, lists included")
    func upsertReplaces() throws {
        let t = try TemporaryStore()
        var c = StoreFixtures.everything()
        try t.store.write { try $0.upsertCustomer(c) }
        c.transactions = [Transaction(date: LocalDate(iso: "2025-01-01"), amount: 5)]
        c.contacts = []
        c.owner = nil
        let added = try t.store.write { try $0.upsertCustomer(c) }
        #expect(!added)
        #expect(try t.store.fetchCustomer(c.id) == c)
        #expect(try t.store.read { try $0.customerCount() } == 1)
    }

    @Test("truth-file customers survive the store unchanged", arguments: StoreFixtures.truthFiles)
    func truthFiles(_ url: URL) throws {
        let t = try TemporaryStore()
        let doc = try WorkspaceDocument.decode(try Data(contentsOf: url))
        let summary = try t.store.write { try $0.importDocument(doc, mode: .merge) }
        #expect(summary.customersAdded == doc.customers.count)
        let exported = try t.store.exportDocument()
        #expect(exported.customers == doc.sortedCustomers)
        #expect(exported.encoded() == doc.encoded())
    }

    @Test("a write that throws leaves nothing behind")
    func rollbackOnThrow() throws {
        struct Boom: Error {}
        let t = try TemporaryStore()
        #expect(throws: Boom.self) {
            try t.store.write { tx in
                try tx.upsertCustomer(Customer(id: "A", name: "a"))
                _ = try tx.beginImportRun(source: "x.json", kind: "json", startedAt: LocalDateTime(iso: "2024-01-01T00:00:00")!)
                throw Boom()
            }
        }
        #expect(try t.store.read { try $0.customerCount() } == 0)
        #expect(try t.store.read { try $0.importRuns() }.isEmpty)
    }

    @Test("a constraint failure in the middle of an import rolls the whole import back")
    func rollbackOnConstraint() throws {
        let t = try TemporaryStore()
        let doc = WorkspaceDocument(customers: [Customer(id: "A", name: "a"), Customer(id: "", name: "no id")])
        let error = #expect(throws: StoreError.self) {
            try t.store.write { try $0.importDocument(doc, mode: .merge) }
        }
        if case .constraintViolated? = error?.reason {} else { Issue.record("expected constraintViolated, got \(String(describing: error))") }
        #expect(try t.store.fetchCustomers().isEmpty)
    }

    @Test("merge keeps other customers, replace removes them")
    func importModes() throws {
        let t = try TemporaryStore()
        try t.store.write { tx in
            try tx.upsertCustomer(Customer(id: "A", name: "a"))
            try tx.upsertCustomer(Customer(id: "B", name: "b"))
            try tx.upsertPlan(Plan(id: "P9", title: "old"))
        }
        let doc = WorkspaceDocument(customers: [Customer(id: "B", name: "b2"), Customer(id: "C", name: "c")],
                                    plans: [Plan(id: "", title: "new")])
        let merged = try t.store.write { try $0.importDocument(doc, mode: .merge) }
        #expect(merged.customersAdded == 1 && merged.customersUpdated == 1)
        #expect(try t.store.read { try $0.customerIDs() } == ["A", "B", "C"])
        #expect(try t.store.fetchPlans().map(\.id) == ["P0001", "P9"])
        let replaced = try t.store.write { try $0.importDocument(doc, mode: .replace) }
        #expect(replaced.customersRemoved == 1)
        #expect(try t.store.read { try $0.customerIDs() } == ["B", "C"])
        #expect(try t.store.fetchCustomer("B")?.name == "b2")
    }

    @Test("plans round trip whole")
    func plans() throws {
        let t = try TemporaryStore()
        let plan = Plan(id: "P1", kind: .keyAccount, title: "细则", periodStart: LocalDate(iso: "2024-01-01"),
                        customerId: "K-7", goals: ["g"],
                        kpis: [KPI(metric: .custom, name: "自定义", target: Decimal(exactText: "0.5"))],
                        budget: [BudgetItem(item: "b", amount: Decimal(exactText: "10.25"))],
                        careProcess: [CareStep(step: "s", cadence: "每月", owner: "o")])
        try t.store.write { try $0.upsertPlan(plan) }
        #expect(try t.store.read { try $0.fetchPlan(id: "P1") } == plan)
        #expect(try t.store.write { try $0.deletePlan(id: "P1") })
        #expect(try t.store.fetchPlans().isEmpty)
    }

    @Test("every vocabulary value passes the schema's CHECK constraints")
    func vocabulariesAccepted() throws {
        let t = try TemporaryStore()
        try t.store.write { tx in
            for (i, s) in Segment.allCases.enumerated() {
                var c = Customer(id: CustomerID("S\(i)"), name: "x", segment: s)
                c.kind = CustomerKind.allCases[i % CustomerKind.allCases.count]
                c.lifecycle = Lifecycle.allCases[i % Lifecycle.allCases.count]
                c.membership = Membership.allCases[i % Membership.allCases.count]
                c.gender = Gender.allCases[i % Gender.allCases.count]
                c.contacts = Channel.allCases.map { Contact(preferredChannel: $0) }
                c.interactions = InteractionKind.allCases.map { Interaction(channel: .other, kind: $0) }
                c.feedback = FeedbackCategory.allCases.map { Feedback(category: $0) }
                    + Severity.allCases.map { Feedback(severity: $0) } + FeedbackStatus.allCases.map { Feedback(status: $0) }
                c.surveys = SurveyMethod.allCases.map { Survey(method: $0) }
                c.serviceActions = Cadence.allCases.map { ServiceAction(cadence: $0) }
                    + ServiceStatus.allCases.map { ServiceAction(status: $0) }
                try tx.upsertCustomer(c)
            }
            for k in PlanKind.allCases { try tx.upsertPlan(Plan(id: k.rawValue, kind: k, title: "t")) }
        }
        #expect(try t.store.read { try $0.customerCount() } == Segment.allCases.count)
        #expect(try t.store.fetchPlans().count == PlanKind.allCases.count)
    }

    @Test("import runs and their log are kept in order")
    func importRuns() throws {
        let t = try TemporaryStore()
        let start = try #require(LocalDateTime(iso: "2024-06-01T08:00:00"))
        let here = SourceLocation(file: "a.xlsx", sheet: "客户", cell: "C3")
        try t.store.write { tx in
            var run = try tx.beginImportRun(source: "a.xlsx", kind: "xlsx", startedAt: start)
            try tx.appendImportLog(ImportLogEntry(runID: run.id, level: .info, code: "unmapped-column", location: here))
            try tx.appendImportLog(ImportLogEntry(runID: run.id, level: .error, code: "invalid-date", message: "m",
                                                  recordID: "C1", field: "foundedOn"))
            run.status = .succeeded
            run.customersAdded = 3
            run.finishedAt = LocalDateTime(iso: "2024-06-01T08:00:05")
            try tx.finishImportRun(run)
        }
        let runs = try t.store.read { try $0.importRuns() }
        #expect(runs.count == 1)
        #expect(runs.first?.status == .succeeded && runs.first?.customersAdded == 3)
        let log = try t.store.read { try $0.importLog(runID: runs[0].id) }
        #expect(log.map(\.code) == ["unmapped-column", "invalid-date"])
        #expect(log.first?.location == here)
        #expect(log.last?.recordID == "C1")
    }

    @Test("sync bases are keyed by file, sheet and cell or record and field, and need a file binding")
    func syncBases() throws {
        let t = try TemporaryStore()
        let byCell = SyncBaseKey(file: "a.xlsx", sheet: "客户", cell: "F7")
        let byField = SyncBaseKey(file: "a.xlsx", sheet: "客户", record: "C1", field: "owner")
        // Foreign keys are on: a base without its file binding is refused.
        #expect(throws: StoreError.self) {
            try t.store.write { try $0.setSyncBase(SyncBase(key: byCell, value: "x")) }
        }
        try t.store.write { tx in
            try tx.setFileBinding(FileBinding(path: "a.xlsx", kind: "customers"))
            try tx.setSyncBase(SyncBase(key: byCell, value: "张三"))
            try tx.setSyncBase(SyncBase(key: byField, value: nil, syncedAt: LocalDateTime(iso: "2024-01-01T00:00:00")))
            try tx.setSyncBase(SyncBase(key: byCell, value: "李四"))
            // Updating the binding must not drop its bases.
            try tx.setFileBinding(FileBinding(path: "a.xlsx", kind: "customers", fingerprint: "abc"))
        }
        #expect(try t.store.read { try $0.syncBase(byCell) }?.value == "李四")
        #expect(try t.store.read { try $0.syncBase(byField) } == SyncBase(key: byField, value: nil,
                                                                         syncedAt: LocalDateTime(iso: "2024-01-01T00:00:00")))
        #expect(try t.store.read { try $0.syncBases(file: "a.xlsx") }.count == 2)
        #expect(try t.store.read { try $0.fileBinding(path: "a.xlsx") }?.fingerprint == "abc")
        #expect(throws: StoreError.self) {
            try t.store.write { try $0.setSyncBase(SyncBase(key: SyncBaseKey(file: "a.xlsx", sheet: "s", cell: ""), value: nil)) }
        }
        // One base removed by its key; the other stays.
        try t.store.write { try $0.deleteSyncBase(byField) }
        #expect(try t.store.read { try $0.syncBase(byField) } == nil)
        #expect(try t.store.read { try $0.syncBases(file: "a.xlsx") }.map(\.key) == [byCell])
        try t.store.write { _ = try $0.deleteFileBinding(path: "a.xlsx") }
        #expect(try t.store.read { try $0.syncBases(file: "a.xlsx") }.isEmpty)
    }

    @Test("record bases: whole records replaced and removed, any text kept, gone with their file binding")
    func recordBases() throws {
        let t = try TemporaryStore()
        let odd = "a\u{1E}b\u{1F}c\u{0}d 中文 😀"
        let c1 = RecordBase(file: "/w/a.xlsx", sheet: "重点客户", record: "C1",
                            fields: ["#row": nil, "owner": "张三", "extra.备注": "", "notes": .some(odd)],
                            syncedAt: LocalDateTime(iso: "2024-03-01T10:00:00"))
        #expect(throws: StoreError.self) { try t.store.write { try $0.setRecordBase(c1) } }
        try t.store.write { tx in
            try tx.setFileBinding(FileBinding(path: "/w/a.xlsx", kind: "key-accounts"))
            try tx.setRecordBase(c1)
            try tx.setRecordBase(RecordBase(file: "/w/a.xlsx", sheet: "联系人", record: "C1-P1", fields: ["#index": "2"]))
        }
        #expect(try t.store.read { try $0.recordBases(file: "/w/a.xlsx") }.first { $0.record == "C1" } == c1)
        // Replaced whole: a field the new record lacks is gone.
        try t.store.write { try $0.setRecordBase(RecordBase(file: "/w/a.xlsx", sheet: "重点客户", record: "C1",
                                                            fields: ["#row": nil, "owner": "李四"])) }
        let again = try t.store.read { try $0.recordBases(file: "/w/a.xlsx") }
        #expect(again.map(\.record) == ["C1-P1", "C1"] || again.map(\.record) == ["C1", "C1-P1"])
        #expect(again.first { $0.record == "C1" }?.fields == ["#row": nil, "owner": "李四"])
        // The per-field view agrees, and a field set through it lands in its record.
        try t.store.write {
            try $0.setSyncBase(SyncBase(key: SyncBaseKey(file: "/w/a.xlsx", sheet: "重点客户", record: "C1", field: "region"),
                                        value: "华东"))
        }
        #expect(try t.store.read { try $0.recordBases(file: "/w/a.xlsx") }.first { $0.record == "C1" }?.fields
                == ["#row": nil, "owner": "李四", "region": "华东"])
        try t.store.write { try $0.deleteRecordBase(file: "/w/a.xlsx", sheet: "联系人", record: "C1-P1") }
        #expect(try t.store.read { try $0.recordBases(file: "/w/a.xlsx") }.map(\.record) == ["C1"])
        try t.store.write { _ = try $0.deleteFileBinding(path: "/w/a.xlsx") }
        #expect(try t.store.read { try $0.recordBases(file: "/w/a.xlsx") }.isEmpty)
    }

    @Test("deleting a customer removes its lists too")
    func cascade() throws {
        let t = try TemporaryStore()
        try t.store.write { try $0.upsertCustomer(StoreFixtures.everything()) }
        #expect(try t.store.write { try $0.deleteCustomer("K-7") })
        try t.store.write { try $0.upsertCustomer(Customer(id: "K-7", name: "fresh")) }
        #expect(try t.store.fetchCustomer("K-7") == Customer(id: "K-7", name: "fresh"))
    }
}

@Suite("Bulk loading")
struct BulkLoadTests {
    /// The secondary indexes of the customer lists, as SQLite lists them.
    static func indexes(_ t: TemporaryStore) throws -> [String] {
        let queue = try DatabaseQueue(path: t.path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        }
    }

    @Test("customers written in a bulk load are all there, and the indexes are back afterwards, as they were")
    func indexesRebuilt() throws {
        let t = try TemporaryStore()
        let before = try Self.indexes(t)
        #expect(before.contains("contact_phone") && before.contains("contact_email"))
        try t.store.write { tx in
            try tx.bulkLoad {
                for i in 0..<50 { try tx.insertCustomer(StoreFixtures.everything(CustomerID("K-\(i)"))) }
            }
        }
        #expect(try Self.indexes(t) == before)
        #expect(try t.store.fetchCustomers().count == 50)
        #expect(try t.store.fetchCustomer("K-7") == StoreFixtures.everything("K-7"))
    }

    @Test("a bulk load that fails leaves the store as it was, indexes included")
    func failureRollsBack() throws {
        struct Stop: Error {}
        let t = try TemporaryStore()
        let before = try Self.indexes(t)
        #expect(throws: Stop.self) {
            try t.store.write { tx in
                try tx.bulkLoad {
                    try tx.insertCustomer(StoreFixtures.everything("K-1"))
                    throw Stop()
                }
            }
        }
        #expect(try Self.indexes(t) == before)
        #expect(try t.store.fetchCustomers().isEmpty)
    }
}
