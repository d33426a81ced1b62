import Foundation
import KamImport
import KamMapping
import KamModel
import KamSheets
import KamStore
import KamValidation
import KamWorkspace

/// Imports legacy spreadsheets through `RecordExtractor`.
struct SpreadsheetImporter: FileImporter {
    var kind: String

    func extract(file: String, options: ImportOptions) throws -> Extraction {
        try RecordExtractor(profile: options.profile, keepsRows: false).extract(paths: [file], sheet: options.sheet)
    }

    func read(file: String, workspace: Workspace, options: ImportOptions) throws -> ImportedFile {
        let x = try extract(file: file, options: options)
        var notes: [ImportLogEntry] = []
        for s in x.sheets {
            notes.append(ImportLogEntry(runID: 0, level: .info, code: "sheet-read",
                                        message: "\(s.mapping.kind?.rawValue ?? "-"): \(s.rowsRead) rows",
                                        location: SourceLocation(file: s.file, sheet: s.mapping.sheetName, cell: "A1")))
        }
        for f in x.findings where f.code.isValueProblem || f.code == .unmappedColumn || f.code == .missingColumn
            || f.code == .duplicateHeader {
            let level: ImportLogEntry.Level = f.code == .unmappedColumn ? .info : (f.code == .ambiguousDate ? .warning : .error)
            notes.append(ImportLogEntry(runID: 0, level: level, code: f.code == .unmappedColumn ? f.code.rawValue
                                            : (f.code.isValueProblem ? "value-rejected:" + f.code.rawValue : f.code.rawValue),
                                        message: f.value ?? "", location: f.location,
                                        recordID: f.record.map { CustomerID($0) }, field: f.field))
        }
        let s = x.stats
        notes.append(ImportLogEntry(runID: 0, level: .info, code: "import-counts",
                                    message: "files=\(s.files) sheets=\(s.sheets) rows=\(s.rowsRead) duplicateRowsMerged=\(s.duplicateRowsMerged) valuesNormalised=\(s.valuesNormalised) valuesRejected=\(s.valuesRejected)"))
        return ImportedFile(document: WorkspaceDocument(customers: x.customers), notes: notes, mergeByKey: true,
                            orphans: x.orphans, idsGenerated: x.idsGenerated, stats: x.stats)
    }

    /// Merges a spreadsheet's customers into the store (inside the caller's transaction).
    static func merge(_ f: ImportedFile, into tx: any StoreWriting, runID: Int64) throws -> ImportSummary {
        // The store's customers are read once and kept current in memory as the merge writes them: fetching each
        // customer back (nine queries apiece) made large imports per-row expensive.
        var current: [CustomerID: Customer] = [:]
        var byName: [BytesKey: CustomerID] = [:]
        current.reserveCapacity(f.document.customers.count)
        for c in try tx.fetchCustomers() {
            current[c.id] = c
            guard !c.name.isEmpty else { continue }
            let k = CustomerKey.nameKey(c.name)
            if byName[k] == nil { byName[k] = c.id }
        }
        // A large file into a smaller store is a bulk load (index upkeep once, at the end).
        let drafts = f.document.customers
        if drafts.count >= 5_000, drafts.count >= current.count {
            return try tx.bulkLoad { try mergeDrafts(f, into: tx, runID: runID, current: &current, byName: &byName) }
        }
        return try mergeDrafts(f, into: tx, runID: runID, current: &current, byName: &byName)
    }

    private static func mergeDrafts(_ f: ImportedFile, into tx: any StoreWriting, runID: Int64,
                                    current: inout [CustomerID: Customer],
                                    byName: inout [BytesKey: CustomerID]) throws -> ImportSummary {
        var summary = ImportSummary()
        func resolve(_ c: Customer) -> Customer? {
            if let existing = current[c.id] { return existing }
            // Generated ids (or none): the store's customer of the same name.
            if c.id.rawValue.hasPrefix("N") || f.idsGenerated || c.id.rawValue.isEmpty,
               let id = byName[CustomerKey.nameKey(c.name)] {
                return current[id]
            }
            return nil
        }
        func write(_ c: Customer) throws {
            if current[c.id] == nil { try tx.insertCustomer(c) } else { try tx.upsertCustomer(c) }
            current[c.id] = c
        }
        var seen = Set<CustomerID>()
        for draft in f.document.customers {
            if let existing = resolve(draft) {
                var merged = CustomerMerge.updating(existing, with: draft)
                merged.id = existing.id
                try write(merged)
                if seen.insert(existing.id).inserted { summary.customersUpdated += 1 }
            } else {
                try write(draft)
                if seen.insert(draft.id).inserted { summary.customersAdded += 1 }
                if !draft.name.isEmpty { byName[CustomerKey.nameKey(draft.name)] = draft.id }
            }
        }
        for orphan in f.orphans {
            guard let existing = resolve(orphan) else {
                try tx.appendImportLog(ImportLogEntry(runID: runID, level: .warning, code: "unlinked-records",
                                                      message: "records for a customer not in the file or the store",
                                                      recordID: orphan.id))
                continue
            }
            try write(CustomerMerge.updating(existing, with: orphan))
            if seen.insert(existing.id).inserted { summary.customersUpdated += 1 }
        }
        return summary
    }

    func preview(file: String, options: ImportOptions, lang: Language) throws -> String {
        let x = try extract(file: file, options: options)
        var out: [String] = []
        for s in x.sheets {
            let m = s.mapping
            out.append(lang.pick(zh: "== \(s.file) · \(m.sheetName)：\(m.kind?.rawValue ?? "-")，表头第 \(m.headerRows.map { String($0 + 1) }.joined(separator: "–")) 行，数据 \(s.rowsRead) 行",
                                 en: "== \(s.file) · \(m.sheetName): \(m.kind?.rawValue ?? "-"), header row \(m.headerRows.map { String($0 + 1) }.joined(separator: "–")), \(s.rowsRead) data rows"))
            for c in m.columns {
                let target = c.field.map { $0.path + (m.duplicateColumns.contains(c.column) ? lang.pick(zh: "（重复，不用）", en: " (duplicate, unused)") : "") }
                    ?? lang.pick(zh: "未对应 → extra", en: "unmapped → extra")
                var unit = ""
                if let mul = c.unit.multiplier { unit += " ×\(mul)" }
                if let sc = c.unit.scale { unit += " /\(sc)" }
                if c.unit.isPercent { unit += " %" }
                out.append("  \(c.header.cell.a1)  \(c.header.text) → \(target)\(unit)")
            }
        }
        out.append(lang.pick(zh: "-- 前几个客户（将导入的样子）", en: "-- first customers as they would be imported"))
        let doc = WorkspaceDocument(customers: Array(x.customers.prefix(5)))
        if let text = String(data: doc.encoded(), encoding: .utf8) { out.append(text) }
        out.append(lang.pick(zh: "共 \(x.customers.count) 个客户（未写入任何内容）", en: "\(x.customers.count) customers in all (nothing written)"))
        return out.joined(separator: "\n")
    }
}

extension FindingCode {
    /// A value that could not be taken as it is (reported by extraction).
    var isValueProblem: Bool {
        [.invalidDate, .invalidNumber, .invalidEmail, .invalidPhone, .ambiguousDate, .outOfRange, .unknownLabel]
            .contains(self)
    }
}
