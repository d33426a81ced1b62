import Foundation

/// Writes a new ODS spreadsheet row by row in bounded memory (see `SheetStreamWriter`).
///
/// Each table's rows go to a scratch file; `finish()` writes `content.xml` (automatic styles first, then the
/// tables copied from their scratch files) and the other parts, and moves the package into place.
///
/// Values: `float`, `percentage` (when the style's format has `%`), `date` (dates and date-times),
/// `time` (times of day and durations), `boolean` and `string`. Errors have no ODF type and are written as
/// their text. Formulas are kept only when given in ODF syntax (`of:…`); an Excel formula cannot be translated
/// reliably, so only its cached value is written. Hidden and very hidden sheets are both written hidden
/// (`table:display="false"`); ODS has no "very hidden". Merged ranges must be given in `beginSheet`.
public final class ODSStreamWriter: SheetStreamWriter {
    /// The file being written.
    public let path: String
    private let options: WriteOptions
    private let definedNames: [DefinedName]
    private let styles: ODSStyleTable
    private var scratch: TemporaryFolder?
    private var tables: [ODSContentPart.Table] = []
    private var names = Set<String>()
    private var current: (part: ODSTablePart, order: RowOrder, file: String)?
    private var isFinished = false

    /// Starts a spreadsheet at `path` (nothing is written there before `finish()`).
    /// - Parameters:
    ///   - styles: the styles `Cell.style` indexes (index 0 is the default).
    ///   - dateSystem: unused by ODS values (dates are written as ISO text); accepted for symmetry.
    ///   - definedNames: plain `Sheet!$A$1:$B$2` ranges become named ranges; others are dropped.
    /// - Throws: `SpreadsheetError.Reason.writeFailed` when no scratch folder can be made.
    public init(path: String, styles: [CellStyle] = [CellStyle()], dateSystem: SpreadsheetDate.System = .from1900,
                definedNames: [DefinedName] = [], options: WriteOptions = WriteOptions()) throws(SpreadsheetError) {
        self.path = path
        self.options = options
        self.definedNames = definedNames
        self.styles = ODSStyleTable(styles: styles.isEmpty ? [CellStyle()] : styles)
        scratch = try TemporaryFolder(parent: options.scratchFolder)
    }

    public func beginSheet(_ sheet: Sheet) throws(SpreadsheetError) {
        guard !isFinished, let scratch else { throw closed() }
        if current != nil { try endSheet() }
        try SheetNameRules.check(sheet.name, format: .ods, taken: &names, file: path)
        var header = sheet
        header.cells = []
        let file = scratch.file("table\(tables.count + 1).xml")
        let part = ODSTablePart(sink: try FileSink(path: file), sheet: header, styles: styles)
        let required = Set(sheet.rowHeights.keys).union(sheet.hiddenRows).union(part.mergedRows)
        current = (part, RowOrder(requiredRows: required), file)
    }

    public func writeRow(_ cells: [Cell]) throws(SpreadsheetError) {
        guard var sheet = current else { throw closed() }
        guard !cells.isEmpty else { return }
        let row = try sheet.order.accept(cells, file: path, sheet: sheet.part.sheet.name)
        for empty in sheet.order.requiredRows(before: row) { try sheet.part.writeRow(empty, []) }
        current = sheet
        try sheet.part.writeRow(row, cells)
    }

    public func endSheet() throws(SpreadsheetError) {
        guard var sheet = current else { return }
        current = nil
        for empty in sheet.order.remainingRows() { try sheet.part.writeRow(empty, []) }
        try sheet.part.writeEnd()
        tables.append(.init(sheet: sheet.part.sheet, rowsFile: sheet.file, maxColumn: sheet.part.maxColumn))
    }

    public func finish() throws(SpreadsheetError) {
        guard !isFinished, let scratch else { throw closed() }
        try endSheet()
        defer { discard() }
        guard !tables.isEmpty else {
            throw SpreadsheetError(.invalidValue("a workbook needs at least one sheet"), file: path)
        }
        guard let active = tables.first(where: { $0.sheet.visibility == .visible }) else {
            throw SpreadsheetError(.invalidValue("a workbook needs at least one visible sheet"), file: path)
        }
        let packager = ODSPackager(
            content: ODSContentPart(tables: tables, styles: styles, definedNames: definedNames),
            settings: ODSSettingsPart(tables: tables.map { ($0.sheet.name, $0.sheet.frozen) },
                                      activeTable: active.sheet.name),
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
extension ODSStreamWriter: Sendable {}
