import KamModel
import KamStore

/// The sync bases one run writes and removes: only what differs from the bases it read. Rewriting every base (a
/// row per bound cell, about a dozen per customer) made a sync with 1% of rows changed cost 40 reads.
struct BaseChanges {
    /// Bases new or with a different value.
    var upserts: [SyncBase] = []
    /// Bases the new state no longer has.
    var deletions: [SyncBaseKey] = []

    /// What turns `old` (every base of `file`) into the bases of `result`, as `StoreResult.bases` would write them:
    /// per record a `#row` marker, its fields, and `#index` for a child record. Sheets `result` has no bases for
    /// (not synced this run) keep theirs.
    static func between(old: [SyncBase], new result: StoreResult, file: String, at time: LocalDateTime) -> BaseChanges {
        var changes = BaseChanges()
        // Old bases by sheet → record → field; a base keyed otherwise (by cell) is not one sync writes: it goes.
        var oldRecords: [String: [String: [String: String?]]] = [:]
        for b in old {
            guard b.key.cell == nil, let record = b.key.recordID?.rawValue, let field = b.key.field else {
                changes.deletions.append(b.key)
                continue
            }
            oldRecords[b.key.sheet, default: [:]][record, default: [:]][field] = .some(b.value)
        }
        for (kind, records) in result.base {
            let sheet = KeyAccountLayout.sheetName(kind)
            var oldSheet = oldRecords.removeValue(forKey: sheet) ?? [:]
            let index = result.childIndex[kind] ?? [:]
            for (key, values) in records {
                var want: [String: String?] = ["#row": nil]
                for (field, v) in values where !field.hasPrefix("#") { want[field] = .some(v) }
                if let i = index[key] { want["#index"] = .some(String(i)) }
                let had = oldSheet.removeValue(forKey: key) ?? [:]
                if had == want { continue }
                let record = CustomerID(key)
                for (field, v) in want {
                    if let before = had[field], before == v { continue }
                    changes.upserts.append(SyncBase(key: SyncBaseKey(file: file, sheet: sheet, record: record, field: field),
                                                    value: v, syncedAt: time))
                }
                for field in had.keys where want[field] == nil {
                    changes.deletions.append(SyncBaseKey(file: file, sheet: sheet, record: record, field: field))
                }
            }
            oldRecords[sheet] = oldSheet
        }
        // Only sheets this run synced lose their leftover bases: a sheet it could not sync (gone from the workbook,
        // or without its key column) keeps them, so that its rows meet their old values when it is back.
        let synced = Set(result.base.keys.map(KeyAccountLayout.sheetName))
        for (sheet, records) in oldRecords where synced.contains(sheet) {
            for (key, fields) in records {
                for field in fields.keys {
                    changes.deletions.append(SyncBaseKey(file: file, sheet: sheet, record: CustomerID(key), field: field))
                }
            }
        }
        return changes
    }
}
