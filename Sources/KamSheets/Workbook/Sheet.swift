/// One sheet of a workbook, materialised: its cells in row-major order and its layout.
public struct Sheet: Sendable, Hashable {
    /// The sheet's name as the workbook shows it.
    public var name: String
    public var visibility: SheetVisibility
    /// Worksheet, chartsheet, …; only worksheets hold cells.
    public var kind: SheetKind
    /// Non-empty cells in row-major order.
    public var cells: [Cell]
    /// Merged ranges; the value sits in the top-left cell.
    public var mergedRanges: [CellRange]
    /// Column widths in characters of the default font, by 0-based column.
    public var columnWidths: [Int: Double]
    /// Row heights in points, by 0-based row.
    public var rowHeights: [Int: Double]
    /// Hidden columns and rows, 0-based.
    public var hiddenColumns: Set<Int>
    public var hiddenRows: Set<Int>
    /// Frozen panes: the number of rows and columns kept in view, or nil.
    public var frozen: FrozenPanes?

    /// Creates a sheet.
    public init(name: String, visibility: SheetVisibility = .visible, kind: SheetKind = .worksheet,
                cells: [Cell] = [], mergedRanges: [CellRange] = [], columnWidths: [Int: Double] = [:],
                rowHeights: [Int: Double] = [:], hiddenColumns: Set<Int> = [], hiddenRows: Set<Int> = [],
                frozen: FrozenPanes? = nil) {
        self.name = name
        self.visibility = visibility
        self.kind = kind
        self.cells = cells
        self.mergedRanges = mergedRanges
        self.columnWidths = columnWidths
        self.rowHeights = rowHeights
        self.hiddenColumns = hiddenColumns
        self.hiddenRows = hiddenRows
        self.frozen = frozen
    }

    /// The cell at a position, if it holds anything (a linear search: index the cells for repeated lookups).
    public func cell(at ref: CellReference) -> Cell? {
        cells.first { $0.row == ref.row && $0.column == ref.column }
    }

    /// The smallest range holding every cell, or nil for an empty sheet.
    public var usedRange: CellRange? {
        guard let first = cells.first else { return nil }
        var minR = first.row, maxR = first.row, minC = first.column, maxC = first.column
        for c in cells {
            minR = min(minR, c.row); maxR = max(maxR, c.row)
            minC = min(minC, c.column); maxC = max(maxC, c.column)
        }
        return CellRange(CellReference(row: minR, column: minC), CellReference(row: maxR, column: maxC))
    }
}

/// Rows and columns frozen at the top and left.
public struct FrozenPanes: Sendable, Hashable {
    public var rows: Int
    public var columns: Int
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }
}

/// Whether a sheet shows in the tab bar.
public enum SheetVisibility: String, Sendable, Hashable, Codable {
    case visible
    case hidden
    /// Hidden so that only a macro can show it again (XLSX only).
    case veryHidden
}

/// What a sheet holds.
public enum SheetKind: String, Sendable, Hashable {
    case worksheet = "Worksheet"
    case chartsheet = "ChartSheet"
    case dialogsheet = "DialogSheet"
    case macrosheet = "MacroSheet"
}
