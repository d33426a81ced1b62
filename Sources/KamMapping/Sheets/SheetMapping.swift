import KamSheets

/// One header column and the field it maps to.
public struct ColumnMapping: Sendable, Hashable {
    /// The header as found (column, text, parent text, cell).
    public var header: ColumnHeader
    /// The field, or nil when unmapped (the column then goes to `extra` under `header.text`).
    public var field: FieldDefinition?
    /// Unit and scale stated by the header (`（万元）` → ×10,000, `(5分制)` → scale 5).
    public var unit: HeaderUnit
    /// The n-th record of a repeated group (`电话2` → 2); nil for the first / only one.
    public var ordinal: Int?
    /// How the header was recognised (candidates before the sheet's kind chose one).
    public var recognition: HeaderRecognition
    /// Whether a profile pinned this column.
    public var pinned: Bool

    /// 0-based column.
    public var column: Int { header.column }
    /// The field's path (`contacts.phone`), or nil.
    public var path: String? { field?.path }
}

/// A problem with a sheet's columns (CONTRACTS.md codes `unmapped-column`, `duplicate-header`, `missing-column`).
public struct MappingIssue: Sendable, Hashable {
    public enum Code: String, Sendable, Hashable {
        case unmappedColumn = "unmapped-column"
        case duplicateHeader = "duplicate-header"
        case missingColumn = "missing-column"
    }
    public var code: Code
    /// The header cell concerned (nil for a missing column).
    public var cell: CellReference?
    /// The header text (unmapped, duplicate) or nil.
    public var header: String?
    /// The field path concerned (duplicate, missing) or nil.
    public var field: String?
    /// For a duplicate: the header cell of the column that is used.
    public var firstCell: CellReference?
}

/// How one sheet maps to the model: where its header is, which record kind its rows are, and what each column
/// means. The entry point for extractors; see `SheetMapper.map`.
public struct SheetMapping: Sendable, Hashable {
    public var sheetName: String
    /// The kind of record each data row is; nil for a sheet with no recognisable header (e.g. a notes sheet).
    public var kind: RecordKind?
    /// Scores per kind that decided `kind` (for diagnostics).
    public var kindScores: [RecordKind: Double]
    /// 0-based header rows (one, or two for a merged two-row header).
    public var headerRows: [Int]
    /// 0-based first data row.
    public var firstDataRow: Int
    /// Every header column, left to right (mapped, duplicate and unmapped).
    public var columns: [ColumnMapping]
    /// Columns that lost their field to an earlier column (`duplicate-header`): not used for values.
    public var duplicateColumns: Set<Int>
    public var issues: [MappingIssue]
    /// Month-first dates (from the profile).
    public var monthFirst: Bool

    /// Columns whose values fill fields (duplicates excluded).
    public var mappedColumns: [ColumnMapping] {
        columns.filter { $0.field != nil && !duplicateColumns.contains($0.column) }
    }

    /// Columns kept in `extra`, keyed by `header.text`.
    public var unmappedColumns: [ColumnMapping] { columns.filter { $0.field == nil } }

    /// The column filling a field path (first ordinal unless given).
    public func column(for path: String, ordinal: Int? = nil) -> ColumnMapping? {
        mappedColumns.first { $0.field?.path == path && ($0.ordinal ?? 1) == (ordinal ?? 1) }
    }

    /// A cheap pre-check before the full header folding (which is costly per row): every totals label holds 计,
    /// 数, `t` or `s` in some width or script.
    static func mayBeTotalsLabel(_ s: String) -> Bool {
        s.unicodeScalars.contains { u in
            switch u {
            case "计", "計", "数", "數", "t", "T", "s", "S", "ｔ", "Ｔ", "ｓ", "Ｓ": return true
            default: return false
            }
        }
    }

    /// Whether a row is a totals row (`合计`, `总计`, `小计`, `Total`) that holds no record.
    public func isTotalsRow<C: Collection<Cell>>(_ cells: C) -> Bool {
        let firstColumns = columns.prefix(3)
        for cell in cells where firstColumns.contains(where: { $0.column == cell.column }) {
            if Self.isTotalsLabel(cell) { return true }
        }
        return false
    }

    /// `isTotalsRow` for a row given as one slot per column (what extraction holds): no generic iteration and no
    /// copies of the column mappings per row.
    public func isTotalsRow(slots: [Cell?]) -> Bool {
        for k in 0..<min(3, columns.count) {
            let c = columns[k].column
            if c < slots.count, let cell = slots[c], Self.isTotalsLabel(cell) { return true }
        }
        return false
    }

    static func isTotalsLabel(_ cell: Cell) -> Bool {
        // A totals label is a short word; a long cell (a hostile 1 MB value) is not worth folding.
        guard case .string(let s)? = cell.value, s.utf8.count <= 64, mayBeTotalsLabel(s) else { return false }
        let key = HeaderNormalizer.key(s)
        return ["合计", "总计", "小计", "共计", "总数", "total", "totals", "sum", "grandtotal", "subtotal"].contains(key)
            || key.hasPrefix("合计") || key.hasPrefix("总计")
    }
}
