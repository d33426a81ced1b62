/// The values of one record (a row of a bound sheet) as canonical text: field path → text. A missing key is an
/// empty cell / absent value.
public typealias RecordValues = [String: String]

/// How `ThreeWayMerge` settles a field (or row) changed on both sides to different values.
public enum ConflictPreference: String, Sendable, Hashable, CaseIterable {
    /// Report `sync-conflict`; neither side is overwritten.
    case none
    /// The sheet's value wins.
    case sheet
    /// The store's value wins.
    case store
}

/// The unit of a conflict: one field (default) or a whole row (`--conflicts row`).
public enum ConflictUnit: String, Sendable, Hashable, CaseIterable {
    case field
    case row
}

/// Options of a merge (the flags of `kam sync`).
public struct MergeOptions: Sendable, Hashable {
    public var prefer: ConflictPreference
    public var unit: ConflictUnit
    /// Apply deletions (a row deleted on one side is removed from the other); otherwise they are only reported.
    public var allowDelete: Bool

    public init(prefer: ConflictPreference = .none, unit: ConflictUnit = .field, allowDelete: Bool = false) {
        self.prefer = prefer
        self.unit = unit
        self.allowDelete = allowDelete
    }
}

/// One field changed on both sides to different values.
public struct MergeConflict: Sendable, Hashable {
    public var key: String
    public var field: String
    public var base: String?
    public var sheet: String?
    public var store: String?
    /// Who won (`--prefer`), or nil when nothing was overwritten.
    public var resolvedBy: ConflictPreference?
}

/// What to do to one sheet (or one record collection) to bring base, sheet and store together.
public struct MergePlan: Sendable, Hashable {
    /// Records to change in the store: key → field → new value (nil clears it).
    public var storeUpdates: [String: [String: String?]] = [:]
    /// Records to change in the sheet: key → field → new value (nil empties the cell).
    public var sheetUpdates: [String: [String: String?]] = [:]
    /// Keys only the sheet has (not in the base, not in the store): create them in the store.
    public var createInStore: [String] = []
    /// Keys only the store has (not in the base, not in the sheet): append them to the sheet.
    public var appendToSheet: [String] = []
    /// Keys in the base and the store but gone from the sheet: the team deleted the row.
    public var deletedInSheet: [String] = []
    /// Keys in the base and the sheet but gone from the store.
    public var deletedInStore: [String] = []
    /// Of those, what `allowDelete` removes from the other side.
    public var deleteFromStore: [String] = []
    public var deleteFromSheet: [String] = []
    /// Fields changed on both sides to different values.
    public var conflicts: [MergeConflict] = []
    /// The base after the plan is applied (unresolved conflicts keep their old base, so they stay conflicts).
    public var newBase: [String: RecordValues] = [:]

    public init() {}

    /// Whether the plan changes nothing (conflicts and reports aside).
    public var changesNothing: Bool {
        storeUpdates.isEmpty && sheetUpdates.isEmpty && createInStore.isEmpty && appendToSheet.isEmpty
            && deleteFromStore.isEmpty && deleteFromSheet.isEmpty
    }
}

/// The three-way merge of CONTRACTS.md § sync, per field: base (the values at the last sync), sheet and store.
///
/// | base vs sheet | base vs store | result |
/// |---|---|---|
/// | same | same | nothing |
/// | changed | same | the store takes the sheet's value |
/// | same | changed | the sheet takes the store's value |
/// | changed | changed, equal | nothing (the base moves) |
/// | changed | changed, different | `sync-conflict` unless `prefer` says who wins |
///
/// Rows: a key only in the sheet is created in the store, only in the store appended to the sheet; a key in
/// the base missing from one side was deleted there (reported; applied to the other side only with
/// `allowDelete`, and not when the other side changed the row since the base — that is a conflict); missing
/// from both, it is dropped. A key on both sides but not in the base merges against an empty base.
public enum ThreeWayMerge {
    public static func merge(base: [String: RecordValues], sheet: [String: RecordValues],
                             store: [String: RecordValues], options: MergeOptions = MergeOptions()) -> MergePlan {
        var plan = MergePlan()
        let keys = Set(base.keys).union(sheet.keys).union(store.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for key in keys {
            let b = base[key], s = sheet[key], t = store[key]
            switch (b, s, t) {
            case (nil, let s?, nil):
                plan.createInStore.append(key)
                plan.newBase[key] = s
            case (nil, nil, let t?):
                plan.appendToSheet.append(key)
                plan.newBase[key] = t
            case (_?, nil, nil):
                break  // deleted on both sides: the base goes too
            case (let b?, nil, let t?):
                plan.deletedInSheet.append(key)
                if t == b {
                    if options.allowDelete { plan.deleteFromStore.append(key) } else { plan.newBase[key] = b }
                } else {
                    // The store changed a row the team deleted: keep it, report both.
                    for field in fieldsOf(b, t) where b[field] != t[field] {
                        plan.conflicts.append(MergeConflict(key: key, field: field, base: b[field], sheet: nil,
                                                            store: t[field], resolvedBy: nil))
                    }
                    plan.newBase[key] = b
                }
            case (let b?, let s?, nil):
                plan.deletedInStore.append(key)
                if s == b {
                    if options.allowDelete { plan.deleteFromSheet.append(key) } else { plan.newBase[key] = b }
                } else {
                    for field in fieldsOf(b, s) where b[field] != s[field] {
                        plan.conflicts.append(MergeConflict(key: key, field: field, base: b[field], sheet: s[field],
                                                            store: nil, resolvedBy: nil))
                    }
                    plan.newBase[key] = b
                }
            case (let b, let s?, let t?):
                mergeRow(key: key, base: b ?? [:], sheet: s, store: t, options: options, into: &plan)
            case (nil, nil, nil):
                break
            }
        }
        return plan
    }

    private static func fieldsOf(_ records: RecordValues...) -> [String] {
        var set = Set<String>()
        for r in records { set.formUnion(r.keys) }
        return set.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The per-field rule for a key present on both sides.
    static func mergeRow(key: String, base: RecordValues, sheet: RecordValues, store: RecordValues,
                         options: MergeOptions, into plan: inout MergePlan) {
        // Both sides agree on every field (most rows of a sync): the merge below would give the same.
        if sheet == store {
            plan.newBase[key] = sheet.filter { $0.value != "" }
            return
        }
        var toStore: [String: String?] = [:]
        var toSheet: [String: String?] = [:]
        var conflicts: [MergeConflict] = []
        var merged = base
        let fields = fieldsOf(base, sheet, store)
        var sheetChanged = false, storeChanged = false
        for f in fields {
            let b = base[f], s = sheet[f], t = store[f]
            if s == t {
                merged[f] = s
                continue
            }
            if s == b {
                toSheet[f] = .some(t)
                merged[f] = t
                storeChanged = true
            } else if t == b {
                toStore[f] = .some(s)
                merged[f] = s
                sheetChanged = true
            } else {
                conflicts.append(MergeConflict(key: key, field: f, base: b, sheet: s, store: t, resolvedBy: nil))
            }
        }
        if options.unit == .row, !conflicts.isEmpty || (sheetChanged && storeChanged) {
            // The whole row is one unit: every field either side changed conflicts.
            var rowConflicts: [MergeConflict] = []
            for f in fields where sheet[f] != store[f] {
                rowConflicts.append(MergeConflict(key: key, field: f, base: base[f], sheet: sheet[f], store: store[f],
                                                  resolvedBy: nil))
            }
            conflicts = rowConflicts
            toStore = [:]
            toSheet = [:]
            merged = base
        }
        for i in conflicts.indices {
            let c = conflicts[i]
            switch options.prefer {
            case .none:
                break
            case .sheet:
                toStore[c.field] = .some(c.sheet)
                merged[c.field] = c.sheet
                conflicts[i].resolvedBy = .sheet
            case .store:
                toSheet[c.field] = .some(c.store)
                merged[c.field] = c.store
                conflicts[i].resolvedBy = .store
            }
        }
        if !toStore.isEmpty { plan.storeUpdates[key] = toStore }
        if !toSheet.isEmpty { plan.sheetUpdates[key] = toSheet }
        plan.conflicts += conflicts
        plan.newBase[key] = merged.filter { $0.value != "" }
    }
}
