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

    public init(profile: MappingProfile = MappingProfile()) {
        mapper = SheetMapper(profile: profile)
    }

    /// Reads and extracts files. - Throws: `SpreadsheetError` naming the file that could not be read.
    public func extract(paths: [String], sheet: String? = nil) throws(SpreadsheetError) -> Extraction {
        var inputs: [WorkbookInput] = []
        for p in paths { inputs.append(try WorkbookInput.read(path: p, sheet: sheet)) }
        return extract(inputs)
    }

    /// Extracts workbooks already read.
    public func extract(_ workbooks: [WorkbookInput]) -> Extraction {
        var b = ExtractionBuilder()
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
                var report = Extraction.SheetReport(file: fileName, mapping: mapping, rowsRead: 0, totalsRowsSkipped: 0)
                var byRow: [Int: [Int: Cell]] = [:]
                for cell in sheet.cells where cell.row >= mapping.firstDataRow { byRow[cell.row, default: [:]][cell.column] = cell }
                let headerColumns = Set(mapping.columns.map(\.column))
                for r in byRow.keys.sorted() {
                    guard let cells = byRow[r] else { continue }
                    let present = cells.values.filter { c in
                        headerColumns.contains(c.column) && !TextFolding.trim(c.value?.text ?? "").isEmpty
                            && { if case .error = c.value { return false }; return true }()
                    }
                    if present.isEmpty { continue }
                    if mapping.isTotalsRow(Array(cells.values)) { report.totalsRowsSkipped += 1; continue }
                    report.rowsRead += 1
                    b.readRow(r, cells: cells, present: present.count, mapping: mapping, kind: kind, reader: reader,
                              styles: wb.styles, file: fileName, sheet: sheet.name)
                }
                b.result.stats.rowsRead += report.rowsRead
                b.result.sheets.append(report)
            }
        }
        b.attachChildren()
        return b.result
    }
}
