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
                b.startSheet(plan)
                var report = Extraction.SheetReport(file: fileName, mapping: mapping, rowsRead: 0, totalsRowsSkipped: 0)
                // Cells come in row-major order; a sheet that broke the order is sorted once.
                let cells = Self.rowMajor(sheet.cells)
                // One slot per column for the row being read, cleared after it: no per-row dictionaries.
                var slots = [Cell?](repeating: nil, count: plan.columnCount)
                var i = cells.startIndex
                while i < cells.endIndex {
                    let r = cells[i].row
                    var j = i
                    while j < cells.endIndex, cells[j].row == r { j += 1 }
                    defer { i = j }
                    guard r >= mapping.firstDataRow else { continue }
                    for k in i..<j where cells[k].column < slots.count { slots[cells[k].column] = cells[k] }
                    defer { for k in i..<j where cells[k].column < slots.count { slots[cells[k].column] = nil } }
                    let present = plan.presentCount(slots)
                    if present == 0 { continue }
                    if mapping.isTotalsRow(slots: slots) { report.totalsRowsSkipped += 1; continue }
                    report.rowsRead += 1
                    b.readRow(r, cells: slots, present: present, plan: plan, reader: reader, styles: wb.styles)
                }
                b.result.stats.rowsRead += report.rowsRead
                b.result.sheets.append(report)
            }
        }
        b.attachChildren()
        return b.result
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
