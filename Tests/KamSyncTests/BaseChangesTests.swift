import KamModel
import KamStore
import Testing
@testable import KamSync

@Suite("BaseChanges")
struct BaseChangesTests {
    let file = "/w/a.xlsx"
    let time = LocalDateTime(date: LocalDate(dayNumber: 20_000), hour: 9, minute: 0, second: 0)

    func base(_ sheet: String, _ record: String, _ field: String, _ value: String?) -> SyncBase {
        SyncBase(key: SyncBaseKey(file: file, sheet: sheet, record: CustomerID(record), field: field), value: value)
    }

    @Test("only changed, new and removed bases are written; the same state writes nothing")
    func diff() {
        let customers = KeyAccountLayout.sheetName(.customers)
        let contacts = KeyAccountLayout.sheetName(.contacts)
        let old = [
            base(customers, "C1", "#row", nil), base(customers, "C1", "owner", "甲"), base(customers, "C1", "name", "一"),
            base(customers, "C2", "#row", nil), base(customers, "C2", "owner", "乙"), base(customers, "C2", "region", "华东"),
            base(customers, "C3", "#row", nil), base(customers, "C3", "owner", "丙"),
            base(contacts, "C1-P1", "#row", nil), base(contacts, "C1-P1", "contacts.name", "王"),
            base(contacts, "C1-P1", "#index", "1"),
            SyncBase(key: SyncBaseKey(file: file, sheet: customers, cell: "B2"), value: "x"),
        ]
        var result = StoreResult()
        // C1 unchanged; C2 owner changed and region cleared; C3 gone; C4 new; the contact moved to index 0.
        result.base[.customers] = ["C1": ["owner": "甲", "name": "一"], "C2": ["owner": "丁"], "C4": ["owner": "戊"]]
        result.base[.contacts] = ["C1-P1": ["contacts.name": "王", "#customer": "C1"]]
        result.childIndex[.contacts] = ["C1-P1": 0]
        let changes = BaseChanges.between(old: old, new: result, file: file, at: time)

        let upserts = Set(changes.upserts.map { "\($0.key.sheet)|\($0.key.recordID?.rawValue ?? "")|\($0.key.field ?? "")=\($0.value ?? "nil")" })
        #expect(upserts == [
            "\(customers)|C2|owner=丁", "\(customers)|C4|#row=nil", "\(customers)|C4|owner=戊", "\(contacts)|C1-P1|#index=0",
        ])
        #expect(changes.upserts.allSatisfy { $0.syncedAt == time && $0.key.file == file })
        let deletions = Set(changes.deletions.map { "\($0.sheet)|\($0.cell ?? "")|\($0.recordID?.rawValue ?? "")|\($0.field ?? "")" })
        #expect(deletions == [
            "\(customers)||C2|region", "\(customers)||C3|#row", "\(customers)||C3|owner", "\(customers)|B2||",
        ])

        // Applying the changes to the old bases gives what writing every base would.
        var applied: [String: String?] = [:]
        func id(_ k: SyncBaseKey) -> String { "\(k.sheet)|\(k.cell ?? "")|\(k.recordID?.rawValue ?? "")|\(k.field ?? "")" }
        for b in old { applied[id(b.key)] = .some(b.value) }
        for k in changes.deletions { applied[id(k)] = nil }
        for b in changes.upserts { applied[id(b.key)] = .some(b.value) }
        var full: [String: String?] = [:]
        for b in result.bases(file: file, at: time) { full[id(b.key)] = .some(b.value) }
        #expect(applied == full)

        // Nothing changed since: nothing to write.
        let again = BaseChanges.between(old: result.bases(file: file, at: time), new: result, file: file, at: time)
        #expect(again.upserts.isEmpty && again.deletions.isEmpty)
    }

    @Test("a sheet the run did not sync keeps its bases; leftovers of a synced sheet go")
    func unsyncedSheetKept() {
        let customers = KeyAccountLayout.sheetName(.customers)
        let plans = KeyAccountLayout.sheetName(.serviceActions)
        let old = [
            base(customers, "C1", "#row", nil), base(customers, "C1", "owner", "甲"),
            base(customers, "C2", "#row", nil),
            base(plans, "C1-S1", "#row", nil), base(plans, "C1-S1", "serviceActions.title", "回访"),
        ]
        var result = StoreResult()
        result.base[.customers] = ["C1": ["owner": "甲"]]
        let changes = BaseChanges.between(old: old, new: result, file: file, at: time)
        #expect(changes.upserts.isEmpty)
        #expect(changes.deletions.map { "\($0.sheet)|\($0.recordID?.rawValue ?? "")|\($0.field ?? "")" } == ["\(customers)|C2|#row"])
    }
}
