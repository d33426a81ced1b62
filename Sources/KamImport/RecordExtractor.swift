import Foundation
import KamMapping
import KamModel
import KamSheets
import KamValidation

/// One workbook to extract: its sheets as read by KamSheets.
public struct WorkbookInput: Sendable {
    /// The file as the user named it; findings use its last path component.
    public var file: String
    public var sheets: [Sheet]
    public var styles: [CellStyle]
    public var dateSystem: SpreadsheetDate.System

    public init(file: String, sheets: [Sheet], styles: [CellStyle] = [], dateSystem: SpreadsheetDate.System = .from1900) {
        self.file = file
        self.sheets = sheets
        self.styles = styles
        self.dateSystem = dateSystem
    }

    /// Reads a workbook's worksheets (only `sheet` when given).
    /// - Throws: `SpreadsheetError` for an unreadable file or an unknown sheet name.
    public static func read(path: String, sheet: String? = nil) throws(SpreadsheetError) -> WorkbookInput {
        let reader = try Workbooks.open(path)
        var sheets: [Sheet] = []
        if let sheet {
            sheets.append(try reader.readSheet(try reader.sheetIndex(named: sheet)))
        } else {
            for info in reader.sheets where info.kind == .worksheet { sheets.append(try reader.readSheet(info.index)) }
        }
        return WorkbookInput(file: path, sheets: sheets, styles: reader.styles, dateSystem: reader.dateSystem)
    }
}

/// Turns legacy workbooks into customer drafts: maps every sheet, reads each data row into a customer or a child
/// record with the cell of every field, merges customers spread over sheets (by id, else by normalised name),
/// and links child rows to their customers (by 客户编号, else by name).
public struct RecordExtractor: Sendable {
    public var mapper: SheetMapper
    /// Whether to keep every data row as a `SourceRow` (validation needs them; an import does not).
    public var keepsRows: Bool
    /// Whether kept rows list the cell of every field (`SourceRow.cells`: validation points at them; sync finds
    /// cells by column and does not need them).
    public var keepsRowCells = true

    public init(profile: MappingProfile = MappingProfile(), keepsRows: Bool = true) {
        mapper = SheetMapper(profile: profile)
        self.keepsRows = keepsRows
    }

    /// Reads and extracts files. - Throws: `SpreadsheetError` naming the file that could not be read.
    public func extract(paths: [String], sheet: String? = nil) throws(SpreadsheetError) -> Extraction {
        var inputs: [WorkbookInput] = []
        for p in paths { inputs.append(try WorkbookInput.read(path: p, sheet: sheet)) }
        return extract(inputs)
    }

    /// Extracts workbooks already read.
    public func extract(_ workbooks: [WorkbookInput]) -> Extraction {
        var b = ExtractionBuilder(keepsRows: keepsRows)
        for wb in workbooks {
            b.result.stats.files += 1
            let fileName = (wb.file as NSString).lastPathComponent
            for sheet in wb.sheets where sheet.kind == .worksheet {
                let mapping = mapper.map(sheet, file: wb.file)
                guard let kind = mapping.kind else { continue }
                b.result.stats.sheets += 1
                let reader = FieldReader(monthFirst: mapping.monthFirst, dateSystem: wb.dateSystem,
                                         vocabularies: ModelVocabularies.normalizers)
                b.mappingFindings(mapping, file: fileName, sheet: sheet)
                let plan = SheetPlan(mapping: mapping, kind: kind, file: fileName, sheet: sheet.name)
                var report = Extraction.SheetReport(file: fileName, mapping: mapping, rowsRead: 0, totalsRowsSkipped: 0)
                // Cells come in row-major order; a sheet that broke the order is sorted once.
                let cells = Self.rowMajor(sheet.cells)
                // Each data row's cells, then the rows read side by side in contiguous pieces (each row's reading
                // depends on nothing but the row) and linked in order.
                var rows: [(row: Int, cells: Range<Int>)] = []
                var i = cells.startIndex
                while i < cells.endIndex {
                    let r = cells[i].row
                    var j = i
                    while j < cells.endIndex, cells[j].row == r { j += 1 }
                    if r >= mapping.firstDataRow { rows.append((r, i..<j)) }
                    i = j
                }
                let pieces = Parallel.pieces(for: rows.count, minimum: 2_000)
                let keepsRows = self.keepsRows, keepsCells = keepsRowCells, styles = wb.styles
                let allRows = rows
                let outcomes = Parallel.map(pieces) { k -> [RowOutcome] in
                    let lower = allRows.count * k / pieces, upper = allRows.count * (k + 1) / pieces
                    var rowReader = RowReader(plan: plan, reader: reader, styles: styles, keepsRows: keepsRows,
                                              keepsCells: keepsCells)
                    // One slot per column for the row being read, cleared after it: no per-row dictionaries.
                    var slots = [Cell?](repeating: nil, count: plan.columnCount)
                    var out: [RowOutcome] = []
                    out.reserveCapacity(upper - lower)
                    for (r, range) in allRows[lower..<upper] {
                        for k in range where cells[k].column < slots.count { slots[cells[k].column] = cells[k] }
                        defer { for k in range where cells[k].column < slots.count { slots[cells[k].column] = nil } }
                        let present = plan.presentCount(slots)
                        if present == 0 { continue }
                        if mapping.isTotalsRow(slots: slots) { out.append(.totals); continue }
                        out.append(.row(rowReader.read(r, cells: slots, present: present)))
                    }
                    return out
                }
                for piece in outcomes {
                    for outcome in piece {
                        switch outcome {
                        case .totals: report.totalsRowsSkipped += 1
                        case .row(let draft):
                            report.rowsRead += 1
                            b.add(draft, plan: plan)
                        }
                    }
                }
                b.result.stats.rowsRead += report.rowsRead
                b.result.sheets.append(report)
            }
        }
        b.attachChildren()
        return b.result
    }

    /// What reading a data row gave.
    enum RowOutcome: Sendable {
        case totals
        case row(RowDraft)
    }

    /// The cells sorted by row, then column (stable, so a repeated position keeps its last cell last).
    static func rowMajor(_ cells: [Cell]) -> [Cell] {
        var ordered = true
        for k in cells.indices.dropFirst() {
            let a = cells[k - 1], b = cells[k]
            if a.row > b.row || (a.row == b.row && a.column > b.column) { ordered = false; break }
        }
        if ordered { return cells }
        return cells.enumerated().sorted { x, y in
            (x.element.row, x.element.column, x.offset) < (y.element.row, y.element.column, y.offset)
        }.map(\.element)
    }
}
