import Foundation
import KamMapping
import KamModel
import KamSheets
import KamValidation

/// A child row waiting to be linked to its customer.
struct PendingChild {
    var kind: RecordKind
    var values: RowValues
    /// Provenance with `#` where the list index goes (`transactions[#].amount`).
    var provenance: Provenance
    var linkID: String?
    var linkName: String?
    /// Index of its `SourceRow` in the result (nil when rows are not kept).
    var rowIndex: Int?
}

/// The state of one extraction run.
struct ExtractionBuilder {
    var keepsRows = true
    var result = Extraction()
    var byID: [String: Int] = [:]
    var byName: [BytesKey: Int] = [:]
    var children: [PendingChild] = []

    // MARK: - Column findings

    mutating func mappingFindings(_ m: SheetMapping, file: String, sheet: Sheet) {
        for issue in m.issues {
            func loc(_ c: CellReference?) -> SourceLocation? {
                c.map { SourceLocation(file: file, sheet: sheet.name, cell: $0.a1) }
            }
            switch issue.code {
            case .unmappedColumn:
                result.findings.append(Finding(code: .unmappedColumn, location: loc(issue.cell), field: issue.header,
                                               fieldLabel: issue.header, value: issue.header))
            case .duplicateHeader:
                result.findings.append(Finding(code: .duplicateHeader, location: loc(issue.cell), field: issue.field,
                                               fieldLabel: issue.header, value: issue.header,
                                               related: loc(issue.firstCell).map { [Finding.Related(location: $0)] } ?? []))
            case .missingColumn:
                let anchor = CellReference(row: m.headerRows.first ?? 0, column: m.columns.first?.column ?? 0)
                result.findings.append(Finding(code: .missingColumn, location: loc(anchor), field: issue.field,
                                               fieldLabel: issue.field.flatMap { FieldCatalog.field(path: $0)?.zhHans }))
            }
        }
    }

    // MARK: - Rows

    /// Links a row read by `RowReader` to the rows before it: its key (typed, the same name's, or generated), its
    /// findings, and its customer merged or its child record queued.
    mutating func add(_ d: RowDraft, plan: SheetPlan) {
        let kind = plan.kind
        var row = d.row
        let values = d.values
        result.stats.valuesNormalised += d.valuesNormalised
        let name = values.customer.name
        let typedID = values.customer.id.rawValue
        var id = typedID
        if id.isEmpty, !name.isEmpty {
            if let i = byName[CustomerKey.nameKey(name)] {
                id = result.customers[i].id.rawValue
            } else {
                id = CustomerKey.generatedID(name: name)
                if kind == .customer { result.idsGenerated = true }
            }
        }
        row.customerID = id.isEmpty ? nil : id
        for (issue, path, header, loc) in d.issues {
            result.stats.valuesRejected += 1
            result.findings.append(Finding(code: FindingCode(rawValue: issue.code.rawValue) ?? .invalidNumber,
                                           location: loc, record: row.customerID, field: path,
                                           fieldLabel: header, value: issue.original,
                                           expected: issue.reason))
        }
        if kind == .customer {
            // A note or stray row: no key and almost nothing else.
            if typedID.isEmpty, name.isEmpty, d.present <= 1 { return }
            var c = values.customer
            c.id = CustomerID(id)
            c.contacts = values.contacts.keys.sorted().compactMap { k in
                guard var contact = values.contacts[k] else { return nil }
                if k == 1, !plan.hasPrimaryColumn { contact.primary = true }
                return contact
            }
            c.extra = d.extra
            c.provenance = d.provenance
            if keepsRows {
                var v = CanonicalValues.of(c)
                if plan.hasIDColumn, !typedID.isEmpty { v["id"] = typedID }
                row.values = v
                result.rows.append(row)
            }
            if !id.isEmpty { addCustomer(c, id: id) }
        } else {
            var rowIndex: Int?
            if keepsRows {
                if !typedID.isEmpty { row.values["id"] = typedID }
                if !name.isEmpty { row.values["name"] = name }
                result.rows.append(row)
                rowIndex = result.rows.count - 1
            }
            children.append(PendingChild(kind: kind, values: values, provenance: d.provenance,
                                         linkID: typedID.isEmpty ? nil : typedID,
                                         linkName: name.isEmpty ? nil : name, rowIndex: rowIndex))
        }
    }

    /// Whether normalising changed what the cell showed (the import log's count), without formatting numbers
    /// when both sides are the same integer.
    static func differs(_ cell: CellValue?, from v: FieldValue) -> Bool {
        switch (cell, v) {
        case (.string(let s)?, .text(let t)), (.string(let s)?, .label(let t)):
            return TextFolding.trim(s) != t
        case (.number(let d)?, .decimal(let x)):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15, x == Decimal(Int64(d)) { return false }
            return NumberText.format(d) != v.canonicalText
        default:
            return TextFolding.trim(cell?.text ?? "") != v.canonicalText
        }
    }

    // MARK: - Merging customers

    mutating func addCustomer(_ c: Customer, id: String) {
        if let i = byID[id] {
            result.stats.duplicateRowsMerged += 1
            result.customers[i] = CustomerMerge.filling(result.customers[i], with: c)
            let key = CustomerKey.nameKey(result.customers[i].name)
            if !key.text.isEmpty, byName[key] == nil { byName[key] = i }
            return
        }
        guard !c.name.isEmpty else {
            // A row with an id but no name: not a customer (validation reports the missing name).
            return
        }
        result.customers.append(c)
        let i = result.customers.count - 1
        byID[id] = i
        let key = CustomerKey.nameKey(c.name)
        if byName[key] == nil { byName[key] = i }
    }

    // MARK: - Children

    mutating func attachChildren() {
        var orphanIndex: [String: Int] = [:]
        for child in children {
            var target: Int?
            if let id = child.linkID { target = byID[id] }
            if target == nil, let n = child.linkName { target = byName[CustomerKey.nameKey(n)] }
            if let t = target {
                if let r = child.rowIndex { result.rows[r].customerID = result.customers[t].id.rawValue }
                Self.append(child, to: &result.customers[t])
            } else {
                let key = child.linkID ?? child.linkName.map { CustomerKey.generatedID(name: $0) } ?? ""
                guard !key.isEmpty else { continue }
                let o: Int
                if let existing = orphanIndex[key] {
                    o = existing
                } else {
                    result.orphans.append(Customer(id: CustomerID(key), name: child.linkName ?? ""))
                    o = result.orphans.count - 1
                    orphanIndex[key] = o
                }
                if let r = child.rowIndex { result.rows[r].customerID = key }
                Self.append(child, to: &result.orphans[o])
            }
        }
    }

    static func append(_ child: PendingChild, to c: inout Customer) {
        let index: Int
        let v = child.values
        switch child.kind {
        case .customer: return
        case .contact:
            index = c.contacts.count
            c.contacts.append(v.contacts[1] ?? Contact())
        case .transaction: index = c.transactions.count; c.transactions.append(v.transaction)
        case .contract: index = c.contracts.count; c.contracts.append(v.contract)
        case .interaction: index = c.interactions.count; c.interactions.append(v.interaction)
        case .feedback: index = c.feedback.count; c.feedback.append(v.feedback)
        case .survey: index = c.surveys.count; c.surveys.append(v.survey)
        case .serviceAction: index = c.serviceActions.count; c.serviceActions.append(v.serviceAction)
        }
        for (path, loc) in child.provenance {
            let p = path.replacingOccurrences(of: "[#]", with: "[\(index)]")
            if path == "name" || path == "id" { continue }
            c.provenance[p] = loc
        }
    }
}
