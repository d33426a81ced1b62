import Foundation
import KamImport
import KamModel
import KamSheets
import KamStore
import KamValidation

/// Where child keys point in the store: key → (customer id, index in that customer's list).
typealias ChildIndex = [String: (customer: String, index: Int)]

/// Everything one `kam sync` would do, per bound sheet.
public struct SyncPlan: Sendable {
    public struct SheetPart: Sendable {
        public var kind: SyncSheetKind
        public var table: SheetTable
        public var merge: MergePlan
        /// Row keys assigned to rows that had none (row → key), written back into the sheet.
        public var assignedKeys: [Int: String]
        /// The sheet records by key.
        public var sheetRecords: [String: SheetRecord]
        /// Store values by key (for appended rows).
        public var storeRecords: [String: RecordValues]
        var childIndex: [String: ChildIndex.Value] = [:]
    }

    public var file: String
    public var parts: [SyncSheetKind: SheetPart] = [:]
    public var findings: [Finding] = []
    /// Child rows that name no customer the store or the sheet has (left alone).
    public var unlinked: [SourceLocation] = []

    /// Whether the plan changes anything on either side.
    public var changesNothing: Bool { parts.values.allSatisfy { $0.merge.changesNothing && $0.assignedKeys.isEmpty } }
}

/// The filter of a key-account workbook: which store customers it shows.
public enum ExportFilter: String, Sendable, CaseIterable {
    case keyAccounts = "key-accounts"
    case all

    public func includes(_ c: Customer) -> Bool { self == .all || c.keyAccount == true }

    /// The binding kind recorded for a file with this filter.
    public var bindingKind: String { self == .all ? "key-accounts:all" : "key-accounts" }
    public init(bindingKind: String) { self = bindingKind == "key-accounts:all" ? .all : .keyAccounts }
}

/// Builds the plan: flattens sheet, store and base per sheet and merges them.
enum SyncPlanner {
    static func plan(file: String, sheet: SheetSide, customers: [Customer], bases: [RecordBase], filter: ExportFilter,
                     options: MergeOptions) -> SyncPlan {
        var plan = SyncPlan(file: file)
        plan.findings = sheet.findings
        // Base: sheet kind → key → values; child "#index" entries separately.
        var base: [SyncSheetKind: [String: RecordValues]] = [:]
        var baseIndex: [SyncSheetKind: [String: Int]] = [:]
        for b in bases {
            guard let kind = KeyAccountLayout.kind(ofSheet: b.sheet) else { continue }
            let key = b.record.rawValue
            var values: RecordValues = [:]
            for (field, value) in b.fields {
                if field == "#index" { baseIndex[kind, default: [:]][key] = value.flatMap { Int($0) }; continue }
                if field.hasPrefix("#") { continue }
                if let value { values[field] = value }
            }
            base[kind, default: [:]][key] = values
        }
        let shown = customers.filter { filter.includes($0) }
        let storeIDs = Set(customers.map(\.id.rawValue))
        let tables = usableTables(sheet, base: base, file: file, findings: &plan.findings)

        // 重点客户
        if let table = tables[.customers] {
            var part = SyncPlan.SheetPart(kind: .customers, table: table, merge: MergePlan(), assignedKeys: [:],
                                          sheetRecords: [:], storeRecords: [:])
            var taken = storeIDs.union(table.records.compactMap(\.key))
            // A row whose 客户编号 was cleared is still the customer it names: a shown customer missing from the
            // sheet, matched by normalised name (when only one has that name), gets its id back rather than a
            // duplicate customer being made and the original reported deleted.
            let sheetKeys = Set(table.records.compactMap(\.key))
            var missingByName: [String: String] = [:]
            var ambiguousNames = Set<String>()
            for c in shown where !sheetKeys.contains(c.id.rawValue) {
                let k = CustomerKey.normalizedName(c.name)
                guard !k.isEmpty else { continue }
                if missingByName.updateValue(c.id.rawValue, forKey: k) != nil { ambiguousNames.insert(k) }
            }
            for k in ambiguousNames { missingByName[k] = nil }
            for var r in table.records {
                if r.key == nil, let name = r.values["name"],
                   let id = missingByName.removeValue(forKey: CustomerKey.normalizedName(name)) {
                    r.key = id
                    r.customerID = id
                    part.assignedKeys[r.row] = id
                }
                if r.key == nil {
                    guard let name = r.values["name"] else { continue }
                    var id = KeyAccountIDs.generated(name: name)
                    var n = 2
                    while taken.contains(id) { id = KeyAccountIDs.generated(name: name) + "-\(n)"; n += 1 }
                    taken.insert(id)
                    r.key = id
                    r.customerID = id
                    part.assignedKeys[r.row] = id
                }
                guard let key = r.key else { continue }
                if let first = part.sheetRecords[key] {
                    // The same id on a later row (a copied row, a mistyped id): the first row is synced; a later
                    // one that differs is reported, so that its edits are not silently dropped.
                    if first.values != r.values { plan.findings.append(duplicateRow(key, r, first, table, file: file)) }
                } else {
                    part.sheetRecords[key] = r
                }
            }
            for c in shown { part.storeRecords[c.id.rawValue] = StoreSide.values(of: c) }
            // A key of the sheet that the store has but the filter hides is still that customer.
            for key in part.sheetRecords.keys where part.storeRecords[key] == nil {
                if let c = customers.first(where: { $0.id.rawValue == key }) { part.storeRecords[key] = StoreSide.values(of: c) }
            }
            part.merge = merge(base: base[.customers] ?? [:], sheet: part.sheetRecords, store: part.storeRecords,
                               options: options)
            plan.parts[.customers] = part
        }

        // Child sheets.
        let sheetCustomerIDs = Set(plan.parts[.customers]?.sheetRecords.keys.map { $0 } ?? [])
        for kind in SyncSheetKind.allCases where kind != .customers {
            guard let table = tables[kind] else { continue }
            var part = SyncPlan.SheetPart(kind: kind, table: table, merge: MergePlan(), assignedKeys: [:],
                                          sheetRecords: [:], storeRecords: [:])
            // Next number per customer: above every key seen anywhere.
            var next: [String: Int] = [:]
            func note(_ key: String, _ cid: String) {
                if let n = KeyAccountLayout.childNumber(key, customer: cid, kind: kind) { next[cid] = max(next[cid] ?? 1, n + 1) }
            }
            for (key, _) in base[kind] ?? [:] { if let cid = customerPart(of: key) { note(key, cid) } }
            for r in table.records { if let key = r.key, let cid = r.customerID { note(key, cid) } }
            // Store side: claim indices remembered in the base, give new keys to the rest.
            var childIndex: [String: ChildIndex.Value] = [:]
            let baseIdx = baseIndex[kind] ?? [:]
            var claimedBy: [String: [Int: String]] = [:]
            for (key, idx) in baseIdx { if let cid = customerPart(of: key) { claimedBy[cid, default: [:]][idx] = key } }
            for c in shown {
                let cid = c.id.rawValue
                let rows = StoreSide.children(kind, of: c)
                let eligible = StoreSide.eligible(kind, of: c)
                let keyOf = claimedKeys(eligible: eligible, rows: rows, claims: claimedBy[cid] ?? [:], base: base[kind] ?? [:])
                for i in eligible {
                    let key: String
                    if let k = keyOf[i] { key = k } else {
                        let n = next[cid] ?? 1
                        next[cid] = n + 1
                        key = KeyAccountLayout.childKey(customer: cid, kind: kind, number: n)
                    }
                    childIndex[key] = (cid, i)
                    var v = rows[i]
                    v["#customer"] = cid
                    part.storeRecords[key] = v
                }
            }
            for var r in table.records {
                guard let cid = r.customerID, storeIDs.contains(cid) || sheetCustomerIDs.contains(cid) else {
                    if let cell = table.columns["#link"] {
                        plan.unlinked.append(SourceLocation(file: (file as NSString).lastPathComponent, sheet: table.sheetName,
                                                            cell: CellReference(row: r.row, column: cell).a1))
                    }
                    continue
                }
                // A row without a key, a copied row (its key taken), or a row the team moved to another customer
                // (its key names the old one) is a new record of the customer it names now; a moved row's old key
                // is then gone from the sheet, a deletion reported like any other.
                if r.key == nil || part.sheetRecords[r.key ?? ""] != nil
                    || KeyAccountLayout.childNumber(r.key ?? "", customer: cid, kind: kind) == nil {
                    let n = next[cid] ?? 1
                    next[cid] = n + 1
                    r.key = KeyAccountLayout.childKey(customer: cid, kind: kind, number: n)
                    part.assignedKeys[r.row] = r.key
                }
                r.values["#customer"] = cid
                if let key = r.key { part.sheetRecords[key] = r }
            }
            var kindBase = base[kind] ?? [:]
            for (k, v) in kindBase { if let cid = customerPart(of: k) { var v = v; v["#customer"] = cid; kindBase[k] = v } }
            part.merge = merge(base: kindBase, sheet: part.sheetRecords, store: part.storeRecords, options: options)
            part.childIndex = childIndex
            plan.parts[kind] = part
        }
        plan.findings += conflictFindings(plan)
        return plan
    }

    /// Which remembered key each of a customer's store records (index → values) is. The store has no ids for child
    /// records, so the base remembers each key's index; but when a record before it was removed or inserted (by
    /// another workbook's sync, or an import), the index points at a neighbour. So: a record equal to its key's
    /// base at the remembered index is that key; a record equal to another key's base is that key (moved); only
    /// then a changed record takes the key remembered at its index.
    static func claimedKeys(eligible: [Int], rows: [RecordValues], claims: [Int: String],
                            base: [String: RecordValues]) -> [Int: String] {
        guard !claims.isEmpty else { return [:] }
        // Both are field → non-empty canonical text (bases keep no "#" fields here, nor empty values).
        var keyOf: [Int: String] = [:]
        var used = Set<String>()
        var unmatched: [Int] = []
        for i in eligible {
            if let k = claims[i], base[k] == rows[i] {
                keyOf[i] = k
                used.insert(k)
            } else {
                unmatched.append(i)
            }
        }
        guard !unmatched.isEmpty else { return keyOf }
        var byContent: [RecordValues: [String]] = [:]
        for k in claims.values.sorted() where !used.contains(k) {
            if let b = base[k] { byContent[b, default: []].append(k) }
        }
        var changed: [Int] = []
        for i in unmatched {
            let c = rows[i]
            if let k = byContent[c]?.first {
                byContent[c]?.removeFirst()
                keyOf[i] = k
                used.insert(k)
            } else {
                changed.append(i)
            }
        }
        for i in changed {
            if let k = claims[i], !used.contains(k) {
                keyOf[i] = k
                used.insert(k)
            }
        }
        return keyOf
    }

    /// The tables sync can merge, as the team left them. A sheet whose key column (客户编号 / 同步编号) is gone
    /// (renamed, deleted) is not synced — every row would look new, be created again at each sync, and its key
    /// could not be written back — and is reported as `missing-column`. A bound column that is gone counts as
    /// unchanged (its values are kept on both sides, not cleared in the store), with a warning when it held values
    /// at the last sync; so does an added column (`extra.`) that held values then.
    static func usableTables(_ sheet: SheetSide, base: [SyncSheetKind: [String: RecordValues]], file: String,
                             findings: inout [Finding]) -> [SyncSheetKind: SheetTable] {
        let name = (file as NSString).lastPathComponent
        var out: [SyncSheetKind: SheetTable] = [:]
        for (kind, var table) in sheet.tables {
            let at = SourceLocation(file: name, sheet: table.sheetName, cell: CellReference(row: table.headerRow, column: 0).a1)
            guard table.columns["#key"] != nil else {
                let header = kind == .customers ? KeyAccountLayout.linkHeader : KeyAccountLayout.keyHeader
                findings.append(Finding(code: .missingColumn, location: at, field: "#key", fieldLabel: header))
                continue
            }
            var missing = kind.boundPaths.filter { table.columns[$0] == nil }
            // So do the added columns (`extra.`) the sheet had at the last sync: clearing cells clears values,
            // dropping the column does not.
            var extras = Set<String>()
            for values in (base[kind] ?? [:]).values {
                for path in values.keys where path.hasPrefix("extra.") && table.columns[path] == nil { extras.insert(path) }
            }
            missing += extras.sorted()
            if !missing.isEmpty {
                for i in table.records.indices { table.records[i].rejected.formUnion(missing) }
                for path in missing where (base[kind] ?? [:]).values.contains(where: { $0[path] != nil }) {
                    findings.append(Finding(code: .missingColumn, severity: .warning, location: at, field: path,
                                            fieldLabel: table.header(of: path)))
                }
            }
            out[kind] = table
        }
        return out
    }

    /// `duplicate-id` for a later 重点客户 row with the id of an earlier one (DuplicateIDRule's shape: on the
    /// later row's id cell; related: the earlier row's id cell, and the first differing field on both rows).
    static func duplicateRow(_ key: String, _ r: SheetRecord, _ first: SheetRecord, _ table: SheetTable,
                             file: String) -> Finding {
        let name = (file as NSString).lastPathComponent
        func at(_ row: Int, _ path: String) -> SourceLocation? {
            table.columns[path].map { SourceLocation(file: name, sheet: table.sheetName, cell: CellReference(row: row, column: $0).a1) }
        }
        let path = Set(r.values.keys).union(first.values.keys).sorted().first { r.values[$0] != first.values[$0] }
        var related = [Finding.Related(location: at(first.row, "#key"), value: key)]
        if let path {
            related.append(Finding.Related(location: at(r.row, path), value: r.values[path]))
            related.append(Finding.Related(location: at(first.row, path), value: first.values[path]))
        }
        return Finding(code: .duplicateID, location: at(r.row, "#key"), record: key, field: path,
                       fieldLabel: path.flatMap { table.header(of: $0) }, value: key, related: related)
    }

    /// The customer id of a child key (`C001-T3` → `C001`).
    static func customerPart(of key: String) -> String? {
        guard let dash = key.lastIndex(of: "-") else { return nil }
        return String(key[..<dash])
    }

    /// Merges with rejected sheet values treated as unchanged (they are reported, not synced).
    static func merge(base: [String: RecordValues], sheet: [String: SheetRecord], store: [String: RecordValues],
                      options: MergeOptions) -> MergePlan {
        var sheetValues: [String: RecordValues] = [:]
        for (key, r) in sheet {
            var v = r.values
            // Unchanged means the base's value, also when the base's value is empty (taking the store's then would
            // make a store edit look already on the sheet, and move the base to it); the store's without a base.
            for path in r.rejected { v[path] = base[key] != nil ? base[key]?[path] : store[key]?[path] }
            sheetValues[key] = v
        }
        var plan = ThreeWayMerge.merge(base: base, sheet: sheetValues, store: store, options: options)
        // A rejected cell keeps what the team typed (the report asks them to fix it) and its base: the store's
        // change to that field is neither written over the cell nor taken as synced, so it meets the team's
        // correction at a later sync (as a conflict, or written to the cell if they clear it) instead of being
        // lost to it.
        for (key, r) in sheet where !r.rejected.isEmpty {
            for path in r.rejected {
                plan.sheetUpdates[key]?.removeValue(forKey: path)
                if plan.newBase[key] != nil { plan.newBase[key]?[path] = base[key]?[path] }
            }
            if plan.sheetUpdates[key]?.isEmpty == true { plan.sheetUpdates[key] = nil }
        }
        return plan
    }

    static func conflictFindings(_ plan: SyncPlan) -> [Finding] {
        var out: [Finding] = []
        let fileName = (plan.file as NSString).lastPathComponent
        for kind in SyncSheetKind.allCases {
            guard let part = plan.parts[kind] else { continue }
            for c in part.merge.conflicts where c.resolvedBy == nil {
                var loc: SourceLocation?
                if let r = part.sheetRecords[c.key], let col = part.table.columns[c.field] {
                    loc = SourceLocation(file: fileName, sheet: part.table.sheetName, cell: CellReference(row: r.row, column: col).a1)
                }
                let record = kind == .customers ? c.key : customerPart(of: c.key)
                out.append(Finding(code: .syncConflict, location: loc, record: record, field: c.field,
                                   fieldLabel: part.table.header(of: c.field), value: c.sheet,
                                   expected: nil, related: [Finding.Related(location: nil, value: c.store)]))
            }
        }
        return out
    }
}

extension SheetTable {
    /// The header text of a path's column.
    func header(of path: String) -> String? {
        if path.hasPrefix("extra.") { return String(path.dropFirst(6)) }
        let cols: [(String, String)]
        switch kind {
        case .customers: cols = KeyAccountLayout.customerColumns.map { ($0.path, $0.header) }
        case .transactions: cols = KeyAccountLayout.transactionColumns.map { ($0.path, $0.header) }
        case .feedback: cols = KeyAccountLayout.feedbackColumns.map { ($0.path, $0.header) }
        case .serviceActions: cols = KeyAccountLayout.serviceActionColumns.map { ($0.path, $0.header) }
        case .contacts: cols = KeyAccountLayout.contactColumns.map { ($0.path, $0.header) }
        }
        return cols.first { $0.0 == path }?.1
    }
}

/// Ids for customers a team adds to the sheet without one.
enum KeyAccountIDs {
    static func generated(name: String) -> String { CustomerKey.generatedID(name: name) }
}
