import KamSheets

/// One column's header as found in the sheet, before it is mapped to a field.
public struct ColumnHeader: Sendable, Hashable {
    /// 0-based column.
    public var column: Int
    /// The header text a person reads for this column: the lower (child) cell of a two-row header, else the cell.
    /// This is the key `extra` uses.
    public var text: String
    /// The merged group cell above it in a two-row header (`联系人` over `电话`), if any.
    public var parentText: String?
    /// Where `text` sits (for findings such as `unmapped-column`).
    public var cell: CellReference
}

/// Where a sheet's header is and what it says.
public struct HeaderLayout: Sendable, Hashable {
    /// 0-based rows making the header: one row, or two for a merged two-row header.
    public var headerRows: [Int]
    /// The columns that have a header, left to right.
    public var columns: [ColumnHeader]
    /// 0-based row of the first data row (the row after the header).
    public var firstDataRow: Int
}

/// Finds the header row of a legacy sheet below titles, notes, merged banners and blank rows, and joins two-row
/// headers made of merged cells.
public struct HeaderRowDetector: Sendable {
    public var recognizer: HeaderRecognizer
    /// How many rows from the top are searched.
    public var searchRows: Int

    public init(recognizer: HeaderRecognizer = HeaderRecognizer(), searchRows: Int = 40) {
        self.recognizer = recognizer
        self.searchRows = searchRows
    }

    /// The header of a sheet, or nil when the sheet has no cells. `pinnedRow` (0-based) forces the header row.
    public func detect(_ sheet: Sheet, pinnedRow: Int? = nil) -> HeaderLayout? {
        let grid = SheetGrid(sheet, rowLimit: max(searchRows, (pinnedRow ?? 0) + 2) + 1)
        guard !grid.rows.isEmpty else { return nil }
        let row = pinnedRow ?? bestRow(grid)
        guard let row else { return nil }
        return layout(grid, headerRow: row)
    }

    // MARK: - Choosing the row

    private func bestRow(_ grid: SheetGrid) -> Int? {
        var best: (row: Int, score: Double, recognized: Int)?
        var fallback: Int?
        for r in grid.rows.keys.sorted() {
            guard let cells = grid.rows[r], !cells.isEmpty, !grid.isBanner(r) else { continue }
            var recognized = 0, texts = 0, others = 0
            for (_, value) in cells {
                if case .string(let s) = value {
                    texts += 1
                    if recognizer.recognize(s).isRecognized { recognized += 1 }
                } else {
                    others += 1
                }
            }
            if fallback == nil, texts >= 2, texts >= others { fallback = r }
            guard recognized > 0 else { continue }
            let score = Double(recognized) * 3 + Double(texts) - Double(others) * 2
            if best.map({ score > $0.score }) ?? true { best = (r, score, recognized) }
        }
        return best?.row ?? fallback ?? grid.rows.keys.min()
    }

    // MARK: - Building the layout

    private func layout(_ grid: SheetGrid, headerRow r: Int) -> HeaderLayout {
        if grid.isParentRow(r, over: r + 1) {
            return twoRow(grid, top: r, bottom: r + 1)
        }
        if r > 0, grid.isParentRow(r - 1, over: r), !grid.isBanner(r - 1) {
            return twoRow(grid, top: r - 1, bottom: r)
        }
        var columns: [ColumnHeader] = []
        for (c, value) in (grid.rows[r] ?? [:]).sorted(by: { $0.key < $1.key }) {
            let text = TextFolding.trim(value.text)
            if text.isEmpty { continue }
            columns.append(ColumnHeader(column: c, text: text, parentText: nil, cell: CellReference(row: r, column: c)))
        }
        return HeaderLayout(headerRows: [r], columns: columns, firstDataRow: r + 1)
    }

    private func twoRow(_ grid: SheetGrid, top: Int, bottom: Int) -> HeaderLayout {
        let topCells = grid.rows[top] ?? [:], bottomCells = grid.rows[bottom] ?? [:]
        var columnSet = Set(bottomCells.keys)
        for c in topCells.keys { columnSet.formUnion(grid.horizontalSpan(row: top, column: c)) }
        var columns: [ColumnHeader] = []
        for c in columnSet.sorted() {
            let child = bottomCells[c].map { TextFolding.trim($0.text) } ?? ""
            let parentOrigin = grid.mergeOrigin(row: top, column: c) ?? CellReference(row: top, column: c)
            let parent = (parentOrigin.row == top ? topCells[parentOrigin.column] : nil)
                .map { TextFolding.trim($0.text) } ?? ""
            if child.isEmpty && parent.isEmpty { continue }
            if child.isEmpty {
                columns.append(ColumnHeader(column: c, text: parent, parentText: nil, cell: parentOrigin))
            } else {
                columns.append(ColumnHeader(column: c, text: child, parentText: parent.isEmpty ? nil : parent,
                                            cell: CellReference(row: bottom, column: c)))
            }
        }
        return HeaderLayout(headerRows: [top, bottom], columns: columns, firstDataRow: bottom + 1)
    }
}

/// The top rows of a sheet indexed by row and column, with its merged ranges.
struct SheetGrid {
    /// Non-blank values by row, then column.
    var rows: [Int: [Int: CellValue]] = [:]
    var merges: [CellRange]
    /// The widest column span seen in the indexed rows.
    var width: ClosedRange<Int>?

    init(_ sheet: Sheet, rowLimit: Int) {
        merges = sheet.mergedRanges
        for cell in sheet.cells where cell.row < rowLimit {
            guard let v = cell.value else { continue }
            if case .string(let s) = v, TextFolding.trim(s).isEmpty { continue }
            rows[cell.row, default: [:]][cell.column] = v
            width = width.map { min($0.lowerBound, cell.column)...max($0.upperBound, cell.column) }
                ?? cell.column...cell.column
        }
    }

    /// The merged range a cell lies in.
    func merge(row: Int, column: Int) -> CellRange? {
        merges.first { $0.contains(CellReference(row: row, column: column)) }
    }

    /// The top-left cell of the merge holding (row, column), if merged.
    func mergeOrigin(row: Int, column: Int) -> CellReference? { merge(row: row, column: column)?.start }

    /// The columns a cell's merge spans in its own row (just the column when unmerged).
    func horizontalSpan(row: Int, column: Int) -> ClosedRange<Int> {
        guard let m = merge(row: row, column: column), m.start.row == row else { return column...column }
        return m.start.column...m.end.column
    }

    /// A title or note row: one value alone in its row (merged across or not) in a sheet wider than one column.
    func isBanner(_ r: Int) -> Bool {
        guard let cells = rows[r], cells.count == 1, let w = width, w.count > 1 else { return false }
        return true
    }

    /// Whether row `top` is the group row of a two-row header over row `bottom`: some cell of `top` is merged
    /// across two or more columns and has labels under it, and every value of `bottom` is a text label sitting
    /// under such a group or under an empty (or vertically merged) cell of `top`.
    func isParentRow(_ top: Int, over bottom: Int) -> Bool {
        guard let topCells = rows[top], let bottomCells = rows[bottom], !topCells.isEmpty, !bottomCells.isEmpty
        else { return false }
        var groupHasChildren = false
        for c in topCells.keys {
            let span = horizontalSpan(row: top, column: c)
            guard span.count >= 2 else { continue }
            // A title merged across the whole table is not a group.
            if topCells.count == 1, let w = width, span.lowerBound <= w.lowerBound, span.upperBound >= w.upperBound {
                continue
            }
            if span.contains(where: { bottomCells[$0] != nil }) { groupHasChildren = true }
        }
        guard groupHasChildren else { return false }
        for (c, value) in bottomCells {
            guard case .string = value else { return false }
            let origin = mergeOrigin(row: top, column: c)
            let underGroup = origin.map { $0.row == top && horizontalSpan(row: top, column: $0.column).count >= 2 }
                ?? false
            let topEmpty = topCells[c] == nil && origin == nil
            let verticalMerge = merge(row: top, column: c).map { $0.start.row == top && $0.end.row >= bottom } ?? false
            if !(underGroup || topEmpty || verticalMerge) { return false }
        }
        return true
    }
}
