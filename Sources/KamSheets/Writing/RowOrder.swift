/// Checks that streamed rows come in order and tells which cell-less rows must still be written (rows with a
/// height or hidden flag, rows crossed by a merge) before the next row.
struct RowOrder {
    /// Rows that must appear even without cells, sorted.
    private let required: [Int]
    private var nextRequired = 0
    /// The last row written, or -1.
    private(set) var lastRow = -1

    init(requiredRows: Set<Int>) {
        required = requiredRows.filter { $0 >= 0 && $0 <= CellReference.maxRow }.sorted()
    }

    /// Validates a row's cells and returns its index.
    /// - Throws: `.invalidCellReference` naming the first misplaced cell.
    mutating func accept(_ cells: [Cell], file: String, sheet: String) throws(SpreadsheetError) -> Int {
        guard let first = cells.first else { return lastRow }
        let row = first.row
        var previousColumn = -1
        for cell in cells {
            guard cell.row == row, cell.row > lastRow, cell.row <= CellReference.maxRow,
                  cell.column > previousColumn, cell.column <= CellReference.maxColumn else {
                throw SpreadsheetError(
                    .invalidCellReference("cells must come row by row in increasing order"),
                    file: file, sheet: sheet,
                    cell: cell.row >= 0 && cell.column >= 0 ? cell.reference.a1 : "R\(cell.row)C\(cell.column)")
            }
            previousColumn = cell.column
        }
        lastRow = row
        return row
    }

    /// The required rows before `row` not yet written (and skips `row` itself, which is about to be written).
    mutating func requiredRows(before row: Int) -> ArraySlice<Int> {
        let start = nextRequired
        while nextRequired < required.count, required[nextRequired] < row { nextRequired += 1 }
        let slice = required[start..<nextRequired]
        if nextRequired < required.count, required[nextRequired] == row { nextRequired += 1 }
        return slice
    }

    /// The required rows not yet written, at the end of a sheet.
    mutating func remainingRows() -> ArraySlice<Int> {
        let slice = required[nextRequired...]
        nextRequired = required.count
        return slice
    }
}
