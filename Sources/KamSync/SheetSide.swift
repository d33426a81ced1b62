import Foundation
import KamImport
import KamMapping
import KamModel
import KamSheets
import KamValidation

/// One data row of a bound sheet as the sync engine sees it.
public struct SheetRecord: Sendable, Hashable {
    /// 0-based row where the row is now (rows are found by their key, not by position).
    public var row: Int
    /// The row's key: 客户编号 on 重点客户, 同步编号 on child sheets; nil for a row the team added.
    public var key: String?
    /// The customer the row belongs to (its own id on 重点客户; the 客户编号 link on child sheets).
    public var customerID: String?
    /// Bound field path (and `extra.<header>`) → canonical text.
    public var values: RecordValues
    /// Paths whose cell could not be read (reported by extraction; not synced this time).
    public var rejected: Set<String>
}

/// A bound sheet of the workbook as read: where its columns are and its rows.
public struct SheetTable: Sendable {
    public var kind: SyncSheetKind
    /// The sheet's current name (a renamed sheet is found by its content).
    public var sheetName: String
    /// 0-based header row.
    public var headerRow: Int
    /// Field path (`owner`, `transactions.amount`, `extra.<header>`, and `#key`, `#link`) → 0-based column.
    public var columns: [String: Int]
    /// Rows in sheet order.
    public var records: [SheetRecord]
    /// The last row holding data (for appending), or nil.
    public var lastDataRow: Int?
    /// The column after the last header (where a new column would go).
    public var nextColumn: Int

    /// The extra columns' headers, in column order.
    public var extraHeaders: [String] {
        columns.filter { $0.key.hasPrefix("extra.") }.sorted { $0.value < $1.value }.map { String($0.key.dropFirst(6)) }
    }
}

/// The key-account workbook read through the import's extraction (`RecordExtractor`).
public struct SheetSide: Sendable {
    public var file: String
    public var tables: [SyncSheetKind: SheetTable]
    /// Extraction findings about bound values (invalid dates, numbers, labels…), to report.
    public var findings: [Finding]

    /// Reads `path`. Sheets are found by name, else (renamed) by the kind extraction recognises.
    /// - Throws: `SpreadsheetError` for an unreadable file.
    public static func read(path: String, profile: MappingProfile = MappingProfile()) throws(SpreadsheetError) -> SheetSide {
        let input = try WorkbookInput.read(path: path)
        let candidates = input.sheets.filter { $0.name != KeyAccountLayout.performanceSheet }
        let wb = WorkbookInput(file: path, sheets: candidates, styles: input.styles, dateSystem: input.dateSystem)
        var extractor = RecordExtractor(profile: profile)
        extractor.keepsRowCells = false
        let extraction = extractor.extract([wb])
        var mappings: [String: SheetMapping] = [:]
        for report in extraction.sheets { mappings[report.mapping.sheetName] = report.mapping }
        // Assign sheets to kinds: by name first, then by recognised kind among the rest.
        var chosen: [SyncSheetKind: String] = [:]
        var used = Set<String>()
        for kind in SyncSheetKind.allCases where mappings[KeyAccountLayout.sheetName(kind)] != nil {
            chosen[kind] = KeyAccountLayout.sheetName(kind)
            used.insert(KeyAccountLayout.sheetName(kind))
        }
        for kind in SyncSheetKind.allCases where chosen[kind] == nil {
            if let m = candidates.lazy.compactMap({ mappings[$0.name] })
                .first(where: { !used.contains($0.sheetName) && $0.kind == kind.recordKind }) {
                chosen[kind] = m.sheetName
                used.insert(m.sheetName)
            }
        }
        var tables: [SyncSheetKind: SheetTable] = [:]
        for (kind, name) in chosen {
            guard let mapping = mappings[name], let sheet = candidates.first(where: { $0.name == name }) else { continue }
            let rows = extraction.rows.filter { $0.sheet == name }
            tables[kind] = table(kind: kind, sheet: sheet, mapping: mapping, rows: rows)
        }
        let boundSheets = Set(chosen.values)
        let findings = extraction.findings.filter { f in
            guard let loc = f.location, boundSheets.contains(loc.sheet) else { return false }
            switch f.code {
            case .unmappedColumn, .duplicateHeader, .missingColumn: return false
            default: return true
            }
        }
        return SheetSide(file: path, tables: tables, findings: findings)
    }

    static func table(kind: SyncSheetKind, sheet: Sheet, mapping: SheetMapping, rows: [SourceRow]) -> SheetTable {
        let layoutHeaders = Set(kind.headers)
        var columns: [String: Int] = [:]
        let bound = Set(kind.boundPaths)
        // The first column under a layout header is the layout's; a later one of the same header is the team's own
        // (an imported extra field named like a derived column, 首次合作日期), kept as extra rather than ignored —
        // ignoring it made the next sync clear those values in the store.
        var layoutSeen = Set<String>()
        for c in mapping.columns {
            let header = c.header.text.trimmingCharacters(in: .whitespaces)
            if header == KeyAccountLayout.keyHeader { columns["#key"] = c.column; continue }
            if let path = c.field?.path {
                if path == "id" { columns[kind == .customers ? "#key" : "#link"] = columns[kind == .customers ? "#key" : "#link"] ?? c.column; continue }
                if bound.contains(path), !mapping.duplicateColumns.contains(c.column) { columns[path] = columns[path] ?? c.column; continue }
            }
            let isLayoutColumn = layoutHeaders.contains(header) && layoutSeen.insert(header).inserted
            if kind == .customers, c.field == nil || !bound.contains(c.field?.path ?? ""), !isLayoutColumn,
               !header.isEmpty {
                columns["extra." + header] = columns["extra." + header] ?? c.column
            }
        }
        // Each data row's cells as a range of the row-major cells: a dictionary of cells per row cost more than
        // the rest of the table.
        var ordered = sheet.cells.filter { $0.row >= mapping.firstDataRow }
        if !zip(ordered, ordered.dropFirst()).allSatisfy({ ($0.row, $0.column) <= ($1.row, $1.column) }) {
            ordered.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        }
        var rowCells: [Int: Range<Int>] = [:]
        var i = 0
        while i < ordered.count {
            var j = i + 1
            while j < ordered.count, ordered[j].row == ordered[i].row { j += 1 }
            rowCells[ordered[i].row] = i..<j
            i = j
        }
        let extraColumns = columns.filter { $0.key.hasPrefix("extra.") }.sorted { $0.value < $1.value }
        let keyColumn = columns["#key"], linkColumn = columns["#link"]
        var records: [SheetRecord] = []
        records.reserveCapacity(rows.count)
        for r in rows {
            var values: RecordValues = [:]
            for (path, text) in r.values where bound.contains(path) && !text.isEmpty { values[path] = text }
            let cells = rowCells[r.row] ?? 0..<0
            func raw(_ column: Int?) -> String? {
                guard let column else { return nil }
                // The last cell at the column, as a dictionary filled in order kept.
                guard let k = cells.last(where: { ordered[$0].column == column }), let v = ordered[k].value else {
                    return nil
                }
                let t = Canonical.trimmed(v.text)
                return t.isEmpty ? nil : t
            }
            for (path, column) in extraColumns {
                if let t = raw(column) { values[path] = t }
            }
            let key: String?
            let customerID: String?
            if kind == .customers {
                key = raw(keyColumn)
                customerID = key
            } else {
                key = raw(keyColumn)
                customerID = raw(linkColumn) ?? r.customerID
            }
            let rejected = r.rejected.intersection(bound)
            records.append(SheetRecord(row: r.row, key: key, customerID: customerID, values: values, rejected: rejected))
        }
        let last = ordered.last?.row
        let nextColumn = (mapping.columns.map(\.column).max() ?? -1) + 1
        return SheetTable(kind: kind, sheetName: sheet.name, headerRow: mapping.headerRows.last ?? 0, columns: columns,
                          records: records, lastDataRow: last ?? records.map(\.row).max(), nextColumn: nextColumn)
    }
}

extension SyncSheetKind {
    var recordKind: RecordKind {
        switch self {
        case .customers: return .customer
        case .transactions: return .transaction
        case .feedback: return .feedback
        case .serviceActions: return .serviceAction
        case .contacts: return .contact
        }
    }

    /// Headers of the layout (bound or derived).
    var headers: [String] {
        switch self {
        case .customers: return [KeyAccountLayout.linkHeader] + KeyAccountLayout.customerColumns.map(\.header)
        case .transactions: return KeyAccountLayout.transactionColumns.map(\.header)
        case .feedback: return KeyAccountLayout.feedbackColumns.map(\.header)
        case .serviceActions: return KeyAccountLayout.serviceActionColumns.map(\.header)
        case .contacts: return KeyAccountLayout.contactColumns.map(\.header)
        }
    }

    /// Paths sync merges.
    var boundPaths: [String] {
        switch self {
        case .customers: return KeyAccountLayout.customerColumns.filter(\.bound).map(\.path)
        case .transactions: return KeyAccountLayout.transactionColumns.map(\.path)
        case .feedback: return KeyAccountLayout.feedbackColumns.map(\.path)
        case .serviceActions: return KeyAccountLayout.serviceActionColumns.map(\.path)
        case .contacts: return KeyAccountLayout.contactColumns.map(\.path)
        }
    }

    /// Each bound path's cell type.
    var types: [String: SyncFieldType] {
        var out: [String: SyncFieldType] = [:]
        switch self {
        case .customers: for c in KeyAccountLayout.customerColumns { out[c.path] = c.type }
        case .transactions: for c in KeyAccountLayout.transactionColumns { out[c.path] = c.type }
        case .feedback: for c in KeyAccountLayout.feedbackColumns { out[c.path] = c.type }
        case .serviceActions: for c in KeyAccountLayout.serviceActionColumns { out[c.path] = c.type }
        case .contacts: for c in KeyAccountLayout.contactColumns { out[c.path] = c.type }
        }
        return out
    }
}
