import KamModel
import KamStore
import Testing
@testable import KamSync

@Suite("BaseChanges")
struct BaseChangesTests {
    let file = "/w/a.xlsx"
    let time = LocalDateTime(date: LocalDate(dayNumber: 20_000), hour: 9, minute: 0, second: 0)

    func base(_ sheet: String, _ record: String, _ fields: [String: String?]) -> RecordBase {
        RecordBase(file: file, sheet: sheet, record: CustomerID(record), fields: fields)
    }

    @Test("only changed, new and removed records are written; the same state writes nothing")
    func diff() {
        let customers = KeyAccountLayout.sheetName(.customers)
        let contacts = KeyAccountLayout.sheetName(.contacts)
        let old = [
            base(customers, "C1", ["#row": nil, "owner": "甲", "name": "一"]),
            base(customers, "C2", ["#row": nil, "owner": "乙", "region": "华东"]),
            base(customers, "C3", ["#row": nil, "owner": "丙"]),
            base(contacts, "C1-P1", ["#row": nil, "contacts.name": "王", "#index": "1"]),
        ]
        var result = StoreResult()
        // C1 unchanged; C2 owner changed and region cleared; C3 gone; C4 new; the contact moved to index 0.
        result.base[.customers] = ["C1": ["owner": "甲", "name": "一"], "C2": ["owner": "丁"], "C4": ["owner": "戊"]]
        result.base[.contacts] = ["C1-P1": ["contacts.name": "王", "#customer": "C1"]]
        result.childIndex[.contacts] = ["C1-P1": 0]
        let changes = BaseChanges.between(old: old, new: result, file: file, at: time)

        var upserts: [String: [String: String?]] = [:]
        for u in changes.upserts { upserts["\(u.sheet)|\(u.record.rawValue)"] = u.fields }
        #expect(upserts == [
            "\(customers)|C2": ["#row": nil, "owner": "丁"],
            "\(customers)|C4": ["#row": nil, "owner": "戊"],
            "\(contacts)|C1-P1": ["#row": nil, "contacts.name": "王", "#index": "0"],
        ])
        #expect(changes.upserts.allSatisfy { $0.syncedAt == time && $0.file == file })
        #expect(changes.deletions.map { "\($0.sheet)|\($0.record.rawValue)" } == ["\(customers)|C3"])

        // Applying the changes to the old bases gives what writing every base would.
        var applied: [String: [String: String?]] = [:]
        for b in old { applied["\(b.sheet)|\(b.record.rawValue)"] = b.fields }
        for d in changes.deletions { applied["\(d.sheet)|\(d.record.rawValue)"] = nil }
        for b in changes.upserts { applied["\(b.sheet)|\(b.record.rawValue)"] = b.fields }
        var full: [String: [String: String?]] = [:]
        for b in result.recordBases(file: file, at: time) { full["\(b.sheet)|\(b.record.rawValue)"] = b.fields }
        #expect(applied == full)

        // Nothing changed since: nothing to write.
        let again = BaseChanges.between(old: result.recordBases(file: file, at: time), new: result, file: file, at: time)
        #expect(again.upserts.isEmpty && again.deletions.isEmpty)
    }

    @Test("a sheet the run did not sync keeps its bases; leftovers of a synced sheet go")
    func unsyncedSheetKept() {
        let customers = KeyAccountLayout.sheetName(.customers)
        let plans = KeyAccountLayout.sheetName(.serviceActions)
        let old = [
            base(customers, "C1", ["#row": nil, "owner": "甲"]),
            base(customers, "C2", ["#row": nil]),
            base(plans, "C1-S1", ["#row": nil, "serviceActions.title": "回访"]),
        ]
        var result = StoreResult()
        result.base[.customers] = ["C1": ["owner": "甲"]]
        let changes = BaseChanges.between(old: old, new: result, file: file, at: time)
        #expect(changes.upserts.isEmpty)
        #expect(changes.deletions.map { "\($0.sheet)|\($0.record.rawValue)" } == ["\(customers)|C2"])
    }
}
