/// Writes a workbook as a new file, XLSX or ODS by the path's extension, replacing any file atomically.
///
/// Built on the stream writers (`XLSXStreamWriter`, `ODSStreamWriter`): one code path for small and huge
/// workbooks. Timing `kam convert` times this.
public enum WorkbookWriter {
    /// The stream writer for `path`'s extension (`.xlsx`/`.xlsm` → XLSX, `.ods` → ODS).
    /// - Throws: `SpreadsheetError.Reason.invalidValue` for another extension, `.writeFailed`.
    public static func streamWriter(
        for path: String, styles: [CellStyle] = [CellStyle()], dateSystem: SpreadsheetDate.System = .from1900,
        definedNames: [DefinedName] = [], options: WriteOptions = WriteOptions()
    ) throws(SpreadsheetError) -> any SheetStreamWriter {
        switch SpreadsheetFormat.forExtension(of: path) {
        case .xlsx?:
            return try XLSXStreamWriter(path: path, styles: styles, dateSystem: dateSystem,
                                        definedNames: definedNames, options: options)
        case .ods?:
            return try ODSStreamWriter(path: path, styles: styles, dateSystem: dateSystem,
                                       definedNames: definedNames, options: options)
        case nil:
            throw SpreadsheetError(.invalidValue("the file name must end in .xlsx, .xlsm or .ods"), file: path)
        }
    }

    /// Writes `workbook` to `path`, replacing an existing file only once the new one is complete.
    /// - Throws: `SpreadsheetError`: `.invalidValue` (unknown extension, a sheet name the format refuses, no
    ///   visible sheet), `.invalidCellReference` (a cell out of bounds or two cells at one position),
    ///   `.writeFailed`. On error the target is untouched.
    public static func write(_ workbook: Workbook, to path: String,
                             options: WriteOptions = WriteOptions()) throws(SpreadsheetError) {
        let writer = try streamWriter(for: path, styles: workbook.styles, dateSystem: workbook.dateSystem,
                                      definedNames: workbook.definedNames, options: options)
        do {
            for sheet in workbook.sheets { try writer.writeSheet(sheet) }
            try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
    }
}
