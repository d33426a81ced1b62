import KamMapping
import KamModel
import KamSheets
import KamValidation

/// A data row read on its own: everything that depends on nothing but the row (its values, their cells, the
/// values it rejected). Rows are read side by side; `ExtractionBuilder.add` then links them in order.
struct RowDraft: Sendable {
    var row: SourceRow
    var values: RowValues
    var provenance: Provenance
    var extra: ExtraFields
    /// Rejected values: the issue, field path, the user's header and the cell.
    var issues: [(ValueIssue, String, String, SourceLocation)]
    /// How many header columns hold something.
    var present: Int
    /// How many values normalising changed (the import log's count).
    var valuesNormalised: Int
}

/// Reads the data rows of one mapped sheet into drafts, remembering each column's readings (`ColumnMemo`).
struct RowReader {
    let plan: SheetPlan
    let reader: FieldReader
    let styles: [CellStyle]
    let keepsRows: Bool
    let keepsCells: Bool
    private var memos: [ColumnMemo]

    init(plan: SheetPlan, reader: FieldReader, styles: [CellStyle], keepsRows: Bool, keepsCells: Bool = true) {
        self.plan = plan
        self.reader = reader
        self.styles = styles
        self.keepsRows = keepsRows
        self.keepsCells = keepsRows && keepsCells
        memos = Array(repeating: ColumnMemo(), count: plan.columns.count)
    }

    /// A cell of a column read as its field, remembered per column.
    private mutating func read(_ cell: Cell, column ci: Int) -> ColumnMemo.Reading {
        let key = memos[ci].key(cell)
        if let key, let known = memos[ci].reading(for: key) { return known }
        let outcome = reader.read(cell, column: plan.columns[ci].mapping, styles: styles)
        var changed = false
        if case .value(let v) = outcome { changed = ExtractionBuilder.differs(cell.value, from: v) }
        let reading = ColumnMemo.Reading(outcome: outcome, changed: changed)
        if let key { memos[ci].remember(reading, for: key) }
        return reading
    }

    /// Row `r` (0-based), its cells given one slot per column.
    mutating func read(_ r: Int, cells: [Cell?], present: Int) -> RowDraft {
        let kind = plan.kind
        var values = RowValues()
        // Sized once: growing a dictionary 1, 2, 4, 8, 16 rehashes it four times per row.
        var provenance = Provenance(minimumCapacity: plan.columns.count)
        var row = SourceRow(record: plan.record, file: plan.file, sheet: plan.sheet, row: r)
        if keepsRows {
            row.headers = plan.headers
            if keepsCells { row.cells.reserveCapacity(plan.columns.count) }
        }
        var extra = ExtraFields()
        var issues: [(ValueIssue, String, String, SourceLocation)] = []
        var normalised = 0
        let rowNumber = String(r + 1)
        for ci in plan.columns.indices {
            let column = plan.columns[ci]
            let cell = cells[column.column]
            switch column.role {
            case .skip:
                continue
            case .extra(let key, let provenanceKey):
                if case .value(let s) = TextNormalizer.text(cell?.value) {
                    extra[key] = s
                    provenance[provenanceKey] = plan.location(column, rowNumber)
                }
            case .field(let path, let ordinal, let provPath, let setter):
                if keepsCells, row.cells[path] == nil { row.cells[path] = plan.location(column, rowNumber) }
                // An empty cell is empty for every field type: skip the reader and its allocations.
                guard let cell, cell.value != nil else { continue }
                let reading = read(cell, column: ci)
                switch reading.outcome {
                case .value(let v):
                    setter(&values, ordinal, v)
                    provenance[provPath] = plan.location(column, rowNumber)
                    if reading.changed { normalised += 1 }
                    if keepsRows, kind != .customer { row.values[path] = v.canonicalText }
                case .empty:
                    break
                case .invalid(let issue), .ambiguous(_, let issue), .outOfRange(_, let issue):
                    row.rejected.insert(path)
                    issues.append((issue, path, column.mapping.header.text, plan.location(column, rowNumber)))
                    if issue.code == .invalidEmail {
                        setter(&values, ordinal, .text(issue.original))
                        provenance[provPath] = plan.location(column, rowNumber)
                        if keepsRows, kind != .customer { row.values[path] = issue.original }
                    }
                }
            }
        }
        return RowDraft(row: row, values: values, provenance: provenance, extra: extra, issues: issues,
                        present: present, valuesNormalised: normalised)
    }
}
