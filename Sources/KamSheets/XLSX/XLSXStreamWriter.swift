import Foundation

/// Writes a new XLSX workbook row by row in bounded memory (see `SheetStreamWriter`).
///
/// Each worksheet's XML goes to a scratch file as rows arrive; styles, shared strings (unless
/// `WriteOptions.stringStorage` is `.inline`) and the workbook part are written at `finish()`, when the zip is
/// assembled beside the target and renamed over it.
///
/// Values: numbers, booleans, errors (`t="e"`), text (shared or inline, `_xHHHH_`-escaped where XML cannot
/// hold a character), dates, times and durations as serials in the workbook's date system, with a date, time
/// or `[h]:mm:ss` format when the cell's style has none. Formulas are written with their cached values; ODF
/// formulas (`of:…`) cannot be translated and are dropped, keeping the value.
public final class XLSXStreamWriter: SheetStreamWriter {
    /// The file being written.
    public let path: String
    private let options: WriteOptions
    private let dateSystem: SpreadsheetDate.System
    private let definedNames: [DefinedName]
    private let styles: XLSXStyleTable
    private let sharedStrings: SharedStringsPartWriter?
    private var scratch: TemporaryFolder?
    private var entries: [WorkbookPartWriter.SheetEntry] = []
    private var files: [String] = []
    private var names = Set<String>()
    private var hasSelectedSheet = false
    private var current: (part: WorksheetPart, order: RowOrder, name: String)?
    private var isFinished = false

    /// Starts a workbook at `path` (nothing is written there before `finish()`).
    /// - Parameters:
    ///   - styles: the styles `Cell.style` indexes (index 0 is the default).
    ///   - dateSystem: the epoch of date serials (`date1904` in `workbook.xml`).
    ///   - definedNames: names written to `workbook.xml`.
    /// - Throws: `SpreadsheetError.Reason.writeFailed` when no scratch folder can be made.
    public init(path: String, styles: [CellStyle] = [CellStyle()], dateSystem: SpreadsheetDate.System = .from1900,
                definedNames: [DefinedName] = [], options: WriteOptions = WriteOptions()) throws(SpreadsheetError) {
        self.path = path
        self.options = options
        self.dateSystem = dateSystem
        self.definedNames = definedNames
        self.styles = XLSXStyleTable(styles: styles.isEmpty ? [CellStyle()] : styles)
        let folder = try TemporaryFolder(parent: options.scratchFolder)
        scratch = folder
        sharedStrings = options.stringStorage == .shared
            ? SharedStringsPartWriter(itemsPath: folder.file("sharedStrings-items.xml")) : nil
    }

    public func beginSheet(_ sheet: Sheet) throws(SpreadsheetError) {
        guard !isFinished, let scratch else { throw closed() }
        if current != nil { try endSheet() }
        try SheetNameRules.check(sheet.name, format: .xlsx, taken: &names, file: path)
        var header = sheet
        header.cells = []
        let isSelected = !hasSelectedSheet && sheet.visibility == .visible
        if isSelected { hasSelectedSheet = true }
        let file = scratch.file("sheet\(files.count + 1).xml")
        let part = WorksheetPart(sink: try FileSink(path: file), sheet: header, isSelected: isSelected,
                                 styles: styles, sharedStrings: sharedStrings, dateSystem: dateSystem)
        try part.writeStart()
        entries.append(.init(name: sheet.name, visibility: sheet.visibility))
        files.append(file)
        current = (part, RowOrder(requiredRows: Set(sheet.rowHeights.keys).union(sheet.hiddenRows)), sheet.name)
    }

    public func writeRow(_ cells: [Cell]) throws(SpreadsheetError) {
        guard var sheet = current else { throw closed() }
        guard !cells.isEmpty else { return }
        let row = try sheet.order.accept(cells, file: path, sheet: sheet.name)
        for empty in sheet.order.requiredRows(before: row) { try sheet.part.writeEmptyRow(empty) }
        current = sheet
        try sheet.part.writeRow(row, cells)
    }

    public func endSheet() throws(SpreadsheetError) {
        guard var sheet = current else { return }
        current = nil
        for empty in sheet.order.remainingRows() { try sheet.part.writeEmptyRow(empty) }
        try sheet.part.writeEnd()
    }

    public func finish() throws(SpreadsheetError) {
        guard !isFinished, let scratch else { throw closed() }
        try endSheet()
        defer { discard() }
        guard !entries.isEmpty else {
            throw SpreadsheetError(.invalidValue("a workbook needs at least one sheet"), file: path)
        }
        guard hasSelectedSheet else {
            throw SpreadsheetError(.invalidValue("a workbook needs at least one visible sheet"), file: path)
        }
        let packager = XLSXPackager(
            workbook: WorkbookPartWriter(sheets: entries, dateSystem: dateSystem, definedNames: definedNames),
            worksheetFiles: files, styles: styles, sharedStrings: sharedStrings,
            created: options.created ?? Date(), scratch: scratch, file: path)
        try ZipPackageCommit.write(to: path, options: options) { zip throws(SpreadsheetError) in
            try packager.write(into: zip)
        }
    }

    public func discard() {
        isFinished = true
        current = nil
        scratch?.remove()
        scratch = nil
    }

    private func closed() -> SpreadsheetError {
        SpreadsheetError(.writeFailed("the writer is already finished"), file: path)
    }
}

@available(*, unavailable)
extension XLSXStreamWriter: Sendable {}
