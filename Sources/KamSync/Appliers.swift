import Foundation
import KamModel
import KamSheets
import KamStore

/// The store side of a plan: customers to write, to delete, and the new bases.
struct StoreResult {
    var changed: [Customer] = []
    var deleted: [String] = []
    var sheetEdits: [String] = []
    /// kind → key → values (bases), and child key → final index.
    var base: [SyncSheetKind: [String: RecordValues]] = [:]
    var childIndex: [SyncSheetKind: [String: Int]] = [:]

    /// The bases the result leaves, a record at a time: a `#row` marker, the fields, and `#index` for a child record.
    func recordBases(file: String, at time: LocalDateTime) -> [RecordBase] {
        var out: [RecordBase] = []
        for (kind, records) in base {
            let sheet = KeyAccountLayout.sheetName(kind)
            for (key, values) in records {
                out.append(RecordBase(file: file, sheet: sheet, record: CustomerID(key),
                                      fields: fields(kind, key, values), syncedAt: time))
            }
        }
        return out
    }

    /// One record's base fields.
    func fields(_ kind: SyncSheetKind, _ key: String, _ values: RecordValues) -> [String: String?] {
        var want: [String: String?] = ["#row": nil]
        for (field, v) in values where !field.hasPrefix("#") { want[field] = .some(v) }
        if let i = childIndex[kind]?[key] { want["#index"] = .some(String(i)) }
        return want
    }
}

enum StoreApplier {
    static func apply(_ plan: SyncPlan, to customers: [Customer], filter: ExportFilter) -> StoreResult {
        var result = StoreResult()
        var byID: [String: Customer] = [:]
        for c in customers { byID[c.id.rawValue] = c }
        var touched = Set<String>()

        if let part = plan.parts[.customers] {
            let m = part.merge
            for key in m.createInStore {
                guard let r = part.sheetRecords[key] else { continue }
                var c = Customer(id: CustomerID(key), name: "")
                for (path, v) in r.values { StoreSide.set(path, v, on: &c) }
                if filter == .keyAccounts { c.keyAccount = true }
                byID[key] = c
                touched.insert(key)
            }
            for (key, fields) in m.storeUpdates {
                guard var c = byID[key] else { continue }
                for (path, v) in fields { StoreSide.set(path, v, on: &c) }
                byID[key] = c
                touched.insert(key)
            }
            for key in m.deleteFromStore {
                byID[key] = nil
                touched.remove(key)
                result.deleted.append(key)
            }
            result.base[.customers] = m.newBase
        }

        for kind in SyncSheetKind.allCases where kind != .customers {
            guard let part = plan.parts[kind] else { continue }
            let m = part.merge
            var index: [String: (customer: String, index: Int)] = part.childIndex
            for (key, fields) in m.storeUpdates {
                guard let at = index[key], var c = byID[at.customer] else { continue }
                for (path, v) in fields where !path.hasPrefix("#") { StoreSide.setChild(kind, &c, index: at.index, path, v) }
                byID[at.customer] = c
                touched.insert(at.customer)
            }
            for key in m.createInStore {
                guard let r = part.sheetRecords[key], let cid = r.customerID, var c = byID[cid] else { continue }
                let i = StoreSide.appendChild(kind, &c, r.values)
                index[key] = (cid, i)
                byID[cid] = c
                touched.insert(cid)
            }
            var removals: [String: Set<Int>] = [:]
            for key in m.deleteFromStore {
                guard let at = index[key] else { continue }
                removals[at.customer, default: []].insert(at.index)
                index[key] = nil
            }
            for (cid, set) in removals {
                guard var c = byID[cid] else { continue }
                StoreSide.removeChildren(kind, &c, indices: set)
                byID[cid] = c
                touched.insert(cid)
                for (key, at) in index where at.customer == cid {
                    index[key] = (cid, at.index - set.filter { $0 < at.index }.count)
                }
            }
            var base: [String: RecordValues] = [:]
            for (key, v) in m.newBase where index[key] != nil || part.sheetRecords[key] != nil { base[key] = v }
            result.base[kind] = base
            result.childIndex[kind] = index.mapValues(\.index)
        }
        result.changed = touched.sorted().compactMap { byID[$0] }
        return result
    }
}

/// The workbook side of a plan: bound cells set, rows appended (styled like the last data row), keys written
/// back, rows deleted; one atomic save with a backup.
enum SheetApplier {
    static func apply(_ plan: SyncPlan, file: String, backup: String?, expected: String? = nil) throws {
        TestHooks.reach("before-open")
        let editor = try WorkbookEditor(path: file)
        // The plan was made from the file as it was when planning began; if another program saved it since, the
        // editor has just opened different bytes, and the plan's edits must not land on them. (From here on the
        // editor itself refuses to save over a file changed after it opened it.)
        if let expected, FileFingerprint.of(file) != expected { throw SyncError.changedOnDisk(file: file) }
        var deletions: [(String, Int)] = []
        for kind in SyncSheetKind.allCases {
            guard let part = plan.parts[kind] else { continue }
            let t = part.table
            let types = kind.types
            let sheet = t.sheetName
            for (key, fields) in part.merge.sheetUpdates.sorted(by: { $0.key < $1.key }) {
                guard let r = part.sheetRecords[key] else { continue }
                for (path, v) in fields where !path.hasPrefix("#") {
                    guard let col = t.columns[path] else { continue }
                    try editor.set(sheet, CellReference(row: r.row, column: col), CellValues.cell(v, type: types[path]))
                }
            }
            if let keyCol = t.columns["#key"] {
                for (row, key) in part.assignedKeys.sorted(by: { $0.key < $1.key }) {
                    try editor.set(sheet, CellReference(row: row, column: keyCol), .string(key))
                }
            }
            let appends = part.merge.appendToSheet
            if !appends.isEmpty {
                let start = (t.lastDataRow ?? t.headerRow) + 1
                if let last = t.lastDataRow {
                    try editor.insertRows(sheet, at: start, count: appends.count, styleFrom: last)
                }
                for (n, key) in appends.enumerated() {
                    guard let v = part.storeRecords[key] else { continue }
                    let row = start + n
                    if let c = t.columns["#key"] { try editor.set(sheet, CellReference(row: row, column: c), .string(key)) }
                    if let c = t.columns["#link"], let cid = v["#customer"] {
                        try editor.set(sheet, CellReference(row: row, column: c), .string(cid))
                    }
                    for (path, text) in v where !path.hasPrefix("#") {
                        guard let col = t.columns[path] else { continue }
                        try editor.set(sheet, CellReference(row: row, column: col), CellValues.cell(text, type: types[path]))
                    }
                }
            }
            for key in part.merge.deleteFromSheet {
                if let r = part.sheetRecords[key] { deletions.append((sheet, r.row)) }
            }
        }
        for (sheet, row) in deletions.sorted(by: { $0.1 > $1.1 }) {
            try editor.deleteRows(sheet, at: row, count: 1)
        }
        TestHooks.reach("before-save")
        try editor.saveReplacingOriginal(backup: backup)
    }
}
