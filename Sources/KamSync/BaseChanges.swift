import KamModel
import KamStore

/// The record bases one run writes and removes: only records whose bases differ from those it read. Rewriting
/// every base made a sync with 1% of rows changed cost many reads of the workbook.
struct BaseChanges {
    /// Records new or with different bases (written whole).
    var upserts: [RecordBase] = []
    /// Records the new state no longer has: sheet and record.
    var deletions: [(sheet: String, record: CustomerID)] = []

    /// What turns `old` (every record base of `file`) into the bases of `result`, as `StoreResult.recordBases`
    /// would write them. Sheets `result` has no bases for (not synced this run) keep theirs.
    static func between(old: [RecordBase], new result: StoreResult, file: String, at time: LocalDateTime) -> BaseChanges {
        var changes = BaseChanges()
        var oldRecords: [String: [String: [String: String?]]] = [:]
        for b in old { oldRecords[b.sheet, default: [:]][b.record.rawValue] = b.fields }
        for (kind, records) in result.base {
            let sheet = KeyAccountLayout.sheetName(kind)
            var oldSheet = oldRecords.removeValue(forKey: sheet) ?? [:]
            for (key, values) in records {
                let want = result.fields(kind, key, values)
                if let had = oldSheet.removeValue(forKey: key), had == want { continue }
                changes.upserts.append(RecordBase(file: file, sheet: sheet, record: CustomerID(key), fields: want,
                                                  syncedAt: time))
            }
            oldRecords[sheet] = oldSheet
        }
        // Only sheets this run synced lose their leftover bases: a sheet it could not sync (gone from the workbook,
        // or without its key column) keeps them, so that its rows meet their old values when it is back.
        let synced = Set(result.base.keys.map(KeyAccountLayout.sheetName))
        for (sheet, records) in oldRecords where synced.contains(sheet) {
            for key in records.keys { changes.deletions.append((sheet, CustomerID(key))) }
        }
        return changes
    }
}
